/* Vietnamese text formatting for administrative documents: numbers, percentages,
 * dates (ND 30/2020 rules), amounts in words, case mapping, collation, Unicode checks,
 * tone-mark placement styles and section numbering.
 *
 * All strings are UTF-8 in and out. Every formatter appends to a vb_buf and never
 * clears it, so callers can build a line piece by piece. The ICU objects behind these
 * functions are created on first use and shared between threads (each behind its own
 * mutex), so any function may be called from several rendering threads at once.
 * vi_cleanup() releases them at exit. See docs/vi.md for the rules in detail. */
#ifndef VB_VI_VI_H
#define VB_VI_VI_H
#include <stddef.h>

#include "util/buf.h"

/* ---- Numbers (vi_number.c) ---------------------------------------------------- */

/* Append x with Vietnamese separators: "." groups thousands (from 4 digits on:
 * 2.335), "," is the decimal mark, "-" the minus sign. Between min_frac and max_frac
 * fraction digits are shown (trailing zeros beyond min_frac are dropped) and the
 * value is rounded HALF-UP on its shortest decimal representation, so 41.65 with
 * max_frac 1 gives "41,7". A value that rounds to zero never shows a minus sign.
 * NaN and infinities come out as ICU writes them ("NaN", "∞", "-∞"). */
void vi_format_number(vb_buf *out, double x, int min_frac, int max_frac);

/* Append a percentage: percent is already multiplied by 100. Rounded half-up to at
 * most max_frac digits, trailing zeros dropped, "%" attached without a space:
 * 58.6 -> "58,6%", 100.0 -> "100%", 41.666 (max_frac 1) -> "41,7%". */
void vi_format_percent(vb_buf *out, double percent, int max_frac);

/* Like vi_format_percent but always shows exactly frac fraction digits:
 * 63.0 with frac 1 -> "63,0%". */
void vi_format_percent_fixed(vb_buf *out, double percent, int frac);

/* ---- Dates (vi_date.c) ---------------------------------------------------------- */

/* Parse a date written as ISO "2024-06-13", "2024-06" (day unknown: *d = 0) or
 * "2024" (*m = *d = 0), or Vietnamese "13/06/2024", "13/6/2024", "06/2024", "6/2024"
 * (day unknown). Years are 4 digits (1000-9999); ISO months and days are 2 digits,
 * Vietnamese ones 1 or 2. The date must exist in the Gregorian calendar (2024-02-30
 * is rejected). No surrounding spaces are allowed. Returns 0 and fills *y, *m, *d on
 * success; returns -1 and leaves them untouched otherwise. */
int vi_parse_date(const char *s, int *y, int *m, int *d);

/* Append the long form used in the header of documents (ND 30/2020, Phụ lục I, II.4):
 * "ngày 05 tháng 02 năm 2024", "ngày 13 tháng 6 năm 2024". Days 1-9 and months 1-2
 * get a leading zero, other months none. For drafts: d == 0 leaves the day blank,
 * m == 0 leaves the month blank, each blank being the whole gap between the two words
 * around it, made of 6 NO-BREAK SPACES (U+00A0): "ngày" + 6 x U+00A0 + "tháng 6 năm 2024";
 * y == 0 writes the year as "20..". Values are not validated. */
void vi_format_date_long(vb_buf *out, int y, int m, int d);

/* Append the short form dd/mm/yyyy with a 2-digit day and month: "13/06/2024".
 * A partial date is shortened rather than padded: d == 0 gives "06/2024", d == 0 and
 * m == 0 gives "2024"; y == 0 writes the year as "20..". */
void vi_format_date_short(vb_buf *out, int y, int m, int d);

/* ---- Amounts in words (vi_words.c) ---------------------------------------------- */

/* Options for vi_spell_number; combine with |. */
typedef enum vi_words_flags {
  VI_WORDS_CAPITAL = 1u << 0, /* upper-case the first letter: "Hai tỷ ..." */
  VI_WORDS_DONG = 1u << 1,    /* append " đồng" */
  VI_WORDS_LE = 1u << 2,      /* "một trăm lẻ năm" instead of "một trăm linh năm" */
  VI_WORDS_BON = 1u << 3,     /* "hai mươi bốn" instead of "hai mươi tư" */
  VI_WORDS_NGAN = 1u << 4     /* "một ngàn" instead of "một nghìn" */
} vi_words_flags;

/* Append n in Vietnamese words as read in accounting, formatted by ICU's rule-based
 * number formatter with our own rules: every three-digit group after the leading one
 * that is not all zero is read in full ("một triệu không trăm linh năm"), all-zero
 * groups are skipped, scales are nghìn, triệu, tỷ and then nghìn tỷ, triệu tỷ, tỷ tỷ.
 * Negative numbers start with "âm". flags is a combination of vi_words_flags.
 * LLONG_MIN alone cannot be spelled (ICU negates the value) and is written in digits,
 * "-9.223.372.036.854.775.808" (" đồng" still appended with VI_WORDS_DONG). */
void vi_spell_number(vb_buf *out, long long n, unsigned flags);

/* ---- Case mapping (vi_case.c) --------------------------------------------------- */

/* Append s upper-cased with Vietnamese rules (ICU, locale "vi"):
 * "Ủy ban nhân dân xã Hà Tân" -> "ỦY BAN NHÂN DÂN XÃ HÀ TÂN", "đ" -> "Đ". */
void vi_upper(vb_buf *out, const char *s);

/* Append s lower-cased with Vietnamese rules (ICU, locale "vi"). */
void vi_lower(vb_buf *out, const char *s);

