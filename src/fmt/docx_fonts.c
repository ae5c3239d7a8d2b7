/* Embedding fonts into a DOCX (ECMA-376 Part 1, 17.8): each face becomes
 * word/fonts/fontN.odttf, obfuscated with its key; word/fontTable.xml names
 * it in the w:font of its family (w:embedRegular/Bold/Italic/BoldItalic with
 * the key and a relationship of word/_rels/fontTable.xml.rels);
 * word/settings.xml gets w:embedTrueTypeFonts; [Content_Types].xml a Default
 * for .odttf. Parts the document lacks are made, with their relationship
 * and type. The parts are edited as trees, with their bytes kept
 * (xml/edit.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/fonts.h"
#include "fmt/format.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define REL_FONT NS_R "/font"
#define CT_ODTTF "application/vnd.openxmlformats-officedocument.obfuscatedFont"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* ---- font keys --------------------------------------------------------------- */

static uint64_t fnv1a(const unsigned char *p, size_t n, uint64_t h) {
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}" derived from the font bytes and its
 * position, so that the same input always gives the same package. */
static void font_key(const vb_font_face *f, size_t index, char out[39]) {
  uint64_t h1 = fnv1a(f->data, f->len, 0xcbf29ce484222325ULL ^ index);
  uint64_t h2 = fnv1a(f->data, f->len, 0x84222325cbf29ce4ULL + 0x9e3779b97f4a7c15ULL * (index + 1));
  unsigned char b[16];
  for (int i = 0; i < 8; i++) {
    b[i] = (unsigned char)(h1 >> (8 * i));
    b[8 + i] = (unsigned char)(h2 >> (8 * i));
  }
  b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* a version-4 style GUID */
  b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
  snprintf(out, 39, "{%02X%02X%02X%02X-%02X%02X-%02X%02X-%02X%02X-%02X%02X%02X%02X%02X%02X}", b[0],
           b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
           b[15]);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return 0;
}

/* ECMA-376 Part 1, 17.8.1: the key is the GUID's 16 bytes read from the end of
 * its string form; the first 32 bytes of the font are XORed with it twice. */
static char *obfuscate(const vb_font_face *f, const char key[39], size_t *len) {
  static const int pos[16] = {35, 33, 31, 29, 27, 25, 22, 20, 17, 15, 12, 10, 7, 5, 3, 1};
  unsigned char k[16];
  for (int i = 0; i < 16; i++)
    k[i] = (unsigned char)(hexval(key[pos[i]]) * 16 + hexval(key[pos[i] + 1]));
  char *b = vb_xmalloc(f->len ? f->len : 1);
  memcpy(b, f->data, f->len);
  for (size_t i = 0; i < 32 && i < f->len; i++)
    b[i] = (char)(b[i] ^ k[i % 16]);
  *len = f->len;
  return b;
}

static const char *embed_elem(const vb_font_face *f) {
  return f->bold && f->italic ? "embedBoldItalic"
         : f->bold            ? "embedBold"
         : f->italic          ? "embedItalic"
                              : "embedRegular";
}

/* ---- the parts ------------------------------------------------------------------ */

enum { CT, RELS, FT, FTRELS, ST, NPARTS };

/* A new element named local in the namespace of `like` (an element of the
 * same part), attributes to follow. */
static xmlNode *new_elem(xmlNode *like, const char *local) {
  return xmlNewDocNode(like->doc, like->ns, (const xmlChar *)local, NULL);
}

static void set(xmlNode *e, const char *name, const char *value) {
  xmlNewProp(e, (const xmlChar *)name, (const xmlChar *)value);
}

/* A relationship of the document part, and the content type of the part. */
static void declare_part(vb_font_part *parts, const char *id, const char *type, const char *target,
                         const char *content_type) {
  xmlNode *rels = vb_font_part_root(&parts[RELS]), *ct = vb_font_part_root(&parts[CT]);
  xmlNode *r = new_elem(rels, "Relationship");
  set(r, "Id", id);
  set(r, "Type", type);
  set(r, "Target", target);
  vb_xml_edit_append(parts[RELS].edit, rels, r);
  xmlNode *o = new_elem(ct, "Override");
  vb_buf name = VB_BUF_INIT;
  vb_buf_printf(&name, "/word/%s", target);
  set(o, "PartName", vb_buf_cstr(&name));
  set(o, "ContentType", content_type);
  vb_xml_edit_append(parts[CT].edit, ct, o);
  vb_buf_free(&name);
}

