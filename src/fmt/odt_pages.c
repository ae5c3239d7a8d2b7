/* Landscape pages in ODF (fmt/pages.h). A page's size is its master page's
 * page layout, and a paragraph starts pages of another master page when
 * its style names one (style:master-page-name, ODF 1.3 Part 3, 16.2). A
 * page mark gives its paragraph an automatic style with the paragraph's
 * own style as parent and the landscape copy of that style's master page
 * ("VB_Ngang_" and the master's name); the copies of the master pages and
 * of their page layouts (width and height swapped, print orientation
 * landscape; the margins stay, as on the decree's turned page) are added to
 * the page styles part after the render. The tables that follow the
 * paragraph until the next paragraph starting a master page, as wide as
 * the portrait text, get automatic copies of their table and column styles
 * widened in proportion to the landscape text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/format.h"
#include "fmt/odt_internal.h"
#include "fmt/pages.h"
#include "xml/xml.h"

#define TURNED_PREFIX "VB_Ngang_"

void vb_odt_turned_name(vb_buf *out, const char *name) {
  vb_buf_puts(out, TURNED_PREFIX);
  vb_buf_puts(out, name);
}

static char *get(xmlNode *e, const char *ns, const char *name) {
  return e ? (char *)xmlGetNsProp(e, (const xmlChar *)name, (const xmlChar *)ns) : NULL;
}

static int attr_is(xmlNode *e, const char *ns, const char *name, const char *value) {
  char *v = get(e, ns, name);
  int same = v && value && !strcmp(v, value);
  xmlFree(v);
  return same;
}

static void set(xmlNode *e, const char *ns, const char *name, const char *value) {
  xmlNs *n = xmlSearchNsByHref(e->doc, e, (const xmlChar *)ns);
  xmlSetNsProp(e, n, (const xmlChar *)name, (const xmlChar *)value);
}

static xmlNode *child(xmlNode *e, const char *ns, const char *local) {
  for (xmlNode *c = e ? e->children : NULL; c; c = c->next)
    if (vb_xml_is(c, ns, local)) return c;
  return NULL;
}

/* The style:style (or other element `local`) named `name` of `family` among
 * the children of `in`. */
static xmlNode *find_named(xmlNode *in, const char *local, const char *family, const char *name) {
  for (xmlNode *c = in ? in->children : NULL; c; c = c->next)
    if (vb_xml_is(c, VB_NS_STYLE, local) && attr_is(c, VB_NS_STYLE, "name", name) &&
        (!family || attr_is(c, VB_NS_STYLE, "family", family)))
      return c;
  return NULL;
}

/* The styles a content part's paragraphs and tables name: its own automatic
 * styles, then the page styles part's (the template's). */
typedef struct styles {
  xmlNode *autos;   /* the content part's office:automatic-styles */
  xmlDocPtr tdoc;   /* the template's page styles part, parsed */
  xmlNode *common;  /* its office:styles */
  xmlNode *tautos;  /* its office:automatic-styles (page layouts) */
  xmlNode *masters; /* its office:master-styles */
} styles;

static xmlNode *find_style(const styles *s, const char *family, const char *name) {
  xmlNode *st = find_named(s->autos, "style", family, name);
  return st ? st : find_named(s->common, "style", family, name);
}

/* The master page a paragraph of style `name` starts, following parents;
 * malloc'd, or NULL. */
static char *master_of(const styles *s, const char *name) {
  char *cur = name ? vb_xstrdup(name) : NULL;
  for (int depth = 0; cur && depth < 32; depth++) {
    xmlNode *st = find_style(s, "paragraph", cur);
    free(cur);
    cur = NULL;
    if (!st) return NULL;
    char *m = get(st, VB_NS_STYLE, "master-page-name");
    if (m && *m) {
      char *r = vb_xstrdup(m);
      xmlFree(m);
      return r;
    }
    xmlFree(m);
    char *p = get(st, VB_NS_STYLE, "parent-style-name");
    cur = p ? vb_xstrdup(p) : NULL;
    xmlFree(p);
  }
  free(cur);
  return NULL;
}

/* The text width (mm) of master page `m`, upright and turned; 0 when it
 * cannot be told or the page is landscape already. */
