/* Text helpers the rules share: UTF-8 stepping, spaces (including the
 * no-break spaces documents are full of), letters, case-insensitive
 * prefixes, folded comparison keys, and the pieces a paragraph's text
 * falls into at line breaks and tabs. */
#ifndef VB_PROOF_TEXT_H
#define VB_PROOF_TEXT_H
#include <stddef.h>
#include <stdint.h>

#include "fmt/doc.h"
#include "util/buf.h"

/* The code point at s[*i] (n bytes in all); *i moves past it. Bad bytes
 * come out as U+FFFD, one byte each. */
uint32_t pt_next(const char *s, size_t n, size_t *i);
/* White space: ASCII, U+00A0, U+2000-U+200B, U+202F, U+3000, U+FEFF. */
int pt_space(uint32_t c);
/* A letter of Latin script (Vietnamese included) or a combining mark. */
int pt_letter(uint32_t c);
int pt_digit(uint32_t c);

/* [*off, *off + *len) without leading and trailing spaces. */
void pt_trim(const char *s, size_t *off, size_t *len);
/* s with every run of spaces as one ASCII space, trimmed. */
void pt_collapse(vb_buf *out, const char *s, size_t n);
/* s lower-cased without diacritics (vi_fold's key) with spaces collapsed:
 * the comparison key of a name. */
void pt_key(vb_buf *out, const char *s, size_t n);

/* If s (n bytes) starts with `lower` (lower-case UTF-8) ignoring case and
 * with any run of spaces in s matching one space of `lower`, the bytes of s
 * matched; else 0. The match must end at a word boundary. */
size_t pt_prefix(const char *s, size_t n, const char *lower);
/* Same, anywhere in s: the offset of the first match, or (size_t)-1;
 * *mlen gets its length. */
size_t pt_find(const char *s, size_t n, const char *lower, size_t *mlen);

/* The base letter of a code point, lower-case ASCII ("Ấ" → 'a', "đ" →
 * 'd'), 0 for a combining mark, 0xFF for anything that is not a letter. */
unsigned char pt_fold_char(uint32_t c);
/* Lower case of the letters Vietnamese uses (others unchanged). */
uint32_t pt_lower(uint32_t c);
int pt_is_lower(uint32_t c);

/* 1 when s holds one of the byte strings a or b (NULL: none): a cheap test
 * before a case-insensitive search, with a and b the lower- and upper-case
 * spelling of a distinctive part of the word looked for. */
int pt_has(const char *s, size_t n, const char *a, const char *b);

/* 1 when every letter of s is upper case (and there is one). */
int pt_all_upper(const char *s, size_t n);

/* The pieces of a paragraph: text between line breaks and runs of tabs,
 * trimmed, non-empty. Returns how many (at most max). */
typedef struct pt_piece {
  size_t off, len;
} pt_piece;
size_t pt_pieces(const vb_doc_para *p, pt_piece *out, size_t max);

/* The first words of s (about 40 characters, cut at a word) for places. */
void pt_first_words(vb_buf *out, const char *s, size_t n, size_t max_chars);

#endif
