/* ODT as a package (ODF 1.3 Part 2): a "mimetype" entry first and stored
 * names the document type; the body is content.xml, headers and footers
 * live in styles.xml. Bookmarks pair their start and end by name. */
#include <stdlib.h>
#include <string.h>

#include "fmt/additions.h"
#include "fmt/custom.h"
#include "fmt/document.h"
#include "fmt/fonts.h"
#include "fmt/pages.h"

static int odt_detect(vb_pkg *p, vb_diags *d) {
  static const char text_type[] = "application/vnd.oasis.opendocument.text";
  long mt = vb_pkg_find(p, "mimetype");
  if (mt < 0) return 0;
  char *data = NULL;
  size_t len = 0;
  if (vb_pkg_read(p, (size_t)mt, &data, &len, d) != 0) return -1;
  int odt = len == sizeof text_type - 1 && memcmp(data, text_type, len) == 0;
  free(data);
  return odt && vb_pkg_find(p, "content.xml") >= 0;
}

static int odt_is_text_part(const char *name) {
  return !strcmp(name, "content.xml") || !strcmp(name, "styles.xml");
}

const vb_doc_format vb_doc_odt = {
    .kind = VB_FORMAT_ODT,
    .name = "ODT",
    .text = &vb_format_odt,
    .props_part = "meta.xml",
    .stored_part = "mimetype",
    .detect = odt_detect,
    .is_text_part = odt_is_text_part,
    .embed_fonts = vb_odt_embed_fonts,
    .next_mark_id = NULL,
    .custom_parts = vb_odt_custom_parts,
    .record_custom = vb_odt_record_custom,
    .read_custom = vb_odt_read_custom,
    .adds = &vb_add_rules_odt,
    .page_styles_part = "styles.xml",
    .turn_styles = vb_odt_turn_styles,
};
