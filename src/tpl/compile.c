/* Compiling one package part:
 *   1. parse the XML (src/xml: no network, no entities);
 *   2. scan every paragraph for tags, merging tags split across runs;
 *   3. parse each tag (statement + expression);
 *   4. lift structural tags (lift.c): a block whose tags all stand alone in
 *      their paragraphs replaces them, alone in table rows replaces the rows;
 *      docxtpl's {%p %}, {%tr %}, {%tc %}, {%r %} name their container
 *      explicitly; a block's tags in different runs of their paragraphs are
 *      taken out of the runs;
 *   5. serialize the tree into literal XML bytes cut at each tag;
 *   6. nest the tags into an IR tree, checking that every block opens and
 *      closes at the same place of the XML structure, which is exactly the
 *      condition for any number of repetitions to stay well-formed. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/scan.h"
#include "tpl/tpl.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

#include "fmt/pages.h"
#include "tpl/compile_internal.h"

const char *const vb_tag_kind_names[] = {"value", "for",   "endfor",  "if",      "elif",   "else",
                                         "endif", "set",   "comment", "colspan", "cellbg", "vm",
                                         "hm",    "trang", "anh",     "hinh"};

/* --- locations ------------------------------------------------------------ */

static size_t index_among(const xmlNode *n, const vb_format *fmt, vb_container kind) {
  size_t i = 1;
  for (const xmlNode *s = n->prev; s; s = s->prev)
    if (fmt->is(s, kind)) i++;
  return i;
}

/* "bảng 2, hàng 3, ô 1, đoạn 14" — what a person can find in Word. */
static const char *describe(compiler *c, xmlNode *para, size_t para_no, size_t *table_no_of,
                            xmlNode **tables, size_t ntables) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s", c->part_name);
  xmlNode *cell = vb_fmt_ancestor(c->fmt, para, VB_C_CELL);
  if (cell) {
    xmlNode *row = vb_fmt_ancestor(c->fmt, cell, VB_C_ROW);
    xmlNode *tbl = vb_fmt_ancestor(c->fmt, row ? row : cell, VB_C_TABLE);
    size_t tno = 0;
    for (size_t i = 0; i < ntables; i++)
      if (tables[i] == tbl) tno = table_no_of[i];
    vb_buf_printf(&b, ", bảng %zu, hàng %zu, ô %zu", tno,
                  row && tbl ? vb_fmt_row_number(c->fmt, tbl, row) : 0,
                  index_among(cell, c->fmt, VB_C_CELL));
  }
  vb_buf_printf(&b, ", đoạn %zu", para_no);
  const char *r = vb_arena_strndup(c->a, b.data, b.len);
  vb_buf_free(&b);
  return r;
}

void vb_mk_collect(xmlNode *n, const vb_format *fmt, vb_container kind, xmlNode ***out, size_t *len,
                   size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (fmt->is(n, kind)) {
      if (*len == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *out = vb_xrealloc(*out, *cap * sizeof(xmlNode *));
      }
      (*out)[(*len)++] = n;
    }
    vb_mk_collect(n->children, fmt, kind, out, len, cap);
  }
}

/* --- docxtpl cell markers ------------------------------------------------ */

/* A tag made by the compiler for a marker: it reports at the marker's place. */
static vb_tag *synth_tag(compiler *c, vb_tag_kind kind) {
  vb_tag *t = vb_arena_alloc(c->a, sizeof(vb_tag));
  vb_tag *m = c->marker;
  t->kind = kind;
  t->text = m->text;
  t->part = m->part;
  t->where = m->where;
  t->excerpt = m->excerpt;
  t->needs_loop = m->kind == VB_TAG_VM || m->kind == VB_TAG_HM;
  return t;
}

static vb_expr *synth_expr(compiler *c, const char *src) {
  const char *err = NULL;
  size_t off = 0;
  vb_expr *e = vb_expr_parse(c->a, src, strlen(src), &err, &off);
  if (!e)
    vb_mk_tag_error_rule(c, c->marker, "tpl.syntax",
                         "xem lại cú pháp biểu thức (ngôn ngữ mẫu trong README.md)", "%s",
                         err ? err : "biểu thức không hợp lệ");
  return e;
}

