/* vb_update_file: the public entry of `vanban update` (src/update does the
 * work on the template's compiled package). */
#include "update/update.h"
#include "api/internal.h"

vb_status vb_update_file(const vb_template *t, const vb_data *new_data, const char *edited_path,
                         const char *out_path, unsigned flags, vb_diags *d) {
  if (!t || !new_data || !edited_path || !out_path) return VB_EUSAGE;
  vb_tpl_files files = {.base_dir = new_data->dir};
  return vb_update_package(&t->tp, new_data->root, &files, edited_path, out_path, flags, d);
}
