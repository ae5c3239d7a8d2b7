/* Opening a document for proofreading: the package is opened with the
 * usual limits (fmt trusts nothing in it), the format is told from the
 * content (an ODF mimetype entry, or an OPC [Content_Types].xml), and the
 * parts are parsed through src/xml as the readers ask for them. */
#include <stdlib.h>
#include <string.h>

#include "fmt/doc_read.h"
#include "fmt/document.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

xmlDocPtr vb_doc_read_part(vb_doc_read_src *src, const char *name, int optional) {
  for (size_t i = 0; i < src->nparts; i++)
    if (!strcmp(src->parts[i].name, name)) return src->parts[i].xml;
  long idx = vb_pkg_find(src->pkg, name);
  xmlDocPtr x = NULL;
  if (idx < 0) {
    if (!optional)
      vb_error_rule(src->d, VB_EDATA, "doc.damaged", src->file, NULL,
                    "mở tệp bằng Word hay LibreOffice rồi lưu lại", "văn bản không có phần %s",
                    name);
  } else {
    char *bytes = NULL;
    size_t len = 0;
    if (vb_pkg_read(src->pkg, (size_t)idx, &bytes, &len, src->d) == 0)
      x = vb_xml_parse(bytes, len, src->file, name, VB_EDATA, src->d);
    free(bytes);
  }
  if (src->nparts == src->cap) {
    src->cap = src->cap ? 2 * src->cap : 16;
    src->parts = vb_xrealloc(src->parts, src->cap * sizeof *src->parts);
  }
  src->parts[src->nparts].name = vb_xstrdup(name);
  src->parts[src->nparts].xml = x;
  src->parts[src->nparts].changed = 0;
  src->nparts++;
  return x;
}

static void src_free(void *p) {
  vb_doc_read_src *src = p;
  if (!src) return;
  for (size_t i = 0; i < src->nparts; i++) {
    free(src->parts[i].name);
    xmlFreeDoc(src->parts[i].xml);
  }
  free(src->parts);
  vb_pkg_free(src->pkg);
  free(src);
}

/* The format, by the formats' own recognisers (fmt/document.h); an OPC
 * package they do not recognise is still read as a DOCX whose main part is
 * found through its relationships (some programs do not name it
 * word/document.xml), and anything else is refused with what it is. */
static vb_format_kind detect(vb_doc_read_src *src) {
  const vb_doc_format *f = NULL;
  if (vb_doc_format_detect(src->pkg, &f, src->d) != 0) return 0;
  if (f) return f->kind;
  long m = vb_pkg_find(src->pkg, "mimetype");
  if (m >= 0) {
    char *bytes = NULL;
    size_t len = 0;
    static const char text_type[] = "application/vnd.oasis.opendocument.text";
    vb_format_kind k = 0;
    if (vb_pkg_read(src->pkg, (size_t)m, &bytes, &len, src->d) == 0) {
      if (len == sizeof text_type - 1 && !memcmp(bytes, text_type, len))
        k = VB_FORMAT_ODT; /* the reader names the missing part */
      else
        vb_error_rule(src->d, VB_EDATA, "doc.format", src->file, "mimetype",
                      "check đọc văn bản (.odt, .docx); lưu nó thành một trong hai dạng đó",
                      "không phải văn bản: loại của nó là %.*s", len > 80 ? 80 : (int)len, bytes);
    }
    free(bytes);
    return k;
  }
  if (vb_pkg_find(src->pkg, "[Content_Types].xml") >= 0) return VB_FORMAT_DOCX;
  vb_error_rule(src->d, VB_EDATA, "doc.format", src->file, NULL,
                "check đọc tệp .docx và .odt; lưu văn bản thành một trong hai dạng đó",
                "không phải tệp Word hay OpenDocument: gói không có [Content_Types].xml lẫn "
                "mimetype");
  return 0;
}

static vb_doc *read_pkg(vb_pkg *pkg, const char *path, size_t errors, vb_diags *d) {
  vb_doc *doc = vb_doc_new(path);
  vb_doc_read_src *src = vb_xcalloc(1, sizeof *src);
  src->pkg = pkg;
  src->file = doc->file;
  src->d = d;
  doc->src = src;
  doc->src_free = src_free;
  doc->kind = detect(src);
  int rc = -1;
  if (doc->kind == VB_FORMAT_DOCX)
    rc = vb_docx_read(src, doc, d);
  else if (doc->kind == VB_FORMAT_ODT)
    rc = vb_odt_read(src, doc, d);
  if (rc != 0 || vb_diags_errors(d) > errors) {
    vb_doc_free(doc);
    return NULL;
  }
  src->d = NULL;
  return doc;
}

vb_doc *vb_doc_read(const char *path, vb_diags *d) {
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.error_code = VB_EDATA;
  size_t errors = vb_diags_errors(d);
  vb_pkg *pkg = vb_pkg_open_file(path, &lim, d);
  return pkg ? read_pkg(pkg, path, errors, d) : NULL;
}

vb_doc *vb_doc_read_memory(const void *data, size_t len, const char *name, vb_diags *d) {
  vb_pkg_limits lim;
  vb_pkg_limits_default(&lim);
  lim.error_code = VB_EDATA;
  size_t errors = vb_diags_errors(d);
  vb_pkg *pkg = vb_pkg_open_memory(data, len, name, &lim, d);
  return pkg ? read_pkg(pkg, name, errors, d) : NULL;
}
