/* SHA-256 through nettle: the standard's test vectors, and a file hashed in
 * pieces giving the sum of its bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "util/sha256.h"

int main(void) {
  char hex[VB_SHA256_HEX];
  vb_sha256_hex("abc", 3, hex);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  vb_sha256_hex("", 0, hex);
  CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  vb_sha256_hex(two, strlen(two), hex);
  CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

  /* A file longer than the read buffer: the same sum as the bytes in memory. */
  size_t n = 200000;
  char *big = malloc(n);
  for (size_t i = 0; i < n; i++)
    big[i] = (char)(i * 7 + i / 300);
  char path[] = "/tmp/vb-sha256-test.XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  CHECK(write(fd, big, n) == (ssize_t)n);
  close(fd);
  char want[VB_SHA256_HEX], got[VB_SHA256_HEX];
  vb_sha256_hex(big, n, want);
  CHECK(vb_sha256_file_hex(path, got) == 0);
  CHECK_STR(got, want);
  unlink(path);
  CHECK(vb_sha256_file_hex(path, got) == -1);
  free(big);
  TEST_MAIN_END();
}