static int text_widths(const styles *s, const char *m, double *upright, double *turned) {
  xmlNode *mp = find_named(s->masters, "master-page", NULL, m);
  char *ln = get(mp, VB_NS_STYLE, "page-layout-name");
  xmlNode *pl = ln ? find_named(s->tautos, "page-layout", NULL, ln) : NULL;
  if (!pl) pl = ln ? find_named(s->common, "page-layout", NULL, ln) : NULL;
  xmlFree(ln);
  xmlNode *pp = child(pl, VB_NS_STYLE, "page-layout-properties");
  char *w = get(pp, VB_NS_FO, "page-width"), *h = get(pp, VB_NS_FO, "page-height");
  char *l = get(pp, VB_NS_FO, "margin-left"), *r = get(pp, VB_NS_FO, "margin-right");
  double W = vb_page_length_mm(w), H = vb_page_length_mm(h);
  double L = l ? vb_page_length_mm(l) : 0, R = r ? vb_page_length_mm(r) : 0;
  xmlFree(w), xmlFree(h), xmlFree(l), xmlFree(r);
  if (W <= 0 || H <= 0 || W > H || L < 0 || R < 0 || W - L - R <= 0) return 0;
  *upright = W - L - R;
  *turned = H - L - R;
  return 1;
}

/* Point the namespaces of n's subtree at the declarations in scope; 0 when
 * one is not declared there. */
static int rebind(xmlNode *n, xmlNode *scope) {
  int ok = 1;
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    xmlNs *ns = n->ns ? xmlSearchNsByHref(n->doc, scope, n->ns->href) : NULL;
    if (n->ns && ns) n->ns = ns;
    ok &= !n->ns || ns != NULL;
    for (xmlAttr *a = n->properties; a; a = a->next) {
      xmlNs *as = a->ns ? xmlSearchNsByHref(n->doc, scope, a->ns->href) : NULL;
      if (a->ns && as) a->ns = as;
      ok &= !a->ns || as != NULL;
    }
    ok &= rebind(n->children, scope);
  }
  return ok;
}

static void drop_defs(xmlNode *n) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    xmlFreeNsList(n->nsDef);
    n->nsDef = NULL;
    drop_defs(n->children);
  }
}

/* A copy of e, put right after it, using the namespace declarations around
 * it (a copy of an element declares again every namespace it uses). */
static xmlNode *copy_after(xmlNode *e) {
  xmlNode *copy = xmlDocCopyNode(e, e->doc, 1);
  xmlAddNextSibling(e, copy);
  xmlNode *next = copy->next;
  copy->next = NULL; /* its subtree only */
  if (rebind(copy, e->parent)) drop_defs(copy);
  copy->next = next;
  return copy;
}

static void put_mm(xmlNode *e, const char *ns, const char *name, double mm) {
  char s[32];
  snprintf(s, sizeof s, "%.2fmm", mm);
  set(e, ns, name, s);
}

/* The automatic copy "VB_Ngang_<name>" of style `name` of `family` with
 * `edit` applied, made once; its name, or NULL when there is no such style
 * in the content part's automatic styles. */
static const char *turned_copy(const styles *s, vb_buf *nb, const char *family, const char *name,
                               double f, const char *prop, const char *length) {
  vb_buf_clear(nb);
  vb_odt_turned_name(nb, name);
  if (find_named(s->autos, "style", family, vb_buf_cstr(nb))) return vb_buf_cstr(nb);
  xmlNode *st = find_named(s->autos, "style", family, name);
  if (!st) return NULL;
  xmlNode *copy = copy_after(st);
  set(copy, VB_NS_STYLE, "name", vb_buf_cstr(nb));
  xmlNode *pr = child(copy, VB_NS_STYLE, prop);
  char *v = get(pr, VB_NS_STYLE, length);
  double mm = vb_page_length_mm(v);
  if (mm > 0) put_mm(pr, VB_NS_STYLE, length, mm * f);
  xmlFree(v);
  return vb_buf_cstr(nb);
}

static void widen_table(const styles *s, xmlNode *tbl, double upright, double turned) {
  char *ts = get(tbl, VB_NS_TABLE, "style-name");
  xmlNode *st = ts ? find_named(s->autos, "style", "table", ts) : NULL;
  char *w = get(child(st, VB_NS_STYLE, "table-properties"), VB_NS_STYLE, "width");
  double width = vb_page_length_mm(w);
  xmlFree(w);
  vb_buf nb = VB_BUF_INIT;
  double f = turned / upright;
  if (width >= upright * 0.95) {
    const char *n = turned_copy(s, &nb, "table", ts, f, "table-properties", "width");
    if (n) set(tbl, VB_NS_TABLE, "style-name", n);
    for (xmlNode *c = tbl->children; c; c = c->next) {
      if (!vb_xml_is(c, VB_NS_TABLE, "table-column")) continue;
      char *cs = get(c, VB_NS_TABLE, "style-name");
      n = cs ? turned_copy(s, &nb, "table-column", cs, f, "table-column-properties", "column-width")
             : NULL;
      if (n) set(c, VB_NS_TABLE, "style-name", n);
      xmlFree(cs);
    }
  }
  vb_buf_free(&nb);
  xmlFree(ts);
}

