/* SHA-256 (nettle) of bytes and of files, as lowercase hex: the batch
 * manifest's checksums, which sha256sum can verify. */
#ifndef VB_UTIL_SHA256_H
#define VB_UTIL_SHA256_H
#include <stddef.h>
#include <stdint.h>

enum { VB_SHA256_HEX = 65 /* 64 digits and a NUL */ };

void vb_sha256(const void *data, size_t len, uint8_t out[32]);
void vb_sha256_hex(const void *data, size_t len, char out[VB_SHA256_HEX]);
/* The file's, read in pieces. 0 ok; -1 (errno set) when it cannot be read. */
int vb_sha256_file_hex(const char *path, char out[VB_SHA256_HEX]);

#endif
