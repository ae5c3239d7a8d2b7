/* What the DOCX and ODT font embedders share. */
#include "fmt/fonts.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "xml/xml.h"

int vb_font_part_open(vb_pkg *p, const char *name, const char *skeleton, vb_font_part *fp,
                      vb_diags *d) {
  fp->name = name;
  fp->edit = NULL;
  long i = vb_pkg_find(p, name);
  fp->present = i >= 0;
  if (i < 0) {
    fp->edit =
        vb_xml_edit_open(skeleton, strlen(skeleton), vb_pkg_display_name(p), name, VB_EINTERNAL, d);
    return fp->edit ? 0 : -1;
  }
  char *xml = NULL;
  size_t len = 0;
  if (vb_pkg_read(p, (size_t)i, &xml, &len, d) != 0) return -1;
  fp->edit = vb_xml_edit_open(xml, len, vb_pkg_display_name(p), name, VB_EINTERNAL, d);
  free(xml);
  return fp->edit ? 0 : -1;
}

void vb_font_part_close(vb_font_part *fp) {
  vb_xml_edit_free(fp->edit);
  fp->edit = NULL;
}

xmlNode *vb_font_part_root(vb_font_part *fp) {
  return xmlDocGetRootElement(vb_xml_edit_doc(fp->edit));
}

static void write_part(vb_font_part *fp, vb_pkg_writer *w) {
  size_t len;
  char *bytes = vb_xml_edit_finish(fp->edit, &len);
  vb_pkg_writer_add_owned(w, fp->name, bytes, len, 0);
  vb_font_part_close(fp);
}

int vb_font_write_package(vb_pkg *p, vb_pkg_writer *w, vb_font_part *parts, size_t nparts,
                          const char *stored, vb_diags *d) {
  size_t count = vb_pkg_count(p);
  for (size_t i = 0; i < count; i++) {
    const char *name = vb_pkg_name(p, i);
    vb_font_part *fp = NULL;
    for (size_t k = 0; k < nparts; k++)
      if (parts[k].edit && parts[k].present && !strcmp(name, parts[k].name)) fp = &parts[k];
    if (fp) {
      write_part(fp, w);
    } else if (stored && !strcmp(name, stored)) {
      char *bytes = NULL;
      size_t len = 0;
      if (vb_pkg_read(p, i, &bytes, &len, d) != 0) return -1;
      vb_pkg_writer_add_owned(w, name, bytes, len, 1);
    } else {
      vb_pkg_writer_copy_raw(w, p, i);
    }
  }
  for (size_t k = 0; k < nparts; k++)
    if (parts[k].edit) write_part(&parts[k], w);
  return 0;
}

int vb_font_first_of_family(const vb_font_face *faces, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (!strcmp(faces[k].family, faces[i].family)) return 0;
  return 1;
}

xmlNode *vb_font_child(xmlNode *parent, const char *ns, const char *local) {
  for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next)
    if (vb_xml_is(c, ns, local)) return c;
  return NULL;
}
