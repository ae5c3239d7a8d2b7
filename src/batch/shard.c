/* Which shard a unit belongs to: by the SHA-256 of its key, which anyone can
 * recompute (sha256sum) and which no other unit affects. */
#include <stdint.h>
#include <string.h>

#include "batch/units.h"
#include "util/sha256.h"

size_t vb_units_base_len(const char *pattern) {
  const char *brace = strchr(pattern, '{');
  size_t upto = brace ? (size_t)(brace - pattern) : strlen(pattern);
  size_t base = 0;
  for (size_t i = 0; i < upto; i++)
    if (pattern[i] == '/') base = i + 1;
  return base;
}

size_t vb_units_shard(const char *key, size_t count) {
  if (count <= 1) return 0;
  uint8_t digest[32];
  vb_sha256(key, strlen(key), digest);
  uint64_t x = 0;
  for (int i = 0; i < 8; i++)
    x = x << 8 | digest[i];
  return (size_t)(x % count);
}
