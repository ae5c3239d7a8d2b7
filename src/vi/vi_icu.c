/* Glue between UTF-8 strings and ICU's UTF-16 API, and the module's cleanup. */
#include <stdio.h>
#include <stdlib.h>
#include <unicode/ustring.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

_Noreturn void vi_icu_fail(const char *what, UErrorCode status) {
  fprintf(stderr, "vanban: ICU %s failed: %s\n", what, u_errorName(status));
  abort();
}

UChar *vi_u16_from_utf8(const char *s, size_t n, int32_t *len) {
  int32_t src_len = n == (size_t)-1 ? -1 : (int32_t)n;
  if (n != (size_t)-1 && n > INT32_MAX)
    vi_icu_fail("u_strFromUTF8 (input too long)", U_BUFFER_OVERFLOW_ERROR);
  UErrorCode status = U_ZERO_ERROR;
  int32_t need = 0;
  /* Pre-flight for the exact size; U+FFFD keeps going past bad bytes instead of failing
   * the whole string, which suits text that may come from arbitrary spreadsheets. */
  u_strFromUTF8WithSub(NULL, 0, &need, s, src_len, 0xFFFD, NULL, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) vi_icu_fail("u_strFromUTF8", status);
  UChar *u = vb_xmalloc(((size_t)need + 1) * sizeof(UChar));
  status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(u, need + 1, &need, s, src_len, 0xFFFD, NULL, &status);
  if (U_FAILURE(status)) vi_icu_fail("u_strFromUTF8", status);
  u[need] = 0;
  if (len) *len = need;
  return u;
}

void vi_put_u16(vb_buf *out, const UChar *s, int32_t n) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t need = 0;
  u_strToUTF8WithSub(NULL, 0, &need, s, n, 0xFFFD, NULL, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) vi_icu_fail("u_strToUTF8", status);
  vb_buf_grow(out, (size_t)need);
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out->data + out->len, need + 1, &need, s, n, 0xFFFD, NULL, &status);
  if (U_FAILURE(status)) vi_icu_fail("u_strToUTF8", status);
  out->len += (size_t)need;
  out->data[out->len] = '\0';
}

void vi_cleanup(void) {
  vi_number_cleanup();
  vi_words_cleanup();
  vi_collate_cleanup();
}
