#include "data/text.h"

#include "vi/vi.h"

static int is_ascii(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return 0;
  return 1;
}

/* NFC text into out (s is already free of what vb_text_clean removes). */
static void put_nfc(const char *t, size_t n, vb_buf *out, int *was_nfd) {
  /* ASCII is always NFC; skip ICU for it (most keys and numbers). */
  if (is_ascii(t, n) || vi_is_nfc(t, n)) {
    vb_buf_put(out, t, n);
  } else {
    if (was_nfd) *was_nfd = 1;
    vi_nfc(out, t, n);
  }
}

int vb_text_clean(const char *s, size_t n, vb_buf *out, int *was_nfd) {
  int removed = 0;
  if (was_nfd) *was_nfd = 0;
  /* Fast path, nearly every string: no control character, no U+FFFE/U+FFFF
   * lead byte, so nothing to remove and no copy to make. */
  size_t k = 0;
  while (k < n && (unsigned char)s[k] >= 0x20 && (unsigned char)s[k] != 0xEF)
    k++;
  if (k == n) {
    put_nfc(s, n, out, was_nfd);
    return 0;
  }
  vb_buf tmp = VB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\r') {
      if (i + 1 < n && s[i + 1] == '\n') continue;
      vb_buf_putc(&tmp, '\n');
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      removed++;
    } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
               ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
      removed++; /* U+FFFE, U+FFFF */
      i += 2;
    } else {
      vb_buf_putc(&tmp, (char)c);
    }
  }
  put_nfc(vb_buf_cstr(&tmp), tmp.len, out, was_nfd);
  vb_buf_free(&tmp);
  return removed;
}
