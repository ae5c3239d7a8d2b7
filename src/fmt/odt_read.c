/* Reading an OpenDocument text into the proofreading view (fmt/doc.h):
 * styles resolved through their parent chains and the family's default
 * style (automatic styles of content.xml for the body, those of styles.xml
 * for headers and footers), sections from master pages (a paragraph or
 * table whose style names a master page starts one), page geometry from
 * page layouts, the first page's own header from a master page's
 * next-style or style:header-first, text:page-number fields, drawn lines
 * and frames, annotations. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fmt/doc_read.h"
#include "fmt/format.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

#define NS_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_SVG "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_DCX "http://purl.org/dc/elements/1.1/"
#define NS_META "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"

typedef struct ostyle {
  const char *name, *parent, *family, *master;
  int scope; /* 0 common (styles.xml), 1 automatic in styles.xml, 2 automatic in content.xml */
  xmlNode *pprops, *tprops;
} ostyle;

/* Resolved properties, VB_DOC_UNSET / -1 / NULL when not set. */
typedef struct oprops {
  int align, ind_left, ind_right, ind_first, sb, sa, line, line_rule;
  signed char bdr_top, bdr_bottom, page_break;
  int page_number; /* style:page-number: 0 unset, -1 auto, n restart */
  const char *font;
  int size;
  signed char bold, italic, caps, hidden;
} oprops;

typedef struct fontface {
  const char *name, *family;
} fontface;

/* The master page of each section, in order. */
typedef struct masters {
  const char **names;
  size_t n, cap;
} masters;

typedef struct odt_reader {
  vb_doc *doc;
  vb_doc_builder b;
  vb_doc_read_src *src;
  vb_diags *d;
  ostyle *styles;
  size_t nstyles, cap;
  fontface *fonts;
  size_t nfonts, fcap;
  xmlNode *master_styles;
  xmlNode *page_layouts[64];
  size_t nlayouts;
  int scope; /* 2 reading content.xml, 1 reading master pages */
  vb_doc_area area;
  int part;
  int table, row, cell, level, in_frame, list;
  int page_field, line_shape;
  xmlNode **boxes;
  size_t nboxes, boxes_cap;
  int depth;
  masters *ms; /* while reading the body */
} odt_reader;

static int is_ns(const xmlNode *n, const char *ns, const char *local) {
  return vb_xml_is(n, ns, local);
}
static int is_text(const xmlNode *n, const char *l) { return vb_xml_is(n, VB_NS_TEXT, l); }
static int is_table(const xmlNode *n, const char *l) { return vb_xml_is(n, VB_NS_TABLE, l); }

static const char *prop(const xmlNode *n, const char *ns, const char *name) {
  xmlAttr *a = n ? xmlHasNsProp(n, (const xmlChar *)name, (const xmlChar *)ns) : NULL;
  if (!a || !a->children || !a->children->content) return NULL;
  return (const char *)a->children->content;
}

static const char *adup(odt_reader *r, const char *s) {
  return s ? vb_arena_strdup(r->doc->arena, s) : NULL;
}

static xmlNode *child(const xmlNode *n, const char *ns, const char *local) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (is_ns(c, ns, local)) return c;
  return NULL;
}

/* ---- styles ---- */

static void add_style(odt_reader *r, xmlNode *s, int scope) {
  const char *name = prop(s, NS_STYLE, "name");
  const char *family = prop(s, NS_STYLE, "family");
  if (!family) return;
  if (r->nstyles == r->cap) {
    r->cap = r->cap ? 2 * r->cap : 64;
    r->styles = vb_xrealloc(r->styles, r->cap * sizeof *r->styles);
  }
  ostyle *o = &r->styles[r->nstyles++];
  o->name = is_ns(s, NS_STYLE, "default-style") ? "" : name ? name : "";
  o->parent = prop(s, NS_STYLE, "parent-style-name");
  o->family = family;
  o->master = prop(s, NS_STYLE, "master-page-name");
  o->scope = scope;
  o->pprops = child(s, NS_STYLE, "paragraph-properties");
  o->tprops = child(s, NS_STYLE, "text-properties");
}

static void read_style_list(odt_reader *r, xmlNode *list, int scope) {
  for (xmlNode *c = list ? list->children : NULL; c; c = c->next) {
    if (is_ns(c, NS_STYLE, "style") || is_ns(c, NS_STYLE, "default-style"))
      add_style(r, c, scope);
    else if (is_ns(c, NS_STYLE, "page-layout") && r->nlayouts < 64)
      r->page_layouts[r->nlayouts++] = c;
  }
}

