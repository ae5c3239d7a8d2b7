/* The units of `vanban batch`: loading a units file (JSON or CSV), merging
 * each unit over the shared data, and naming its output. See docs/batch.md. */
#ifndef VB_CLI_BATCH_UNITS_H
#define VB_CLI_BATCH_UNITS_H
#include <stddef.h>

#include "data/value.h"
#include "util/buf.h"
#include "vanban.h"

typedef struct cli_units {
  vb_arena *arena;
  vb_value *shared; /* an object (possibly empty) */
  vb_value **units; /* each an object: the unit's own data */
  size_t n, cap;
} cli_units;

/* Load path (.json: an array of objects, or {"chung": {…}, "don_vi": […]};
 * .csv: a header of field paths and one row per unit), with shared_path (a
 * JSON object, or NULL) under the file's own shared data. 0 ok; -1 with the
 * errors in d. */
int cli_units_load(cli_units *u, const char *path, const char *shared_path, vb_diags *d);
void cli_units_free(cli_units *u);

/* The unit's data: base with patch merged over it (objects member by member,
 * a member set to null removed, an object of index keys ("0", "2") patching a
 * list item by item, anything else replaced). Nodes are shared with base and
 * patch; new ones come from a. NULL with a message in err on a bad index. */
vb_value *cli_units_merge(vb_arena *a, const vb_value *base, const vb_value *patch, vb_buf *err);

/* v as JSON text (appended to out). */
void cli_units_json(vb_buf *out, const vb_value *v);

/* The value at a dotted path ("van_ban.dia_danh", "nhom_chi_tieu.0.ma"), or NULL. */
const vb_value *cli_units_lookup(const vb_value *v, const char *path, size_t len);

/* Output path for a unit: pattern with each {field} replaced by the field's
 * value in data (a string or number; "{x}" falls back to "_x", "{#}" is the
 * unit's number, zero-padded to the width of total). Values are made safe as
 * file names: "/", "\" and control characters become "-"; a leading dot and
 * every dot next to another dot become "_" (no "..", no hidden files).
 * 0 ok; -1 with the reason in err. */
int cli_units_output(const char *pattern, const vb_value *data, size_t number, size_t total,
                     vb_buf *out, vb_buf *err);

#endif
