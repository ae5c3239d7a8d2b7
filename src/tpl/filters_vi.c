/* Filters that write Vietnamese the way official documents do. All the
 * language work happens in src/vi (ICU); this file only adapts values. */
#include "tpl/filters.h"

#include <stdlib.h>
#include <unicode/ustring.h>

#include "util/buf.h"

/* Case mapping with the Vietnamese locale (ICU), e.g. "xã Hà Tân" → "XÃ HÀ TÂN". */
static int map_case(vb_eval *ev, vb_value *in, vb_value **out, int upper) {
  if (!in) {
    *out = NULL;
    return 0;
  }
  vb_buf t = VB_BUF_INIT;
  vb_value_to_text(in, &t);
  UErrorCode err = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8(NULL, 0, &ulen, vb_buf_cstr(&t), (int32_t)t.len, &err);
  err = U_ZERO_ERROR;
  UChar *u = vb_xmalloc(((size_t)ulen + 1) * sizeof(UChar));
  u_strFromUTF8(u, ulen + 1, NULL, vb_buf_cstr(&t), (int32_t)t.len, &err);
  int32_t cap = ulen * 2 + 8;
  UChar *m = vb_xmalloc((size_t)cap * sizeof(UChar));
  int32_t mlen = upper ? u_strToUpper(m, cap, u, ulen, "vi", &err)
                       : u_strToLower(m, cap, u, ulen, "vi", &err);
  vb_buf r = VB_BUF_INIT;
  int32_t blen = 0;
  UErrorCode e2 = U_ZERO_ERROR;
  u_strToUTF8(NULL, 0, &blen, m, mlen, &e2);
  vb_buf_grow(&r, (size_t)blen);
  e2 = U_ZERO_ERROR;
  u_strToUTF8(r.data, blen + 1, NULL, m, mlen, &e2);
  r.len = (size_t)blen;
  *out = vb_val_str(ev->a, r.data, r.len);
  vb_buf_free(&r);
  vb_buf_free(&t);
  free(u);
  free(m);
  return U_FAILURE(err) ? vb_filter_fail(ev, "case mapping failed") : 0;
}

int vb_filter_upper(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return map_case(ev, in, out, 1);
}

int vb_filter_lower(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return map_case(ev, in, out, 0);
}
