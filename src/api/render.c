/* Rendering a template against data into a package (src/tpl/package.h does
 * the work). */
#include "api/internal.h"
#include "pkg/pkg.h"
#include "util/diag.h"

static unsigned tpl_flags(unsigned flags) {
  return ((flags & VB_RENDER_LENIENT) ? VB_TPL_LENIENT : 0) |
         ((flags & VB_RENDER_NO_MARKS) ? 0 : VB_TPL_MARKS);
}

/* Pictures the data names are looked for next to the data file. */
static vb_tpl_files files_of(const vb_data *data, unsigned flags) {
  vb_tpl_files f = {.base_dir = data->dir,
                    .allow_outside = (flags & VB_RENDER_PICTURES_ANYWHERE) != 0};
  return f;
}

vb_status vb_render_memory(const vb_template *t, const vb_data *data, unsigned flags, void **out,
                           size_t *out_len, vb_diags *d) {
  if (!t || !data || !out || !out_len) return VB_EUSAGE;
  vb_tpl_files files = files_of(data, flags);
  vb_pkg_writer *w = vb_tpl_package_render(&t->tp, data->root, tpl_flags(flags), &files, d);
  if (!w) return vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  int rc = vb_pkg_writer_finish_memory(w, out, out_len, d);
  vb_pkg_writer_free(w);
  return rc == 0 ? VB_OK : vb_diags_status(d);
}

vb_status vb_render_file(const vb_template *t, const vb_data *data, const char *path,
                         unsigned flags, vb_diags *d) {
  if (!t || !data || !path) return VB_EUSAGE;
  vb_tpl_files files = files_of(data, flags);
  vb_pkg_writer *w = vb_tpl_package_render(&t->tp, data->root, tpl_flags(flags), &files, d);
  if (!w) return vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  int rc = vb_pkg_writer_finish_file(w, path, d);
  vb_pkg_writer_free(w);
  return rc == 0 ? VB_OK : vb_diags_status(d);
}