static void read_fonts(odt_reader *r, xmlNode *decls) {
  for (xmlNode *c = decls ? decls->children : NULL; c; c = c->next) {
    if (!is_ns(c, NS_STYLE, "font-face")) continue;
    const char *name = prop(c, NS_STYLE, "name");
    const char *fam = prop(c, NS_SVG, "font-family");
    if (!name) continue;
    if (r->nfonts == r->fcap) {
      r->fcap = r->fcap ? 2 * r->fcap : 16;
      r->fonts = vb_xrealloc(r->fonts, r->fcap * sizeof *r->fonts);
    }
    r->fonts[r->nfonts].name = name;
    r->fonts[r->nfonts].family = fam ? fam : name;
    r->nfonts++;
  }
}

/* "'Times New Roman'" → Times New Roman (the first family of a list). */
static const char *family_name(odt_reader *r, const char *f) {
  if (!f) return NULL;
  while (*f == ' ')
    f++;
  char q = (*f == '\'' || *f == '"') ? *f : 0;
  if (q) f++;
  const char *end = f;
  while (*end && (q ? *end != q : *end != ','))
    end++;
  while (end > f && end[-1] == ' ')
    end--;
  return vb_arena_strndup(r->doc->arena, f, (size_t)(end - f));
}

static const char *font_of(odt_reader *r, const char *face) {
  for (size_t i = 0; i < r->nfonts; i++)
    if (!strcmp(r->fonts[i].name, face)) return family_name(r, r->fonts[i].family);
  return family_name(r, face);
}

static const ostyle *find_style(odt_reader *r, const char *name, const char *family) {
  if (!name) return NULL;
  /* automatic styles of the part being read first, then common ones */
  for (int pass = 0; pass < 2; pass++) {
    int want = pass == 0 ? r->scope : 0;
    for (size_t i = 0; i < r->nstyles; i++) {
      const ostyle *s = &r->styles[i];
      if (s->scope == want && s->name[0] && !strcmp(s->name, name) && !strcmp(s->family, family))
        return s;
    }
  }
  return NULL;
}

static const ostyle *default_style(odt_reader *r, const char *family) {
  for (size_t i = 0; i < r->nstyles; i++)
    if (!r->styles[i].name[0] && !strcmp(r->styles[i].family, family)) return &r->styles[i];
  return NULL;
}

static void unset(oprops *p) {
  p->align = -1;
  p->ind_left = p->ind_right = p->ind_first = p->sb = p->sa = p->line = VB_DOC_UNSET;
  p->line_rule = -1;
  p->bdr_top = p->bdr_bottom = p->page_break = -1;
  p->page_number = 0;
  p->font = NULL;
  p->size = 0;
  p->bold = p->italic = p->caps = p->hidden = -1;
}

static int border_visible(const char *v) {
  if (!v) return -1;
  return !(strstr(v, "none") || strstr(v, "hidden") || !strncmp(v, "0pt", 3) ||
           !strncmp(v, "0cm", 3) || !strncmp(v, "0mm", 3) || !strncmp(v, "0in", 3));
}

static void apply_para(odt_reader *r, const xmlNode *pp, oprops *p) {
  if (!pp) return;
  const char *v;
  if ((v = prop(pp, NS_FO, "text-align"))) {
    p->align = !strcmp(v, "center")                       ? VB_ALIGN_CENTER
               : !strcmp(v, "justify")                    ? VB_ALIGN_JUSTIFY
               : !strcmp(v, "end") || !strcmp(v, "right") ? VB_ALIGN_RIGHT
                                                          : VB_ALIGN_LEFT;
  }
  int t;
  if ((t = vb_doc_length_twips(prop(pp, NS_FO, "margin-left"))) != VB_DOC_UNSET) p->ind_left = t;
  if ((t = vb_doc_length_twips(prop(pp, NS_FO, "margin-right"))) != VB_DOC_UNSET) p->ind_right = t;
  if ((t = vb_doc_length_twips(prop(pp, NS_FO, "text-indent"))) != VB_DOC_UNSET) p->ind_first = t;
  if ((t = vb_doc_length_twips(prop(pp, NS_FO, "margin-top"))) != VB_DOC_UNSET) p->sb = t;
  if ((t = vb_doc_length_twips(prop(pp, NS_FO, "margin-bottom"))) != VB_DOC_UNSET) p->sa = t;
  if ((v = prop(pp, NS_FO, "line-height"))) {
    size_t n = strlen(v);
    if (n > 1 && v[n - 1] == '%') {
      double pc = atof(v);
      p->line = pc > 0 && pc < 10000 ? (int)(pc * 2.4 + 0.5) : 240;
      p->line_rule = VB_LINE_AUTO;
    } else if (!strcmp(v, "normal")) {
      p->line = 240;
      p->line_rule = VB_LINE_AUTO;
    } else if ((t = vb_doc_length_twips(v)) != VB_DOC_UNSET) {
      p->line = t;
      p->line_rule = VB_LINE_EXACT;
    }
  }
  if ((t = vb_doc_length_twips(prop(pp, NS_STYLE, "line-height-at-least"))) != VB_DOC_UNSET) {
    p->line = t;
    p->line_rule = VB_LINE_AT_LEAST;
  }
  int b = border_visible(prop(pp, NS_FO, "border"));
  if (b >= 0) p->bdr_top = p->bdr_bottom = (signed char)b;
  if ((b = border_visible(prop(pp, NS_FO, "border-bottom"))) >= 0) p->bdr_bottom = (signed char)b;
  if ((b = border_visible(prop(pp, NS_FO, "border-top"))) >= 0) p->bdr_top = (signed char)b;
  if ((v = prop(pp, NS_FO, "break-before"))) p->page_break = !strcmp(v, "page");
  if ((v = prop(pp, NS_STYLE, "page-number"))) {
    long n = strtol(v, NULL, 10);
    p->page_number = !strcmp(v, "auto") ? -1 : n > 0 && n < 100000 ? (int)n : 0;
  }
}

