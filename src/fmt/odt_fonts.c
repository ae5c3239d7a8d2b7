/* Embedding fonts into an ODT (ODF 1.3 Part 3, 16.23): each face becomes
 * Fonts/FAMILY-FACE.ttf, listed in META-INF/manifest.xml and named by a
 * style:font-face with an svg:font-face-src in styles.xml. The parts are
 * edited as trees, with their bytes kept (xml/edit.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/fonts.h"
#include "fmt/format.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_XLINK "http://www.w3.org/1999/xlink"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

enum { ST, MF, NPARTS };

static const char *face_suffix(const vb_font_face *f) {
  return f->bold && f->italic ? "BoldItalic" : f->bold ? "Bold" : f->italic ? "Italic" : "Regular";
}

/* "Fonts/LiberationSerif-Bold.ttf": the family without characters that
 * would need escaping or make a path. */
static void odt_font_file(const vb_font_face *f, char *out, size_t outlen) {
  size_t j = 0;
  j += (size_t)snprintf(out, outlen, "Fonts/");
  for (const char *s = f->family; *s && j + 1 < outlen; s++)
    if (*s != ' ' && *s != '/' && *s != '"' && *s != '\'' && *s != '&' && *s != '<') out[j++] = *s;
  out[j] = '\0';
  snprintf(out + j, outlen - j, "-%s.ttf", face_suffix(f));
}

/* Is there a style:font-face named `name` anywhere under n? */
static int has_font_face(const xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, NS_STYLE, "font-face")) {
      xmlChar *v = xmlGetNsProp(n, (const xmlChar *)"name", (const xmlChar *)NS_STYLE);
      int same = v && !strcmp((const char *)v, name);
      xmlFree(v);
      if (same) return 1;
    }
    if (has_font_face(n->children, name)) return 1;
  }
  return 0;
}

static xmlNode *find_elem(xmlNode *n, const char *ns, const char *local) {
  for (; n; n = n->next) {
    if (vb_xml_is(n, ns, local)) return n;
    xmlNode *r = n->type == XML_ELEMENT_NODE ? find_elem(n->children, ns, local) : NULL;
    if (r) return r;
  }
  return NULL;
}

static void prop(xmlNode *e, xmlNs *ns, const char *name, const char *value) {
  xmlNewNsProp(e, ns, (const xmlChar *)name, (const xmlChar *)value);
}

/* The style:font-face of faces[i]'s family (named `name`), with the
 * namespaces it uses declared on it. */
static xmlNode *font_face(xmlDoc *doc, const vb_font_face *faces, size_t n, size_t i,
                          const char *name) {
  xmlNode *ff = xmlNewDocNode(doc, NULL, (const xmlChar *)"font-face", NULL);
  xmlNs *style = xmlNewNs(ff, (const xmlChar *)NS_STYLE, (const xmlChar *)"style");
  xmlNs *svg = xmlNewNs(ff, (const xmlChar *)NS_SVG, (const xmlChar *)"svg");
  xmlNs *xlink = xmlNewNs(ff, (const xmlChar *)NS_XLINK, (const xmlChar *)"xlink");
  xmlSetNs(ff, style);
  vb_xml_set_prop_apos(ff, style, "name", name);
  vb_buf quoted = VB_BUF_INIT;
  vb_buf_printf(&quoted, "'%s'", faces[i].family);
  vb_xml_set_prop_apos(ff, svg, "font-family", vb_buf_cstr(&quoted));
  vb_buf_free(&quoted);
  prop(ff, style, "font-family-generic", "roman");
  prop(ff, style, "font-pitch", "variable");
  xmlNode *src = xmlNewChild(ff, svg, (const xmlChar *)"font-face-src", NULL);
  for (size_t k = i; k < n; k++) {
    if (strcmp(faces[k].family, faces[i].family)) continue;
    char file[300];
    odt_font_file(&faces[k], file, sizeof file);
    xmlNode *uri = xmlNewChild(src, svg, (const xmlChar *)"font-face-uri", NULL);
    vb_xml_set_prop_apos(uri, xlink, "href", file);
    prop(uri, xlink, "type", "simple");
    prop(xmlNewChild(uri, svg, (const xmlChar *)"font-face-format", NULL), svg, "string",
         "truetype");
  }
  return ff;
}

