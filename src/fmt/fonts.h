/* Embedding font files into a rendered package: what the two formats'
 * embedders (fmt/docx_fonts.c, fmt/odt_fonts.c) share. Private to src/fmt;
 * vb_doc_format.embed_fonts is the entry. */
#ifndef VB_FMT_FONTS_H
#define VB_FMT_FONTS_H
#include "pkg/pkg.h"
#include "vanban.h"
#include "xml/edit.h"

/* A part being edited: read from the package, or started from `skeleton`
 * when the package lacks it. */
typedef struct vb_font_part {
  const char *name;
  vb_xml_edit *edit;
  int present; /* the package has it */
} vb_font_part;

/* 0, or -1 with an error in d. */
int vb_font_part_open(vb_pkg *p, const char *name, const char *skeleton, vb_font_part *fp,
                      vb_diags *d);
void vb_font_part_close(vb_font_part *fp);
/* The part's root element. */
xmlNode *vb_font_part_root(vb_font_part *fp);
/* Write the package again into w: every entry as it is (its compressed
 * bytes), but the edited parts, and `stored` (NULL for none) read and
 * written uncompressed; then the edited parts the package lacked, in the
 * order given. The parts are closed. 0, or -1 with an error in d. */
int vb_font_write_package(vb_pkg *p, vb_pkg_writer *w, vb_font_part *parts, size_t nparts,
                          const char *stored, vb_diags *d);

/* 1 when faces[i] is the first face of its family. */
int vb_font_first_of_family(const vb_font_face *faces, size_t i);

/* The first child of parent named ns:local, or NULL. */
xmlNode *vb_font_child(xmlNode *parent, const char *ns, const char *local);

int vb_docx_embed_fonts(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                        vb_diags *d);
int vb_odt_embed_fonts(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                       vb_diags *d);

#endif
