/* Whole-file input and atomic output. Every failure is reported as VB_EIO with
 * the path and strerror, so callers never format I/O errors themselves. */
#ifndef VB_UTIL_FILEIO_H
#define VB_UTIL_FILEIO_H
#include <stddef.h>

#include "vanban.h"

/* The cause of a failed system call, worded for a message: the common
 * causes in Vietnamese, the others as the C library words them. */
const char *vb_errno_text(int e);

/* Write data to path atomically: a temp file "path.XXXXXX.tmp" in the SAME
 * directory (so rename cannot cross file systems), write all, fsync, rename over
 * path, fsync the directory. On any failure the temp file is removed and an
 * existing file at path is left untouched. A new file gets 0644 minus the umask;
 * an existing regular file keeps its permission bits. 0 ok, -1 error (VB_EIO). */
int vb_write_file_atomic(const char *path, const void *data, size_t len, vb_diags *d);

/* The same without the fsyncs: the file appears whole or not at all (temp
 * file and rename), but whether it survives a power loss depends on a later
 * vb_sync_fs of its file system. For many files at once (a batch), where one
 * sync for all of them costs a fraction of one per file. */
int vb_write_file_replace(const char *path, const void *data, size_t len, vb_diags *d);

/* Make everything written so far on the file system that holds path (a file
 * or a directory) durable: syncfs(2). 0 ok; -1 with errno. */
int vb_sync_fs(const char *path);

/* Read a whole file into *data (malloc'd, with one extra NUL byte not counted in
 * *len). Files over max_len bytes are refused without reading them. 0 ok, -1
 * error (VB_EIO); on error *data is NULL and *len 0. */
int vb_read_file(const char *path, size_t max_len, char **data, size_t *len, vb_diags *d);

/* vb_read_file in steps, for a reader that consumes a file as it comes
 * instead of holding all of it (the JSON loader: a 24 MB data file need not
 * sit in memory next to the tree made from it). Same checks, same messages. */
typedef struct vb_reader {
  int fd;
  const char *path;
  size_t max_len, total;
  int regular; /* a regular file, whose size was... */
  size_t size; /* ...this when opened (0 for pipes and devices) */
} vb_reader;

/* Open path as vb_read_file does (not a directory, not over max_len bytes).
 * 0 ok, -1 error (VB_EIO). */
int vb_reader_open(vb_reader *r, const char *path, size_t max_len, vb_diags *d);
/* Read up to n bytes: how many, 0 at the end of the file, -1 on a read error
 * or once more than max_len bytes came in all (reported as vb_read_file
 * reports them). */
long vb_reader_read(vb_reader *r, void *buf, size_t n, vb_diags *d);
void vb_reader_close(vb_reader *r);

#endif
