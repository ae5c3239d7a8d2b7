/* JSON data files → vb_value trees with line:column on every node. */
#ifndef VB_DATA_JSON_H
#define VB_DATA_JSON_H
#include "data/value.h"
#include "vanban.h"

/* Parse text (UTF-8, an optional BOM is skipped). On error returns NULL and
 * adds a VB_EDATA diagnostic naming name, line:column and what was expected.
 * Strings are NFC-normalized; characters XML cannot carry are removed with a
 * warning naming the JSON path. */
vb_value *vb_json_parse(vb_arena *a, const char *text, size_t len, const char *name, vb_diags *d);

/* Maximum nesting of arrays/objects accepted. */
#define VB_JSON_MAX_DEPTH 128

#endif
