/* vanban update: regenerate the values of a document a person has edited,
 * keeping every manual edit (update.c says how). */
#ifndef VB_UPDATE_UPDATE_H
#define VB_UPDATE_UPDATE_H
#include "data/value.h"
#include "tpl/package.h"
#include "vanban.h"

/* Write to out_path the document at edited_path with the values that
 * rendering tp with new_root gives (VB_UPDATE_FORCE: also where a person
 * changed them). */
vb_status vb_update_package(const vb_tpl_package *tp, const vb_value *new_root,
                            const vb_tpl_files *files, const char *edited_path,
                            const char *out_path, unsigned flags, vb_diags *d);

#endif
