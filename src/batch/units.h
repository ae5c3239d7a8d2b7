/* Unit lists for batches: reading one (a JSON file, or a sheet read through
 * src/sheet), merging a unit's fields over the shared data in memory, and
 * naming a unit's output from a pattern. No rendering and no format: the
 * public API (src/api/batch.c) runs a batch on top of this. See
 * docs/batch.md for the file formats and the merge rules. */
#ifndef VB_BATCH_UNITS_H
#define VB_BATCH_UNITS_H
#include <stddef.h>
#include <stdint.h>

#include "data/value.h"
#include "util/buf.h"
#include "vanban.h"

struct vb_book;
struct vb_sheet;
struct vb_csv_stream;

/* Where a sheet's unit is read again from: a CSV record's byte offset, or
 * the index of a workbook's row in its sheet; and its row and line. */
typedef struct vb_unit_at {
  uint64_t offset;
  uint32_t row, line;
} vb_unit_at;

typedef struct vb_unit_list {
  vb_arena *arena;  /* the shared data, the header, the file names; a JSON list's units */
  const char *path; /* the units file, as given */
  vb_value *shared; /* an object (possibly empty) */
  size_t n;
  /* A JSON list keeps its units' trees. A sheet keeps only where each unit
   * is, and builds a unit's tree when it is asked for: a CSV file is read
   * again from the unit's record (never held whole), a workbook's rows stay
   * in memory as read. */
  vb_value **trees;
  vb_unit_at *at;
  size_t cap;
  struct vb_csv_stream *csv;
  struct vb_book *book;
  const struct vb_sheet *sheet;
  const char *sheet_name;
  const char **cols; /* the header: a field path per column, "" for none */
  uint32_t ncols;
  int typed; /* CSV: unquoted text is typed (numbers, true/false, null) */
} vb_unit_list;

/* Read path: .json (a list of objects, or {"chung": {…}, "don_vi": […]}),
 * or a sheet (.csv, .tsv, .txt, .xlsx, .xlsm, .ods, .fods: a header row of
 * field paths, then one row per unit; a workbook's first sheet). Every unit
 * is checked here, so that a bad cell is reported before anything is
 * written. shared_path (a JSON object, or NULL) goes under the file's own
 * "chung". 0 ok; -1 with the errors in d (warnings about the file go to d
 * either way). */
int vb_unit_list_read(vb_unit_list *u, const char *path, const char *shared_path, vb_diags *d);
/* Unit i's own fields, an object. A sheet's unit is built anew in a, each
 * value naming its cell; a JSON list's is the tree read (a is not used): do
 * not change it. NULL with an error in d when the file no longer reads as
 * it did. Any number of threads may call this at once. */
vb_value *vb_unit_list_get(const vb_unit_list *u, size_t i, vb_arena *a, vb_diags *d);
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