static xmlNode *new_placeholder(xmlDoc *doc, vb_tag *t) {
  xmlNode *ph = xmlNewDocNode(doc, NULL, (const xmlChar *)"vb-tag", NULL);
  ph->_private = t;
  t->node = ph;
  return ph;
}

static int mk_attr(vb_mk *c, xmlNode *elem, xmlNs *ns, const char *name, const char *src) {
  vb_expr *e = synth_expr(c, src);
  if (!e) return -1;
  vb_tag *t = synth_tag(c, VB_TAG_VALUE);
  t->expr = e;
  t->attr = 1;
  xmlAttr *at = ns ? xmlSetNsProp(elem, ns, (const xmlChar *)name, (const xmlChar *)"")
                   : xmlSetProp(elem, (const xmlChar *)name, (const xmlChar *)"");
  at->_private = t;
  return 0;
}

static xmlNode *mk_block(vb_mk *c, const char *word, const char *cond) {
  vb_tag *t = synth_tag(c, word[0] == 'i'   ? VB_TAG_IF
                           : word[1] == 'l' ? VB_TAG_ELSE
                                            : VB_TAG_ENDIF);
  if (cond) t->expr = synth_expr(c, cond);
  return new_placeholder(((xmlNode *)c->marker->node)->doc, t);
}

static void mk_rename_unless(vb_mk *c, xmlNode *elem, const char *cond, const char *alt_local) {
  if (c->nrenames == c->rcap) {
    c->rcap = c->rcap ? c->rcap * 2 : 8;
    c->renames = vb_xrealloc(c->renames, c->rcap * sizeof(el_rename));
  }
  el_rename *r = &c->renames[c->nrenames++];
  r->elem = elem;
  r->alt = vb_arena_strdup(c->a, alt_local);
  for (int k = 0; k < 6; k++) {
    r->tags[k] = synth_tag(c, k % 3 == 0 ? VB_TAG_IF : k % 3 == 1 ? VB_TAG_ELSE : VB_TAG_ENDIF);
    if (k % 3 == 0) r->tags[k]->expr = synth_expr(c, cond);
  }
}

static void mk_wrap_paragraphs(vb_mk *c, xmlNode *under, const char *cond) {
  xmlNode **paras = NULL;
  size_t np = 0, cap = 0;
  vb_mk_collect(under->children, c->fmt, VB_C_PARAGRAPH, &paras, &np, &cap);
  for (size_t i = 0; i < np; i++) {
    xmlNode *first = paras[i]->children;
    int count = 0;
    while (first && first->type == XML_ELEMENT_NODE && !vb_mk_is_placeholder(first) &&
           c->fmt->classify(first, &count) == VB_ATOM_SKIP)
      first = first->next;
    if (!first) continue;
    xmlAddPrevSibling(first, mk_block(c, "if", cond));
    xmlAddChild(paras[i], mk_block(c, "endif", NULL));
  }
  free(paras);
}

/* What a format gets to rewrite a cell (vb_format.cell_marker). */
static const vb_mk_ops mk_ops = {
    .attr = mk_attr,
    .block = mk_block,
    .rename_unless = mk_rename_unless,
    .wrap_paragraphs = mk_wrap_paragraphs,
};

/* 1 when a run holds nothing but properties and empty text. */
static int run_is_empty(compiler *c, xmlNode *n) {
  for (xmlNode *ch = n->children; ch; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE) {
      if (ch->content && *ch->content) return 0;
      continue;
    }
    if (ch->type != XML_ELEMENT_NODE) continue;
    if (vb_mk_is_placeholder(ch)) return 0;
    int count = 0;
    vb_atom_kind k = c->fmt->classify(ch, &count);
    if (k == VB_ATOM_SKIP && !c->fmt->is(ch, VB_C_RUN)) continue;
    if ((k == VB_ATOM_TEXT || k == VB_ATOM_DESCEND) && run_is_empty(c, ch)) continue;
    return 0;
  }
  return 1;
}

/* Take a marker's placeholder out of the tree, with the run it leaves empty
 * (as docxtpl does). */
static void take_out(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  xmlNode *holder = ph->parent;
  xmlUnlinkNode(ph);
  xmlFreeNode(ph);
  xmlNode *run =
      holder && c->fmt->is(holder, VB_C_RUN) ? holder : vb_fmt_ancestor(c->fmt, holder, VB_C_RUN);
  if (run && run_is_empty(c, run)) {
    xmlUnlinkNode(run);
    xmlFreeNode(run);
  }
  t->node = NULL;
}

