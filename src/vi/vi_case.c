/* Case mapping with ICU's Vietnamese locale rules. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

typedef int32_t case_fn(UChar *dest, int32_t dest_cap, const UChar *src, int32_t src_len,
                        const char *locale, UErrorCode *status);

static void map_case(vb_buf *out, const char *s, case_fn *map) {
  int32_t len = 0;
  UChar *src = vi_u16_from_utf8(s, (size_t)-1, &len);
  UErrorCode status = U_ZERO_ERROR;
  /* Full case mapping can grow the text (e.g. "ŉ" -> "ʼN"), so pre-flight the size. */
  int32_t need = map(NULL, 0, src, len, "vi", &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) vi_icu_fail("case mapping", status);
  UChar *dest = vb_xmalloc(((size_t)need + 1) * sizeof(UChar));
  status = U_ZERO_ERROR;
  need = map(dest, need + 1, src, len, "vi", &status);
  if (U_FAILURE(status)) vi_icu_fail("case mapping", status);
  vi_put_u16(out, dest, need);
  free(dest);
  free(src);
}

void vi_upper(vb_buf *out, const char *s) { map_case(out, s, u_strToUpper); }

void vi_lower(vb_buf *out, const char *s) { map_case(out, s, u_strToLower); }

void vi_capitalize_first(vb_buf *out, const char *s) {
  int32_t len = (int32_t)strlen(s);
  int32_t i = 0;
  while (i < len) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, len, c);
    if (c >= 0 && u_isalpha(c)) {
      /* Title case, not upper case: the two differ for digraph letters like "ǆ". A
       * following combining mark (NFD text) stays attached to the new base letter. */
      UChar32 title = u_totitle(c);
      vb_buf_put(out, s, (size_t)start);
      char enc[U8_MAX_LENGTH];
      int32_t enc_len = 0;
      U8_APPEND_UNSAFE(enc, enc_len, title);
      vb_buf_put(out, enc, (size_t)enc_len);
      vb_buf_put(out, s + i, (size_t)(len - i));
      return;
    }
  }
  vb_buf_put(out, s, (size_t)len);
}
