/* Unit tests that render a small template made here through the library
 * and look into the package: a DOCX (word/document.xml, an A4 section) or
 * ODT (content.xml) around a body, the data parsed as JSON without the
 * model, and the rendered package's entry names and up to two parts. For
 * tests/unit/MODULE/test_*.c that assert on package parts (pictures,
 * links, charts); one copy per test program (static functions). */
#ifndef VB_TEST_RENDERED_H
#define VB_TEST_RENDERED_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "util/buf.h"
#include "util/diag.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static vb_template *template_of(const char *const *names, const char *const *parts, size_t n,
                                const char *tname, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (size_t i = 0; i < n; i++)
    vb_pkg_writer_add(w, names[i], parts[i], strlen(parts[i]), !strcmp(names[i], "mimetype"));
  void *zip;
  size_t len;
  vb_pkg_writer_finish_memory(w, &zip, &len, d);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, len, tname, 0, d);
  free(zip);
  return t;
}

static vb_template *docx_template(const char *body, vb_diags *d) {
  static const char ct[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
      "PartName=\"/word/document.xml\" ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  vb_buf doc = VB_BUF_INIT;
  vb_buf_printf(&doc,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W_NS
                "><w:body>%s<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar "
                "w:left=\"1701\" w:right=\"850\"/></w:sectPr></w:body></w:document>",
                body);
  const char *names[] = {"[Content_Types].xml", "word/document.xml"};
  const char *parts[] = {ct, vb_buf_cstr(&doc)};
  vb_template *t = template_of(names, parts, 2, "t.docx", d);
  vb_buf_free(&doc);
  return t;
}

static vb_template *odt_template(const char *body, vb_diags *d) {
  static const char manifest[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest:manifest "
      "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
      "manifest:version=\"1.3\"><manifest:file-entry manifest:full-path=\"/\" "
      "manifest:version=\"1.3\" "
      "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/><manifest:file-entry "
      "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
  vb_buf doc = VB_BUF_INIT;
  vb_buf_printf(&doc,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                "office:version=\"1.3\"><office:body><office:text>%s</office:text></office:body>"
                "</office:document-content>",
                body);
  const char *names[] = {"mimetype", "META-INF/manifest.xml", "content.xml"};
  const char *parts[] = {"application/vnd.oasis.opendocument.text", manifest, vb_buf_cstr(&doc)};
  vb_template *t = template_of(names, parts, 3, "t.odt", d);
  vb_buf_free(&doc);
  return t;
}

static vb_data *raw_data(const char *json, vb_diags *d) {
  vb_data *data = vb_xcalloc(1, sizeof(vb_data));
  data->name = vb_xstrdup("data.json");
  data->arena = vb_arena_new();
  data->root = vb_json_parse(data->arena, json, strlen(json), "data.json", d);
  return data;
}

static void free_data(vb_data *data) {
  vb_arena_free(data->arena);
  free(data->name);
  free(data->dir);
  free(data);
}

/* The rendered package's entries, "name\n" each, and entry `want` (or NULL). */
typedef struct rendered {
  char *names;
  char *part, *part2;
  size_t nentries;
} rendered;

static int render(vb_template *t, const char *json, const char *want, const char *want2,
                  rendered *r, vb_diags *d) {
  memset(r, 0, sizeof *r);
  vb_data *data = raw_data(json, d);
  void *out;
  size_t len;
  vb_status st = vb_render_memory(t, data, VB_RENDER_NO_MARKS, &out, &len, d);
  free_data(data);
  if (st != VB_OK) return -1;
  vb_pkg *p = vb_pkg_open_memory(out, len, "out", NULL, d);
  vb_buf names = VB_BUF_INIT;
  r->nentries = vb_pkg_count(p);
  for (size_t i = 0; i < vb_pkg_count(p); i++) {
    vb_buf_puts(&names, vb_pkg_name(p, i));
    vb_buf_putc(&names, '\n');
    size_t n;
    if (want && !strcmp(vb_pkg_name(p, i), want)) vb_pkg_read(p, i, &r->part, &n, d);
    if (want2 && !strcmp(vb_pkg_name(p, i), want2)) vb_pkg_read(p, i, &r->part2, &n, d);
  }
  r->names = vb_buf_detach(&names, NULL);
  vb_pkg_free(p);
  free(out);
  return 0;
}

static void rendered_free(rendered *r) {
  free(r->names);
  free(r->part);
  free(r->part2);
  memset(r, 0, sizeof *r);
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
    n++;
  return n;
}

static void print_diags(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "  %s\n", vb_diag_text(vb_diags_get(d, i)));
}

#endif