/* {% trang X %}: the paragraph gets, after its properties, an element of
 * vanban's own (fmt/pages.h) written only when X is "ngang"; the format
 * turns the pages from there once the part is rendered (fix_pages) and
 * takes the element out. The tag itself writes nothing. */
static void apply_page(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  if (!ph || !t->arg) return;
  xmlNode *para = vb_fmt_ancestor(c->fmt, ph, VB_C_PARAGRAPH);
  if (!para) {
    vb_mk_tag_error_rule(c, t, "tpl.page-tag",
                         "đặt {% trang … %} trong đoạn văn mở đầu các trang xoay ngang",
                         "thẻ này không nằm trong một đoạn văn");
    return;
  }
  if (!c->fmt->fix_pages) {
    vb_mk_tag_error_rule(c, t, "tpl.page-tag", "chỉ đặt {% trang … %} trong nội dung văn bản",
                         "phần %s này không xoay trang được", c->fmt->name);
    return;
  }
  take_out(c, t);
  c->marker = t;
  t->node = para; /* the synthetic tags' placeholders need its document */
  vb_buf cond = VB_BUF_INIT;
  vb_buf_printf(&cond, "(%s) == \"ngang\"", t->arg);
  xmlNode *first = para->children;
  int count = 0;
  while (first && first->type == XML_ELEMENT_NODE && !vb_mk_is_placeholder(first) &&
         c->fmt->classify(first, &count) == VB_ATOM_SKIP)
    first = first->next;
  xmlNode *open = mk_block(c, "if", vb_buf_cstr(&cond));
  xmlNode *mark = xmlNewDocNode(para->doc, NULL, (const xmlChar *)VB_PAGE_MARK, NULL);
  xmlNs *ns = xmlNewNs(mark, (const xmlChar *)VB_NS_PAGE, (const xmlChar *)"vbp");
  xmlSetNs(mark, ns);
  xmlNode *close = mk_block(c, "endif", NULL);
  if (first) {
    xmlAddPrevSibling(first, open);
    xmlAddPrevSibling(first, mark);
    xmlAddPrevSibling(first, close);
  } else {
    xmlAddChild(para, open);
    xmlAddChild(para, mark);
    xmlAddChild(para, close);
  }
  vb_buf_free(&cond);
  t->node = NULL;
  c->marker = NULL;
  c->fix_pages = 1;
}

/* {% anh "logo" = X %}: each picture of the part named or described "logo"
 * gets its reference (fmt: find_pictures) from `X | hinh` at render time:
 * the new picture in the old one's frame, size and place. Without a
 * picture in X the template's stays. The tag's run goes. */
static void apply_picture(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  if (!ph || !t->arg || !t->var1) return;
  xmlNode *root = xmlDocGetRootElement(ph->doc);
  take_out(c, t);
  enum { MAX_PICTURES = 64 };
  xmlAttr *refs[MAX_PICTURES];
  size_t n = c->fmt->find_pictures ? c->fmt->find_pictures(root, t->var1, refs, MAX_PICTURES) : 0;
  if (n == 0) {
    vb_buf h = VB_BUF_INIT;
    vb_buf_printf(&h,
                  "đặt tên (hoặc mô tả, văn bản thay thế) \"%s\" cho ảnh cần thay trong %s, "
                  "hoặc sửa tên trong thẻ",
                  t->var1, c->part_name);
    vb_mk_tag_error_rule(c, t, "tpl.picture-name", vb_buf_cstr(&h),
                         "không có ảnh nào tên \"%s\" trong phần này", t->var1);
    vb_buf_free(&h);
    return;
  }
  if (n > MAX_PICTURES) n = MAX_PICTURES;
  c->marker = t;
  t->node = root; /* the synthetic tags report at the tag's place */
  vb_buf src = VB_BUF_INIT;
  vb_buf_printf(&src, "(%s) | hinh", t->arg);
  for (size_t i = 0; i < n; i++) {
    xmlAttr *at = refs[i];
    xmlChar *old = xmlNodeGetContent((xmlNode *)at);
    xmlNode *elem = at->parent;
    char *local = vb_arena_strdup(c->a, (const char *)at->name);
    if (mk_attr(c, elem, at->ns, local, vb_buf_cstr(&src)) == 0) {
      xmlAttr *made = xmlHasNsProp(elem, (const xmlChar *)local, at->ns ? at->ns->href : NULL);
      vb_tag *st = made ? made->_private : NULL;
      if (st) st->arg = vb_arena_strdup(c->a, old ? (const char *)old : "");
    }
    xmlFree(old);
  }
  vb_buf_free(&src);
  t->node = NULL;
  c->marker = NULL;
}

