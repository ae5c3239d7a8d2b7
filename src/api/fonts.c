/* vb_embed_fonts: add font files to a rendered DOCX or ODT package. The
 * package is written again entry by entry: the few parts that name fonts are
 * edited, every other entry is copied as its compressed bytes, and the font
 * files are added at the end; the format does the work (src/fmt: fonts.c,
 * docx_fonts.c, odt_fonts.c). See docs/batch.md, "Fonts". */
#include <string.h>

#include "fmt/document.h"
#include "pkg/pkg.h"
#include "util/diag.h"
#include "vanban.h"

vb_status vb_embed_fonts(const void *pkg, size_t pkg_len, const vb_font_face *faces, size_t nfaces,
                         void **out, size_t *out_len, vb_diags *d) {
  if (!pkg || !out || !out_len || (nfaces && !faces)) return VB_EUSAGE;
  for (size_t i = 0; i < nfaces; i++)
    if (!faces[i].family || !faces[i].data || faces[i].len < 32 || strlen(faces[i].family) > 200)
      return VB_EUSAGE;
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.error_code = VB_EINTERNAL;
  vb_pkg *p = vb_pkg_open_memory(pkg, pkg_len, "(rendered document)", &lim, d);
  if (!p) return vb_diags_status(d) ? vb_diags_status(d) : VB_EINTERNAL;
  const vb_doc_format *fmt = NULL;
  int rc = vb_doc_format_detect(p, &fmt, d);
  if (rc == 0 && !fmt) {
    vb_error_rule(d, VB_EUSAGE, "fonts.format", NULL, NULL, "cho một văn bản .docx hoặc .odt",
                  "nhúng phông chữ: không phải gói DOCX hay ODT");
    rc = -1;
  }
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  if (rc == 0) rc = fmt->embed_fonts(p, w, faces, nfaces, d);
  if (rc == 0) rc = vb_pkg_writer_finish_memory(w, out, out_len, d);
  vb_pkg_writer_free(w);
  vb_pkg_free(p);
  if (rc == 0) return VB_OK;
  return vb_diags_status(d) ? vb_diags_status(d) : VB_EINTERNAL;
}