static void apply_text(odt_reader *r, const xmlNode *tp, oprops *p) {
  if (!tp) return;
  const char *v;
  if ((v = prop(tp, NS_STYLE, "font-name")))
    p->font = font_of(r, v);
  else if ((v = prop(tp, NS_FO, "font-family")))
    p->font = family_name(r, v);
  if ((v = prop(tp, NS_FO, "font-size"))) {
    size_t n = strlen(v);
    if (n > 1 && v[n - 1] == '%') {
      double pc = atof(v);
      if (p->size && pc > 0 && pc < 10000) p->size = (int)(p->size * pc / 100.0 + 0.5);
    } else {
      int tw = vb_doc_length_twips(v);
      if (tw != VB_DOC_UNSET && tw > 0) p->size = (tw + 5) / 10;
    }
  }
  if ((v = prop(tp, NS_FO, "font-weight")))
    p->bold = !strcmp(v, "bold") || !strcmp(v, "600") || !strcmp(v, "700") || !strcmp(v, "800") ||
              !strcmp(v, "900");
  if ((v = prop(tp, NS_FO, "font-style"))) p->italic = strcmp(v, "normal") != 0;
  if ((v = prop(tp, NS_FO, "text-transform"))) p->caps = !strcmp(v, "uppercase");
  if ((v = prop(tp, VB_NS_TEXT, "display"))) p->hidden = !strcmp(v, "none");
}

/* Properties of a style: its family's default style, then the parent
 * chain from the top, then the style itself. */
static void style_props(odt_reader *r, const ostyle *s, const char *family, oprops *out,
                        int with_para, int depth) {
  if (depth == 0) {
    const ostyle *def = default_style(r, family);
    if (def) {
      if (with_para) apply_para(r, def->pprops, out);
      apply_text(r, def->tprops, out);
    }
  }
  if (!s || depth > 32) return;
  const ostyle *parent = s->parent ? find_style(r, s->parent, family) : NULL;
  if (parent && parent != s) style_props(r, parent, family, out, with_para, depth + 1);
  if (with_para) apply_para(r, s->pprops, out);
  apply_text(r, s->tprops, out);
}

static const char *style_master(odt_reader *r, const ostyle *s, const char *family) {
  /* the master page is only taken from the style itself and its parents */
  for (int depth = 0; s && depth < 32; depth++) {
    if (s->master) return s->master;
    s = s->parent ? find_style(r, s->parent, family) : NULL;
  }
  return NULL;
}

/* ---- sections and master pages ---- */

static xmlNode *find_master(odt_reader *r, const char *name) {
  for (xmlNode *c = r->master_styles ? r->master_styles->children : NULL; c; c = c->next)
    if (is_ns(c, NS_STYLE, "master-page")) {
      const char *n = prop(c, NS_STYLE, "name");
      if (n && name && !strcmp(n, name)) return c;
    }
  return NULL;
}

static xmlNode *find_layout(odt_reader *r, const char *name) {
  for (size_t i = 0; name && i < r->nlayouts; i++) {
    const char *n = prop(r->page_layouts[i], NS_STYLE, "name");
    if (n && !strcmp(n, name)) return r->page_layouts[i];
  }
  return NULL;
}

