/* Numbers and percentages with Vietnamese separators (ICU unum, locale "vi"). */
#include <pthread.h>
#include <stdlib.h>
#include <unicode/unum.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

/* One formatter for the process. Its attributes change per call, so every use holds
 * the mutex from setting them to reading the result. */
static pthread_mutex_t number_lock = PTHREAD_MUTEX_INITIALIZER;
static UNumberFormat *number_fmt;

static void set_symbol(UNumberFormat *fmt, UNumberFormatSymbol symbol, const char *ascii) {
  UChar u[2] = {(UChar)ascii[0], 0};
  UErrorCode status = U_ZERO_ERROR;
  unum_setSymbol(fmt, symbol, u, 1, &status);
  if (U_FAILURE(status)) vi_icu_fail("unum_setSymbol", status);
}

static UNumberFormat *number_fmt_locked(void) {
  if (number_fmt) return number_fmt;
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *fmt = unum_open(UNUM_DECIMAL, NULL, 0, "vi", NULL, &status);
  if (U_FAILURE(status)) vi_icu_fail("unum_open(vi)", status);
  /* CLDR's vi data already uses these, but documents must not change if a future ICU
   * or a trimmed data file says otherwise. */
  set_symbol(fmt, UNUM_GROUPING_SEPARATOR_SYMBOL, ".");
  set_symbol(fmt, UNUM_DECIMAL_SEPARATOR_SYMBOL, ",");
  set_symbol(fmt, UNUM_MINUS_SIGN_SYMBOL, "-");
  unum_setAttribute(fmt, UNUM_GROUPING_USED, 1);
  unum_setAttribute(fmt, UNUM_GROUPING_SIZE, 3);
  /* Official documents group 4-digit numbers too (2.335), whatever the locale default. */
  unum_setAttribute(fmt, UNUM_MINIMUM_GROUPING_DIGITS, 1);
  /* Reports round the way people do by hand; ICU's default is banker's rounding. */
  unum_setAttribute(fmt, UNUM_ROUNDING_MODE, UNUM_ROUND_HALFUP);
  number_fmt = fmt;
  return fmt;
}

void vi_number_cleanup(void) {
  pthread_mutex_lock(&number_lock);
  if (number_fmt) unum_close(number_fmt);
  number_fmt = NULL;
  pthread_mutex_unlock(&number_lock);
}

static int clamp_frac(int digits) { return digits < 0 ? 0 : digits > 15 ? 15 : digits; }

/* True if a formatted number is a minus sign followed only by zeros and separators:
 * a small negative value that rounded to zero. */
static int is_negative_zero(const UChar *u, int32_t n) {
  if (n < 2 || u[0] != '-') return 0;
  for (int32_t i = 1; i < n; i++)
    if (u[i] != '0' && u[i] != '.' && u[i] != ',') return 0;
  return 1;
}

void vi_format_number(vb_buf *out, double x, int min_frac, int max_frac) {
  min_frac = clamp_frac(min_frac);
  max_frac = clamp_frac(max_frac);
  if (max_frac < min_frac) max_frac = min_frac;
  UChar stack[128];
  UChar *u = stack;
  int32_t n;
  UErrorCode status = U_ZERO_ERROR;
  pthread_mutex_lock(&number_lock);
  UNumberFormat *fmt = number_fmt_locked();
  /* Set max before min so that ICU never sees min > max in between. */
  unum_setAttribute(fmt, UNUM_MAX_FRACTION_DIGITS, max_frac);
  unum_setAttribute(fmt, UNUM_MIN_FRACTION_DIGITS, min_frac);
  n = unum_formatDouble(fmt, x, u, (int32_t)(sizeof stack / sizeof stack[0]), NULL, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR) {
    /* Only huge magnitudes (1e300 has 300 digits plus separators) get here. */
    u = vb_xmalloc(((size_t)n + 1) * sizeof(UChar));
    status = U_ZERO_ERROR;
    n = unum_formatDouble(fmt, x, u, n + 1, NULL, &status);
  }
  pthread_mutex_unlock(&number_lock);
  if (U_FAILURE(status)) vi_icu_fail("unum_formatDouble", status);
  /* ICU keeps the sign of -0.04 rounded to "-0"; a report must not print "-0". */
  if (is_negative_zero(u, n))
    vi_put_u16(out, u + 1, n - 1);
  else
    vi_put_u16(out, u, n);
  if (u != stack) free(u);
}

void vi_format_integer(vb_buf *out, long long n) {
  UChar u[64]; /* 19 digits, 6 separators and a sign fit easily */
  UErrorCode status = U_ZERO_ERROR;
  pthread_mutex_lock(&number_lock);
  UNumberFormat *fmt = number_fmt_locked();
  unum_setAttribute(fmt, UNUM_MAX_FRACTION_DIGITS, 0);
  unum_setAttribute(fmt, UNUM_MIN_FRACTION_DIGITS, 0);
  int32_t len = unum_formatInt64(fmt, n, u, (int32_t)(sizeof u / sizeof u[0]), NULL, &status);
  pthread_mutex_unlock(&number_lock);
  if (U_FAILURE(status)) vi_icu_fail("unum_formatInt64", status);
  vi_put_u16(out, u, len);
}

void vi_format_percent(vb_buf *out, double percent, int max_frac) {
  vi_format_number(out, percent, 0, max_frac);
  vb_buf_putc(out, '%');
}

void vi_format_percent_fixed(vb_buf *out, double percent, int frac) {
  vi_format_number(out, percent, frac, frac);
  vb_buf_putc(out, '%');
}
