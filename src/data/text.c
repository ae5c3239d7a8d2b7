#include "data/text.h"

#include "util/word.h"
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

/* The same verdict as the checks of vb_text_clean, put_nfc and vi_is_nfc
 * (control characters, U+FFFE/U+FFFF, well-formed UTF-8, obviously_nfc in
 * src/vi/vi_unicode.c) in one pass over the bytes, decided per lead byte. */
int vb_text_is_clean(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (c < 0x20) return 0; /* tab, LF and CR too: rare, let vb_text_clean decide */
      i++;
      /* The rest of an ASCII run, a word at a time. */
      while (n - i >= 8) {
        uint64_t w = vb_load64(s + i);
        uint64_t stop = (w & VB_HIGHS) | vb_bytes_below(w, 0x20);
        if (stop) {
          i += vb_bytes_before_mark(stop);
          break;
        }
        i += 8;
      }
    } else if (c >= 0xC2 && c <= 0xCB) { /* U+0080-U+02FF */
      if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80) return 0;
      i += 2;
    } else if (c == 0xE1) { /* U+1E00-U+1EFF: E1 B8..BB 80..BF */
      if (n - i < 3 || s[i + 1] < 0xB8 || s[i + 1] > 0xBB || (s[i + 2] & 0xC0) != 0x80) return 0;
      i += 3;
    } else if (c == 0xE2) { /* U+2000-U+206F: E2 80 80..BF, E2 81 80..AF */
      if (n - i < 3 || (s[i + 2] & 0xC0) != 0x80) return 0;
      if (!(s[i + 1] == 0x80 || (s[i + 1] == 0x81 && s[i + 2] <= 0xAF))) return 0;
      i += 3;
    } else {
      return 0;
    }
  }
  return 1;
}

int vb_text_clean(const char *s, size_t n, vb_buf *out, int *was_nfd) {
  int removed = 0;
  if (was_nfd) *was_nfd = 0;
  if (vb_text_is_clean(s, n)) {
    vb_buf_put(out, s, n);
    return 0;
  }
  /* Next fastest: no control character, no U+FFFE/U+FFFF lead byte, so
   * nothing to remove and no copy to make (text beyond what vb_text_is_clean
   * knows, e.g. other scripts, checked by vi_is_nfc). */
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
