/* vb_embed_fonts: add font files to a rendered DOCX or ODT package.
 *
 * The package is rewritten entry by entry: the few parts that name fonts are
 * edited as text (an insertion at a place found by a tag name; these parts are
 * small and written by vanban's own templates or by Word/LibreOffice), every
 * other entry is copied as its compressed bytes, and the font files are added
 * at the end. See docs/batch.md, "Fonts". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkg/pkg.h"
#include "util/buf.h"
#include "util/diag.h"
#include "vanban.h"

#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define REL_FONT NS_R "/font"
#define CT_ODTTF "application/vnd.openxmlformats-officedocument.obfuscatedFont"

/* ---- small text helpers -------------------------------------------------- */

/* Start of the first element named `tag` (e.g. "w:font") at or after from,
 * or NULL. Matches "<tag" followed by whitespace, '>' or '/'. */
static const char *find_start(const char *s, const char *from, const char *tag) {
  size_t n = strlen(tag);
  for (const char *p = strstr(from ? from : s, "<"); p; p = strstr(p + 1, "<")) {
    if (strncmp(p + 1, tag, n) == 0) {
      char c = p[1 + n];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '>' || c == '/') return p;
    }
  }
  return NULL;
}

/* Just after the '>' that ends the tag starting at p (attribute values may
 * hold '>', so quotes are skipped). */
static const char *tag_end(const char *p) {
  char q = 0;
  for (; *p; p++) {
    if (q) {
      if (*p == q) q = 0;
    } else if (*p == '"' || *p == '\'') {
      q = *p;
    } else if (*p == '>') {
      return p + 1;
    }
  }
  return NULL;
}

static int self_closing(const char *start) {
  const char *e = tag_end(start);
  return e && e - start >= 2 && e[-2] == '/';
}

/* Value of attribute `name` in the tag starting at p, copied into out. */
static int attr_value(const char *p, const char *name, char *out, size_t outlen) {
  const char *end = tag_end(p);
  size_t n = strlen(name);
  if (!end) return -1;
  for (const char *a = p + 1; a + n + 2 < end; a++) {
    if ((a[-1] == ' ' || a[-1] == '\t' || a[-1] == '\n' || a[-1] == '\r') &&
        strncmp(a, name, n) == 0 && a[n] == '=' && (a[n + 1] == '"' || a[n + 1] == '\'')) {
      char q = a[n + 1];
      const char *v = a + n + 2, *ve = strchr(v, q);
      if (!ve || ve > end) return -1;
      size_t len = (size_t)(ve - v);
      if (len >= outlen) len = outlen - 1;
      memcpy(out, v, len);
      out[len] = '\0';
      return 0;
    }
  }
  return -1;
}

/* New string: s with ins inserted at offset at. */
static char *splice(const char *s, size_t len, size_t at, const char *ins, size_t *out_len) {
  size_t n = strlen(ins);
  char *r = vb_xmalloc(len + n + 1);
  memcpy(r, s, at);
  memcpy(r + at, ins, n);
  memcpy(r + at + n, s + at, len - at);
  r[len + n] = '\0';
  *out_len = len + n;
  return r;
}

/* Replace *s (len *len) by itself with ins inserted at `at`. */
static void insert_at(char **s, size_t *len, size_t at, const char *ins) {
  size_t nl;
  char *r = splice(*s, *len, at, ins, &nl);
  free(*s);
  *s = r;
  *len = nl;
}

/* Insert ins just before the last occurrence of closing tag `close`. */
static int insert_before_close(char **s, size_t *len, const char *close, const char *ins) {
  const char *p = NULL;
  for (const char *q = strstr(*s, close); q; q = strstr(q + 1, close))
    p = q;
  if (!p) return -1;
  insert_at(s, len, (size_t)(p - *s), ins);
  return 0;
}

static void put_attr_escaped(vb_buf *b, const char *s) { vb_buf_put_xml_escaped(b, s, strlen(s)); }

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

static const char *face_suffix(const vb_font_face *f) {
  return f->bold && f->italic ? "BoldItalic" : f->bold ? "Bold" : f->italic ? "Italic" : "Regular";
}