static void apply_marker(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  if (!ph) return;
  if (t->kind == VB_TAG_PICTURE) {
    apply_picture(c, t);
    return;
  }
  if (t->kind == VB_TAG_PAGE) {
    apply_page(c, t);
    return;
  }
  xmlNode *cell = vb_fmt_ancestor(c->fmt, ph, VB_C_CELL);
  if (!cell) {
    vb_mk_tag_error_rule(c, t, "tpl.cell-marker", "đặt dấu này trong ô bảng mà nó thay đổi",
                         "dấu docxtpl này không nằm trong ô bảng");
    return;
  }
  take_out(c, t);
  if (!c->fmt->cell_marker) {
    vb_mk_tag_error_rule(c, t, "tpl.cell-marker", "bỏ dấu này, hoặc dùng mẫu .docx",
                         "văn bản %s không hỗ trợ các dấu ô của docxtpl", c->fmt->name);
    return;
  }
  c->marker = t;
  /* Synthetic placeholders need a document: borrow the cell's. */
  xmlNode *anchor = xmlNewDocNode(cell->doc, NULL, (const xmlChar *)"vb-anchor", NULL);
  t->node = anchor;
  const char *err = NULL;
  int errors = c->errors;
  if (c->fmt->cell_marker(&mk_ops, c, cell, (vb_cell_marker)(t->kind - VB_TAG_COLSPAN), t->arg,
                          &err) != 0 &&
      c->errors == errors)
    vb_mk_tag_error_rule(c, t, "tpl.cell-marker",
                         "xem các dấu ô được hỗ trợ trong docs/templates.md", "%s",
                         err ? err : "không áp dụng được dấu này ở đây");
  t->node = NULL;
  xmlFreeNode(anchor);
  c->marker = NULL;
  if (t->kind == VB_TAG_COLSPAN || t->kind == VB_TAG_HM) c->fix_tables = 1;
}

