/* Unit tests that render through the library (include/vanban.h) a template
 * made of a body fragment: the smallest DOCX (word/document.xml) or ODT
 * (content.xml) package around it, built in memory, and the body of the
 * rendered part back. For tests/unit/MODULE/test_*.c; one copy per test
 * program (static functions). */
#ifndef VB_TEST_FRAGMENT_H
#define VB_TEST_FRAGMENT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pkg/pkg.h"
#include "util/buf.h"
#include "vanban.h"

#define FRAG_W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define FRAG_ODF_NS                                                                                \
  "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "                             \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "                                 \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""

/* The main part's text before and after the body fragment. */
static const char *const frag_head[2] = {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " FRAG_W_NS
    "><w:body>",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content " FRAG_ODF_NS
    " office:version=\"1.3\"><office:body><office:text>"};
static const char *const frag_tail[2] = {"<w:sectPr/></w:body></w:document>",
                                         "</office:text></office:body></office:document-content>"};
static const char *const frag_main[2] = {"word/document.xml", "content.xml"};

/* The package (malloc'd in *out) of a DOCX (odt = 0) or ODT (odt = 1)
 * whose body is body. 0 ok. */
static inline int frag_package(int odt, const char *body, void **out, size_t *len, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  if (odt) {
    static const char mime[] = "application/vnd.oasis.opendocument.text";
    static const char manifest[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest "
        "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
        "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
        "manifest:version=\"1.3\" manifest:media-type=\"application/"
        "vnd.oasis.opendocument.text\"/><manifest:file-entry manifest:full-path=\"content.xml\" "
        "manifest:media-type=\"text/xml\"/></manifest:manifest>";
    vb_pkg_writer_add(w, "mimetype", mime, strlen(mime), 1);
    vb_pkg_writer_add(w, "META-INF/manifest.xml", manifest, strlen(manifest), 0);
  } else {
    static const char types[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
        "Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default "
        "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
        "PartName=\"/word/document.xml\" "
        "ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    static const char rels[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
        "Id=\"rId1\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    vb_pkg_writer_add(w, "[Content_Types].xml", types, strlen(types), 0);
    vb_pkg_writer_add(w, "_rels/.rels", rels, strlen(rels), 0);
  }
  vb_buf doc = VB_BUF_INIT;
  vb_buf_printf(&doc, "%s%s%s", frag_head[odt], body, frag_tail[odt]);
  vb_pkg_writer_add(w, frag_main[odt], doc.data, doc.len, 0);
  vb_buf_free(&doc);
  int rc = vb_pkg_writer_finish_memory(w, out, len, d);
  vb_pkg_writer_free(w);
  return rc;
}

static inline vb_template *frag_template(int odt, const char *body, vb_diags *d) {
  void *zip;
  size_t len;
  if (frag_package(odt, body, &zip, &len, d) != 0) return NULL;
  vb_template *t = vb_template_open_memory(zip, len, odt ? "test.odt" : "test.docx", 0, d);
  free(zip);
  return t;
}

/* The text of the main part of a rendered package (malloc'd), or NULL. */
static inline char *frag_main_part(int odt, const void *pkg, size_t len, vb_diags *d) {
  vb_pkg *p = vb_pkg_open_memory(pkg, len, "out", NULL, d);
  char *xml = NULL;
  size_t xlen;
  long i = p ? vb_pkg_find(p, frag_main[odt]) : -1;
  if (i >= 0) vb_pkg_read(p, (size_t)i, &xml, &xlen, d);
  vb_pkg_free(p);
  return xml;
}

/* The body of a rendered main part: what stands between the head and the
 * tail (the root element's start tag may have gained declarations). NULL
 * when the part does not have that shape. Malloc'd. */
static inline char *frag_body(int odt, const char *xml) {
  const char *open = odt ? "<office:text>" : "<w:body>";
  const char *close = odt ? "</office:text>" : "<w:sectPr/></w:body>";
  const char *s = xml ? strstr(xml, open) : NULL;
  const char *e = s ? strstr(s, close) : NULL;
  if (!s || !e) return NULL;
  s += strlen(open);
  char *r = malloc((size_t)(e - s) + 1);
  memcpy(r, s, (size_t)(e - s));
  r[e - s] = '\0';
  return r;
}

/* Render t with data; the rendered body (malloc'd), or NULL on failure. */
static inline char *frag_render(int odt, const vb_template *t, const vb_data *data, unsigned flags,
                                vb_diags *d) {
  void *out;
  size_t len;
  if (vb_render_memory(t, data, flags, &out, &len, d) != VB_OK) return NULL;
  char *xml = frag_main_part(odt, out, len, d);
  free(out);
  char *body = frag_body(odt, xml);
  free(xml);
  return body;
}

#endif
