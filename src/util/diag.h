/* Internal side of the diagnostics list declared in vanban.h. */
#ifndef VB_UTIL_DIAG_H
#define VB_UTIL_DIAG_H
#include "vanban.h"

/* Add a diagnostic: its rule id (see vb_diag.rule), and the message and hint
 * in Vietnamese. file, where and hint may be NULL; every string is copied.
 * There is no way to add one without an id: every message a user reads is
 * Vietnamese and can be searched for by its id. */
void vb_diag_add_rule(vb_diags *d, vb_status code, vb_severity sev, const char *rule,
                      const char *file, const char *where, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#define vb_error_rule(d, code, rule, file, where, hint, ...)                                       \
  vb_diag_add_rule((d), (code), VB_SEV_ERROR, (rule), (file), (where), (hint), __VA_ARGS__)
#define vb_warn_rule(d, code, rule, file, where, hint, ...)                                        \
  vb_diag_add_rule((d), (code), VB_SEV_WARNING, (rule), (file), (where), (hint), __VA_ARGS__)

/* Move every diagnostic of src to the end of dst (src becomes empty). */
void vb_diags_move(vb_diags *dst, vb_diags *src);

#endif
