/* What the files of the update share (update.c drives; items.c adds,
 * removes and moves loop items). Private to src/update. */
#ifndef VB_UPDATE_INTERNAL_H
#define VB_UPDATE_INTERNAL_H
#include <libxml/tree.h>

#include "fmt/format.h"
#include "tpl/package.h"
#include "update/maps.h"
#include "util/buf.h"
#include "vanban.h"

/* A part as rendering the template with the new data writes it. */
typedef struct upd_fresh {
  char *name;
  char *xml;
  size_t len;
  vb_tpl_trace trace;
} upd_fresh;

typedef struct upd {
  const vb_tpl_package *tp;
  unsigned flags;
  vb_diags *d;
  const char *doc_name;
  upd_fresh *parts;
  size_t nparts;
  /* Every new value by its identity "_vbTAG_ITEM": part << 32 | value index. */
  upd_strmap values;
  unsigned char **seen; /* per part, per value: found in the document */
  /* Identities whose marks were dealt with already (an item refused): not
   * reported again. Keys are owned by `keys`. */
  upd_strmap handled;
  char **keys;
  size_t nkeys, keys_cap;
  unsigned next_id; /* next free range id in the edited document (DOCX) */
  const char *part; /* the part being updated */
  int errors;
  size_t added, removed, moved;
  /* The text of the document's parts, all of it (marked or not): tells a
   * value whose marks were lost by editing from one the data adds. */
  vb_buf doc_text;
} upd;

/* The new value with this identity, or NULL. */
const vb_tpl_trace_value *upd_value(const upd *u, const char *prefix, size_t len, size_t *part,
                                    size_t *index);

/* Note an identity as dealt with. */
void upd_handled(upd *u, const char *prefix, size_t len);

/* Give the edited part `doc` the loop items the new data adds, take out the
 * ones it no longer has (refused when a person edited them, unless forced),
 * and put them in the data's order; fresh is the same part rendered with
 * the new data (NULL when the template has no such part). */
void upd_items(upd *u, const vb_format *fmt, xmlDoc *doc, const upd_fresh *fresh);

#endif
