/* The comment writers' shared part: which paragraph and text each comment
 * goes to, the order of the markers, and the package written back. */
#include <stdlib.h>
#include <string.h>

#include "fmt/annotate_internal.h"
#include "pkg/pkg.h"
#include "util/diag.h"
#include "xml/edit.h"

static int by_place(const void *x, const void *y) {
  const an_mark *a = x, *b = y;
  if (a->para != b->para) return a->para < b->para ? -1 : 1;
  if (a->off != b->off) return a->off > b->off ? -1 : 1;
  if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
  return a->item < b->item ? -1 : a->item > b->item;
}

size_t an_marks(const an_item *items, size_t n, an_mark **out) {
  an_mark *m = vb_xmalloc((2 * n + 1) * sizeof *m);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    m[k++] = (an_mark){items[i].para, items[i].a, AN_START, i};
    m[k++] =
        (an_mark){items[i].para, items[i].z, items[i].a == items[i].z ? AN_END_EMPTY : AN_END, i};
  }
  if (k > 1) qsort(m, k, sizeof *m, by_place);
  *out = m;
  return k;
}

const vb_doc_span *an_span(const vb_doc_para *p, size_t off, int is_end, size_t *within) {
  for (size_t i = 0; i < p->nspans; i++) {
    const vb_doc_span *s = &p->spans[i];
    int in = is_end ? (off > s->off && off <= s->off + s->len)
                    : (off >= s->off && off < s->off + s->len);
    if (in) {
      *within = off - s->off;
      return s;
    }
  }
  return NULL;
}

void an_insert(an_point at, xmlNode *node) {
  if (at.before)
    xmlAddPrevSibling(at.before, node);
  else
    xmlAddChild(at.parent, node);
}

vb_status an_write_package(vb_doc_read_src *src, const char *const *changed, an_part *added,
                           size_t nadded, const char *out_path, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  size_t n = vb_pkg_count(src->pkg);
  for (size_t i = 0; i < n; i++) {
    const char *name = vb_pkg_name(src->pkg, i);
    int replaced = 0;
    for (size_t k = 0; k < nadded && !replaced; k++)
      if (added[k].data && !strcmp(added[k].name, name)) {
        vb_pkg_writer_add_owned(w, name, added[k].data, added[k].len, 0);
        added[k].data = NULL;
        replaced = 1;
      }
    if (replaced) continue;
    int is_changed = 0;
    for (size_t k = 0; changed[k]; k++)
      if (!strcmp(changed[k], name)) is_changed = 1;
    if (!is_changed) {
      vb_pkg_writer_copy_raw(w, src->pkg, i);
      continue;
    }
    xmlDocPtr x = NULL;
    for (size_t k = 0; k < src->nparts; k++)
      if (!strcmp(src->parts[k].name, name)) x = src->parts[k].xml;
    if (!x) {
      vb_pkg_writer_copy_raw(w, src->pkg, i);
      continue;
    }
    xmlChar *mem = NULL;
    int size = 0;
    xmlDocDumpMemoryEnc(x, &mem, &size, "UTF-8");
    vb_pkg_writer_add(w, name, mem, (size_t)size, 0);
    xmlFree(mem);
  }
  for (size_t k = 0; k < nadded; k++) {
    if (!added[k].data) continue;
    vb_pkg_writer_add_owned(w, added[k].name, added[k].data, added[k].len, 0);
    added[k].data = NULL;
  }
  int rc = vb_pkg_writer_finish_file(w, out_path, d);
  vb_pkg_writer_free(w);
  return rc == 0 ? VB_OK : VB_EIO;
}

int an_append_to_part(vb_doc_read_src *src, const char *name,
                      void (*fill)(vb_xml_edit *e, xmlNode *root, void *ud), void *ud, an_part *out,
                      vb_diags *d) {
  long idx = vb_pkg_find(src->pkg, name);
  if (idx < 0) {
    vb_error_rule(d, VB_EDATA, "doc.damaged", src->file, NULL, "mở tệp bằng Word rồi lưu lại",
                  "văn bản không có phần %s", name);
    return -1;
  }
  char *bytes = NULL;
  size_t len = 0;
  if (vb_pkg_read(src->pkg, (size_t)idx, &bytes, &len, d) != 0) return -1;
  vb_xml_edit *e = vb_xml_edit_open(bytes, len, src->file, name, VB_EDATA, d);
  free(bytes);
  if (!e) return -1;
  xmlNode *root = xmlDocGetRootElement(vb_xml_edit_doc(e));
  if (root) fill(e, root, ud);
  out->name = name;
  out->data = vb_xml_edit_finish(e, &out->len);
  vb_xml_edit_free(e);
  return 0;
}

vb_status vb_doc_annotate(vb_doc *doc, const vb_annotation *a, size_t n, const char *author,
                          const char *out_path, vb_diags *d) {
  if (!doc || !doc->src || !out_path) return VB_EUSAGE;
  vb_doc_read_src *src = doc->src;
  src->d = d;
  an_item *items = vb_xcalloc(n ? n : 1, sizeof *items);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    long para = a[i].para;
    size_t off = a[i].off, len = a[i].len;
    /* comments live in the body: a finding about a header, a footer, a
     * section or the whole document goes to the first paragraph with text
     * of its section */
    if (para < 0 || (size_t)para >= doc->nbody) {
      size_t from = 0;
      if (para >= 0 && (size_t)para < doc->npara && doc->paras[para].part >= 0) {
        /* a header or footer: its first section */
        for (size_t s = 0; s < doc->nsections; s++) {
          const vb_doc_section *sc = &doc->sections[s];
          int pt = doc->paras[para].part;
          if (sc->header_first == pt || sc->header_default == pt || sc->header_even == pt ||
              sc->footer_first == pt || sc->footer_default == pt || sc->footer_even == pt) {
            from = sc->first_para;
            break;
          }
        }
      }
      para = -1;
      for (size_t j = from; j < doc->nbody; j++)
        if (doc->paras[j].number && !doc->paras[j].in_frame) {
          para = (long)j;
          break;
        }
      if (para < 0) continue;
      off = 0;
      len = 0;
    }
    const vb_doc_para *p = &doc->paras[para];
    if (off > p->len) off = p->len;
    if (len == 0) {
      off = 0;
      len = p->len;
    }
    if (len > p->len - off) len = p->len - off;
    items[k++] = (an_item){para, off, off + len, a[i].text, 0};
  }
  vb_status st = doc->kind == VB_FORMAT_ODT ? vb_odt_annotate(doc, items, k, author, out_path, d)
                                            : vb_docx_annotate(doc, items, k, author, out_path, d);
  free(items);
  src->d = NULL;
  return st;
}