static int has_odttf_default(xmlNode *types) {
  for (xmlNode *c = types->children; c; c = c->next) {
    if (!vb_xml_is(c, NS_CT, "Default")) continue;
    xmlChar *ext = xmlGetProp(c, (const xmlChar *)"Extension");
    int yes = ext && !xmlStrcasecmp(ext, (const xmlChar *)"odttf");
    xmlFree(ext);
    if (yes) return 1;
  }
  return 0;
}

/* w:embedTrueTypeFonts, in its place in the CT_Settings sequence: after
 * the elements that come before it there, or first. */
static void embed_true_type(vb_font_part *st) {
  static const char *const before[] = {"writeProtection",
                                       "view",
                                       "zoom",
                                       "removePersonalInformation",
                                       "removeDateAndTime",
                                       "doNotDisplayPageBoundaries",
                                       "displayBackgroundShape",
                                       "printPostScriptOverText",
                                       "printFractionalCharacterWidth",
                                       "printFormsData"};
  xmlNode *root = vb_font_part_root(st);
  if (vb_font_child(root, VB_NS_W, "embedTrueTypeFonts")) return;
  xmlNode *after = NULL;
  for (xmlNode *c = root->children; c; c = c->next)
    for (size_t i = 0; i < sizeof before / sizeof *before; i++)
      if (vb_xml_is(c, VB_NS_W, before[i])) after = c;
  xmlNode *e = new_elem(root, "embedTrueTypeFonts");
  if (after)
    vb_xml_edit_insert_after(st->edit, after, e);
  else
    vb_xml_edit_prepend(st->edit, root, e);
}

static xmlNode *font_entry(xmlNode *fonts, const char *family) {
  for (xmlNode *c = fonts->children; c; c = c->next) {
    if (!vb_xml_is(c, VB_NS_W, "font")) continue;
    xmlChar *name = xmlGetNsProp(c, (const xmlChar *)"name", (const xmlChar *)VB_NS_W);
    int same = name && !strcmp((const char *)name, family);
    xmlFree(name);
    if (same) return c;
  }
  return NULL;
}

static int has_embedded(xmlNode *font) {
  for (xmlNode *c = font->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && c->ns && !strcmp((const char *)c->ns->href, VB_NS_W) &&
        !strncmp((const char *)c->name, "embed", 5))
      return 1;
  return 0;
}

/* fontTable.xml: one w:font per family with its embedded faces; the family
 * a font replaces gets it as w:altName. */
static void font_table(vb_font_part *ft, const vb_font_face *faces, size_t n) {
  xmlNode *fonts = vb_font_part_root(ft);
  xmlNs *w = fonts->ns;
  for (size_t i = 0; i < n; i++) {
    if (!vb_font_first_of_family(faces, i)) continue;
    xmlNode *entry = font_entry(fonts, faces[i].family);
    if (entry && has_embedded(entry)) continue; /* already embedded */
    xmlNode *fresh = NULL;
    if (!entry) {
      fresh = new_elem(fonts, "font");
      vb_xml_set_prop_apos(fresh, w, "name", faces[i].family);
      xmlNewNsProp(xmlNewChild(fresh, w, (const xmlChar *)"family", NULL), w,
                   (const xmlChar *)"val", (const xmlChar *)"roman");
      xmlNewNsProp(xmlNewChild(fresh, w, (const xmlChar *)"pitch", NULL), w, (const xmlChar *)"val",
                   (const xmlChar *)"variable");
    }
    for (size_t k = i; k < n; k++) {
      if (strcmp(faces[k].family, faces[i].family)) continue;
      char key[39], id[32];
      font_key(&faces[k], k, key);
      snprintf(id, sizeof id, "rIdVbFont%zu", k + 1);
      xmlNode *e = new_elem(fonts, embed_elem(&faces[k]));
      xmlNs *r = xmlNewNs(e, (const xmlChar *)NS_R, (const xmlChar *)"r");
      xmlNewNsProp(e, r, (const xmlChar *)"id", (const xmlChar *)id);
      xmlNewNsProp(e, w, (const xmlChar *)"fontKey", (const xmlChar *)key);
      if (fresh)
        xmlAddChild(fresh, e);
      else
        vb_xml_edit_append(ft->edit, entry, e);
    }
    if (fresh) vb_xml_edit_append(ft->edit, fonts, fresh);
    xmlNode *rep = faces[i].replaces ? font_entry(fonts, faces[i].replaces) : NULL;
    if (rep && !vb_xml_edit_is_empty_tag(ft->edit, rep) &&
        !vb_font_child(rep, VB_NS_W, "altName")) {
      xmlNode *alt = new_elem(fonts, "altName");
      vb_xml_set_prop_apos(alt, w, "val", faces[i].family);
      vb_xml_edit_prepend(ft->edit, rep, alt);
    }
  }
}

