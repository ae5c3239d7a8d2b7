/* Definitions shared by the public API's implementation files. */
#ifndef VB_API_INTERNAL_H
#define VB_API_INTERNAL_H
#include "data/value.h"
#include "pkg/pkg.h"
#include "tpl/package.h"
#include "vanban.h"

struct vb_template {
  char *name;
  char *bytes; /* owned copy when opened from memory (the package refers to it) */
  vb_tpl_package tp;
};

struct vb_data {
  char *name;
  vb_arena *arena;
  vb_value *root;       /* what templates see (the computed view for vanban documents) */
  const char *tpl_name; /* shipped template asked for, or NULL */
};

/* Loading data from a tree instead of a file (a batch unit's merged data):
 * make the vb_data, build the input tree in data->arena, then finish, which
 * does what loading a file does once it is parsed (sheets, unit list, the
 * model; errors counts d's errors before, to judge only new ones) and frees
 * data on failure. */
vb_data *vb_data__new(const char *name);
vb_data *vb_data__finish(vb_data *data, vb_value *input, size_t errors, unsigned flags,
                         vb_diags *d);

#endif
