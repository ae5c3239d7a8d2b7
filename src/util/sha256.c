#include "util/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <unistd.h>

static void to_hex(const uint8_t digest[32], char out[VB_SHA256_HEX]) {
  static const char digits[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[2 * i] = digits[digest[i] >> 4];
    out[2 * i + 1] = digits[digest[i] & 15];
  }
  out[64] = '\0';
}

void vb_sha256(const void *data, size_t len, uint8_t out[32]) {
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, len, data);
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void vb_sha256_hex(const void *data, size_t len, char out[VB_SHA256_HEX]) {
  uint8_t digest[32];
  vb_sha256(data, len, digest);
  to_hex(digest, out);
}

int vb_sha256_file_hex(const char *path, char out[VB_SHA256_HEX]) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  struct sha256_ctx ctx;
  sha256_init(&ctx);
  uint8_t buf[65536];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
    if (n == 0) break;
    sha256_update(&ctx, (size_t)n, buf);
  }
  close(fd);
  uint8_t digest[32];
  sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
  to_hex(digest, out);
  return 0;
}