/* The declarations go into office:font-face-decls, made first in
 * office:document-styles when there is none. */
static int declare_faces(vb_font_part *st, const vb_font_face *faces, size_t n) {
  xmlDoc *doc = vb_xml_edit_doc(st->edit);
  xmlNode *root = vb_font_part_root(st);
  /* Made before any is added: a declaration of the same name may exist (a
   * template that uses the family), and the embedded one gets a name of its
   * own. */
  xmlNode *decls[64], **made = n <= 64 ? decls : vb_xmalloc(n * sizeof(xmlNode *));
  size_t nmade = 0;
  for (size_t i = 0; i < n; i++) {
    if (!vb_font_first_of_family(faces, i)) continue;
    char name[300];
    snprintf(name, sizeof name, "%s", faces[i].family);
    if (has_font_face(root, name)) snprintf(name, sizeof name, "%s (vanban)", faces[i].family);
    made[nmade++] = font_face(doc, faces, n, i, name);
  }
  xmlNode *fd = find_elem(root, VB_NS_OFFICE, "font-face-decls");
  if (!fd && !vb_xml_is(root, VB_NS_OFFICE, "document-styles")) {
    for (size_t i = 0; i < nmade; i++)
      xmlFreeNode(made[i]);
    if (made != decls) free(made);
    return -1;
  }
  if (fd) {
    for (size_t i = 0; i < nmade; i++)
      vb_xml_edit_append(st->edit, fd, made[i]);
  } else {
    xmlNs *office = xmlSearchNsByHref(doc, root, (const xmlChar *)VB_NS_OFFICE);
    fd = xmlNewDocNode(doc, office, (const xmlChar *)"font-face-decls", NULL);
    for (size_t i = 0; i < nmade; i++)
      xmlAddChild(fd, made[i]);
    vb_xml_edit_prepend(st->edit, root, fd);
  }
  if (made != decls) free(made);
  return 0;
}

static int list_files(vb_font_part *mf, const vb_font_face *faces, size_t n) {
  xmlNode *root = vb_font_part_root(mf);
  if (!vb_xml_is(root, NS_MANIFEST, "manifest")) return -1;
  for (size_t k = 0; k < n; k++) {
    char file[300];
    odt_font_file(&faces[k], file, sizeof file);
    xmlNode *e = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"file-entry", NULL);
    prop(e, root->ns, "full-path", file);
    prop(e, root->ns, "media-type", "application/x-font-ttf");
    vb_xml_edit_append(mf->edit, root, e);
  }
  return 0;
}

int vb_odt_embed_fonts(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                       vb_diags *d) {
  vb_font_part parts[NPARTS] = {{0}};
  if (vb_pkg_find(p, "styles.xml") < 0 || vb_pkg_find(p, "META-INF/manifest.xml") < 0) {
    vb_error_rule(d, VB_EINTERNAL, "fonts.format", NULL, NULL, "cho một văn bản .odt",
                  "nhúng phông chữ: ODT không có styles.xml hoặc không có bản kê (manifest)");
    return -1;
  }
  int rc = -1;
  if (vb_font_part_open(p, "styles.xml", NULL, &parts[ST], d) ||
      vb_font_part_open(p, "META-INF/manifest.xml", NULL, &parts[MF], d))
    goto done;
  if (declare_faces(&parts[ST], faces, n) != 0 || list_files(&parts[MF], faces, n) != 0) {
    vb_error_rule(d, VB_EINTERNAL, "fonts.format", NULL, NULL, "báo lại điều này kèm mẫu đã dùng",
                  "nhúng phông chữ: một phần của ODT không được bố trí như mong đợi");
    goto done;
  }
  /* ODF wants the mimetype first and stored. */
  if (vb_font_write_package(p, w, parts, NPARTS, "mimetype", d) != 0) goto done;
  for (size_t k = 0; k < n; k++) {
    char file[300];
    odt_font_file(&faces[k], file, sizeof file);
    vb_pkg_writer_add(w, file, faces[k].data, faces[k].len, 0);
  }
  rc = 0;
done:
  for (size_t k = 0; k < NPARTS; k++)
    vb_font_part_close(&parts[k]);
  return rc;
}
