/* UTF-8 validation and NFC normalisation. */
#include <stdlib.h>
#include <unicode/unorm2.h>

#include "util/word.h"
#include "vi/vi.h"
#include "vi/vi_internal.h"

/* Length of the well-formed sequence at s (at most n bytes), or 0 if ill-formed.
 * The second-byte ranges follow the Unicode table of well-formed byte sequences
 * (Unicode 15, Table 3-7), which is what excludes overlongs (C0, C1, E0 80..9F,
 * F0 80..8F), surrogates (ED A0..BF) and values above U+10FFFF (F4 90.., F5..FF). */
static size_t utf8_sequence_len(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (n < len) return 0;
  if (s[1] < lo || s[1] > hi) return 0;
  for (size_t i = 2; i < len; i++)
    if ((s[i] & 0xC0) != 0x80) return 0;
  return len;
}

int vi_utf8_check(const char *s, size_t n, size_t *bad_offset) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      /* Every byte of a data file comes through here: skip ASCII runs a
       * word at a time. */
      i++;
      while (n - i >= 8) {
        uint64_t high = vb_load64(p + i) & VB_HIGHS;
        if (high) {
          i += vb_bytes_before_mark(high);
          break;
        }
        i += 8;
      }
      continue;
    }
    size_t len = utf8_sequence_len(p + i, n - i);
    if (!len) {
      if (bad_offset) *bad_offset = i;
      return -1;
    }
    i += len;
  }
  return 0;
}

/* The instances belong to ICU (they must not be closed) and are safe to share. */
static const UNormalizer2 *normalizer(int nfd) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *norm = nfd ? unorm2_getNFDInstance(&status) : unorm2_getNFCInstance(&status);
  if (U_FAILURE(status)) vi_icu_fail("unorm2_get*Instance", status);
  return norm;
}

UChar *vi_u16_normalize(int nfd, const UChar *src, int32_t n, int32_t *out_len) {
  const UNormalizer2 *norm = normalizer(nfd);
  UErrorCode status = U_ZERO_ERROR;
  int32_t need = unorm2_normalize(norm, src, n, NULL, 0, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status))
    vi_icu_fail("unorm2_normalize", status);
  UChar *dest = vb_xmalloc(((size_t)need + 1) * sizeof(UChar));
  status = U_ZERO_ERROR;
  need = unorm2_normalize(norm, src, n, dest, need + 1, &status);
  if (U_FAILURE(status)) vi_icu_fail("unorm2_normalize", status);
  *out_len = need;
  return dest;
}

void vi_nfc(vb_buf *out, const char *s, size_t n) {
  int32_t len = 0, nfc_len = 0;
  UChar *src = vi_u16_from_utf8(s, n, &len);
  UChar *nfc = vi_u16_normalize(0, src, len, &nfc_len);
  vi_put_u16(out, nfc, nfc_len);
  free(nfc);
  free(src);
}

/* 1 when every character is one NFC never changes on its own and no
 * combining mark follows it: below U+0300 (Latin, Latin-1, Latin Extended),
 * the precomposed Vietnamese block U+1E00–U+1EFF, general punctuation. Such
 * text is NFC without asking ICU — which is nearly all Vietnamese text. */
static int obviously_nfc(const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  for (size_t i = 0; i < n;) {
    unsigned c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    unsigned cp;
    if ((c & 0xE0) == 0xC0 && i + 1 < n) {
      cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu);
      i += 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < n) {
      cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      i += 3;
    } else {
      return 0;
    }
    if (!(cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0x2000 && cp <= 0x206F))) return 0;
  }
  return 1;
}

int vi_is_nfc(const char *s, size_t n) {
  if (vi_utf8_check(s, n, NULL) != 0) return 0;
  if (obviously_nfc(s, n)) return 1;
  int32_t len = 0;
  UChar *u = vi_u16_from_utf8(s, n, &len);
  UErrorCode status = U_ZERO_ERROR;
  UBool yes = unorm2_isNormalized(normalizer(0), u, len, &status);
  free(u);
  if (U_FAILURE(status)) vi_icu_fail("unorm2_isNormalized", status);
  return yes ? 1 : 0;
}
