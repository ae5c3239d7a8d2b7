/* Whole-file input and atomic output. Every failure is reported as VB_EIO with
 * the path and strerror, so callers never format I/O errors themselves. */
#ifndef VB_UTIL_FILEIO_H
#define VB_UTIL_FILEIO_H
#include <stddef.h>

#include "vanban.h"

/* Write data to path atomically: a temp file "path.XXXXXX.tmp" in the SAME
 * directory (so rename cannot cross file systems), write all, fsync, rename over
 * path, fsync the directory. On any failure the temp file is removed and an
 * existing file at path is left untouched. A new file gets 0644 minus the umask;
 * an existing regular file keeps its permission bits. 0 ok, -1 error (VB_EIO). */
int vb_write_file_atomic(const char *path, const void *data, size_t len, vb_diags *d);

/* Read a whole file into *data (malloc'd, with one extra NUL byte not counted in
 * *len). Files over max_len bytes are refused without reading them. 0 ok, -1
 * error (VB_EIO); on error *data is NULL and *len 0. */
int vb_read_file(const char *path, size_t max_len, char **data, size_t *len, vb_diags *d);

#endif
