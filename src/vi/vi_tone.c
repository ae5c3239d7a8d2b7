/* Tone-mark placement in the open syllables oa, oe, uy: the traditional style puts
 * the tone on the first vowel (hòa, thủy), the phonological one on the second (hoà,
 * thuỷ). Work is done on NFD text, where the tone is a combining mark that can be
 * moved from one vowel to the other, and the result is recomposed to NFC. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

static int is_tone_mark(UChar c) {
  /* huyền, sắc, ngã, hỏi, nặng */
  return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

static int is_onset_consonant(UChar c) {
  /* Lower-case letters that may start a Vietnamese syllable, đ (U+0111) included. */
  return c == 0x0111 || (c > 0 && c < 0x80 && strchr("bcdghklmnpqrstvx", (char)c) != NULL);
}

/* One letter of an NFD syllable: its base and the marks that follow it. */
typedef struct letter {
  int32_t at;  /* index of the base in the word */
  UChar lower; /* lower-cased base */
  UChar tone;  /* the tone mark, 0 if none */
  int marks;   /* number of combining marks, tone included */
} letter;

/* A style-specific syllable found in a word. */
typedef struct syllable {
  vi_tone_style style; /* where the tone is now; VI_TONE_NONE: nothing to do */
  int32_t v1, v2;      /* indices of the two vowel bases */
  UChar tone;
} syllable;

/* Vietnamese syllables have at most 7 letters ("nghiêng"); longer words are not ours. */
#define MAX_LETTERS 8

static syllable analyse(const UChar *w, int32_t n) {
  syllable none = {VI_TONE_NONE, 0, 0, 0};
  letter letters[MAX_LETTERS];
  int count = 0;
  for (int32_t i = 0; i < n; i++) {
    UChar c = w[i];
    if (u_getCombiningClass(c) > 0) {
      if (count == 0) return none;
      letter *l = &letters[count - 1];
      l->marks++;
      if (is_tone_mark(c)) l->tone = c;
      continue;
    }
    if (count == MAX_LETTERS || U16_IS_SURROGATE(c)) return none;
    letters[count++] = (letter){i, (UChar)u_tolower(c), 0, 0};
  }
  if (count < 2 || count > 5) return none;
  const letter *a = &letters[count - 2], *b = &letters[count - 1];
  int pair = (a->lower == 'o' && (b->lower == 'a' || b->lower == 'e')) ||
             (a->lower == 'u' && b->lower == 'y');
  /* Exactly one mark over both vowels, and it is a tone: a breve, circumflex or horn
   * (oă, uê, uơ...) makes a different syllable whose tone place is fixed. */
  if (!pair || a->marks + b->marks != 1 || !(a->tone || b->tone)) return none;
  for (int i = 0; i < count - 2; i++)
    if (letters[i].marks || !is_onset_consonant(letters[i].lower)) return none;
  /* In "quý" the u belongs to the consonant qu, so y is the only vowel. */
  if (a->lower == 'u' && count > 2 && letters[count - 3].lower == 'q') return none;
  syllable s = {a->tone ? VI_TONE_OLD : VI_TONE_NEW, a->at, b->at, a->tone ? a->tone : b->tone};
  return s;
}

/* The code point before index *i (moved back over it), or -1 at the start;
 * malformed UTF-8 gives a negative value too. */
static int32_t prev_code_point(const uint8_t *s, int32_t *i) {
  if (*i <= 0) return -1;
  UChar32 c;
  U8_PREV(s, 0, *i, c);
  return c;
}

/* The letter before index *i, stepping over combining marks (NFD text has
 * the tone after its vowel). */
static int32_t prev_letter(const uint8_t *s, int32_t *i) {
  int32_t c;
  do
    c = prev_code_point(s, i);
  while (c > 0 && u_getCombiningClass(c) > 0);
  return c;
}

/* An ASCII letter that cannot be the given vowel of the pair rules the word
 * out without converting it: most words end in a consonant or another vowel. */
static int ascii_rules_out(int32_t c, const char *allowed) {
  return c >= 0 && c < 0x80 && !strchr(allowed, (char)c);
}

vi_tone_style vi_tone_style_of_word(const char *word, size_t n) {
  if (n < (size_t)INT32_MAX) {
    int32_t at = (int32_t)n;
    if (ascii_rules_out(prev_letter((const uint8_t *)word, &at), "aeyAEY") ||
        ascii_rules_out(prev_letter((const uint8_t *)word, &at), "ouOU"))
      return VI_TONE_NONE;
  }
  int32_t len = 0, nfd_len = 0;
  UChar *u = vi_u16_from_utf8(word, n, &len);
  UChar *nfd = vi_u16_normalize(1, u, len, &nfd_len);
  vi_tone_style style = analyse(nfd, nfd_len).style;
  free(nfd);
  free(u);
  return style;
}

static int is_word_char(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_MN_MASK)) != 0;
}

void vi_set_tone_style(vb_buf *out, const char *s, vi_tone_style style) {
  int32_t len = 0, nfd_len = 0;
  UChar *u = vi_u16_from_utf8(s, (size_t)-1, &len);
  UChar *nfd = vi_u16_normalize(1, u, len, &nfd_len);
  free(u);
  if (style != VI_TONE_NONE) {
    int32_t i = 0;
    while (i < nfd_len) {
      int32_t start = i;
      UChar32 c;
      U16_NEXT(nfd, i, nfd_len, c);
      if (!is_word_char(c)) continue;
      int32_t end = i;
      while (end < nfd_len) {
        int32_t next = end;
        U16_NEXT(nfd, next, nfd_len, c);
        if (!is_word_char(c)) break;
        end = next;
      }
      syllable syl = analyse(nfd + start, end - start);
      if (syl.style != VI_TONE_NONE && syl.style != style) {
        /* The syllable ends "V1 [tone] V2 [tone]" with one tone: rewrite those
         * three code units in place with the tone after the other vowel. */
        UChar v1 = nfd[start + syl.v1], v2 = nfd[start + syl.v2];
        int32_t at = start + syl.v1;
        if (style == VI_TONE_OLD) {
          nfd[at] = v1;
          nfd[at + 1] = syl.tone;
          nfd[at + 2] = v2;
        } else {
          nfd[at] = v1;
          nfd[at + 1] = v2;
          nfd[at + 2] = syl.tone;
        }
      }
      i = end;
    }
  }
  int32_t nfc_len = 0;
  UChar *nfc = vi_u16_normalize(0, nfd, nfd_len, &nfc_len);
  vi_put_u16(out, nfc, nfc_len);
  free(nfc);
  free(nfd);
}