static void walk_block(odt_reader *r, xmlNode *container, int depth);

/* A header or footer element of a master page as a part (read once). */
static int read_hf(odt_reader *r, xmlNode *master, const char *which, vb_doc_area area) {
  xmlNode *hf = child(master, NS_STYLE, which);
  if (!hf) return -1;
  const char *disp = prop(hf, NS_STYLE, "display");
  if (disp && !strcmp(disp, "false")) return -1;
  vb_buf name = VB_BUF_INIT;
  vb_buf_printf(&name, "styles.xml, %s %s", prop(master, NS_STYLE, "name"), which);
  for (size_t i = 0; i < r->doc->nparts; i++)
    if (!strcmp(r->doc->parts[i].name, vb_buf_cstr(&name))) {
      vb_buf_free(&name);
      return (int)i;
    }
  size_t pi = vb_docb_part(&r->b, area, vb_buf_cstr(&name));
  vb_buf_free(&name);
  int saved_scope = r->scope;
  r->scope = 1;
  r->area = area;
  r->part = (int)pi;
  r->table = r->row = r->cell = r->level = 0;
  r->doc->parts[pi].first_para = r->doc->npara;
  walk_block(r, hf, 0);
  r->doc->parts[pi].npara = r->doc->npara - r->doc->parts[pi].first_para;
  r->scope = saved_scope;
  return (int)pi;
}

static void fill_section(odt_reader *r, size_t si, const char *master_name) {
  xmlNode *m = find_master(r, master_name ? master_name : "Standard");
  if (!m && r->master_styles) m = child(r->master_styles, NS_STYLE, "master-page");
  if (!m) return;
  xmlNode *layout = find_layout(r, prop(m, NS_STYLE, "page-layout-name"));
  xmlNode *lp = child(layout, NS_STYLE, "page-layout-properties");
  vb_doc_section *s = &r->doc->sections[si];
  if (lp) {
    s->page_w = vb_doc_length_twips(prop(lp, NS_FO, "page-width"));
    s->page_h = vb_doc_length_twips(prop(lp, NS_FO, "page-height"));
    const char *o = prop(lp, NS_STYLE, "print-orientation");
    s->landscape =
        (o && !strcmp(o, "landscape")) ||
        (s->page_w != VB_DOC_UNSET && s->page_h != VB_DOC_UNSET && s->page_w > s->page_h);
    s->m_top = vb_doc_length_twips(prop(lp, NS_FO, "margin-top"));
    s->m_bottom = vb_doc_length_twips(prop(lp, NS_FO, "margin-bottom"));
    s->m_left = vb_doc_length_twips(prop(lp, NS_FO, "margin-left"));
    s->m_right = vb_doc_length_twips(prop(lp, NS_FO, "margin-right"));
  }
  /* With a header, the body starts below it: the page margin is the
   * header's distance from the edge, and the header's height comes on top.
   * LibreOffice counts the spacing to the body inside fo:min-height (its
   * DOCX import sets min-height = top margin - header distance); only a
   * header without a height adds its spacing. */
  xmlNode *hs =
      child(child(layout, NS_STYLE, "header-style"), NS_STYLE, "header-footer-properties");
  xmlNode *fs =
      child(child(layout, NS_STYLE, "footer-style"), NS_STYLE, "header-footer-properties");
  int has_header = child(m, NS_STYLE, "header") != NULL;
  int has_footer = child(m, NS_STYLE, "footer") != NULL;
  if (has_header && hs && s->m_top != VB_DOC_UNSET) {
    s->m_header = s->m_top;
    int h = vb_doc_length_twips(prop(hs, NS_FO, "min-height"));
    if (h == VB_DOC_UNSET) h = vb_doc_length_twips(prop(hs, NS_SVG, "height"));
    int gap = vb_doc_length_twips(prop(hs, NS_FO, "margin-bottom"));
    s->m_top += h != VB_DOC_UNSET ? h : gap != VB_DOC_UNSET ? gap : 0;
  }
  if (has_footer && fs && s->m_bottom != VB_DOC_UNSET) {
    s->m_footer = s->m_bottom;
    int h = vb_doc_length_twips(prop(fs, NS_FO, "min-height"));
    if (h == VB_DOC_UNSET) h = vb_doc_length_twips(prop(fs, NS_SVG, "height"));
    int gap = vb_doc_length_twips(prop(fs, NS_FO, "margin-top"));
    s->m_bottom += h != VB_DOC_UNSET ? h : gap != VB_DOC_UNSET ? gap : 0;
  }
  int hd = read_hf(r, m, "header", VB_AREA_HEADER);
  int fd = read_hf(r, m, "footer", VB_AREA_FOOTER);
  s = &r->doc->sections[si];
  s->header_default = hd;
  s->footer_default = fd;
  s->header_even = read_hf(r, m, "header-left", VB_AREA_HEADER);
  s->footer_even = read_hf(r, m, "footer-left", VB_AREA_FOOTER);
  s = &r->doc->sections[si];
  /* the first page's own header: ODF 1.3 header-first, or a first master
   * page followed by another one */
  if (child(m, NS_STYLE, "header-first") || child(m, NS_STYLE, "footer-first")) {
    int hf = read_hf(r, m, "header-first", VB_AREA_HEADER);
    int ff = read_hf(r, m, "footer-first", VB_AREA_FOOTER);
    s = &r->doc->sections[si];
    s->title_page = 1;
    s->header_first = hf;
    s->footer_first = ff;
  } else {
    const char *next = prop(m, NS_STYLE, "next-style-name");
    xmlNode *nm = next ? find_master(r, next) : NULL;
    if (nm && nm != m) {
      int hn = read_hf(r, nm, "header", VB_AREA_HEADER);
      int fn = read_hf(r, nm, "footer", VB_AREA_FOOTER);
      s = &r->doc->sections[si];
      s->title_page = 1;
      s->header_first = s->header_default;
      s->footer_first = s->footer_default;
      s->header_default = hn;
      s->footer_default = fn;
    }
  }
}

