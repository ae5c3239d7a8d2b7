/* Fuzz the picture checks on arbitrary bytes: vb_media_check (a full decode
 * with libpng / libjpeg-turbo) and vb_media_probe (the header only) must
 * agree on the type and size of whatever both accept; the same bytes as
 * the payload of a data: URI (base64 and percent-encoded) decode to what
 * they encode. The seed corpus holds hostile pictures: cut short, a lying
 * header, a flipped byte, a zero size, a chunk that inflates to 16 MB. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "media/media.h"

static char *base64(const uint8_t *s, size_t n) {
  static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  static const char head[] = "data:image/png;base64,";
  char *out = malloc(sizeof head + (n + 2) / 3 * 4 + 1);
  memcpy(out, head, sizeof head - 1);
  size_t k = sizeof head - 1;
  for (size_t i = 0; i < n; i += 3) {
    unsigned v = (unsigned)s[i] << 16;
    if (i + 1 < n) v |= (unsigned)s[i + 1] << 8;
    if (i + 2 < n) v |= s[i + 2];
    out[k++] = tbl[v >> 18 & 63];
    out[k++] = tbl[v >> 12 & 63];
    out[k++] = i + 1 < n ? tbl[v >> 6 & 63] : '=';
    out[k++] = i + 2 < n ? tbl[v & 63] : '=';
  }
  out[k] = '\0';
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_media_info full, head;
  vb_media_error e = vb_media_check(data, size, &full);
  vb_media_error p = vb_media_probe(data, size, &head);
  if (e == VB_MEDIA_OK) {
    /* What decodes whole has a readable header saying the same. */
    if (p != VB_MEDIA_OK || full.type != head.type || full.width != head.width ||
        full.height != head.height)
      abort();
    if (!full.width || !full.height || full.width > VB_MEDIA_MAX_SIDE ||
        full.height > VB_MEDIA_MAX_SIDE ||
        (unsigned long long)full.width * full.height > VB_MEDIA_MAX_PIXELS)
      abort();
  }
  if (size > 4096) return 0;
  char *uri = base64(data, size);
  unsigned char *bytes = NULL;
  size_t len = 0;
  if (vb_media_decode_uri(uri, strlen(uri), &bytes, &len) != VB_MEDIA_OK || len != size ||
      (size && memcmp(bytes, data, size) != 0))
    abort();
  free(bytes);
  free(uri);
  /* The bytes as a URI written by hand: whatever it decodes to is checked. */
  char *raw = malloc(size + 7);
  memcpy(raw, "data:,", 6);
  memcpy(raw + 6, data, size);
  raw[size + 6] = '\0';
  if (vb_media_decode_uri(raw, size + 6, &bytes, &len) == VB_MEDIA_OK) {
    vb_media_check(bytes, len, &full);
    free(bytes);
  }
  free(raw);
  return 0;
}