vb_part_tpl *vb_tpl_compile_part(vb_arena *a, const vb_format *fmt, const char *pkg_name,
                                 const char *part_name, const char *xml, size_t len, vb_tag ***tags,
                                 size_t *ntags, size_t *tags_cap, vb_diags *d) {
  xmlDocPtr doc = vb_xml_parse(xml, len, pkg_name, part_name, VB_ETEMPLATE, d);
  if (!doc) return NULL;
  compiler c = {.a = a, .fmt = fmt, .pkg_name = pkg_name, .part_name = part_name, .d = d};
  c.sc.a = a;
  c.sc.fmt = fmt;
  c.sc.pkg_name = pkg_name;
  c.sc.d = d;
  xmlNode *root = xmlDocGetRootElement(doc);
  if (fmt->tidy_template) fmt->tidy_template(root);

  /* 1. paragraphs and tables in document order, for locations. */
  xmlNode **paras = NULL, **tables = NULL;
  size_t np = 0, pcap = 0, nt = 0, tcap = 0;
  vb_mk_collect(root, fmt, VB_C_PARAGRAPH, &paras, &np, &pcap);
  vb_mk_collect(root, fmt, VB_C_TABLE, &tables, &nt, &tcap);
  size_t *table_no = vb_xcalloc(nt ? nt : 1, sizeof(size_t));
  for (size_t i = 0; i < nt; i++)
    table_no[i] = i + 1;

  /* 2. scan. */
  for (size_t i = 0; i < np; i++)
    c.errors +=
        vb_scan_paragraph(&c.sc, paras[i], describe(&c, paras[i], i + 1, table_no, tables, nt));

  /* 3. parse tags. */
  size_t pages = 0;
  c.tags = vb_arena_alloc(a, (c.sc.nfound ? c.sc.nfound : 1) * sizeof(vb_tag *));
  for (size_t i = 0; i < c.sc.nfound; i++) {
    vb_found_tag *ft = &c.sc.found[i];
    vb_tag *t = vb_arena_alloc(a, sizeof(vb_tag));
    t->text = ft->text;
    t->excerpt = ft->excerpt;
    t->where = ft->where;
    t->part = vb_arena_strdup(a, part_name);
    /* Its place in the template's tag list (appended to below): marks name
     * tags by it, and the IR spells it into mark names. A {% trang %} is
     * not in the list: it writes no value, and a template that gains one
     * names every other tag (and so every mark) as before; nor is a
     * {% hinh %}, whose picture no mark can give back. */
    t->id = (unsigned)(*ntags + c.ntags - pages);
    t->node = ft->node;
    if (ft->node) ft->node->_private = t;
    vb_mk_parse_tag(&c, t);
    if (t->kind == VB_TAG_PAGE || t->kind == VB_TAG_IMAGE) t->id = UINT_MAX, pages++;
    c.tags[c.ntags++] = t;
  }

  /* 4. lift structural tags (tpl/lift.c). */
  vb_mk_lift(&c);
  /* docxtpl's cell markers, once the loops' rows and cells are in place;
   * a loop over cells changes the number of columns. */
  for (size_t i = 0; i < c.ntags; i++) {
    if (vb_mk_is_marker(c.tags[i])) apply_marker(&c, c.tags[i]);
    if (c.tags[i]->kind == VB_TAG_FOR && c.tags[i]->scope == 'c') c.fix_tables = 1;
  }

  /* Values with inline emphasis: the format prepares their place (DOCX: the
   * runs with emphasis; ODT: the part's automatic styles) while the tree can
   * still change. */
  for (size_t i = 0; i < c.ntags; i++) {
    vb_tag *t = c.tags[i];
    if (!t->rich || !t->node || !fmt->emphasis_context) continue;
    t->emph = fmt->emphasis_context(a, t->node);
    if (!t->emph)
      vb_warn_rule(d, VB_ETEMPLATE, "tpl.emphasis-place", pkg_name, t->where,
                   "đặt thẻ trong chữ của một đoạn (không trong trường hay khung của hộp chữ)",
                   "%s: ở đây không hiện được chữ đậm, nghiêng; chữ được ghi không có chúng",
                   t->text);
  }

  /* 5. serialize. */
  vb_buf_puts(&c.lit, "<?xml version=\"1.0\" encoding=\"UTF-8\"");
  if (doc->standalone == 1) vb_buf_puts(&c.lit, " standalone=\"yes\"");
  vb_buf_puts(&c.lit, "?>\n");
  vb_mk_serialize(&c, doc->children, 2166136261u, 0);

  vb_mk_apply_trims(&c);

  /* 6. IR. */
  vb_part_tpl *pt = NULL;
  if (!c.errors) {
    pt = vb_arena_alloc(a, sizeof(vb_part_tpl));
    vb_mk_build_ir(&c, pt);
    pt->ntags = c.ntags;
    pt->changed = c.ntags > 0 || c.unescaped > 0;
    pt->fix_tables = c.fix_tables && fmt->fix_tables;
    pt->fix_pages = c.fix_pages && fmt->fix_pages;
    for (size_t i = 0; i < c.ntags && !pt->pictures; i++)
      pt->pictures = c.tags[i]->expr && vb_expr_uses_filter(c.tags[i]->expr, "hinh");
    pt->fmt = fmt;
  }
  for (size_t i = 0; i < c.ntags; i++) {
    c.tags[i]->node = NULL;
    if (c.tags[i]->kind == VB_TAG_PAGE || c.tags[i]->kind == VB_TAG_IMAGE) continue;
    if (*ntags == *tags_cap) {
      size_t ncap = *tags_cap ? *tags_cap * 2 : 32;
      vb_tag **nt2 = vb_arena_alloc(a, ncap * sizeof(vb_tag *));
      if (*ntags) memcpy(nt2, *tags, *ntags * sizeof(vb_tag *));
      *tags = nt2;
      *tags_cap = ncap;
    }
    (*tags)[(*ntags)++] = c.tags[i];
  }
  if (c.errors) pt = NULL;
  free(paras);
  free(tables);
  free(table_no);
  free(c.sc.found);
  free(c.sc.paras);
  free(c.toks);
  free(c.renames);
  vb_buf_free(&c.lit);
  xmlFreeDoc(doc);
  return pt;
}
