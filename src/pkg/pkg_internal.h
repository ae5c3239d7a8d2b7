/* Shared between the reader and the writer of src/pkg only. */
#ifndef VB_PKG_INTERNAL_H
#define VB_PKG_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "pkg/pkg.h"
#include "util/buf.h"

/* Why name (len bytes, may hold NULs) is not a safe package entry name, as a
 * phrase to follow "entry NAME", or NULL if it is fine. */
const char *vb_pkg_name_problem(const char *name, size_t len);
/* Append name quoted, with bytes that are not printable UTF-8 as \xNN. */
void vb_pkg_put_name(vb_buf *b, const char *name, size_t len);
int vb_pkg__method(const vb_pkg *p, size_t i);

/* An entry's bytes as the package stores them (deflated or stored), with
 * what the zip headers say about them: what a raw copy writes. */
typedef struct vb_pkg_raw {
  const unsigned char *data;
  size_t len;
  unsigned long long size; /* uncompressed */
  uint32_t crc;
  int method; /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
  /* What libzip's own copy (zip_source_zip) would carry over: the text
   * flag, version needed, general-purpose flags. valid = 0: none. */
  zip_file_attributes_t attributes;
} vb_pkg_raw;

/* Entry i's raw bytes: read through libzip on the first call, then kept
 * with the package and never changed, so that any number of writers on any
 * threads copy them at once. NULL with the reason in d. */
const vb_pkg_raw *vb_pkg__raw(vb_pkg *p, size_t i, vb_diags *d);

#endif