static void collect_marks(xmlNode *n, xmlNode ***out, size_t *len, size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (vb_xml_is(n, VB_NS_PAGE, VB_PAGE_MARK)) {
      if (*len == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *out = vb_xrealloc(*out, *cap * sizeof **out);
      }
      (*out)[(*len)++] = n;
      continue;
    }
    collect_marks(n->children, out, len, cap);
  }
}

/* Does this paragraph or table start pages of a master page of its own? */
static int starts_pages(const styles *s, xmlNode *b) {
  if (vb_xml_is(b, VB_NS_TABLE, "table")) {
    char *ts = get(b, VB_NS_TABLE, "style-name");
    xmlNode *st = ts ? find_style(s, "table", ts) : NULL;
    xmlFree(ts);
    char *m = get(st, VB_NS_STYLE, "master-page-name");
    int yes = m && *m;
    xmlFree(m);
    return yes;
  }
  if (!vb_xml_is(b, VB_NS_TEXT, "p") && !vb_xml_is(b, VB_NS_TEXT, "h")) return 0;
  char *ps = get(b, VB_NS_TEXT, "style-name");
  char *m = master_of(s, ps);
  int yes = m != NULL;
  xmlFree(ps);
  free(m);
  return yes;
}

static void turn_paragraph(styles *s, vb_page_ctx *pc, xmlNode *para) {
  char *ps = get(para, VB_NS_TEXT, "style-name");
  char *m = master_of(s, ps);
  const char *master = m ? m : "Standard";
  double upright, turned;
  if (!ps || !text_widths(s, master, &upright, &turned)) {
    xmlFree(ps);
    free(m);
    return;
  }
  vb_buf name = VB_BUF_INIT, tm = VB_BUF_INIT;
  vb_odt_turned_name(&name, ps);
  vb_odt_turned_name(&tm, master);
  if (!find_named(s->autos, "style", "paragraph", vb_buf_cstr(&name))) {
    xmlNode *own = find_named(s->autos, "style", "paragraph", ps);
    xmlNode *st;
    if (own) { /* an automatic style cannot be a parent: copy it */
      st = copy_after(own);
    } else {
      st = xmlNewDocNode(s->autos->doc,
                         xmlSearchNsByHref(s->autos->doc, s->autos, (const xmlChar *)VB_NS_STYLE),
                         (const xmlChar *)"style", NULL);
      xmlAddChild(s->autos, st);
      set(st, VB_NS_STYLE, "name", vb_buf_cstr(&name));
      set(st, VB_NS_STYLE, "family", "paragraph");
      set(st, VB_NS_STYLE, "parent-style-name", ps);
    }
    set(st, VB_NS_STYLE, "name", vb_buf_cstr(&name));
    set(st, VB_NS_STYLE, "master-page-name", vb_buf_cstr(&tm));
  }
  set(para, VB_NS_TEXT, "style-name", vb_buf_cstr(&name));
  vb_page_ctx_turn(pc, master);
  for (xmlNode *b = para->next; b; b = b->next) {
    if (b->type != XML_ELEMENT_NODE) continue;
    if (starts_pages(s, b)) break;
    if (vb_xml_is(b, VB_NS_TABLE, "table")) widen_table(s, b, upright, turned);
  }
  vb_buf_free(&name);
  vb_buf_free(&tm);
  xmlFree(ps);
  free(m);
}

static int fix_under(xmlNode *root, void *ud) {
  vb_page_ctx *pc = ud;
  xmlNode **marks = NULL;
  size_t n = 0, cap = 0;
  collect_marks(root->children, &marks, &n, &cap);
  if (!n) return 0;
  styles s = {.autos = child(root, VB_NS_OFFICE, "automatic-styles")};
  if (!s.autos) {
    s.autos = xmlNewDocNode(root->doc, root->ns, (const xmlChar *)"automatic-styles", NULL);
    xmlNode *first = root->children;
    while (first && first->type != XML_ELEMENT_NODE)
      first = first->next;
    if (first && (vb_xml_is(first, VB_NS_OFFICE, "scripts") ||
                  vb_xml_is(first, VB_NS_OFFICE, "font-face-decls"))) {
      xmlNode *next = first->next;
      while (next &&
             (next->type != XML_ELEMENT_NODE || vb_xml_is(next, VB_NS_OFFICE, "font-face-decls")))
        next = next->next;
      if (next)
        xmlAddPrevSibling(next, s.autos);
      else
        xmlAddChild(root, s.autos);
    } else if (first) {
      xmlAddPrevSibling(first, s.autos);
    } else {
      xmlAddChild(root, s.autos);
    }
  }
  if (pc->styles) s.tdoc = vb_xml_parse(pc->styles, pc->styles_len, NULL, NULL, VB_EINTERNAL, NULL);
  xmlNode *troot = s.tdoc ? xmlDocGetRootElement(s.tdoc) : NULL;
  s.common = child(troot, VB_NS_OFFICE, "styles");
  s.tautos = child(troot, VB_NS_OFFICE, "automatic-styles");
  s.masters = child(troot, VB_NS_OFFICE, "master-styles");
  for (size_t i = 0; i < n; i++) {
    xmlNode *para = marks[i]->parent;
    xmlUnlinkNode(marks[i]);
    xmlFreeNode(marks[i]);
    if (vb_xml_is(para, VB_NS_TEXT, "p") || vb_xml_is(para, VB_NS_TEXT, "h"))
      turn_paragraph(&s, pc, para);
  }
  if (s.tdoc) xmlFreeDoc(s.tdoc);
  free(marks);
  return 1;
}

