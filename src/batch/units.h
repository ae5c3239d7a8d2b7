/* Unit lists for batches: reading one (a JSON file, or a sheet read through
 * src/sheet), merging a unit's fields over the shared data in memory, and
 * naming a unit's output from a pattern. No rendering and no format: the
 * public API (src/api/batch.c) runs a batch on top of this. See
 * docs/batch.md for the file formats and the merge rules. */
#ifndef VB_BATCH_UNITS_H
#define VB_BATCH_UNITS_H
#include <stddef.h>

#include "data/value.h"
#include "util/buf.h"
#include "vanban.h"

typedef struct vb_unit_list {
  vb_arena *arena;  /* every node of the list, the shared data and the file names */
  const char *path; /* the units file, as given */
  vb_value *shared; /* an object (possibly empty) */
  vb_value **units; /* each an object: the unit's own fields */
  size_t n, cap;
} vb_unit_list;

/* Read path: .json (a list of objects, or {"chung": {…}, "don_vi": […]}),
 * or a sheet (.csv, .tsv, .txt, .xlsx, .xlsm, .ods, .fods: a header row of
 * field paths, then one row per unit; a workbook's first sheet). shared_path
 * (a JSON object, or NULL) goes under the file's own "chung". 0 ok; -1 with
 * the errors in d (warnings about the file go to d either way). */
int vb_unit_list_read(vb_unit_list *u, const char *path, const char *shared_path, vb_diags *d);
void vb_unit_list_free(vb_unit_list *u);

/* How vb_units_merge builds its result. */
typedef enum vb_merge_mode {
  /* Share every node the patch leaves alone with base: cheap, for reading a
   * few fields (output names); the result must not be changed. */
  VB_MERGE_SHARE = 0,
  /* A tree of new nodes in a (string bytes are still shared), which the
   * data model may change freely; positions are dropped (line 0: they would
   * point into files the nodes no longer belong to), the source name (file
   * or sheet cell) is kept. */
  VB_MERGE_COPY = 1
} vb_merge_mode;

/* base with patch merged over it: objects member by member, a member set to
 * null removed, an object whose keys are all list indexes ("0", "2")
 * patching a list item by item, anything else replaced. NULL with the reason
 * in err (an index past the end of a list). */
vb_value *vb_units_merge(vb_arena *a, const vb_value *base, const vb_value *patch,
                         vb_merge_mode mode, vb_buf *err);

/* The value at a dotted path ("van_ban.dia_danh", "nhom_chi_tieu.0.ma"), or NULL. */
const vb_value *vb_units_lookup(const vb_value *v, const char *path, size_t len);

/* A unit's value for the pattern field {name}: name, else _name (a field the
 * data model ignores). NULL when neither is there. */
const vb_value *vb_units_field(const vb_value *data, const char *name, size_t len);

/* Output path for a unit: pattern with each {field} replaced by the field's
 * value in data (a string or number; "{x}" falls back to "_x", "{#}" is the
 * unit's number, zero-padded to the width of total; "{{" and "}}" are
 * braces). Values are made safe as file names: "/", "\" and control
 * characters become "-"; a leading dot and every dot next to another dot
 * become "_" (no "..", no hidden files). 0 ok; -1 with the reason in err. */
int vb_units_output(const char *pattern, const vb_value *data, size_t number, size_t total,
                    vb_buf *out, vb_buf *err);

/* "đơn vị 3", or "đơn vị 3 (XA03)" when the pattern's first field has a text or
 * number value in data: how messages name a unit. Appended to out. */
void vb_units_label(const char *pattern, const vb_value *data, size_t number, vb_buf *out);

/* ---- shards (shard.c) ---- */

/* Bytes of pattern before the directory its outputs are named in: up to and
 * including the last "/" before the first "{" ("out/{ma}.docx" → 4,
 * "{ma}/bc.docx" → 0). A unit's key is its output path less this prefix,
 * so that it is the same wherever the outputs are mounted. */
size_t vb_units_base_len(const char *pattern);

/* The shard (0 … count-1) of a key: the first 8 bytes of its SHA-256 as a
 * big-endian number, modulo count. Depends on nothing but the key, so adding
 * or removing a unit moves no other unit to another shard. */
size_t vb_units_shard(const char *key, size_t count);

#endif
