/* Folding Vietnamese text to a comparison key: no case, no diacritics. */
#include <stdlib.h>
#include <unicode/uchar.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

void vi_fold(vb_buf *out, const char *s, size_t n) {
  int32_t len = 0;
  UChar *src = vi_u16_from_utf8(s, n, &len);
  int32_t dlen = 0;
  UChar *nfd = vi_u16_normalize(1, src, len, &dlen);
  int32_t k = 0;
  for (int32_t i = 0; i < dlen; i++) {
    UChar c = nfd[i];
    /* every combining mark goes: tone marks and the marks of ă â ê ô ơ ư */
    if (u_getCombiningClass(c) != 0 || (c >= 0x0300 && c <= 0x036F)) continue;
    if (c == 0x0110 || c == 0x0111) c = 'd';
    nfd[k++] = (UChar)u_tolower(c);
  }
  vi_put_u16(out, nfd, k);
  free(nfd);
  free(src);
}