/* Append s with its first letter (the first alphabetic code point, after any leading
 * punctuation or spaces) in title case and everything else unchanged:
 * "ủy ban" -> "Ủy ban", "(đã ký)" -> "(Đã ký)". */
void vi_capitalize_first(vb_buf *out, const char *s);

/* ---- Folding (vi_fold.c) ------------------------------------------------------ */

/* Append the n bytes at s lower-cased, with every diacritic removed (tone marks
 * and the marks of ă â ê ô ơ ư) and đ as d: the key under which "Hà Tân",
 * "HÀ TÂN", "Hà Tấn" and "Ha Tan" are one name. */
void vi_fold(vb_buf *out, const char *s, size_t n);

/* ---- Suggestions (vi_suggest.c) ------------------------------------------------ */

/* The name of the NULL-terminated list `known` that `word` most likely
 * mistypes ("có phải là …?"), or NULL. Compared in NFC without case, tone
 * marks or the marks of ă â ê ô ơ ư (đ as d), by edit distance in characters
 * (a swap of neighbours counts one): at most 1 for words of up to 4
 * characters, 2 up to 8, 3 beyond; the closest wins, the first on a tie.
 * Failing that, a name that has the word as a whole part between "_", " ",
 * "-" or "." (hoa_dau → viet_hoa_dau), or is such a part of it and at least
 * half as long. NULL when word is one of the names. */
const char *vi_suggest(const char *word, const char *const *known);

/* ---- Collation (vi_collate.c) --------------------------------------------------- */

/* Compare two strings in Vietnamese dictionary order (ICU collator "vi"):
 * a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, letters before tones,
 * tones ordered none, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ), then case.
 * Returns <0, 0 or >0 like strcmp. */
int vi_collate(const char *a, const char *b);

/* Sort n strings in place with vi_collate; stable (equal strings keep their order). */
void vi_sort(const char **items, size_t n);

/* Compare two person names the Vietnamese way: by given name (last word) first, then
 * family name (first word), then the middle names, each with vi_collate; a full-string
 * comparison breaks remaining ties. "Nguyễn Văn An" < "Lê Văn Bình" < "Trần Thị Bình". */
int vi_collate_person(const char *a, const char *b);

/* Sort n person names in place with vi_collate_person; stable. */
void vi_sort_person(const char **names, size_t n);

/* ---- Unicode (vi_unicode.c) ----------------------------------------------------- */

/* Check that the n bytes at s are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF, no truncated sequence). Returns 0 if valid;
 * otherwise -1 and, if bad_offset is not NULL, the offset of the first byte of the
 * first ill-formed sequence. */
int vi_utf8_check(const char *s, size_t n, size_t *bad_offset);

/* Append the NFC form of the n bytes at s (ICU unorm2). Ill-formed UTF-8 sequences
 * are replaced by U+FFFD. */
void vi_nfc(vb_buf *out, const char *s, size_t n);

/* Return 1 if the n bytes at s are well-formed UTF-8 already in NFC, 0 otherwise. */
int vi_is_nfc(const char *s, size_t n);

/* ---- Tone-mark placement (vi_tone.c) -------------------------------------------- */

/* Where the tone mark goes in the open syllables oa, oe, uy (no final consonant):
 *  VI_TONE_OLD: the traditional ("kiểu cũ", aesthetic) style, on the first vowel:
 *               hòa, hòe, thủy, khỏe, Ủy ban. Used by most current administrative text.
 *  VI_TONE_NEW: the phonological ("kiểu mới") style, on the main (second) vowel:
 *               hoà, hoè, thuỷ, khoẻ, Uỷ ban.
 *  VI_TONE_NONE: the syllable looks the same in both styles. */
typedef enum { VI_TONE_NONE, VI_TONE_OLD, VI_TONE_NEW } vi_tone_style;

/* Tell which style the single syllable (n bytes at word, NFC or NFD) shows. Only
 * oa, oe and uy with a tone mark and nothing after them count ("hoà" -> NEW,
 * "hòa" -> OLD); "hoàng", "quý", "hoa", "huế" -> NONE. */
vi_tone_style vi_tone_style_of_word(const char *word, size_t n);

/* Append s (UTF-8, normalised to NFC on the way) with every style-specific syllable
 * rewritten to style; everything else is copied unchanged. VI_TONE_NONE copies s as
 * NFC. */
void vi_set_tone_style(vb_buf *out, const char *s, vi_tone_style style);

/* ---- Section numbering (vi_numbering.c) ----------------------------------------- */

/* Append n as an upper-case Roman numeral (1 -> I, 4 -> IV, 14 -> XIV, 40 -> XL).
 * Outside 1..3999 the decimal digits are written instead. */
void vi_roman(vb_buf *out, int n);

/* Append the letter of the n-th điểm (point) of a khoản: 1 -> a, 2 -> b, 3 -> c,
 * 4 -> d, 5 -> đ, 6 -> e, 7 -> g, ... 23 -> y, using the 23 letters
 * a b c d đ e g h i k l m n o p q r s t u v x y (no f j w z). Beyond 23 the letters
 * continue like spreadsheet columns: 24 -> aa, 25 -> ab, ..., 46 -> ay, 47 -> ba.
 * n <= 0 writes the decimal digits. */
void vi_letter(vb_buf *out, int n);

/* ---- Lifetime ------------------------------------------------------------------- */

/* Free the cached ICU formatters and collators (for a leak-free exit under valgrind
 * or ASan). Call only when no other thread is using this module; a later call to any
 * vi_ function re-creates what it needs. ICU's own process-wide data is left alone
 * (u_cleanup is not called) because other modules may still use ICU. */
void vi_cleanup(void);

#endif
