#include "tpl/mark.h"

#include <string.h>

/* FNV-1a, folded to 31 bits so it prints as at most 6 base-36 digits.
 * Every value written is hashed: four bytes a round, for fewer loop steps. */
uint32_t vb_mark_hash(const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  uint32_t h = 2166136261u;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    h = (h ^ u[i]) * 16777619u;
    h = (h ^ u[i + 1]) * 16777619u;
    h = (h ^ u[i + 2]) * 16777619u;
    h = (h ^ u[i + 3]) * 16777619u;
  }
  for (; i < n; i++)
    h = (h ^ u[i]) * 16777619u;
  return h & 0x7fffffffu;
}

static int continues_char(unsigned char c) { return (c & 0xc0) == 0x80; }

int vb_mark_find(const char *s, size_t len, uint32_t hash, size_t around, size_t *from,
                 size_t *to) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t f = 0; f < len && f <= around; f++) {
    if (continues_char(u[f])) continue;
    uint32_t h = 2166136261u; /* vb_mark_hash, a byte at a time */
    for (size_t t = f; t < len; t++) {
      h = (h ^ u[t]) * 16777619u;
      size_t end = t + 1;
      if (len - end > around || (end < len && continues_char(u[end]))) continue;
      if ((f > 0 || end < len) && (h & 0x7fffffffu) == hash) {
        *from = f;
        *to = end;
        return 1;
      }
    }
  }
  return 0;
}

size_t vb_mark_put36(char *dst, uint32_t x) {
  static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  /* The number of digits first, so that they go straight to their place. */
  size_t n = 1 + (x >= 36u) + (x >= 1296u) + (x >= 46656u) + (x >= 1679616u) + (x >= 60466176u) +
             (x >= 2176782336u);
  for (size_t k = n; k-- > 0; x /= 36)
    dst[k] = digits[x % 36];
  return n;
}

void vb_mark_name(vb_buf *out, unsigned tag_id, const char *item_key, size_t item_len,
                  const char *value, size_t value_len) {
  char name[VB_MARK_NAME_SIZE];
  size_t k = 3;
  memcpy(name, "_vb", 3);
  k += vb_mark_put36(name + k, tag_id);
  name[k++] = '_';
  k += vb_mark_put36(name + k, vb_mark_hash(item_key, item_len));
  vb_buf_put(out, name, k);
  vb_mark_value_suffix(out, value, value_len);
}

void vb_mark_value_suffix(vb_buf *out, const char *value, size_t value_len) {
  char suffix[8];
  suffix[0] = '_';
  vb_buf_put(out, suffix, 1 + vb_mark_put36(suffix + 1, vb_mark_hash(value, value_len)));
}

static int get36(const char *s, size_t n, uint32_t *out) {
  uint64_t x = 0;
  if (n == 0 || n > 7) return -1;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : -1;
    if (d < 0) return -1;
    x = x * 36 + (uint64_t)d;
  }
  if (x > 0xffffffffu) return -1;
  *out = (uint32_t)x;
  return 0;
}

int vb_mark_parse(const char *name, unsigned *tag_id, size_t *prefix_len, uint32_t *value_hash) {
  if (strncmp(name, "_vb", 3) != 0) return -1;
  const char *a = name + 3;
  const char *u1 = strchr(a, '_');
  if (!u1) return -1;
  const char *u2 = strchr(u1 + 1, '_');
  if (!u2 || strchr(u2 + 1, '_')) return -1;
  uint32_t tag, item, val;
  if (get36(a, (size_t)(u1 - a), &tag) || get36(u1 + 1, (size_t)(u2 - u1 - 1), &item) ||
      get36(u2 + 1, strlen(u2 + 1), &val))
    return -1;
  *tag_id = tag;
  *prefix_len = (size_t)(u2 - name);
  *value_hash = val;
  return 0;
}
