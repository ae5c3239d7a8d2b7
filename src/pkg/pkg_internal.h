/* Shared between the reader and the writer of src/pkg only. */
#ifndef VB_PKG_INTERNAL_H
#define VB_PKG_INTERNAL_H
#include <stddef.h>
#include <zip.h>

#include "pkg/pkg.h"
#include "util/buf.h"

/* Why name (len bytes, may hold NULs) is not a safe package entry name, as a
 * phrase to follow "entry NAME", or NULL if it is fine. */
const char *vb_pkg_name_problem(const char *name, size_t len);
/* Append name quoted, with bytes that are not printable UTF-8 as \xNN. */
void vb_pkg_put_name(vb_buf *b, const char *name, size_t len);
zip_t *vb_pkg__zip(vb_pkg *p);
int vb_pkg__method(const vb_pkg *p, size_t i);

#endif
