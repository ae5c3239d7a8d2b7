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
int vb_filter_capitalize(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_number(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_percent(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_rate(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_date_long(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_date_short(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_words(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_words_dong(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_roman(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_letter(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_sort(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);

/* Vietnamese names first, then the Jinja names they also answer to. */
#define VB_FILTERS_VI                                                                              \
  {"hoa", vb_filter_upper}, {"thuong", vb_filter_lower}, {"viet_hoa_dau", vb_filter_capitalize},   \
      {"so", vb_filter_number}, {"phan_tram", vb_filter_percent}, {"ty_le", vb_filter_rate},       \
      {"ngay", vb_filter_date_long}, {"ngay_ngan", vb_filter_date_short},                          \
      {"chu", vb_filter_words}, {"chu_dong", vb_filter_words_dong}, {"la_ma", vb_filter_roman},    \
      {"chu_cai", vb_filter_letter}, {"sap_xep", vb_filter_sort}, {"upper", vb_filter_upper},      \
      {"lower", vb_filter_lower}, {"capitalize", vb_filter_capitalize}, {"sort", vb_filter_sort},

#endif
