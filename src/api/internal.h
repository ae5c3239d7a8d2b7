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

#endif
