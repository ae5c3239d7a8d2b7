/* Amounts in words, formatted by ICU's rule-based number formatter with our own
 * Vietnamese rules. ICU 72's built-in vi spellout skips "không trăm" after a scale
 * word (1.000.005 -> "một triệu lẻ năm"), which is not how amounts are read in
 * accounting documents, so the rules below are ours. */
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <unicode/unum.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

/* The rule text, with %s for the three words that vary by flag (in this order):
 * linh/lẻ, tư/bốn, nghìn/ngàn (nghìn appears twice). Rule sets:
 *  %vi-amount   the number as a whole; its leading group is read as is ("năm nghìn").
 *  %%group      a remainder after a scale word (nghìn, triệu, tỷ): every group is read
 *               in full, with "không trăm" when its hundreds digit is 0; RBNF's [...]
 *               drops a remainder that is 0, which skips all-zero groups.
 *  %%tail       what follows "trăm": 1-9 as "linh x", 10-99 as the tens.
 *  %%after-muoi the units after "mười" (11-19): 5 is "lăm", 1 and 4 stay.
 *  %%after-tens the units after "hai mươi" ... "chín mươi": 1 is "mốt", 4 "tư",
 *               5 "lăm".
 * The tỷ rule is the last: above it the quotient is spelled by %vi-amount again, so
 * 10^12 is "một nghìn tỷ" and 10^18 "một tỷ tỷ". */
static const char rules_template[] =
    "%%vi-amount:\n"
    "-x: âm >>;\n"
    "0: không; 1: một; 2: hai; 3: ba; 4: bốn; 5: năm; 6: sáu; 7: bảy; 8: tám; 9: chín;\n"
    "10: mười[ >%%%%after-muoi>];\n"
    "20: << mươi[ >%%%%after-tens>];\n"
    "100: << trăm[ >%%%%tail>];\n"
    "1000: << %s[ >%%%%group>];\n"
    "1000000: << triệu[ >%%%%group>];\n"
    "1000000000: << tỷ[ >%%%%group>];\n"
    "%%%%group:\n"
    "0: không trăm =%%%%tail=;\n"
    "100: =%%vi-amount=;\n"
    "1000: <%%%%group< %s[ >%%%%group>];\n"
    "1000000: <%%%%group< triệu[ >%%%%group>];\n"
    "%%%%tail:\n"
    "0: %s =%%vi-amount=;\n"
    "10: =%%vi-amount=;\n"
    "%%%%after-muoi:\n"
    "1: một; 2: hai; 3: ba; 4: bốn; 5: lăm; 6: sáu; 7: bảy; 8: tám; 9: chín;\n"
    "%%%%after-tens:\n"
    "1: mốt; 2: hai; 3: ba; 4: %s; 5: lăm; 6: sáu; 7: bảy; 8: tám; 9: chín;\n";

/* Only these flags change the rules; the others are applied after formatting. */
#define RULE_FLAGS (VI_WORDS_LE | VI_WORDS_BON | VI_WORDS_NGAN)

/* One formatter per combination of rule flags, created on first use. Formatting
 * holds the mutex because ICU does not promise that RBNF formatting is thread-safe. */
static pthread_mutex_t words_lock = PTHREAD_MUTEX_INITIALIZER;
static UNumberFormat *words_fmt[RULE_FLAGS + 1];

static UNumberFormat *words_fmt_locked(unsigned flags) {
  unsigned key = flags & RULE_FLAGS;
  if (words_fmt[key]) return words_fmt[key];
  const char *thousand = key & VI_WORDS_NGAN ? "ngàn" : "nghìn";
  char *rules = vb_xasprintf(rules_template, thousand, thousand, key & VI_WORDS_LE ? "lẻ" : "linh",
                             key & VI_WORDS_BON ? "bốn" : "tư");
  int32_t rules_len = 0;
  UChar *rules16 = vi_u16_from_utf8(rules, (size_t)-1, &rules_len);
  free(rules);
  UParseError parse_error;
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt =
      unum_open(UNUM_PATTERN_RULEBASED, rules16, rules_len, "vi", &parse_error, &status);
  free(rules16);
  if (U_FAILURE(status)) vi_icu_fail("unum_open(RBNF rules for Vietnamese words)", status);
  words_fmt[key] = fmt;
  return fmt;
}

void vi_words_cleanup(void) {
  pthread_mutex_lock(&words_lock);
  for (size_t i = 0; i < sizeof words_fmt / sizeof words_fmt[0]; i++) {
    if (words_fmt[i]) unum_close(words_fmt[i]);
    words_fmt[i] = NULL;
  }
  pthread_mutex_unlock(&words_lock);
}

void vi_spell_number(vb_buf *out, long long n, unsigned flags) {
  if (n == LLONG_MIN) {
    /* ICU's RBNF negates the value, which cannot be done for -2^63; rather than let it
     * fall back to whatever it does, write the digits. */
    vi_format_integer(out, n);
    if (flags & VI_WORDS_DONG) vb_buf_puts(out, " đồng");
    return;
  }
  UChar stack[256];
  UChar *u = stack;
  UErrorCode status = U_ZERO_ERROR;
  pthread_mutex_lock(&words_lock);
  UNumberFormat *fmt = words_fmt_locked(flags);
  int32_t len =
      unum_formatInt64(fmt, n, u, (int32_t)(sizeof stack / sizeof stack[0]), NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    u = vb_xmalloc(((size_t)len + 1) * sizeof(UChar));
    status = U_ZERO_ERROR;
    len = unum_formatInt64(fmt, n, u, len + 1, NULL, &status);
  }
  pthread_mutex_unlock(&words_lock);
  if (U_FAILURE(status)) vi_icu_fail("unum_formatInt64(RBNF)", status);
  if (flags & VI_WORDS_CAPITAL) {
    vb_buf words = VB_BUF_INIT;
    vi_put_u16(&words, u, len);
    vi_capitalize_first(out, vb_buf_cstr(&words));
    vb_buf_free(&words);
  } else {
    vi_put_u16(out, u, len);
  }
  if (u != stack) free(u);
  if (flags & VI_WORDS_DONG) vb_buf_puts(out, " đồng");
}
