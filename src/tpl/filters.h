/* Filter implementations shared between filters.c (generic) and
 * filters_vi.c (Vietnamese formatting through src/vi). */
#ifndef VB_TPL_FILTERS_H
#define VB_TPL_FILTERS_H
#include "tpl/expr.h"

/* Record msg as the evaluation error and return -1. */
int vb_filter_fail(vb_eval *ev, const char *msg);

/* Vietnamese filters (filters_vi.c). */
int vb_filter_upper(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_lower(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);

#define VB_FILTERS_VI                                                                          \
  {"upper", vb_filter_upper}, {"hoa", vb_filter_upper}, {"lower", vb_filter_lower},           \
      {"thuong", vb_filter_lower},

#endif