/* ---- text ---- */

static void add_box(odt_reader *r, xmlNode *box) {
  if (r->nboxes == r->boxes_cap) {
    r->boxes_cap = r->boxes_cap ? 2 * r->boxes_cap : 4;
    r->boxes = vb_xrealloc(r->boxes, r->boxes_cap * sizeof *r->boxes);
  }
  r->boxes[r->nboxes++] = box;
}

static void scan_draw(odt_reader *r, xmlNode *n, int depth) {
  if (depth > 40) return;
  if (is_ns(n, VB_NS_DRAW, "line") || is_ns(n, VB_NS_DRAW, "connector")) r->line_shape = 1;
  if (is_ns(n, VB_NS_DRAW, "text-box")) {
    add_box(r, n);
    return;
  }
  if (is_ns(n, VB_NS_DRAW, "enhanced-geometry")) {
    const char *t = prop(n, VB_NS_DRAW, "type");
    if (t && (!strcmp(t, "line") || strstr(t, "connector"))) r->line_shape = 1;
  }
  for (xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) scan_draw(r, c, depth + 1);
}

static void chars_of(const oprops *p, vb_doc_chars *c) {
  c->font = p->font;
  c->size = p->size;
  c->bold = p->bold > 0;
  c->italic = p->italic > 0;
  c->caps = p->caps > 0;
}

static void walk_inline(odt_reader *r, xmlNode *n, const oprops *props, int depth) {
  if (depth > 64) return;
  vb_doc_chars ch;
  chars_of(props, &ch);
  if (props->hidden > 0) return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content)
        vb_docb_text(&r->b, (const char *)c->content, strlen((const char *)c->content), &ch, c, 0);
      continue;
    }
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_text(c, "span")) {
      oprops sp = *props;
      const ostyle *s = find_style(r, prop(c, VB_NS_TEXT, "style-name"), "text");
      if (s) {
        oprops own;
        unset(&own);
        style_props(r, s, "text", &own, 0, 1);
        if (own.font) sp.font = own.font;
        if (own.size) sp.size = own.size;
        if (own.bold >= 0) sp.bold = own.bold;
        if (own.italic >= 0) sp.italic = own.italic;
        if (own.caps >= 0) sp.caps = own.caps;
        if (own.hidden >= 0) sp.hidden = own.hidden;
      }
      walk_inline(r, c, &sp, depth + 1);
    } else if (is_text(c, "s")) {
      const char *cnt = prop(c, VB_NS_TEXT, "c");
      long k = cnt ? strtol(cnt, NULL, 10) : 1;
      if (k < 1) k = 1;
      if (k > 1000) k = 1000;
      vb_buf sp = VB_BUF_INIT;
      for (long i = 0; i < k; i++)
        vb_buf_putc(&sp, ' ');
      vb_docb_text(&r->b, sp.data, sp.len, &ch, c, VB_DOC_ELEMENT);
      vb_buf_free(&sp);
    } else if (is_text(c, "tab")) {
      vb_docb_text(&r->b, "\t", 1, &ch, c, VB_DOC_ELEMENT);
    } else if (is_text(c, "line-break")) {
      vb_docb_text(&r->b, "\n", 1, &ch, c, VB_DOC_ELEMENT);
    } else if (is_text(c, "page-number")) {
      r->page_field = 1;
      walk_inline(r, c, props, depth + 1);
    } else if (is_text(c, "note") || is_text(c, "bookmark-start") || is_text(c, "bookmark-end") ||
               is_text(c, "soft-page-break") || is_ns(c, VB_NS_OFFICE, "annotation-end") ||
               is_text(c, "deletion") || is_text(c, "change") || is_text(c, "change-start") ||
               is_text(c, "change-end") || is_text(c, "toc-mark") ||
               is_text(c, "alphabetical-index-mark")) {
      continue;
    } else if (is_ns(c, VB_NS_OFFICE, "annotation")) {
      continue; /* read as a comment, not as text */
    } else if (c->ns && c->ns->href && !strcmp((const char *)c->ns->href, VB_NS_DRAW)) {
      scan_draw(r, c, 0);
    } else {
      /* links, fields, meta, ruby: their text is the paragraph's */
      walk_inline(r, c, props, depth + 1);
    }
  }
}