static int is_root(vb_font_part *fp, const char *ns, const char *local) {
  return vb_xml_is(vb_font_part_root(fp), ns, local);
}

int vb_docx_embed_fonts(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                        vb_diags *d) {
  vb_font_part parts[NPARTS] = {{0}};
  if (vb_pkg_find(p, "[Content_Types].xml") < 0 ||
      vb_pkg_find(p, "word/_rels/document.xml.rels") < 0) {
    vb_error_rule(d, VB_EINTERNAL, "fonts.format", NULL, NULL, "cho một văn bản .docx",
                  "nhúng phông chữ: gói không phải DOCX");
    return -1;
  }
  int rc = -1;
  if (vb_font_part_open(p, "[Content_Types].xml", NULL, &parts[CT], d) ||
      vb_font_part_open(p, "word/_rels/document.xml.rels", NULL, &parts[RELS], d) ||
      vb_font_part_open(p, "word/fontTable.xml",
                        XML_DECL "<w:fonts xmlns:w=\"" VB_NS_W "\"></w:fonts>", &parts[FT], d) ||
      vb_font_part_open(p, "word/_rels/fontTable.xml.rels",
                        XML_DECL "<Relationships xmlns=\"" NS_RELS "\"></Relationships>",
                        &parts[FTRELS], d) ||
      vb_font_part_open(p, "word/settings.xml",
                        XML_DECL "<w:settings xmlns:w=\"" VB_NS_W "\"></w:settings>", &parts[ST],
                        d))
    goto done;
  if (!is_root(&parts[CT], NS_CT, "Types") || !is_root(&parts[RELS], NS_RELS, "Relationships") ||
      !is_root(&parts[FT], VB_NS_W, "fonts") ||
      !is_root(&parts[FTRELS], NS_RELS, "Relationships") ||
      !is_root(&parts[ST], VB_NS_W, "settings")) {
    vb_error_rule(d, VB_EINTERNAL, "fonts.format", NULL, NULL, "báo lại điều này kèm mẫu đã dùng",
                  "nhúng phông chữ: một phần của DOCX không được bố trí như mong đợi");
    goto done;
  }
  if (!parts[FT].present)
    declare_part(parts, "rIdVbFontTable", NS_R "/fontTable", "fontTable.xml",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml");
  if (!parts[ST].present)
    declare_part(parts, "rIdVbSettings", NS_R "/settings", "settings.xml",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml");
  xmlNode *types = vb_font_part_root(&parts[CT]);
  if (!has_odttf_default(types)) {
    xmlNode *def = new_elem(types, "Default");
    set(def, "Extension", "odttf");
    set(def, "ContentType", CT_ODTTF);
    vb_xml_edit_append(parts[CT].edit, types, def);
  }
  embed_true_type(&parts[ST]);
  font_table(&parts[FT], faces, n);
  xmlNode *ftrels = vb_font_part_root(&parts[FTRELS]);
  for (size_t k = 0; k < n; k++) {
    char id[32], target[48];
    snprintf(id, sizeof id, "rIdVbFont%zu", k + 1);
    snprintf(target, sizeof target, "fonts/font%zu.odttf", k + 1);
    xmlNode *r = new_elem(ftrels, "Relationship");
    set(r, "Id", id);
    set(r, "Type", REL_FONT);
    set(r, "Target", target);
    vb_xml_edit_append(parts[FTRELS].edit, ftrels, r);
  }
  /* The package again: edited parts in place, then the new parts, then the
   * font files. */
  if (vb_font_write_package(p, w, parts, NPARTS, NULL, d) != 0) goto done;
  for (size_t k = 0; k < n; k++) {
    char key[39], name[64];
    font_key(&faces[k], k, key);
    size_t len;
    char *bytes = obfuscate(&faces[k], key, &len);
    snprintf(name, sizeof name, "word/fonts/font%zu.odttf", k + 1);
    vb_pkg_writer_add_owned(w, name, bytes, len, 0);
  }
  rc = 0;
done:
  for (size_t k = 0; k < NPARTS; k++)
    vb_font_part_close(&parts[k]);
  return rc;
}
