/* The batch manifest, MANIFEST.jsonl: one JSON object per line, appended as
 * units finish, so that a batch can be resumed after a crash and the
 * manifests of several shards merged and checked. Lines of one unit (its
 * "key") add up, later over earlier: a render line ("sha256" or "error")
 * replaces what an earlier run recorded, the PDF included; a PDF line
 * ("pdf_sha256" or "pdf_error") adds the PDF. A line without a key (the
 * header each run starts with) and a line cut short by a crash are ignored.
 * Paths are relative to the manifest's directory. See docs/batch.md. */
#ifndef VB_BATCH_MANIFEST_H
#define VB_BATCH_MANIFEST_H
#include <stddef.h>

#include "util/arena.h"
#include "util/buf.h"
#include "vanban.h"

/* One unit as the manifest's lines leave it. NULL: not recorded. */
typedef struct vb_manifest_rec {
  const char *key;
  const char *label;  /* "đơn vị 3 (XA03)" */
  const char *input;  /* SHA-256 of what the document was made from */
  const char *output; /* the document */
  const char *sha256; /* the document's, when it was written */
  const char *error;  /* why the unit failed, when it did */
  const char *pdf, *pdf_sha256, *pdf_error;
  const struct vb_value *warnings; /* the list of their texts */
  size_t line;                     /* the last line that changed it */
} vb_manifest_rec;

typedef struct vb_manifest {
  vb_arena *arena;
  vb_manifest_rec *recs; /* in the order of their first lines */
  size_t n, cap;
  size_t *slots; /* hash index of recs by key: index + 1, 0 free */
  size_t nslots;
  size_t bad_lines; /* not JSON objects (a line cut by a crash), skipped */
} vb_manifest;

/* Add the lines of the file at path to m (zeroed at first; call it for
 * several files to merge them). A file that does not exist adds nothing.
 * 0 ok; -1 with the error in d (a file that cannot be read). */
int vb_manifest_read(vb_manifest *m, const char *path, vb_diags *d);
const vb_manifest_rec *vb_manifest_find(const vb_manifest *m, const char *key);
void vb_manifest_free(vb_manifest *m);

/* The lines (each ends in "\n"), written with data's JSON writer. */
void vb_manifest_line_head(vb_buf *out, size_t units, size_t shard, size_t shards,
                           size_t shard_units, const char *pattern);
void vb_manifest_line_unit(vb_buf *out, const char *key, size_t number, const char *label,
                           const char *input, const char *output, const char *sha256,
                           const char *const *warnings, size_t nwarnings, const char *error);
void vb_manifest_line_pdf(vb_buf *out, const char *key, const char *pdf, const char *sha256,
                          const char *error);
/* A record as a render line (for a merged manifest). */
void vb_manifest_line_rec(vb_buf *out, const vb_manifest_rec *r);

#endif