static const char *embed_elem(const vb_font_face *f) {
  return f->bold && f->italic ? "w:embedBoldItalic"
         : f->bold            ? "w:embedBold"
         : f->italic          ? "w:embedItalic"
                              : "w:embedRegular";
}

/* Faces that are the first of their family, in order. */
static int first_of_family(const vb_font_face *faces, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (!strcmp(faces[k].family, faces[i].family)) return 0;
  return 1;
}

/* ---- DOCX ------------------------------------------------------------------- */

typedef struct edit {
  const char *name;
  char *text;
  size_t len;
  int present;
} edit;

static int read_part(vb_pkg *p, const char *name, edit *e, vb_diags *d) {
  e->name = name;
  e->text = NULL;
  e->len = 0;
  long i = vb_pkg_find(p, name);
  e->present = i >= 0;
  if (i < 0) return 0;
  return vb_pkg_read(p, (size_t)i, &e->text, &e->len, d);
}

/* The <w:font> start tag for family, or NULL. */
static const char *find_font_entry(const char *xml, const char *family) {
  char name[256];
  for (const char *p = find_start(xml, NULL, "w:font"); p; p = find_start(xml, p + 1, "w:font"))
    if (attr_value(p, "w:name", name, sizeof name) == 0 && !strcmp(name, family)) return p;
  return NULL;
}

