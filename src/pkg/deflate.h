/* Compressing a part while it is being produced.
 *
 * The renderer hands a part over in pieces; a vb_deflater turns them into one
 * raw deflate stream plus the CRC-32 and size the zip headers need. The
 * package writer then gives libzip finished compressed data, which libzip
 * writes as it is (the source states its method, as a raw copy does).
 *
 * A part of up to VB_DEFLATE_CHUNK bytes (every ordinary document) is
 * compressed in one call to libdeflate, about twice as fast as zlib at the
 * same level. A larger part (a 100,000-row appendix) is cut into
 * VB_DEFLATE_CHUNK-byte pieces, each deflated on its own by zlib and ended
 * with a sync flush (an empty stored block that leaves the stream
 * byte-aligned), on worker threads; the pieces one after the other, then an
 * empty final block, form one valid deflate stream (the method of pigz).
 * Only a few pieces are held uncompressed at any time, never the whole part.
 * The cut points depend only on the bytes, so the output is the same however
 * the caller split its writes and however many threads ran. */
#ifndef VB_PKG_DEFLATE_H
#define VB_PKG_DEFLATE_H
#include <stddef.h>
#include <stdint.h>

enum { VB_DEFLATE_CHUNK = 1 << 20 };

/* A finished part: what a zip entry needs. */
typedef struct vb_deflated {
  unsigned char *data; /* raw deflate stream, malloc'd */
  size_t len;
  unsigned long long size; /* uncompressed bytes */
  uint32_t crc;            /* CRC-32 of the uncompressed bytes */
} vb_deflated;

typedef struct vb_deflater vb_deflater;

/* level 1..9 (zlib's and libdeflate's meaning). */
vb_deflater *vb_deflater_new(int level);
/* Append bytes of the part. */
void vb_deflater_write(vb_deflater *z, const void *data, size_t len);
/* End the part: *out receives the stream (the caller frees out->data).
 * Returns 0, or -1 when the compressor failed (out of memory); the deflater
 * must still be freed. */
int vb_deflater_finish(vb_deflater *z, vb_deflated *out);
void vb_deflater_free(vb_deflater *z);

/* One-shot: compress a whole buffer the same way. */
int vb_deflate_buffer(const void *data, size_t len, int level, vb_deflated *out);

#endif
