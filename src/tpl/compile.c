/* Compiling one package part:
 *   1. parse the XML (src/xml: no network, no entities);
 *   2. scan every paragraph for tags, merging tags split across runs;
 *   3. parse each tag (statement + expression);
 *   4. lift structural tags: a block tag alone in its paragraph replaces the
 *      paragraph, alone in a table row replaces the row; docxtpl's {%p %},
 *      {%tr %}, {%tc %}, {%r %} name their container explicitly;
 *   5. serialize the tree into literal XML bytes cut at each tag;
 *   6. nest the tags into an IR tree, checking that every block opens and
 *      closes at the same place of the XML structure, which is exactly the
 *      condition for any number of repetitions to stay well-formed. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/scan.h"
#include "tpl/tpl.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

typedef struct el_rename {
  xmlNode *elem;
  const char *alt;
  vb_tag *tags[6]; /* if/else/endif around the start tag, then around the end tag */
} el_rename;

struct vb_mk {
  vb_arena *a;
  const vb_format *fmt;
  const char *pkg_name, *part_name;
  vb_diags *d;
  int errors;
  vb_scan sc;
  vb_tag **tags; /* this part's tags in document order */
  size_t ntags;
  /* serialization */
  vb_buf lit;
  struct token {
    size_t off, len;
    vb_tag *tag;
  } *toks;
  size_t ntoks, tcap;
  size_t unescaped; /* docxtpl escapes replaced: the part changed even without tags */
  /* docxtpl cell markers */
  vb_tag *marker; /* the marker being applied: synthetic tags borrow its location */
  el_rename *renames;
  size_t nrenames, rcap;
  int fix_tables;
};
typedef struct vb_mk compiler;

const char *const vb_tag_kind_names[] = {"value", "for",     "endfor", "if", "elif", "else", "endif",
                                         "set",   "comment", "colspan", "cellbg", "vm",  "hm"};

/* --- locations ------------------------------------------------------------ */

static size_t index_among(const xmlNode *n, const vb_format *fmt, vb_container kind) {
  size_t i = 1;
  for (const xmlNode *s = n->prev; s; s = s->prev)
    if (fmt->is(s, kind)) i++;
  return i;
}

static xmlNode *ancestor(xmlNode *n, const vb_format *fmt, vb_container kind) {
  for (xmlNode *p = n ? n->parent : NULL; p && p->type == XML_ELEMENT_NODE; p = p->parent)
    if (fmt->is(p, kind)) return p;
  return NULL;
}

/* Rows of `tbl` in document order up to `row` (1-based), not counting rows
 * of nested tables. ODT keeps header rows in table:table-header-rows and
 * may group rows, so rows are not all siblings. */
static size_t row_number_in(const vb_format *fmt, const xmlNode *n, const xmlNode *row, size_t *k) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || fmt->is(n, VB_C_TABLE)) continue;
    if (fmt->is(n, VB_C_ROW)) {
      ++*k;
      if (n == row) return *k;
      continue;
    }
    size_t r = row_number_in(fmt, n->children, row, k);
    if (r) return r;
  }
  return 0;
}

static size_t row_number(const vb_format *fmt, const xmlNode *tbl, const xmlNode *row) {
  size_t k = 0;
  return row_number_in(fmt, tbl->children, row, &k);
}

/* "table 2 row 3 cell 1, paragraph 14" — what a person can find in Word. */
static const char *describe(compiler *c, xmlNode *para, size_t para_no, size_t *table_no_of,
                            xmlNode **tables, size_t ntables) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, "%s", c->part_name);
  xmlNode *cell = ancestor(para, c->fmt, VB_C_CELL);
  if (cell) {
    xmlNode *row = ancestor(cell, c->fmt, VB_C_ROW);
    xmlNode *tbl = ancestor(row ? row : cell, c->fmt, VB_C_TABLE);
    size_t tno = 0;
    for (size_t i = 0; i < ntables; i++)
      if (tables[i] == tbl) tno = table_no_of[i];
    vb_buf_printf(&b, ", table %zu row %zu cell %zu", tno, row && tbl ? row_number(c->fmt, tbl, row) : 0,
                  index_among(cell, c->fmt, VB_C_CELL));
  }
  vb_buf_printf(&b, ", paragraph %zu", para_no);
  const char *r = vb_arena_strndup(c->a, b.data, b.len);
  vb_buf_free(&b);
  return r;
}

static void collect_nodes(xmlNode *n, const vb_format *fmt, vb_container kind, xmlNode ***out,
                          size_t *len, size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (fmt->is(n, kind)) {
      if (*len == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *out = vb_xrealloc(*out, *cap * sizeof(xmlNode *));
      }
      (*out)[(*len)++] = n;
    }
    collect_nodes(n->children, fmt, kind, out, len, cap);
  }
}

/* --- tag parsing ---------------------------------------------------------- */