static int docx_embed(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                      vb_diags *d) {
  edit ct, rels, ft, ftrels, st;
  if (read_part(p, "[Content_Types].xml", &ct, d) ||
      read_part(p, "word/_rels/document.xml.rels", &rels, d) ||
      read_part(p, "word/fontTable.xml", &ft, d) ||
      read_part(p, "word/_rels/fontTable.xml.rels", &ftrels, d) ||
      read_part(p, "word/settings.xml", &st, d))
    goto fail;
  if (!ct.present || !rels.present) {
    vb_error(d, VB_EINTERNAL, NULL, NULL, NULL, "embedding fonts: the package is not a DOCX");
    goto fail;
  }
  /* Parts that the document lacks are created, with their relationship and type. */
  if (!ft.present) {
    ft.text = vb_xstrdup(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"" NS_W
        "\"></w:fonts>");
    ft.len = strlen(ft.text);
    insert_before_close(&rels.text, &rels.len, "</Relationships>",
                        "<Relationship Id=\"rIdVbFontTable\" Type=\"" NS_R
                        "/fontTable\" Target=\"fontTable.xml\"/>");
    insert_before_close(&ct.text, &ct.len, "</Types>",
                        "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/"
                        "vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>");
  }
  if (!st.present) {
    st.text = vb_xstrdup(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings xmlns:w=\"" NS_W
        "\"></w:settings>");
    st.len = strlen(st.text);
    insert_before_close(&rels.text, &rels.len, "</Relationships>",
                        "<Relationship Id=\"rIdVbSettings\" Type=\"" NS_R
                        "/settings\" Target=\"settings.xml\"/>");
    insert_before_close(&ct.text, &ct.len, "</Types>",
                        "<Override PartName=\"/word/settings.xml\" ContentType=\"application/"
                        "vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>");
  }
  if (!ftrels.present) {
    ftrels.text =
        vb_xstrdup("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                   "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                   "relationships\"></Relationships>");
    ftrels.len = strlen(ftrels.text);
  }
  /* [Content_Types].xml: a Default for .odttf. */
  if (!strstr(ct.text, "Extension=\"odttf\"") &&
      insert_before_close(&ct.text, &ct.len, "</Types>",
                          "<Default Extension=\"odttf\" ContentType=\"" CT_ODTTF "\"/>"))
    goto bad;
  /* settings.xml: w:embedTrueTypeFonts, in its place in the CT_Settings sequence. */
  if (!find_start(st.text, NULL, "w:embedTrueTypeFonts")) {
    static const char *const before[] = {"w:writeProtection",
                                         "w:view",
                                         "w:zoom",
                                         "w:removePersonalInformation",
                                         "w:removeDateAndTime",
                                         "w:doNotDisplayPageBoundaries",
                                         "w:displayBackgroundShape",
                                         "w:printPostScriptOverText",
                                         "w:printFractionalCharacterWidth",
                                         "w:printFormsData"};
    const char *root = find_start(st.text, NULL, "w:settings");
    const char *at = root ? tag_end(root) : NULL;
    if (!at || self_closing(root)) goto bad;
    for (size_t i = 0; i < sizeof before / sizeof *before; i++) {
      const char *e = find_start(st.text, NULL, before[i]);
      if (e && tag_end(e) > at) at = self_closing(e) ? tag_end(e) : NULL;
      if (!at) goto bad; /* these elements are always empty */
    }
    insert_at(&st.text, &st.len, (size_t)(at - st.text), "<w:embedTrueTypeFonts/>");
  }
  /* fontTable.xml: one w:font per family with its embedded faces; the family a
   * font replaces gets it as w:altName. */
  for (size_t i = 0; i < n; i++) {
    if (!first_of_family(faces, i)) continue;
    vb_buf b = VB_BUF_INIT;
    const char *entry = find_font_entry(ft.text, faces[i].family);
    if (entry &&
        (strstr(entry, "<w:embed") && strstr(entry, "<w:embed") < strstr(entry, "</w:font>")))
      continue; /* already embedded */
    if (!entry) {
      vb_buf_puts(&b, "<w:font w:name=\"");
      put_attr_escaped(&b, faces[i].family);
      vb_buf_puts(&b, "\"><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>");
    }
    for (size_t k = i; k < n; k++) {
      if (strcmp(faces[k].family, faces[i].family)) continue;
      char key[39];
      font_key(&faces[k], k, key);
      vb_buf_printf(&b, "<%s xmlns:r=\"" NS_R "\" r:id=\"rIdVbFont%zu\" w:fontKey=\"%s\"/>",
                    embed_elem(&faces[k]), k + 1, key);
    }
    if (!entry) {
      vb_buf_puts(&b, "</w:font>");
      if (insert_before_close(&ft.text, &ft.len, "</w:fonts>", vb_buf_cstr(&b))) {
        vb_buf_free(&b);
        goto bad;
      }
    } else if (self_closing(entry)) {
      /* <w:font w:name="X"/> → <w:font w:name="X">…</w:font> */
      size_t at = (size_t)(tag_end(entry) - ft.text) - 2;
      vb_buf t = VB_BUF_INIT;
      vb_buf_puts(&t, ">");
      vb_buf_puts(&t, vb_buf_cstr(&b));
      vb_buf_puts(&t, "</w:font");
      ft.text[at] = ' ';
      insert_at(&ft.text, &ft.len, at + 1, vb_buf_cstr(&t));
      vb_buf_free(&t);
    } else {
      const char *close = strstr(entry, "</w:font>");
      if (!close) {
        vb_buf_free(&b);
        goto bad;
      }
      insert_at(&ft.text, &ft.len, (size_t)(close - ft.text), vb_buf_cstr(&b));
    }
    vb_buf_free(&b);
    if (faces[i].replaces) {
      const char *rep = find_font_entry(ft.text, faces[i].replaces);
      if (rep && !self_closing(rep)) {
        const char *close = strstr(rep, "</w:font>");
        const char *alt = find_start(ft.text, rep, "w:altName");
        if (!alt || (close && alt > close)) {
          vb_buf a = VB_BUF_INIT;
          vb_buf_puts(&a, "<w:altName w:val=\"");
          put_attr_escaped(&a, faces[i].family);
          vb_buf_puts(&a, "\"/>");
          insert_at(&ft.text, &ft.len, (size_t)(tag_end(rep) - ft.text), vb_buf_cstr(&a));
          vb_buf_free(&a);
        }
      }
    }
  }
  for (size_t k = 0; k < n; k++) {
    char ins[256];
    snprintf(ins, sizeof ins,
             "<Relationship Id=\"rIdVbFont%zu\" Type=\"" REL_FONT
             "\" Target=\"fonts/font%zu.odttf\"/>",
             k + 1, k + 1);
    if (insert_before_close(&ftrels.text, &ftrels.len, "</Relationships>", ins)) goto bad;
  }
  /* Write: edited parts in place, the rest copied, then the new parts. */
  edit *edits[] = {&ct, &rels, &ft, &ftrels, &st};
  size_t count = vb_pkg_count(p);
  for (size_t i = 0; i < count; i++) {
    const char *name = vb_pkg_name(p, i);
    edit *e = NULL;
    for (size_t k = 0; k < 5; k++)
      if (!strcmp(name, edits[k]->name)) e = edits[k];
    if (!e) {
      vb_pkg_writer_copy_raw(w, p, i);
      continue;
    }
    vb_pkg_writer_add_owned(w, name, e->text, e->len, 0);
    e->text = NULL;
    e->present = 2; /* written */
  }
  for (size_t k = 0; k < 5; k++)
    if (edits[k]->text) {
      vb_pkg_writer_add_owned(w, edits[k]->name, edits[k]->text, edits[k]->len, 0);
      edits[k]->text = NULL;
    }
  for (size_t k = 0; k < n; k++) {
    char key[39], name[64];
    font_key(&faces[k], k, key);
    size_t len;
    char *bytes = obfuscate(&faces[k], key, &len);
    snprintf(name, sizeof name, "word/fonts/font%zu.odttf", k + 1);
    vb_pkg_writer_add_owned(w, name, bytes, len, 0);
  }
  return 0;
bad:
  vb_error(d, VB_EINTERNAL, NULL, NULL, "report this with the template that was used",
           "embedding fonts: a DOCX part is not laid out as expected");
fail:
  free(ct.text);
  free(rels.text);
  free(ft.text);
  free(ftrels.text);
  free(st.text);
  return -1;
}