static void read_comment(odt_reader *r, xmlNode *a) {
  const char *author = NULL;
  vb_buf t = VB_BUF_INIT;
  for (xmlNode *c = a->children; c; c = c->next) {
    if (is_ns(c, NS_DCX, "creator")) {
      xmlChar *s = xmlNodeGetContent(c);
      author = adup(r, (const char *)s);
      xmlFree(s);
    } else if (is_text(c, "p")) {
      xmlChar *s = xmlNodeGetContent(c);
      if (t.len) vb_buf_putc(&t, '\n');
      if (s) vb_buf_puts(&t, (const char *)s);
      xmlFree(s);
    }
  }
  vb_docb_comment(&r->b, author, vb_buf_cstr(&t), NULL);
  vb_buf_free(&t);
}

static void find_comments(odt_reader *r, xmlNode *n, int depth) {
  if (depth > 64) return;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is_ns(c, VB_NS_OFFICE, "annotation"))
      read_comment(r, c);
    else if (c->type == XML_ELEMENT_NODE)
      find_comments(r, c, depth + 1);
  }
}

/* A body paragraph or table whose style names a master page starts a new
 * section: a page break with that page style. */
static void new_section(odt_reader *r, const char *master, int page_start) {
  masters *ms = r->ms;
  if (ms->n == ms->cap) {
    ms->cap = ms->cap ? 2 * ms->cap : 8;
    ms->names = vb_xrealloc(ms->names, ms->cap * sizeof *ms->names);
  }
  ms->names[ms->n++] = master;
  size_t si = vb_docb_section(&r->b);
  r->doc->sections[si].first_para = r->doc->npara;
  r->doc->sections[si].page_start = page_start > 0 ? page_start : 0;
}

static void read_para(odt_reader *r, xmlNode *p, masters *ms) {
  oprops pp;
  unset(&pp);
  const ostyle *s = find_style(r, prop(p, VB_NS_TEXT, "style-name"), "paragraph");
  if (!s) s = find_style(r, "Standard", "paragraph");
  style_props(r, s, "paragraph", &pp, 1, 0);
  const char *master = style_master(r, s, "paragraph");
  if (r->area == VB_AREA_BODY && r->level == 0 && !r->in_frame && master && master[0] && ms)
    new_section(r, master, pp.page_number);
  r->page_field = 0;
  r->line_shape = 0;
  size_t box_mark = r->nboxes;
  vb_docb_para_begin(&r->b);
  walk_inline(r, p, &pp, 0);
  vb_doc_para proto = {0};
  proto.area = r->area;
  proto.part = r->part;
  proto.style = s ? s->name : NULL;
  proto.align = pp.align >= 0 ? (vb_doc_align)pp.align : VB_ALIGN_LEFT;
  proto.ind_left = pp.ind_left == VB_DOC_UNSET ? 0 : pp.ind_left;
  proto.ind_right = pp.ind_right == VB_DOC_UNSET ? 0 : pp.ind_right;
  proto.ind_first = pp.ind_first == VB_DOC_UNSET ? 0 : pp.ind_first;
  proto.space_before = pp.sb == VB_DOC_UNSET ? 0 : pp.sb;
  proto.space_after = pp.sa == VB_DOC_UNSET ? 0 : pp.sa;
  proto.line = pp.line == VB_DOC_UNSET ? 240 : pp.line;
  proto.line_rule = pp.line == VB_DOC_UNSET ? VB_LINE_AUTO : (vb_doc_line_rule)pp.line_rule;
  proto.border_top = pp.bdr_top > 0;
  proto.border_bottom = pp.bdr_bottom > 0;
  proto.line_shape = (unsigned char)r->line_shape;
  proto.list = (unsigned char)(r->list > 0);
  proto.in_frame = (unsigned char)r->in_frame;
  proto.page_break_before = pp.page_break > 0;
  proto.table = r->table;
  proto.row = r->row;
  proto.cell = r->cell;
  proto.table_level = r->level;
  proto.node = p;
  vb_docb_para_end(&r->b, &proto);
  if (r->page_field && r->part >= 0) r->doc->parts[r->part].page_field = 1;
  size_t end = r->nboxes;
  if (end > box_mark && r->depth < 4) {
    xmlNode **boxes = vb_xmalloc((end - box_mark) * sizeof *boxes);
    memcpy(boxes, r->boxes + box_mark, (end - box_mark) * sizeof *boxes);
    r->nboxes = box_mark;
    int saved = r->in_frame;
    r->in_frame = 1;
    r->depth++;
    for (size_t i = 0; i < end - box_mark; i++)
      walk_block(r, boxes[i], 0);
    r->depth--;
    r->in_frame = saved;
    free(boxes);
  }
  r->nboxes = box_mark;
}

