/* Zip packages (DOCX, ODT): reading them without trusting them, and writing
 * them byte-for-byte deterministically. The only module that includes <zip.h>.
 * See docs/packages.md for the limits and the rules. */
#ifndef VB_PKG_PKG_H
#define VB_PKG_PKG_H
#include <stddef.h>

#include "vanban.h"

typedef struct vb_pkg vb_pkg;

typedef struct vb_pkg_limits {
  unsigned long long max_total; /* total uncompressed bytes of all entries; default 512 MiB */
  unsigned long long max_entry; /* one entry uncompressed; default 256 MiB */
  unsigned max_entries;         /* default 10000 */
  unsigned max_ratio;           /* uncompressed/compressed; default 200 (entries > 1 MiB only) */
  vb_status error_code;         /* code of the errors about the package; default VB_ETEMPLATE */
} vb_pkg_limits;

void vb_pkg_limits_default(vb_pkg_limits *l);

/* Open a package. The file is read into memory whole (refused if larger than
 * the limits allow for); a missing or unreadable file is VB_EIO, anything wrong
 * inside it is lim->error_code. NULL on error, with the reason in d.
 * Checked at open: it is a zip, the directory is consistent, every entry name
 * is a safe relative UTF-8 path, no duplicate names (also none differing only in
 * ASCII letter case), no encryption, only store/deflate, and the declared sizes
 * are within the limits. */
vb_pkg *vb_pkg_open_file(const char *path, const vb_pkg_limits *lim, vb_diags *d);
/* Same, from memory. Keeps a REFERENCE to data (no copy): data must stay valid
 * and unchanged until vb_pkg_free. display_name names the package in messages. */
vb_pkg *vb_pkg_open_memory(const void *data, size_t len, const char *display_name,
                           const vb_pkg_limits *lim, vb_diags *d);

/* Entries are indexed 0..count-1 in central-directory order. */
size_t vb_pkg_count(const vb_pkg *p);
const char *vb_pkg_name(const vb_pkg *p, size_t i);
/* Index of the entry with exactly this name, or -1. */
long vb_pkg_find(const vb_pkg *p, const char *name);
/* Uncompressed size as declared by the zip directory (checked against the limits). */
unsigned long long vb_pkg_size(const vb_pkg *p, size_t i);
/* Inflate entry i into *data (malloc'd, one extra NUL byte not counted in *len).
 * The bytes actually produced are counted: an entry that inflates to more (or
 * fewer) bytes than declared is refused as soon as that is seen, so a lying
 * header can never make this allocate more than the limits allow. 0 ok, -1 error.
 * Reads of one vb_pkg from several threads take turns (libzip's archive is
 * not shared between threads). */
int vb_pkg_read(vb_pkg *p, size_t i, char **data, size_t *len, vb_diags *d);
const char *vb_pkg_display_name(const vb_pkg *p);
void vb_pkg_free(vb_pkg *p);

/* Deterministic writer. Entries are written in the order added, except that an
 * entry named "mimetype" is always written first and stored (the ODF rule).
 * Every entry gets mtime 1980-01-01 00:00:00, no extra fields, the same
 * version-made-by (Unix) and external attributes (0644 files, 0755 directories),
 * and the archive has no comment: the same input gives the same bytes. */
typedef struct vb_pkg_writer vb_pkg_writer;

/* deflate_level 1..9, or -1 for the default (6). */
vb_pkg_writer *vb_pkg_writer_new(int deflate_level);
/* Add an entry; the writer copies the bytes. store=1: no compression. */
void vb_pkg_writer_add(vb_pkg_writer *w, const char *name, const void *data, size_t len, int store);
/* Same, but the writer takes ownership of data (malloc'd; freed with free()). */
void vb_pkg_writer_add_owned(vb_pkg_writer *w, const char *name, void *data, size_t len, int store);
/* Add an entry already compressed (pkg/deflate.h); the writer takes z->data
 * and clears *z. */
struct vb_deflated;
void vb_pkg_writer_add_deflated(vb_pkg_writer *w, const char *name, struct vb_deflated *z);
/* Copy entry `index` of src as its compressed bytes, without inflating and
 * deflating it again; same name and method. src must stay open until the writer
 * is finished. The bytes are read from src once and kept with it, so writers
 * on several threads can copy from one src at the same time. */
void vb_pkg_writer_copy_raw(vb_pkg_writer *w, vb_pkg *src, size_t index);
/* How many entries were added so far; an entry's index is its place in
 * that order. */
size_t vb_pkg_writer_count(const vb_pkg_writer *w);
/* Give entry `index` new bytes (taken, as vb_pkg_writer_add_owned), keeping
 * its name and place: a part copied as it was that has to change once
 * everything else is known (a list of the package's parts). */
void vb_pkg_writer_replace_owned(vb_pkg_writer *w, size_t index, void *data, size_t len, int store);
/* Produce the zip. Problems found while adding (bad or duplicate names) are
 * reported here, as VB_EINTERNAL: they are bugs of the caller. 0 ok, -1 error.
 * After finishing, only vb_pkg_writer_free may be called. */
int vb_pkg_writer_finish_memory(vb_pkg_writer *w, void **out, size_t *out_len, vb_diags *d);
/* Same, written atomically to path (vb_write_file_atomic; VB_EIO on failure). */
int vb_pkg_writer_finish_file(vb_pkg_writer *w, const char *path, vb_diags *d);
void vb_pkg_writer_free(vb_pkg_writer *w);

#endif