static void tag_error(compiler *c, vb_tag *t, const char *hint, const char *fmt, const char *arg) {
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, fmt, arg ? arg : "");
  vb_error(c->d, VB_ETEMPLATE, c->pkg_name, t->where, hint, "%s in %s (near \"%s\")", m.data, t->text,
           t->excerpt);
  vb_buf_free(&m);
  c->errors++;
}

static int parse_expr_into(compiler *c, vb_tag *t, vb_lexer *lx, vb_expr **out) {
  *out = vb_expr_parse_at(lx);
  if (*out && !vb_lex_at_end(lx) && !lx->err) {
    lx->err = "unexpected text after the expression";
    lx->err_off = lx->pos;
    *out = NULL;
  }
  if (!*out) {
    tag_error(c, t, "check the expression's syntax (see the template language in README.md)",
              "%s", lx->err ? lx->err : "invalid expression");
    return -1;
  }
  return 0;
}

static void parse_tag(compiler *c, vb_tag *t) {
  const char *s = t->text;
  size_t n = strlen(s);
  char kind = s[1];
  size_t i = 2, end = n - 2;
  /* docxtpl's structural markers: {%p, {%tr, {%tc, {%r, {{p, {{r, and
   * the comments {#p, {#tr, {#tc, {#r that remove their container */
  static const struct {
    const char *word;
    char scope;
  } scopes[] = {{"tr", 't'}, {"tc", 'c'}, {"p", 'p'}, {"r", 'r'}};
  for (size_t k = 0; k < 4; k++) {
    size_t wl = strlen(scopes[k].word);
    if (i + wl < end && strncmp(s + i, scopes[k].word, wl) == 0 && strchr(" \t", s[i + wl])) {
      t->scope = scopes[k].scope;
      i += wl;
      break;
    }
  }
  if (kind == '#') {
    t->kind = VB_TAG_COMMENT;
    return;
  }
  if (kind == '%' && i < end && s[i] == '-') i++, t->trim_left = 1;
  if (kind == '%' && end > i && s[end - 1] == '-') end--, t->trim_right = 1;
  if (kind == '{' && i < end && s[i] == '-') i++;
  if (kind == '{' && end > i && s[end - 1] == '-') end--;
  vb_lexer lx = {s + i, end - i, 0, c->a, NULL, 0};
  if (kind == '{') {
    t->kind = VB_TAG_VALUE;
    parse_expr_into(c, t, &lx, &t->expr);
    return;
  }
  const char *word = vb_lex_ident(&lx);
  if (!word) {
    /* keywords are not identifiers: read them explicitly */
    static const char *const kw[] = {"for", "if", "else", NULL};
    for (int k = 0; kw[k] && !word; k++)
      if (vb_lex_accept(&lx, kw[k])) word = kw[k];
  }
  if (!word) {
    tag_error(c, t, "a block tag starts with for, endfor, if, elif, else, endif or set",
              "empty or unreadable block tag%s", "");
    return;
  }
  if (strcmp(word, "for") == 0) {
    t->kind = VB_TAG_FOR;
    t->var1 = vb_lex_ident(&lx);
    if (t->var1 && vb_lex_accept(&lx, ",")) t->var2 = vb_lex_ident(&lx);
    if (!t->var1 || !vb_lex_accept(&lx, "in")) {
      tag_error(c, t, "write it as {% for item in list %}", "malformed for loop%s", "");
      return;
    }
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (strcmp(word, "if") == 0 || strcmp(word, "elif") == 0) {
    t->kind = word[0] == 'i' ? VB_TAG_IF : VB_TAG_ELIF;
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (strcmp(word, "set") == 0) {
    t->kind = VB_TAG_SET;
    t->var1 = vb_lex_ident(&lx);
    if (!t->var1 || !vb_lex_accept(&lx, "=")) {
      tag_error(c, t, "write it as {% set name = expression %}", "malformed set%s", "");
      return;
    }
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (!strcmp(word, "colspan") || !strcmp(word, "cellbg")) {
    t->kind = word[0] == 'c' && word[1] == 'o' ? VB_TAG_COLSPAN : VB_TAG_CELLBG;
    size_t from = lx.pos;
    if (parse_expr_into(c, t, &lx, &t->expr) == 0) {
      while (from < lx.n && strchr(" \t", lx.s[from])) from++;
      size_t to = lx.n;
      while (to > from && strchr(" \t", lx.s[to - 1])) to--;
      t->arg = vb_arena_strndup(c->a, lx.s + from, to - from);
    }
  } else if (!strcmp(word, "vm") || !strcmp(word, "hm")) {
    t->kind = word[0] == 'v' ? VB_TAG_VM : VB_TAG_HM;
    if (!vb_lex_at_end(&lx)) tag_error(c, t, NULL, "unexpected text after '%s'", word);
  } else if (!strcmp(word, "else") || !strcmp(word, "endfor") || !strcmp(word, "endif")) {
    t->kind = word[1] == 'l' ? VB_TAG_ELSE : word[3] == 'f' ? VB_TAG_ENDFOR : VB_TAG_ENDIF;
    if (!vb_lex_at_end(&lx)) tag_error(c, t, NULL, "unexpected text after '%s'", word);
  } else {
    tag_error(c, t,
              "supported block tags: for, endfor, if, elif, else, endif, set, and docxtpl's "
              "colspan, cellbg, vm, hm (see README.md)",
              "unknown block tag '%s'", word);
  }
}

/* --- lifting ------------------------------------------------------------- */

static int is_placeholder(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE && !n->ns && n->_private &&
         strcmp((const char *)n->name, "vb-tag") == 0;
}

/* Count placeholders inside n (other than skip) and mark them dropped. */
static size_t drop_placeholders(xmlNode *n, const xmlNode *keep) {
  size_t k = 0;
  for (xmlNode *ch = n->children; ch; ch = ch->next) {
    if (is_placeholder(ch) && ch != keep) {
      ((vb_tag *)ch->_private)->node = NULL;
      k++;
    }
    k += drop_placeholders(ch, keep);
  }
  return k;
}

static int row_stands_alone(compiler *c, xmlNode *row) {
  xmlNode **paras = NULL;
  size_t np = 0, cap = 0, tags = 0;
  int alone = 1;
  collect_nodes(row->children, c->fmt, VB_C_PARAGRAPH, &paras, &np, &cap);
  for (size_t i = 0; i < np && alone; i++) {
    const vb_para_info *pi = vb_scan_find_para(&c->sc, paras[i]);
    if (!pi || pi->visible) alone = 0;
    else tags += pi->ntags;
  }
  /* A nested table or a drawing makes the row content, not a control row. */
  xmlNode **tbls = NULL;
  size_t nt = 0, tcap = 0;
  collect_nodes(row->children, c->fmt, VB_C_TABLE, &tbls, &nt, &tcap);
  free(tbls);
  free(paras);
  return alone && tags == 1 && nt == 0;
}

static int is_marker(const vb_tag *t) {
  return t->kind == VB_TAG_COLSPAN || t->kind == VB_TAG_CELLBG || t->kind == VB_TAG_VM ||
         t->kind == VB_TAG_HM;
}

static void lift(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  if (!ph || is_marker(t)) return;
  xmlNode *target = NULL;
  switch (t->scope) {
  case 'p': target = ancestor(ph, c->fmt, VB_C_PARAGRAPH); break;
  case 't': target = ancestor(ph, c->fmt, VB_C_ROW); break;
  case 'c': target = ancestor(ph, c->fmt, VB_C_CELL); break;
  case 'r': target = ancestor(ph, c->fmt, VB_C_RUN); break;
  default:
    /* A tag with docxtpl's "{%-"/"-%}" joins text across paragraphs
     * instead of removing its own. */
    if (t->kind != VB_TAG_VALUE && !t->trim_left && !t->trim_right) {
      xmlNode *para = ancestor(ph, c->fmt, VB_C_PARAGRAPH);
      const vb_para_info *pi = para ? vb_scan_find_para(&c->sc, para) : NULL;
      if (pi && pi->ntags == 1 && pi->visible == 0) {
        target = para;
        xmlNode *cell = ancestor(para, c->fmt, VB_C_CELL);
        xmlNode *row = cell ? ancestor(cell, c->fmt, VB_C_ROW) : NULL;
        if (row && row_stands_alone(c, row)) target = row;
      }
    }
  }
  if (t->scope && !target) {
    tag_error(c, t, "put the tag inside the paragraph, row, cell or run it names",
              "the tag is not inside the container its marker names%s", "");
    return;
  }
  if (!target) return;
  size_t dropped = drop_placeholders(target, ph);
  if (t->kind == VB_TAG_VALUE) {
    /* {{p x }} / {{r x }}: the value is the paragraph's or run's only text,
     * in the container's own formatting (docxtpl puts RichText or Subdoc
     * XML there; JSON data gives text). Everything but properties goes. */
    for (xmlNode *keep = ph; keep != target; keep = keep->parent) {
      xmlNode *next;
      for (xmlNode *sib = keep->parent->children; sib; sib = next) {
        next = sib->next;
        int count = 0;
        if (sib == keep || (sib->type == XML_ELEMENT_NODE && !is_placeholder(sib) &&
                            !c->fmt->is(sib, VB_C_RUN) && c->fmt->classify(sib, &count) == VB_ATOM_SKIP))
          continue;
        xmlUnlinkNode(sib);
        xmlFreeNode(sib);
      }
    }
    if (dropped)
      vb_warn(c->d, VB_ETEMPLATE, c->pkg_name, t->where, "put other tags outside the container a structural tag replaces",
              "%zu other tag(s) in the same container as %s are dropped", dropped, t->text);
    return;
  }
  if (dropped)
    vb_warn(c->d, VB_ETEMPLATE, c->pkg_name, t->where,
            "put other tags outside the container a structural tag replaces",
            "%zu other tag(s) in the same container as %s are dropped", dropped, t->text);
  xmlUnlinkNode(ph);
  xmlReplaceNode(target, ph);
  xmlFreeNode(target);
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
    tag_error(c, c->marker, "check the expression's syntax (see the template language in README.md)",
              "%s", err ? err : "invalid expression");
  return e;
}

static xmlNode *new_placeholder(xmlDoc *doc, vb_tag *t) {
  xmlNode *ph = xmlNewDocNode(doc, NULL, (const xmlChar *)"vb-tag", NULL);
  ph->_private = t;
  t->node = ph;
  return ph;
}

int vb_mk_attr(vb_mk *c, xmlNode *elem, xmlNs *ns, const char *name, const char *src) {
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

xmlNode *vb_mk_block(vb_mk *c, const char *word, const char *cond) {
  vb_tag *t = synth_tag(c, word[0] == 'i' ? VB_TAG_IF : word[1] == 'l' ? VB_TAG_ELSE : VB_TAG_ENDIF);
  if (cond) t->expr = synth_expr(c, cond);
  return new_placeholder(((xmlNode *)c->marker->node)->doc, t);
}

void vb_mk_rename_unless(vb_mk *c, xmlNode *elem, const char *cond, const char *alt_local) {
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

void vb_mk_wrap_paragraphs(vb_mk *c, xmlNode *under, const char *cond) {
  xmlNode **paras = NULL;
  size_t np = 0, cap = 0;
  collect_nodes(under->children, c->fmt, VB_C_PARAGRAPH, &paras, &np, &cap);
  for (size_t i = 0; i < np; i++) {
    xmlNode *first = paras[i]->children;
    int count = 0;
    while (first && first->type == XML_ELEMENT_NODE && !is_placeholder(first) &&
           c->fmt->classify(first, &count) == VB_ATOM_SKIP)
      first = first->next;
    if (!first) continue;
    xmlAddPrevSibling(first, vb_mk_block(c, "if", cond));
    xmlAddChild(paras[i], vb_mk_block(c, "endif", NULL));
  }
  free(paras);
}

/* 1 when a run holds nothing but properties and empty text. */
static int run_is_empty(compiler *c, xmlNode *n) {
  for (xmlNode *ch = n->children; ch; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE) {
      if (ch->content && *ch->content) return 0;
      continue;
    }
    if (ch->type != XML_ELEMENT_NODE) continue;
    if (is_placeholder(ch)) return 0;
    int count = 0;
    vb_atom_kind k = c->fmt->classify(ch, &count);
    if (k == VB_ATOM_SKIP && !c->fmt->is(ch, VB_C_RUN)) continue;
    if ((k == VB_ATOM_TEXT || k == VB_ATOM_DESCEND) && run_is_empty(c, ch)) continue;
    return 0;
  }
  return 1;
}

static void apply_marker(compiler *c, vb_tag *t) {
  xmlNode *ph = t->node;
  if (!ph) return;
  xmlNode *cell = ancestor(ph, c->fmt, VB_C_CELL);
  if (!cell) {
    tag_error(c, t, "put the marker in the table cell it changes",
              "this docxtpl marker is not inside a table cell%s", "");
    return;
  }
  /* Take the marker out, with the run it leaves empty (as docxtpl does). */
  xmlNode *holder = ph->parent;
  xmlUnlinkNode(ph);
  xmlFreeNode(ph);
  xmlNode *run = holder && c->fmt->is(holder, VB_C_RUN) ? holder : ancestor(holder, c->fmt, VB_C_RUN);
  if (run && run_is_empty(c, run)) {
    xmlUnlinkNode(run);
    xmlFreeNode(run);
  }
  t->node = NULL;
  if (!c->fmt->cell_marker) {
    tag_error(c, t, NULL, "docxtpl's cell markers are not supported in %s documents", c->fmt->name);
    return;
  }
  c->marker = t;
  /* Synthetic placeholders need a document: borrow the cell's. */
  xmlNode *anchor = xmlNewDocNode(cell->doc, NULL, (const xmlChar *)"vb-anchor", NULL);
  t->node = anchor;
  const char *err = NULL;
  int errors = c->errors;
  if (c->fmt->cell_marker(c, cell, (vb_cell_marker)(t->kind - VB_TAG_COLSPAN), t->arg, &err) != 0 &&
      c->errors == errors)
    tag_error(c, t, NULL, "%s", err ? err : "cannot apply this marker here");
  t->node = NULL;
  xmlFreeNode(anchor);
  c->marker = NULL;
  if (t->kind == VB_TAG_COLSPAN || t->kind == VB_TAG_HM) c->fix_tables = 1;
}

/* --- serialization -------------------------------------------------------- */

static void put_escaped(vb_buf *b, const char *s, int attr) {
  for (const char *p = s; *p; p++) {
    switch (*p) {
    case '&': vb_buf_puts(b, "&amp;"); break;
    case '<': vb_buf_puts(b, "&lt;"); break;
    case '>': vb_buf_puts(b, "&gt;"); break;
    case '"':
      if (attr) vb_buf_puts(b, "&quot;");
      else vb_buf_putc(b, '"');
      break;
    case '\r': vb_buf_puts(b, "&#13;"); break;
    case '\n':
      if (attr) vb_buf_puts(b, "&#10;");
      else vb_buf_putc(b, '\n');
      break;
    case '\t':
      if (attr) vb_buf_puts(b, "&#9;");
      else vb_buf_putc(b, '\t');
      break;
    default: vb_buf_putc(b, *p);
    }
  }
}

/* Text content, with docxtpl's escapes for literal delimiters turned into
 * the delimiters: {_{ → {{, }_} → }}, {_% → {%, %_} → %}. */
static void put_text(compiler *c, const char *s) {
  if (!strstr(s, "{_") && !strstr(s, "_}")) {
    put_escaped(&c->lit, s, 0);
    return;
  }
  vb_buf t = VB_BUF_INIT;
  for (const char *p = s; *p; p++) {
    if ((p[0] == '{' && p[1] == '_' && (p[2] == '{' || p[2] == '%')) ||
        ((p[0] == '}' || p[0] == '%') && p[1] == '_' && p[2] == '}')) {
      vb_buf_putc(&t, p[0]);
      vb_buf_putc(&t, p[2]);
      p += 2;
      c->unescaped++;
    } else {
      vb_buf_putc(&t, *p);
    }
  }
  put_escaped(&c->lit, vb_buf_cstr(&t), 0);
  vb_buf_free(&t);
}

static void put_qname(vb_buf *b, const xmlNs *ns, const xmlChar *name) {
  if (ns && ns->prefix) vb_buf_printf(b, "%s:", (const char *)ns->prefix);
  vb_buf_puts(b, (const char *)name);
}

static unsigned hash_step(unsigned h, const xmlNode *n) {
  const char *parts[2] = {n->ns && n->ns->href ? (const char *)n->ns->href : "",
                          (const char *)n->name};
  for (int k = 0; k < 2; k++)
    for (const char *p = parts[k]; *p; p++) h = (h ^ (unsigned char)*p) * 16777619u;
  return (h ^ '/') * 16777619u;
}

static void push_token(compiler *c, vb_tag *tag) {
  if (c->ntoks == c->tcap) {
    c->tcap = c->tcap ? c->tcap * 2 : 64;
    c->toks = vb_xrealloc(c->toks, c->tcap * sizeof(*c->toks));
  }
  c->toks[c->ntoks].off = c->lit.len;
  c->toks[c->ntoks].len = 0;
  c->toks[c->ntoks].tag = tag;
  c->ntoks++;
}

static void synth_token(compiler *c, vb_tag *t, unsigned h, unsigned depth) {
  t->path_hash = h;
  t->depth = depth;
  push_token(c, t);
}

/* An element's start tag ("<x …>", or "<x …/>" when it is empty), under the
 * name alt (same prefix) when given; an attribute whose value is an
 * expression becomes a token (and is left out under alt). */
static void put_start(compiler *c, xmlNode *n, const char *alt) {
  vb_buf *b = &c->lit;
  vb_buf_putc(b, '<');
  put_qname(b, n->ns, alt ? (const xmlChar *)alt : n->name);
  for (xmlNs *ns = n->nsDef; ns; ns = ns->next) {
    vb_buf_puts(b, ns->prefix ? " xmlns:" : " xmlns");
    if (ns->prefix) vb_buf_puts(b, (const char *)ns->prefix);
    vb_buf_puts(b, "=\"");
    put_escaped(b, ns->href ? (const char *)ns->href : "", 1);
    vb_buf_putc(b, '"');
  }
  for (xmlAttr *at = n->properties; at; at = at->next) {
    if (at->_private && alt) continue;
    vb_buf_putc(b, ' ');
    put_qname(b, at->ns, at->name);
    vb_buf_puts(b, "=\"");
    if (at->_private) {
      push_token(c, at->_private);
    } else {
      /* The raw (unescaped) value, escaped exactly once here. */
      xmlChar *raw = xmlNodeListGetRawString(n->doc, at->children, 0);
      put_escaped(b, raw ? (const char *)raw : "", 1);
      xmlFree(raw);
    }
    vb_buf_putc(b, '"');
  }
  vb_buf_puts(b, n->children ? ">" : "/>");
}

static void put_end(compiler *c, xmlNode *n, const char *alt) {
  vb_buf_puts(&c->lit, "</");
  put_qname(&c->lit, n->ns, alt ? (const xmlChar *)alt : n->name);
  vb_buf_putc(&c->lit, '>');
}

static void serialize(compiler *c, xmlNode *n, unsigned h, unsigned depth) {
  vb_buf *b = &c->lit;
  for (; n; n = n->next) {
    switch (n->type) {
    case XML_ELEMENT_NODE: {
      if (is_placeholder(n)) {
        vb_tag *t = n->_private;
        t->path_hash = h;
        t->depth = depth;
        push_token(c, t);
        break;
      }
      el_rename *rn = NULL;
      for (size_t k = 0; k < c->nrenames && !rn; k++)
        if (c->renames[k].elem == n) rn = &c->renames[k];
      if (!rn) {
        put_start(c, n, NULL);
      } else {
        /* {% if cond %}<elem …>{% else %}<alt …>{% endif %} */
        synth_token(c, rn->tags[0], h, depth);
        put_start(c, n, NULL);
        synth_token(c, rn->tags[1], h, depth);
        put_start(c, n, rn->alt);
        synth_token(c, rn->tags[2], h, depth);
      }
      if (n->children) {
        serialize(c, n->children, hash_step(h, n), depth + 1);
        if (!rn) {
          put_end(c, n, NULL);
        } else {
          synth_token(c, rn->tags[3], h, depth);
          put_end(c, n, NULL);
          synth_token(c, rn->tags[4], h, depth);
          put_end(c, n, rn->alt);
          synth_token(c, rn->tags[5], h, depth);
        }
      }
      break;
    }
    case XML_TEXT_NODE:
      if (n->content) put_text(c, (const char *)n->content);
      break;
    case XML_CDATA_SECTION_NODE:
      vb_buf_printf(b, "<![CDATA[%s]]>", n->content ? (const char *)n->content : "");
      break;
    case XML_COMMENT_NODE:
      vb_buf_printf(b, "<!--%s-->", n->content ? (const char *)n->content : "");
      break;
    case XML_PI_NODE:
      vb_buf_printf(b, "<?%s%s%s?>", (const char *)n->name, n->content ? " " : "",
                    n->content ? (const char *)n->content : "");
      break;
    default: break;
    }
  }
}

/* --- docxtpl whitespace control ---------------------------------------- */

/* Apply "{%-" and "-%}" on the literal stream: the markup between a tag and
 * the neighbouring text is cut out, which joins paragraphs or lines. Left
 * cuts first, then right cuts, and a "-%}" directly followed by another tag
 * cuts nothing (as docxtpl does). Works by marking byte ranges deleted and
 * rebuilding the literal once. */
static void apply_trims(compiler *c) {
  int any = 0;
  for (size_t k = 0; k < c->ntoks; k++) any |= c->toks[k].tag->trim_left | c->toks[k].tag->trim_right;
  if (!any) return;
  const char *lit = vb_buf_cstr(&c->lit);
  size_t n = c->lit.len;
  unsigned char *del = vb_xcalloc(n ? n : 1, 1);
  for (size_t k = 0; k < c->ntoks; k++) {
    vb_tag *t = c->toks[k].tag;
    size_t from = k ? c->toks[k - 1].off : 0, to = c->toks[k].off;
    if (!t->trim_left || to <= from) continue;
    size_t best = SIZE_MAX;
    for (const char *const *m = c->fmt->trim_left; *m; m++) {
      size_t ml = strlen(*m);
      for (size_t i = to; i-- > from;)
        if (i + ml <= to && memcmp(lit + i, *m, ml) == 0) {
          if (best == SIZE_MAX || i > best) best = i;
          break;
        }
    }
    if (best != SIZE_MAX) memset(del + best, 1, to - best);
  }
  for (size_t k = 0; k < c->ntoks; k++) {
    vb_tag *t = c->toks[k].tag;
    size_t from = c->toks[k].off, to = k + 1 < c->ntoks ? c->toks[k + 1].off : n;
    if (!t->trim_right || to <= from) continue;
    size_t first = SIZE_MAX; /* earliest opening of any marker */
    for (const char *const *m = c->fmt->trim_right; *m; m++) {
      size_t ml = strlen(*m);
      for (size_t i = from; i + ml <= to && i < first; i++)
        if (memcmp(lit + i, *m, ml) == 0) first = i;
    }
    if (first == SIZE_MAX) continue;
    const char *gt = memchr(lit + first, '>', to - first);
    if (!gt) continue;
    size_t best = (size_t)(gt + 1 - lit);
    memset(del + from, 1, best - from);
  }
  /* Rebuild the literal and move the token offsets. */
  vb_buf out = VB_BUF_INIT;
  size_t k = 0;
  for (size_t i = 0; i <= n; i++) {
    while (k < c->ntoks && c->toks[k].off == i) c->toks[k++].off = out.len;
    if (i < n && !del[i]) vb_buf_putc(&out, lit[i]);
  }
  free(del);
  vb_buf_free(&c->lit);
  c->lit = out;
}

/* --- IR ------------------------------------------------------------------- */

typedef struct ir_builder {
  compiler *c;
  unsigned loops; /* FOR bodies around the current position */
  size_t pos; /* next token */
  size_t lit_from; /* literal bytes not yet emitted */
} ir_builder;

static void list_push(vb_arena *a, vb_ir_list *l, size_t *cap, vb_ir *n) {
  if (l->len == *cap) {
    *cap = *cap ? *cap * 2 : 8;
    vb_ir **items = vb_arena_alloc(a, *cap * sizeof(*items));
    if (l->len) memcpy(items, l->items, l->len * sizeof(*items));
    l->items = items;
  }
  l->items[l->len++] = n;
}

static void emit_text(ir_builder *ib, vb_ir_list *l, size_t *cap, size_t upto) {
  if (upto <= ib->lit_from) return;
  vb_ir *n = vb_arena_alloc(ib->c->a, sizeof(vb_ir));
  n->kind = VB_IR_TEXT;
  n->text = (const char *)(uintptr_t)ib->lit_from; /* fixed up once the literal is final */
  n->len = upto - ib->lit_from;
  ib->lit_from = upto;
  list_push(ib->c->a, l, cap, n);
}

static const char *kind_name(vb_tag_kind k) { return vb_tag_kind_names[k]; }

static void structure_error(compiler *c, vb_tag *open, vb_tag *close) {
  vb_error(c->d, VB_ETEMPLATE, c->pkg_name, close->where,
           "put both tags in the same kind of place: both alone in their own paragraphs, both "
           "alone in their own table rows, or both in one paragraph",
           "%s (at %s) and %s are in different places of the document structure (for example "
           "one in a table cell and the other outside it)",
           open->text, open->where, close->text);
  c->errors++;
}

/* Build nodes until a tag whose kind is in `stop` (returned, not consumed)
 * or the end (NULL). */
static vb_tag *build(ir_builder *ib, vb_ir_list *out, unsigned stop_mask) {
  compiler *c = ib->c;
  size_t cap = 0;
  while (ib->pos < c->ntoks) {
    struct token *tk = &c->toks[ib->pos];
    vb_tag *t = tk->tag;
    if (stop_mask & (1u << t->kind)) {
      emit_text(ib, out, &cap, tk->off);
      return t;
    }
    emit_text(ib, out, &cap, tk->off);
    ib->pos++;
    vb_ir *n = vb_arena_alloc(c->a, sizeof(vb_ir));
    n->tag = t;
    if (t->needs_loop && !ib->loops && t->kind != VB_TAG_ELSE && t->kind != VB_TAG_ENDIF) {
      tag_error(c, t,
                "put {% vm %} in a cell of a {%tr for %} row and {% hm %} in a cell of a "
                "{%tc for %} loop",
                "this merge marker is not inside a loop%s", "");
      t->needs_loop = 0; /* once per marker */
    }
    switch (t->kind) {
    case VB_TAG_COMMENT:
    case VB_TAG_COLSPAN:
    case VB_TAG_CELLBG:
    case VB_TAG_VM:
    case VB_TAG_HM: continue;
    case VB_TAG_VALUE:
      n->kind = VB_IR_VALUE;
      if (!t->expr) continue;
      break;
    case VB_TAG_SET:
      n->kind = VB_IR_SET;
      if (!t->expr) continue;
      break;
    case VB_TAG_FOR: {
      n->kind = VB_IR_FOR;
      ib->loops++;
      vb_tag *end = build(ib, &n->body, 1u << VB_TAG_ENDFOR | 1u << VB_TAG_ELSE);
      ib->loops--;
      if (end && end->kind == VB_TAG_ELSE) {
        if (end->path_hash != t->path_hash || end->depth != t->depth) structure_error(c, t, end);
        ib->pos++;
        end = build(ib, &n->other, 1u << VB_TAG_ENDFOR);
      }
      if (!end) {
        tag_error(c, t, "add {% endfor %} where the repeated part ends", "loop is never closed%s", "");
        return NULL;
      }
      if (end->path_hash != t->path_hash || end->depth != t->depth) structure_error(c, t, end);
      ib->pos++;
      break;
    }
    case VB_TAG_IF: {
      n->kind = VB_IR_IF;
      vb_ir *cur = n;
      vb_tag *open = t;
      for (;;) {
        vb_tag *end = build(ib, &cur->body,
                            1u << VB_TAG_ELIF | 1u << VB_TAG_ELSE | 1u << VB_TAG_ENDIF);
        if (!end) {
          tag_error(c, open, "add {% endif %} where the conditional part ends",
                    "condition is never closed%s", "");
          return NULL;
        }
        if (end->path_hash != t->path_hash || end->depth != t->depth) structure_error(c, t, end);
        ib->pos++;
        if (end->kind == VB_TAG_ENDIF) break;
        if (end->kind == VB_TAG_ELSE) {
          vb_tag *fin = build(ib, &cur->other, 1u << VB_TAG_ENDIF);
          if (!fin) {
            tag_error(c, open, "add {% endif %} where the conditional part ends",
                      "condition is never closed%s", "");
            return NULL;
          }
          if (fin->path_hash != t->path_hash || fin->depth != t->depth) structure_error(c, t, fin);
          ib->pos++;
          break;
        }
        /* elif: a nested IF in the else branch */
        vb_ir *nested = vb_arena_alloc(c->a, sizeof(vb_ir));
        nested->kind = VB_IR_IF;
        nested->tag = end;
        size_t ocap = 0;
        list_push(c->a, &cur->other, &ocap, nested);
        cur = nested;
        open = end;
      }
      break;
    }
    default:
      tag_error(c, t, "remove it, or add the tag that opens it", "unexpected {%% %s %%}",
                kind_name(t->kind));
      continue;
    }
    if (n->kind == VB_IR_VALUE) {
      xmlNode *ph = t->node;
      /* The prefix the template uses for the text namespace where the value sits. */
      xmlNs *ns = ph && ph->parent ? xmlSearchNsByHref(ph->doc, ph->parent, (const xmlChar *)c->fmt->text_ns) : NULL;
      n->prefix = ns && ns->prefix ? vb_arena_strdup(c->a, (const char *)ns->prefix) : NULL;
      if (!t->attr && c->fmt->mark_context) n->mark = c->fmt->mark_context(c->a, ph);
    }
    list_push(c->a, out, &cap, n);
  }
  emit_text(ib, out, &cap, c->lit.len);
  return NULL;
}

static void fix_text(vb_ir_list *l, const char *base) {
  for (size_t i = 0; i < l->len; i++) {
    vb_ir *n = l->items[i];
    if (n->kind == VB_IR_TEXT) n->text = base + (uintptr_t)n->text;
    fix_text(&n->body, base);
    fix_text(&n->other, base);
  }
}

vb_part_tpl *vb_tpl_compile_part(vb_arena *a, const vb_format *fmt, const char *pkg_name,
                                 const char *part_name, const char *xml, size_t len,
                                 vb_tag ***tags, size_t *ntags, size_t *tags_cap, vb_diags *d) {
  xmlDocPtr doc = vb_xml_parse(xml, len, pkg_name, part_name, VB_ETEMPLATE, d);
  if (!doc) return NULL;
  compiler c = {.a = a, .fmt = fmt, .pkg_name = pkg_name, .part_name = part_name, .d = d};
  c.sc.a = a;
  c.sc.fmt = fmt;
  c.sc.pkg_name = pkg_name;
  c.sc.d = d;
  xmlNode *root = xmlDocGetRootElement(doc);

  /* 1. paragraphs and tables in document order, for locations. */
  xmlNode **paras = NULL, **tables = NULL;
  size_t np = 0, pcap = 0, nt = 0, tcap = 0;
  collect_nodes(root, fmt, VB_C_PARAGRAPH, &paras, &np, &pcap);
  collect_nodes(root, fmt, VB_C_TABLE, &tables, &nt, &tcap);
  size_t *table_no = vb_xcalloc(nt ? nt : 1, sizeof(size_t));
  for (size_t i = 0; i < nt; i++) table_no[i] = i + 1;

  /* 2. scan. */
  for (size_t i = 0; i < np; i++)
    c.errors += vb_scan_paragraph(&c.sc, paras[i], describe(&c, paras[i], i + 1, table_no, tables, nt));

  /* 3. parse tags. */
  c.tags = vb_arena_alloc(a, (c.sc.nfound ? c.sc.nfound : 1) * sizeof(vb_tag *));
  for (size_t i = 0; i < c.sc.nfound; i++) {
    vb_found_tag *ft = &c.sc.found[i];
    vb_tag *t = vb_arena_alloc(a, sizeof(vb_tag));
    t->text = ft->text;
    t->excerpt = ft->excerpt;
    t->where = ft->where;
    t->part = vb_arena_strdup(a, part_name);
    t->node = ft->node;
    if (ft->node) ft->node->_private = t;
    parse_tag(&c, t);
    c.tags[c.ntags++] = t;
  }

  /* 4. lift structural tags, in document order. */
  for (size_t i = 0; i < c.ntags; i++) lift(&c, c.tags[i]);
  /* docxtpl's cell markers, once the loops' rows and cells are in place;
   * a loop over cells changes the number of columns. */
  for (size_t i = 0; i < c.ntags; i++) {
    if (is_marker(c.tags[i])) apply_marker(&c, c.tags[i]);
    if (c.tags[i]->kind == VB_TAG_FOR && c.tags[i]->scope == 'c') c.fix_tables = 1;
  }

  /* 5. serialize. */
  vb_buf_puts(&c.lit, "<?xml version=\"1.0\" encoding=\"UTF-8\"");
  if (doc->standalone == 1) vb_buf_puts(&c.lit, " standalone=\"yes\"");
  vb_buf_puts(&c.lit, "?>\n");
  serialize(&c, doc->children, 2166136261u, 0);

  apply_trims(&c);

  /* 6. IR. */
  vb_part_tpl *pt = NULL;
  if (!c.errors) {
    pt = vb_arena_alloc(a, sizeof(vb_part_tpl));
    ir_builder ib = {.c = &c};
    vb_tag *stray = build(&ib, &pt->root, 0);
    (void)stray;
    const char *base = vb_arena_strndup(a, vb_buf_cstr(&c.lit), c.lit.len);
    fix_text(&pt->root, base);
    pt->ntags = c.ntags;
    pt->changed = c.ntags > 0 || c.unescaped > 0;
    pt->fix_tables = c.fix_tables && fmt->fix_tables;
    pt->fmt = fmt;
  }
  for (size_t i = 0; i < c.ntags; i++) {
    c.tags[i]->node = NULL;
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