static void read_rows(odt_reader *r, xmlNode *n, int depth) {
  for (xmlNode *c = n->children; c; c = c->next) {
    if (is_table(c, "table-row")) {
      r->row++;
      r->cell = 0;
      for (xmlNode *tc = c->children; tc; tc = tc->next) {
        if (!is_table(tc, "table-cell")) continue;
        r->cell++;
        int t = r->table, rw = r->row, cl = r->cell;
        walk_block(r, tc, depth + 1);
        r->table = t, r->row = rw, r->cell = cl;
      }
    } else if ((is_table(c, "table-header-rows") || is_table(c, "table-rows") ||
                is_table(c, "table-row-group")) &&
               depth < 16) {
      read_rows(r, c, depth + 1);
    }
  }
}

static void read_table(odt_reader *r, xmlNode *tbl, int depth) {
  if (r->area == VB_AREA_BODY && r->level == 0 && !r->in_frame && r->ms) {
    const ostyle *ts = find_style(r, prop(tbl, VB_NS_TABLE, "style-name"), "table");
    const char *master = ts ? ts->master : NULL;
    if (master && master[0]) new_section(r, master, 0);
  }
  int t = r->table, rw = r->row, cl = r->cell;
  r->table = ++r->doc->ntables;
  r->row = r->cell = 0;
  r->level++;
  read_rows(r, tbl, depth);
  r->level--;
  r->table = t, r->row = rw, r->cell = cl;
}

static void walk_block(odt_reader *r, xmlNode *container, int depth) {
  if (depth > 32) return;
  for (xmlNode *c = container->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_text(c, "p") || is_text(c, "h")) {
      read_para(r, c, r->area == VB_AREA_BODY ? r->ms : NULL);
    } else if (is_table(c, "table")) {
      read_table(r, c, depth);
    } else if (is_text(c, "list")) {
      r->list++;
      for (xmlNode *it = c->children; it; it = it->next)
        if (is_text(it, "list-item") || is_text(it, "list-header")) walk_block(r, it, depth + 1);
      r->list--;
    } else if (is_text(c, "section") || is_text(c, "index-body") ||
               is_ns(c, VB_NS_DRAW, "text-box")) {
      walk_block(r, c, depth + 1);
    } else if (is_text(c, "table-of-content") || is_text(c, "alphabetical-index") ||
               is_text(c, "illustration-index") || is_text(c, "tracked-changes") ||
               is_text(c, "sequence-decls") || is_text(c, "variable-decls") ||
               is_text(c, "user-field-decls")) {
      continue;
    } else if (c->ns && c->ns->href && !strcmp((const char *)c->ns->href, VB_NS_DRAW)) {
      /* frames anchored to the page, at body level */
      r->line_shape = 0;
      size_t mark = r->nboxes;
      scan_draw(r, c, 0);
      size_t end = r->nboxes;
      int saved = r->in_frame;
      r->in_frame = 1;
      for (size_t i = mark; i < end && r->depth < 4; i++) {
        r->depth++;
        walk_block(r, r->boxes[i], depth + 1);
        r->depth--;
      }
      r->in_frame = saved;
      r->nboxes = mark;
    }
  }
}