/* ---- ODT ---------------------------------------------------------------------- */

static void odt_font_file(const vb_font_face *f, char *out, size_t outlen) {
  size_t j = 0;
  j += (size_t)snprintf(out, outlen, "Fonts/");
  for (const char *s = f->family; *s && j + 1 < outlen; s++)
    if (*s != ' ' && *s != '/' && *s != '"' && *s != '\'' && *s != '&' && *s != '<') out[j++] = *s;
  out[j] = '\0';
  snprintf(out + j, outlen - j, "-%s.ttf", face_suffix(f));
}

static int odt_embed(vb_pkg *p, vb_pkg_writer *w, const vb_font_face *faces, size_t n,
                     vb_diags *d) {
  edit st, mf;
  if (read_part(p, "styles.xml", &st, d) || read_part(p, "META-INF/manifest.xml", &mf, d))
    goto fail;
  if (!mf.present || !st.present) {
    vb_error(d, VB_EINTERNAL, NULL, NULL, NULL,
             "embedding fonts: the ODT has no styles.xml or no manifest");
    goto fail;
  }
  vb_buf decls = VB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (!first_of_family(faces, i)) continue;
    /* A declaration of the same name may exist (a template that uses the
     * family): the embedded one gets a name of its own. */
    char name[300];
    snprintf(name, sizeof name, "%s", faces[i].family);
    for (const char *q = find_start(st.text, NULL, "style:font-face"); q;
         q = find_start(st.text, q + 1, "style:font-face")) {
      char v[300];
      if (attr_value(q, "style:name", v, sizeof v) == 0 && !strcmp(v, name)) {
        snprintf(name, sizeof name, "%s (vanban)", faces[i].family);
        break;
      }
    }
    vb_buf_puts(&decls,
                "<style:font-face xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
                "xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
                "xmlns:xlink=\"http://www.w3.org/1999/xlink\" style:name=\"");
    put_attr_escaped(&decls, name);
    vb_buf_puts(&decls, "\" svg:font-family=\"&apos;");
    put_attr_escaped(&decls, faces[i].family);
    vb_buf_puts(&decls, "&apos;\" style:font-family-generic=\"roman\" "
                        "style:font-pitch=\"variable\"><svg:font-face-src>");
    for (size_t k = i; k < n; k++) {
      if (strcmp(faces[k].family, faces[i].family)) continue;
      char file[300];
      odt_font_file(&faces[k], file, sizeof file);
      vb_buf_puts(&decls, "<svg:font-face-uri xlink:href=\"");
      put_attr_escaped(&decls, file);
      vb_buf_puts(&decls, "\" xlink:type=\"simple\"><svg:font-face-format "
                          "svg:string=\"truetype\"/></svg:font-face-uri>");
    }
    vb_buf_puts(&decls, "</svg:font-face-src></style:font-face>");
  }
  const char *fd = find_start(st.text, NULL, "office:font-face-decls");
  int ok;
  if (fd && !self_closing(fd)) {
    ok = insert_before_close(&st.text, &st.len, "</office:font-face-decls>", vb_buf_cstr(&decls)) ==
         0;
  } else if (fd) {
    size_t at = (size_t)(tag_end(fd) - st.text) - 2;
    vb_buf t = VB_BUF_INIT;
    vb_buf_printf(&t, ">%s</office:font-face-decls", vb_buf_cstr(&decls));
    st.text[at] = ' ';
    insert_at(&st.text, &st.len, at + 1, vb_buf_cstr(&t));
    vb_buf_free(&t);
    ok = 1;
  } else {
    /* office:font-face-decls comes first in office:document-styles. */
    const char *root = find_start(st.text, NULL, "office:document-styles");
    const char *after = root ? tag_end(root) : NULL;
    ok = after && !self_closing(root);
    if (ok) {
      vb_buf t = VB_BUF_INIT;
      vb_buf_printf(&t, "<office:font-face-decls>%s</office:font-face-decls>", vb_buf_cstr(&decls));
      insert_at(&st.text, &st.len, (size_t)(after - st.text), vb_buf_cstr(&t));
      vb_buf_free(&t);
    }
  }
  vb_buf_free(&decls);
  for (size_t k = 0; ok && k < n; k++) {
    char file[300], ins[512];
    odt_font_file(&faces[k], file, sizeof file);
    snprintf(ins, sizeof ins,
             "<manifest:file-entry manifest:full-path=\"%s\" "
             "manifest:media-type=\"application/x-font-ttf\"/>",
             file);
    ok = insert_before_close(&mf.text, &mf.len, "</manifest:manifest>", ins) == 0;
  }
  if (!ok) {
    vb_error(d, VB_EINTERNAL, NULL, NULL, "report this with the template that was used",
             "embedding fonts: an ODT part is not laid out as expected");
    goto fail;
  }
  size_t count = vb_pkg_count(p);
  for (size_t i = 0; i < count; i++) {
    const char *name = vb_pkg_name(p, i);
    if (!strcmp(name, "styles.xml")) {
      vb_pkg_writer_add_owned(w, name, st.text, st.len, 0);
      st.text = NULL;
    } else if (!strcmp(name, "META-INF/manifest.xml")) {
      vb_pkg_writer_add_owned(w, name, mf.text, mf.len, 0);
      mf.text = NULL;
    } else if (!strcmp(name, "mimetype")) {
      char *bytes = NULL;
      size_t len = 0;
      if (vb_pkg_read(p, i, &bytes, &len, d) != 0) goto fail;
      vb_pkg_writer_add_owned(w, name, bytes, len, 1);
    } else {
      vb_pkg_writer_copy_raw(w, p, i);
    }
  }
  for (size_t k = 0; k < n; k++) {
    char file[300];
    odt_font_file(&faces[k], file, sizeof file);
    vb_pkg_writer_add(w, file, faces[k].data, faces[k].len, 0);
  }
  return 0;
fail:
  free(st.text);
  free(mf.text);
  return -1;
}

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
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  int rc;
  if (vb_pkg_find(p, "word/document.xml") >= 0)
    rc = docx_embed(p, w, faces, nfaces, d);
  else if (vb_pkg_find(p, "content.xml") >= 0)
    rc = odt_embed(p, w, faces, nfaces, d);
  else {
    vb_error(d, VB_EUSAGE, NULL, NULL, NULL, "embedding fonts: not a DOCX or ODT package");
    rc = -1;
  }
  if (rc == 0) rc = vb_pkg_writer_finish_memory(w, out, out_len, d);
  vb_pkg_writer_free(w);
  vb_pkg_free(p);
  if (rc == 0) return VB_OK;
  return vb_diags_status(d) ? vb_diags_status(d) : VB_EINTERNAL;
}
