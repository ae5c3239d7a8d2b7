#include "data/text.h"

#include <stdlib.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "util/buf.h"

int vb_utf8_valid(const char *str, size_t n, size_t *bad_offset) {
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    unsigned cp;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    } else {
      goto bad;
    }
    if (i + len > n) goto bad;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) goto bad;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      goto bad;
    i += len;
  }
  return 1;
bad:
  if (bad_offset) *bad_offset = i;
  return 0;
}

static int is_ascii_only(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)s[i] >= 0x80) return 0;
  return 1;
}

int vb_text_clean(const char *s, size_t n, vb_buf *out) {
  int removed = 0;
  size_t start = out->len;
  /* Pass 1: drop forbidden characters and fold CR/CRLF into LF. */
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\r') {
      if (i + 1 < n && s[i + 1] == '\n') continue;
      vb_buf_putc(out, '\n');
    } else if (c < 0x20 && c != '\t' && c != '\n') {
      removed++;
    } else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
               ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
      removed++; /* U+FFFE / U+FFFF */
      i += 2;
    } else {
      vb_buf_putc(out, (char)c);
    }
  }
  const char *t = out->data ? out->data + start : "";
  size_t tn = out->len - start;
  if (tn == 0 || is_ascii_only(t, tn)) return removed; /* ASCII is always NFC */
  /* Pass 2: NFC through ICU, only when the text is not already NFC. */
  UErrorCode err = U_ZERO_ERROR;
  const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
  if (U_FAILURE(err)) return removed;
  int32_t ulen = 0;
  u_strFromUTF8(NULL, 0, &ulen, t, (int32_t)tn, &err);
  err = U_ZERO_ERROR;
  UChar *u = vb_xmalloc(((size_t)ulen + 1) * sizeof(UChar));
  u_strFromUTF8(u, ulen + 1, NULL, t, (int32_t)tn, &err);
  if (U_SUCCESS(err) && !unorm2_isNormalized(nfc, u, ulen, &err) && U_SUCCESS(err)) {
    int32_t cap = ulen * 3 + 16;
    UChar *norm = vb_xmalloc((size_t)cap * sizeof(UChar));
    int32_t nlen = unorm2_normalize(nfc, u, ulen, norm, cap, &err);
    if (U_SUCCESS(err)) {
      int32_t blen = 0;
      UErrorCode e2 = U_ZERO_ERROR;
      u_strToUTF8(NULL, 0, &blen, norm, nlen, &e2);
      e2 = U_ZERO_ERROR;
      out->len = start;
      vb_buf_grow(out, (size_t)blen);
      u_strToUTF8(out->data + start, blen + 1, NULL, norm, nlen, &e2);
      out->len = start + (size_t)blen;
      out->data[out->len] = '\0';
    }
    free(norm);
  }
  free(u);
  return removed;
}
