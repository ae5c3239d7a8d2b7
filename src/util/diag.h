/* Internal side of the diagnostics list declared in vanban.h. */
#ifndef VB_UTIL_DIAG_H
#define VB_UTIL_DIAG_H
#include "vanban.h"

/* Add a diagnostic. file, where and hint may be NULL; every string is copied. */
void vb_diag_add(vb_diags *d, vb_status code, vb_severity sev, const char *file, const char *where,
                 const char *hint, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* The same with a rule id (see vb_diag.rule): the message and hint are
 * Vietnamese. */
void vb_diag_add_rule(vb_diags *d, vb_status code, vb_severity sev, const char *rule,
                      const char *file, const char *where, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#define vb_error(d, code, file, where, hint, ...)                                                  \
  vb_diag_add((d), (code), VB_SEV_ERROR, (file), (where), (hint), __VA_ARGS__)
#define vb_warn(d, code, file, where, hint, ...)                                                   \
  vb_diag_add((d), (code), VB_SEV_WARNING, (file), (where), (hint), __VA_ARGS__)

#define vb_error_rule(d, code, rule, file, where, hint, ...)                                       \
  vb_diag_add_rule((d), (code), VB_SEV_ERROR, (rule), (file), (where), (hint), __VA_ARGS__)
#define vb_warn_rule(d, code, rule, file, where, hint, ...)                                        \
  vb_diag_add_rule((d), (code), VB_SEV_WARNING, (rule), (file), (where), (hint), __VA_ARGS__)

/* Move every diagnostic of src to the end of dst (src becomes empty). */
void vb_diags_move(vb_diags *dst, vb_diags *src);

#endif
