/* Fuzz the XML layer: vb_xml_parse on arbitrary bytes; when it parses,
 * compile the bytes as an ODT content.xml (vb_tpl_compile_part with
 * &vb_format_odt) and render with empty data, lenient. A rendered part must
 * be well-formed XML again. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "tpl/tpl.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  vb_diags *d = vb_diags_new();
  xmlDocPtr doc =
      vb_xml_parse((const char *)data, size, "fuzz.odt", "content.xml", VB_ETEMPLATE, d);
  if (!doc) {
    if (vb_diags_errors(d) == 0) abort();
    vb_diags_free(d);
    return 0;
  }
  xmlFreeDoc(doc);

  vb_arena *a = vb_arena_new();
  vb_tag **tags = NULL;
  size_t ntags = 0, cap = 0;
  vb_part_tpl *pt = vb_tpl_compile_part(a, &vb_format_odt, "fuzz.odt", "content.xml",
                                        (const char *)data, size, &tags, &ntags, &cap, d);
  if (!pt && vb_diags_errors(d) == 0) abort();
  if (pt) {
    vb_render_ctx rc = {0};
    rc.ev.a = vb_arena_new();
    rc.ev.root = vb_val_obj(rc.ev.a);
    rc.fmt = &vb_format_odt;
    rc.tpl_name = "fuzz.odt";
    rc.flags = VB_TPL_LENIENT;
    rc.d = d;
    vb_buf out = VB_BUF_INIT;
    if (vb_tpl_render_part(&rc, pt, &out) == 0)
      fz_check_well_formed(vb_buf_cstr(&out), out.len, "content.xml");
    else if (vb_diags_errors(d) == 0)
      abort();
    vb_buf_free(&out);
    free(rc.ev.vars);
    vb_arena_free(rc.ev.a);
  }
  vb_arena_free(a);
  vb_diags_free(d);
  return 0;
}