int vb_odt_fix_pages(vb_buf *xml, vb_page_ctx *pc) {
  if (!vb_pages_marked(xml)) return 0;
  return vb_xml_reserialize_with(xml, fix_under, pc, 1);
}

/* --- the page styles part ------------------------------------------------ */

static xmlNode *turn_layout(xmlNode *autos, const char *name) {
  vb_buf nb = VB_BUF_INIT;
  vb_odt_turned_name(&nb, name);
  xmlNode *done = find_named(autos, "page-layout", NULL, vb_buf_cstr(&nb));
  xmlNode *pl = find_named(autos, "page-layout", NULL, name);
  if (!done && pl) {
    done = copy_after(pl);
    set(done, VB_NS_STYLE, "name", vb_buf_cstr(&nb));
    xmlNode *pp = child(done, VB_NS_STYLE, "page-layout-properties");
    char *w = get(pp, VB_NS_FO, "page-width"), *h = get(pp, VB_NS_FO, "page-height");
    if (w && h) {
      set(pp, VB_NS_FO, "page-width", h);
      set(pp, VB_NS_FO, "page-height", w);
      set(pp, VB_NS_STYLE, "print-orientation", "landscape");
    }
    xmlFree(w), xmlFree(h);
  }
  vb_buf_free(&nb);
  return done;
}

static int turn_masters(xmlNode *root, const vb_page_ctx *pc) {
  xmlNode *autos = child(root, VB_NS_OFFICE, "automatic-styles");
  xmlNode *masters = child(root, VB_NS_OFFICE, "master-styles");
  if (!masters) return 0;
  vb_page_ctx pending = {0};
  for (size_t i = 0; i < pc->nturned; i++)
    vb_page_ctx_turn(&pending, pc->turned[i]);
  int changed = 0;
  vb_buf nb = VB_BUF_INIT;
  for (size_t i = 0; i < pending.nturned; i++) { /* grows with the next pages */
    const char *m = pending.turned[i];
    vb_buf_clear(&nb);
    vb_odt_turned_name(&nb, m);
    xmlNode *mp = find_named(masters, "master-page", NULL, m);
    if (!mp || find_named(masters, "master-page", NULL, vb_buf_cstr(&nb))) continue;
    xmlNode *copy = copy_after(mp); /* then last: after every master of the template */
    xmlUnlinkNode(copy);
    xmlAddChild(masters, copy);
    set(copy, VB_NS_STYLE, "name", vb_buf_cstr(&nb));
    xmlUnsetNsProp(copy, xmlSearchNsByHref(copy->doc, mp, (const xmlChar *)VB_NS_STYLE),
                   (const xmlChar *)"display-name");
    char *ln = get(mp, VB_NS_STYLE, "page-layout-name");
    if (ln && turn_layout(autos, ln)) {
      vb_buf lb = VB_BUF_INIT;
      vb_odt_turned_name(&lb, ln);
      set(copy, VB_NS_STYLE, "page-layout-name", vb_buf_cstr(&lb));
      vb_buf_free(&lb);
    }
    xmlFree(ln);
    char *next = get(mp, VB_NS_STYLE, "next-style-name");
    if (next && *next) {
      vb_buf xb = VB_BUF_INIT;
      vb_odt_turned_name(&xb, next);
      set(copy, VB_NS_STYLE, "next-style-name", vb_buf_cstr(&xb));
      vb_buf_free(&xb);
      vb_page_ctx_turn(&pending, next);
    }
    xmlFree(next);
    changed = 1;
  }
  vb_buf_free(&nb);
  vb_page_ctx_free(&pending);
  return changed;
}

static int turn_under(xmlNode *root, void *ud) {
  const vb_page_ctx *pc = ud;
  int changed = turn_masters(root, pc);
  if (vb_odt_add_float_styles(root, pc->floats)) changed = 1;
  return changed;
}

int vb_odt_turn_styles(vb_buf *xml, const vb_page_ctx *pc) {
  return vb_xml_reserialize_with(xml, turn_under, (void *)pc, 1);
}