/* The user-defined property "_vanban_ignore" (meta.xml). */
static void read_meta(odt_reader *r, xmlDocPtr meta) {
  xmlNode *m = meta ? child(xmlDocGetRootElement(meta), VB_NS_OFFICE, "meta") : NULL;
  for (xmlNode *c = m ? m->children : NULL; c; c = c->next) {
    if (!is_ns(c, NS_META, "user-defined")) continue;
    xmlChar *name = xmlGetNsProp(c, (const xmlChar *)"name", (const xmlChar *)NS_META);
    int match = name && !strcmp((const char *)name, VB_DOC_IGNORE_PROPERTY);
    xmlFree(name);
    if (!match) continue;
    xmlChar *v = xmlNodeGetContent(c);
    if (v) r->doc->ignore = vb_arena_strdup(r->doc->arena, (const char *)v);
    xmlFree(v);
    return;
  }
}

int vb_odt_read(vb_doc_read_src *src, vb_doc *doc, vb_diags *d) {
  odt_reader rd;
  memset(&rd, 0, sizeof rd);
  odt_reader *r = &rd;
  r->doc = doc;
  r->src = src;
  r->d = d;
  r->part = -1;
  vb_docb_init(&r->b, doc);
  masters ms = {0};
  int rc = -1;

  xmlDocPtr content = vb_doc_read_part(src, "content.xml", 0);
  xmlDocPtr styles = vb_doc_read_part(src, "styles.xml", 1);
  if (!content) goto out;
  xmlNode *croot = xmlDocGetRootElement(content);
  if (styles) {
    xmlNode *sroot = xmlDocGetRootElement(styles);
    read_fonts(r, child(sroot, VB_NS_OFFICE, "font-face-decls"));
    read_style_list(r, child(sroot, VB_NS_OFFICE, "styles"), 0);
    read_style_list(r, child(sroot, VB_NS_OFFICE, "automatic-styles"), 1);
    r->master_styles = child(sroot, VB_NS_OFFICE, "master-styles");
  }
  read_fonts(r, child(croot, VB_NS_OFFICE, "font-face-decls"));
  read_style_list(r, child(croot, VB_NS_OFFICE, "automatic-styles"), 2);
  xmlNode *text = child(child(croot, VB_NS_OFFICE, "body"), VB_NS_OFFICE, "text");
  if (!is_ns(croot, VB_NS_OFFICE, "document-content") || !text) {
    vb_error_rule(d, VB_EDATA, "doc.damaged", doc->file, "content.xml",
                  "mở tệp bằng LibreOffice rồi lưu thành .odt",
                  "không phải văn bản OpenDocument: content.xml không có office:body/office:text");
    goto out;
  }
  r->scope = 2;
  r->area = VB_AREA_BODY;
  r->ms = &ms;
  walk_block(r, text, 0);
  r->ms = NULL;
  doc->nbody = doc->npara;
  /* The first section: the master page of the first paragraph or table,
   * "Standard" when it names none. */
  if (doc->nsections == 0 || doc->sections[0].first_para > 0) {
    size_t si = vb_docb_section(&r->b);
    /* move it to the front */
    vb_doc_section first = doc->sections[si];
    memmove(doc->sections + 1, doc->sections, si * sizeof *doc->sections);
    doc->sections[0] = first;
    if (ms.n == ms.cap) {
      ms.cap = ms.cap ? 2 * ms.cap : 8;
      ms.names = vb_xrealloc(ms.names, ms.cap * sizeof *ms.names);
    }
    memmove(ms.names + 1, ms.names, ms.n * sizeof *ms.names);
    ms.names[0] = "Standard";
    ms.n++;
  }
  for (size_t si = 0; si < doc->nsections; si++) {
    size_t end = si + 1 < doc->nsections ? doc->sections[si + 1].first_para : doc->nbody;
    for (size_t i = doc->sections[si].first_para; i < end; i++)
      doc->paras[i].section = (int)si;
    int start = doc->sections[si].page_start;
    size_t first = doc->sections[si].first_para;
    r->area = VB_AREA_BODY;
    fill_section(r, si, si < ms.n ? ms.names[si] : "Standard");
    doc->sections[si].page_start = start;
    doc->sections[si].first_para = first;
  }
  r->scope = 2;
  find_comments(r, text, 0);
  read_meta(r, vb_doc_read_part(src, "meta.xml", 1));
  rc = vb_diags_errors(d) ? -1 : 0;
out:
  vb_docb_finish(&r->b);
  vb_docb_done(&r->b);
  free(r->styles);
  free(r->fonts);
  free(r->boxes);
  free(ms.names);
  return rc;
}
