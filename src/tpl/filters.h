/* Filter implementations shared between filters.c (generic) and
 * filters_vi.c (Vietnamese formatting through src/vi). */
#ifndef VB_TPL_FILTERS_H
#define VB_TPL_FILTERS_H
#include "tpl/expr.h"

/* Record msg (Vietnamese) as the evaluation error, under the rule
 * tpl.filter-input with hint (a static string), and return -1. */
int vb_filter_fail(vb_eval *ev, const char *hint, const char *msg);
/* The same under another rule id (rule and hint are static strings). */
int vb_filter_fail_rule(vb_eval *ev, const char *rule, const char *hint, const char *msg);

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

/* Parameter names of the Vietnamese filters (keyword arguments). */
extern const char *const vb_params_so[], *const vb_params_phan_tram[],
                                             *const vb_params_ty_le[], *const vb_params_sap_xep[];

/* Vietnamese names first, then the Jinja names they also answer to. */
#define VB_FILTERS_VI                                                                              \
  {"hoa", vb_filter_upper, NULL}, {"thuong", vb_filter_lower, NULL},                               \
      {"viet_hoa_dau", vb_filter_capitalize, NULL}, {"so", vb_filter_number, vb_params_so},        \
      {"phan_tram", vb_filter_percent, vb_params_phan_tram},                                       \
      {"ty_le", vb_filter_rate, vb_params_ty_le}, {"ngay", vb_filter_date_long, NULL},             \
      {"ngay_ngan", vb_filter_date_short, NULL}, {"chu", vb_filter_words, NULL},                   \
      {"chu_dong", vb_filter_words_dong, NULL}, {"la_ma", vb_filter_roman, NULL},                  \
      {"chu_cai", vb_filter_letter, NULL}, {"sap_xep", vb_filter_sort, vb_params_sap_xep},         \
      {"upper", vb_filter_upper, NULL}, {"lower", vb_filter_lower, NULL},                          \
      {"capitalize", vb_filter_capitalize, NULL}, {"sort", vb_filter_sort, vb_params_sap_xep},

/* Filters whose value is not text (tpl/rich.h): pictures, charts, links. */
int vb_filter_picture(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_links(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
int vb_filter_chart(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out);
extern const char *const vb_params_hinh[], *const vb_params_bieu_do[];

#define VB_FILTERS_RICH                                                                            \
  {"hinh", vb_filter_picture, vb_params_hinh}, {"image", vb_filter_picture, vb_params_hinh},       \
      {"lien_ket", vb_filter_links, NULL}, {"urlize", vb_filter_links, NULL},                      \
      {"bieu_do", vb_filter_chart, vb_params_bieu_do},

#endif
