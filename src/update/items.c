/* Loop items a correction adds, removes or reorders, in a document a person
 * has edited.
 *
 * The part rendered with the new data (the "fresh" part) says what the
 * document should hold: its trace gives the bytes of every loop item, so
 * the paragraphs and rows each item wrote (its units) are known, and the
 * marks in them name the values. The edited part holds the same marks
 * wherever the old data had the same item. So:
 *
 *   - an item is in the document when one of its values is;
 *   - a new item's units are put after the units of what precedes them in
 *     the fresh part (or before what follows), each made from a paragraph
 *     or row of the edited document that the same piece of the template
 *     wrote (same text around the same tags), so that it looks like its
 *     siblings there — styles, spacing, what the person set; its values are
 *     then the new ones, and its text must come out as the fresh part's;
 *     when no such sibling exists, the fresh unit itself is copied in;
 *   - an item the new data no longer has is taken out, unless a person
 *     edited it (a value changed by hand, text added to it, a tracked
 *     change in it): then it is refused, naming it, unless forced;
 *   - items in a different order than the data's are put in its order, and
 *     each move is reported.
 *
 * Elements are compared by name (namespace and local name), never tested
 * against a format's names: the format's rules (fmt/marks.h) say what text
 * is, copy and remove units. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/marks.h"
#include "tpl/mark.h"
#include "update/internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "xml/xml.h"

/* --- the fresh part ----------------------------------------------------------- */

typedef struct fitem {
  xmlNode **units; /* the elements its bytes are made of, in order */
  size_t nunits;
  int inline_;  /* written inside a paragraph (or not as whole elements) */
  int present;  /* some value of it (or of an item in it) is in the document */
  int reshaped; /* in the document with other values: replaced */
  int has_child;
} fitem;

typedef struct fmark {
  xmlNode *start;
  size_t open;  /* its place in the fresh bytes */
  size_t value; /* index of its value in the trace */
} fmark;

/* --- the edited part ----------------------------------------------------------- */

typedef struct emark {
  char *name;
  size_t plen; /* "_vbTAG_ITEM" */
  unsigned tag;
  uint32_t vhash;
  const char *item; /* ITEM, in name */
  size_t item_len;
  const vb_tag *loop;
  xmlNode *start, *end;
  int absent; /* its identity is not among the new values (or its item is replaced) */
} emark;

typedef struct ctx {
  upd *u;
  const vb_format *fmt;
  const vb_tpl_trace *tr;
  /* fresh */
  xmlDoc *fdoc;
  vb_xml_spans *spans;
  xmlNode **fels; /* elements in document order */
  size_t *fopen;  /* their starts */
  size_t nfels;
  fmark *fmarks;
  size_t nfmarks;
  fitem *items;
  /* edited */
  xmlDoc *edoc;
  emark *emarks;
  size_t nemarks;
  upd_strmap eby_prefix; /* "_vbTAG_ITEM" → first emark */
  upd_ptrmap order;      /* edited nodes → place in document order */
  int order_stale;
  /* caches: node → signature index */
  upd_ptrmap fsig, esig;
  char **sigs;
  size_t nsigs, sigs_cap;
  upd_ptrmap placed; /* fresh unit → edited node made for it */
  upd_ptrmap gone;   /* edited nodes to remove */
} ctx;

/* --- helpers --------------------------------------------------------------------- */

static int same_name(const xmlNode *a, const xmlNode *b) {
  if (!a || !b || a->type != XML_ELEMENT_NODE || b->type != XML_ELEMENT_NODE) return 0;
  if (strcmp((const char *)a->name, (const char *)b->name) != 0) return 0;
  const char *na = a->ns && a->ns->href ? (const char *)a->ns->href : "";
  const char *nb = b->ns && b->ns->href ? (const char *)b->ns->href : "";
  return strcmp(na, nb) == 0;
}

static xmlNode *next_element(xmlNode *n) {
  for (n = n ? n->next : NULL; n && n->type != XML_ELEMENT_NODE; n = n->next)
    ;
  return n;
}

static xmlNode *prev_element(xmlNode *n) {
  for (n = n ? n->prev : NULL; n && n->type != XML_ELEMENT_NODE; n = n->prev)
    ;
  return n;
}

static int is_blank_text(const xmlNode *n) {
  if (n->type != XML_TEXT_NODE) return n->type == XML_COMMENT_NODE;
  for (const xmlChar *p = n->content; p && *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return 0;
  return 1;
}

static int is_ancestor(const xmlNode *a, const xmlNode *n) {
  for (; n; n = n->parent)
    if (n == a) return 1;
  return 0;
}

/* How many elements named as `unit` there are from n up to unit. */
static int depth_count(const xmlNode *n, const xmlNode *unit) {
  int c = 0;
  for (; n && n != unit->parent; n = n->parent)
    if (same_name(n, unit)) c++;
  return c;
}

/* The c-th element named as `like` from n up. */
static xmlNode *climb(xmlNode *n, const xmlNode *like, int c) {
  for (; n && n->type != XML_DOCUMENT_NODE; n = n->parent)
    if (same_name(n, like) && --c == 0) return n;
  return NULL;
}

static void number_nodes(ctx *c, xmlNode *n, size_t *k) {
  for (; n; n = n->next) {
    upd_ptrmap_set(&c->order, n, (*k)++);
    if (n->type == XML_ELEMENT_NODE) number_nodes(c, n->children, k);
  }
}

static size_t order_of(ctx *c, const xmlNode *n) {
  if (c->order_stale) {
    upd_ptrmap_clear(&c->order);
    size_t k = 0;
    number_nodes(c, c->edoc->children, &k);
    c->order_stale = 0;
  }
  return upd_ptrmap_get(&c->order, n);
}

/* Where an edited node is, for messages: "word/document.xml, bảng 1, hàng 2,
 * ô 3, đoạn 12". */
static void where_of(ctx *c, xmlNode *n, vb_buf *out) {
  vb_buf_printf(out, "%s, ", c->u->part);
  vb_marks_where(c->fmt, n, out);
}

/* The text of a node for messages, cut after about 60 characters. */
static void text_of(ctx *c, xmlNode *n, vb_buf *out) {
  vb_outline o;
  vb_marks_outline(c->fmt, n, VB_MARK_PREFIX, &o);
  const char *t = vb_buf_cstr(&o.text);
  size_t len = o.text.len, cut = 0, chars = 0;
  while (cut < len && chars < 60) {
    cut++;
    while (cut < len && ((unsigned char)t[cut] & 0xc0) == 0x80)
      cut++;
    chars++;
  }
  for (size_t i = 0; i < cut; i++)
    vb_buf_putc(out, t[i] == '\n' || t[i] == '\t' ? ' ' : t[i]);
  if (cut < len) vb_buf_puts(out, "…");
  vb_outline_free(&o);
}

/* --- signatures: the text of a unit with each value replaced by its tag ----------- */

static const char *keep_sig(ctx *c, upd_ptrmap *cache, const xmlNode *n, vb_buf *b, int ok) {
  if (c->nsigs == c->sigs_cap) {
    c->sigs_cap = c->sigs_cap ? c->sigs_cap * 2 : 64;
    c->sigs = vb_xrealloc(c->sigs, c->sigs_cap * sizeof(char *));
  }
  c->sigs[c->nsigs] = ok ? vb_buf_detach(b, &(size_t){0}) : NULL;
  if (!c->sigs[c->nsigs] && ok) c->sigs[c->nsigs] = vb_xstrdup("");
  vb_buf_free(b);
  upd_ptrmap_set(cache, n, c->nsigs);
  return c->sigs[c->nsigs++];
}

/* edited: a mark that LibreOffice moved a few characters into its value (a
 * table cell's first paragraph) counts from the paragraph's start. */
static const char *signature(ctx *c, xmlNode *n, int edited) {
  upd_ptrmap *cache = edited ? &c->esig : &c->fsig;
  size_t k = upd_ptrmap_get(cache, n);
  if (k != SIZE_MAX) return c->sigs[k];
  vb_outline o;
  vb_marks_outline(c->fmt, n, VB_MARK_PREFIX, &o);
  vb_buf b = VB_BUF_INIT;
  int ok = !o.partial;
  const char *t = vb_buf_cstr(&o.text);
  for (size_t i = 0; i < o.n && ok; i++) {
    vb_outline_piece *p = &o.pieces[i];
    if (!p->mark) {
      vb_outline_piece *nx = i + 1 < o.n ? &o.pieces[i + 1] : NULL;
      int at_start = p->off == 0 || t[p->off - 1] == '\n';
      unsigned tag;
      size_t plen;
      uint32_t vh;
      if (edited && nx && nx->mark && at_start && p->len <= 8 && p->off + p->len == nx->off &&
          vb_mark_parse(nx->name, &tag, &plen, &vh) == 0 &&
          vb_mark_hash(t + nx->off, nx->len) != vh &&
          vb_mark_hash(t + p->off, p->len + nx->len) == vh)
        continue; /* moved into the value: counts as the value's */
      vb_buf_put(&b, t + p->off, p->len);
      continue;
    }
    unsigned tag;
    size_t plen;
    uint32_t vh;
    if (p->partial || vb_mark_parse(p->name, &tag, &plen, &vh) != 0) {
      ok = 0;
      break;
    }
    vb_buf_printf(&b, "\x01%u\x02", tag);
  }
  vb_outline_free(&o);
  return keep_sig(c, cache, n, &b, ok);
}

/* --- the fresh part: its elements, marks and items --------------------------------- */

static void list_fresh(ctx *c, xmlNode *n, size_t *cap) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    const vb_xml_span *sp = vb_xml_span_of(c->spans, n);
    if (sp) {
      if (c->nfels == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        c->fels = vb_xrealloc(c->fels, *cap * sizeof(xmlNode *));
        c->fopen = vb_xrealloc(c->fopen, *cap * sizeof(size_t));
      }
      c->fels[c->nfels] = n;
      c->fopen[c->nfels++] = sp->open;
    }
    list_fresh(c, n->children, cap);
  }
}

/* First index in a sorted array of offsets at or after `at`. */
static size_t lower_bound(const size_t *a, size_t n, size_t at) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (a[mid] < at)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The units of an item: the whole elements its bytes [begin, end) are. */
static void find_units(ctx *c, size_t k) {
  const vb_tpl_trace_item *ti = &c->tr->items[k];
  fitem *it = &c->items[k];
  if (ti->begin == ti->end) return;
  size_t i = lower_bound(c->fopen, c->nfels, ti->begin);
  if (i == c->nfels || c->fopen[i] >= ti->end) {
    it->inline_ = 1; /* text only */
    return;
  }
  xmlNode *first = c->fels[i];
  for (xmlNode *p = first->parent; p; p = p->parent)
    if (p->type == XML_ELEMENT_NODE && c->fmt->is(p, VB_C_PARAGRAPH)) {
      it->inline_ = 1;
      return;
    }
  /* Only blanks between the item's start and its first element. */
  for (xmlNode *p = first->prev; p; p = p->prev) {
    if (p->type == XML_ELEMENT_NODE) {
      const vb_xml_span *sp = vb_xml_span_of(c->spans, p);
      if (sp && sp->close_end > ti->begin) it->inline_ = 1;
      break;
    }
    if (!is_blank_text(p)) {
      /* text before the first element may belong to the item: cannot tell */
      it->inline_ = 1;
      break;
    }
  }
  size_t cap = 0;
  for (xmlNode *n = first; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) {
      if (!is_blank_text(n)) {
        /* text between or after the units: only blanks may be the item's */
        const vb_xml_span *sp =
            it->nunits ? vb_xml_span_of(c->spans, it->units[it->nunits - 1]) : NULL;
        if (sp && sp->close_end < ti->end) it->inline_ = 1;
        break;
      }
      continue;
    }
    const vb_xml_span *sp = vb_xml_span_of(c->spans, n);
    if (!sp || sp->open >= ti->end) break;
    if (sp->close_end > ti->end) {
      it->inline_ = 1;
      break;
    }
    if (it->nunits == cap) {
      cap = cap ? cap * 2 : 4;
      it->units = vb_xrealloc(it->units, cap * sizeof(xmlNode *));
    }
    it->units[it->nunits++] = n;
  }
  if (it->inline_) {
    free(it->units);
    it->units = NULL;
    it->nunits = 0;
  }
}

/* The fresh marks under element n: [*from, *to) in c->fmarks. */
static void fmarks_in(ctx *c, const xmlNode *n, size_t *from, size_t *to) {
  const vb_xml_span *sp = vb_xml_span_of(c->spans, n);
  *from = *to = 0;
  if (!sp) return;
  size_t lo = 0, hi = c->nfmarks;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c->fmarks[mid].open < sp->open)
      lo = mid + 1;
    else
      hi = mid;
  }
  size_t end = lo;
  while (end < c->nfmarks && c->fmarks[end].open < sp->close_end)
    end++;
  *from = lo;
  *to = end;
}

static const vb_tpl_trace_value *fvalue(const ctx *c, size_t fm) {
  return &c->tr->values[c->fmarks[fm].value];
}

/* The edited mark with this identity, or NULL. */
static emark *emark_of(ctx *c, const char *prefix, size_t len) {
  size_t k = upd_strmap_get(&c->eby_prefix, prefix, len);
  return k == SIZE_MAX ? NULL : &c->emarks[k];
}

/* The edited element that holds what the fresh element n holds: found
 * through a value of n that the edited part has, climbing to the element
 * of n's name at n's depth above that value. */
static xmlNode *edited_of(ctx *c, xmlNode *n) {
  size_t placed = upd_ptrmap_get(&c->placed, n);
  if (placed != SIZE_MAX) return (xmlNode *)(uintptr_t)placed;
  size_t from, to;
  fmarks_in(c, n, &from, &to);
  for (size_t i = from; i < to; i++) {
    const vb_tpl_trace_value *v = fvalue(c, i);
    emark *e = emark_of(c, v->name, v->prefix_len);
    if (!e || e->absent) continue;
    int depth = depth_count(c->fmarks[i].start, n);
    xmlNode *r = climb(e->start, n, depth);
    if (!r && e->end) r = climb(e->end, n, depth);
    if (r && upd_ptrmap_get(&c->gone, r) == SIZE_MAX) return r;
  }
  return NULL;
}

/* --- models: the edited element a new unit is made from ---------------------------- */

static int clean_model(ctx *c, xmlNode *e, const char *sig) {
  if (!e || vb_marks_has_change(c->fmt, e)) return 0;
  const char *es = signature(c, e, 1);
  return es && strcmp(es, sig) == 0;
}

static int scan_model(ctx *c, xmlNode *n, const xmlNode *like, const char *sig, xmlNode **out) {
  for (; n && !*out; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (same_name(n, like)) {
      if (clean_model(c, n, sig)) *out = n;
      continue; /* units do not nest in units of their own kind here */
    }
    scan_model(c, n->children, like, sig, out);
  }
  return *out != NULL;
}

/* An edited element that the same piece of the template wrote as fresh unit
 * `unit` of item k: first among the units of the items nearest to k in the
 * same loop, then anywhere in the part. NULL when there is none. */
static xmlNode *find_model(ctx *c, size_t k, xmlNode *unit) {
  const char *sig = signature(c, unit, 0);
  if (!sig) return NULL;
  const vb_tpl_trace_item *ti = &c->tr->items[k];
  size_t n = c->tr->nitems;
  for (size_t dist = 1; dist < n; dist++) {
    for (int side = 0; side < 2; side++) {
      if (side == 0 && dist > k) continue;
      size_t j = side == 0 ? k - dist : k + dist;
      if (j >= n || c->tr->items[j].loop_tag != ti->loop_tag) continue;
      const fitem *it = &c->items[j];
      if (!it->present || it->reshaped) continue;
      for (size_t q = 0; q < it->nunits; q++) {
        const char *s = signature(c, it->units[q], 0);
        if (!s || strcmp(s, sig) != 0) continue;
        xmlNode *e = edited_of(c, it->units[q]);
        if (e && clean_model(c, e, sig)) return e;
      }
    }
  }
  xmlNode *found = NULL;
  scan_model(c, xmlDocGetRootElement(c->edoc), unit, sig, &found);
  return found;
}

/* --- new items -------------------------------------------------------------------- */

/* Give the marks of `made` (an edited element made for fresh unit `unit`)
 * the fresh unit's values and names; 0 when its text then reads as the
 * fresh unit's. */
static int fill_values(ctx *c, xmlNode *made, xmlNode *unit) {
  size_t from, to;
  fmarks_in(c, unit, &from, &to);
  vb_part_marks *pm = vb_marks_read_in(c->fmt, made, VB_MARK_PREFIX);
  int ok = vb_marks_count(pm) == to - from;
  for (size_t i = 0; ok && i < to - from; i++) {
    const vb_tpl_trace_value *v = fvalue(c, from + i);
    unsigned tag;
    size_t plen;
    uint32_t vh;
    const char *name = vb_marks_name(pm, i);
    if (vb_mark_parse(name, &tag, &plen, &vh) != 0 || tag != v->tag) {
      ok = 0;
      break;
    }
    /* A value with bold or italic pieces, links or a picture, in the
     * model or the new data: marks give back the text, not the pieces, so
     * only the fresh unit has them right. */
    const vb_tag *t = vb_tpl_package_tag(c->u->tp, tag);
    if (v->styled || !vb_marks_plain(pm, i) || (t && t->rich && !vb_marks_one_look(pm, i))) {
      ok = 0;
      break;
    }
    int moved = 0;
    if (vb_marks_has_end(pm, i)) {
      vb_buf cur = VB_BUF_INIT, both = VB_BUF_INIT;
      vb_marks_text(pm, i, &cur);
      if (vb_mark_hash(vb_buf_cstr(&cur), cur.len) != vh &&
          vb_marks_text_before(pm, i, &both) == 0 && both.len > 0 && both.len <= 8) {
        vb_buf_put(&both, vb_buf_cstr(&cur), cur.len);
        moved = vb_mark_hash(vb_buf_cstr(&both), both.len) == vh;
      }
      vb_buf_free(&cur);
      vb_buf_free(&both);
    }
    vb_marks_set_text(pm, i, v->text, moved);
    vb_marks_rename(pm, i, v->name);
  }
  vb_marks_free(pm);
  if (!ok) return -1;
  vb_outline a, b;
  vb_marks_outline(c->fmt, made, VB_MARK_PREFIX, &a);
  vb_marks_outline(c->fmt, unit, VB_MARK_PREFIX, &b);
  ok = a.text.len == b.text.len &&
       memcmp(vb_buf_cstr(&a.text), vb_buf_cstr(&b.text), a.text.len) == 0;
  vb_outline_free(&a);
  vb_outline_free(&b);
  return ok ? 0 : -1;
}

static void insert_node(xmlNode *made, xmlNode *after, xmlNode *before) {
  if (after)
    xmlAddNextSibling(after, made);
  else
    xmlAddPrevSibling(before, made);
}

/* A copy of node (of doc src) linked after `after` (or before `before`),
 * with the namespaces declared where it goes, cleaned as a copy. */
static xmlNode *copy_in(ctx *c, xmlDoc *src, xmlNode *node, xmlNode *after, xmlNode *before) {
  xmlNode *parent = after ? after->parent : before->parent;
  xmlNode *made = NULL;
  if (xmlDOMWrapCloneNode(NULL, src, node, &made, c->edoc, parent, 1, 0) != 0 || !made) return NULL;
  vb_marks_clean_copy(c->fmt, made, VB_MARK_PREFIX, &c->u->next_id);
  insert_node(made, after, before);
  return made;
}

/* An edited element for fresh unit `unit`, put after `after` (or before
 * `before`): a copy of a model when there is one, else of the unit. */
static xmlNode *make_unit(ctx *c, size_t k, xmlNode *unit, xmlNode *after, xmlNode *before) {
  xmlNode *model = find_model(c, k, unit);
  if (model) {
    xmlNode *made = copy_in(c, c->edoc, model, after, before);
    if (made && fill_values(c, made, unit) == 0) return made;
    if (made) {
      xmlUnlinkNode(made);
      xmlFreeNode(made);
    }
  }
  /* No sibling to take the look from: the fresh unit itself. */
  return copy_in(c, c->fdoc, unit, after, before);
}

/* Where the units of new item k go: after the edited element of the
 * nearest fresh element before them that the document has (skipping
 * elements that have no value, which the document has too), or before that
 * of the nearest after them. */
static int anchor_of(ctx *c, size_t k, xmlNode **after, xmlNode **before) {
  const fitem *it = &c->items[k];
  *after = *before = NULL;
  xmlNode *p = prev_element(it->units[0]);
  size_t skipped = 0;
  for (; p; p = prev_element(p), skipped++) {
    xmlNode *e = edited_of(c, p);
    if (e) {
      if (skipped == 0) {
        *after = e;
        return 0;
      }
      break;
    }
    size_t from, to;
    fmarks_in(c, p, &from, &to);
    if (to > from) break; /* values, none in the document */
  }
  xmlNode *n = next_element(it->units[it->nunits - 1]);
  xmlNode *e = n ? edited_of(c, n) : NULL;
  if (e) {
    *before = e;
    return 0;
  }
  if (!p) return -1;
  /* After an element the document has, and the elements without values
   * that follow it there as they follow it here. */
  xmlNode *a = edited_of(c, p);
  if (!a) return -1;
  xmlNode *f = next_element(p);
  for (size_t i = 0; i < skipped; i++, f = next_element(f)) {
    xmlNode *na = next_element(a);
    if (!na || !same_name(na, f)) break;
    const char *s1 = signature(c, f, 0), *s2 = signature(c, na, 1);
    if (!s1 || !s2 || strcmp(s1, s2) != 0) break;
    a = na;
  }
  *after = a;
  return 0;
}

/* An element of the edited document like `unit` (same name) that holds
 * the same text and no vanban mark: the item is there, but a person typed
 * it again (Word and LibreOffice drop the bookmarks of text typed over). */
static xmlNode *unmarked_copy(ctx *c, xmlNode *unit) {
  vb_outline fo;
  vb_marks_outline(c->fmt, unit, VB_MARK_PREFIX, &fo);
  xmlNode *found = NULL;
  if (fo.text.len >= 8) {
    for (xmlNode *n = xmlDocGetRootElement(c->edoc); n && !found;) {
      if (n->type == XML_ELEMENT_NODE && same_name(n, unit)) {
        vb_outline eo;
        vb_marks_outline(c->fmt, n, VB_MARK_PREFIX, &eo);
        int marked = eo.partial;
        for (size_t i = 0; i < eo.n; i++)
          marked |= eo.pieces[i].mark;
        if (!marked && eo.text.len == fo.text.len &&
            memcmp(vb_buf_cstr(&eo.text), vb_buf_cstr(&fo.text), fo.text.len) == 0)
          found = n;
        vb_outline_free(&eo);
      }
      if (found) break;
      if (n->type == XML_ELEMENT_NODE && n->children && !same_name(n, unit)) {
        n = n->children;
        continue;
      }
      while (n && !n->next)
        n = n->parent;
      if (n) n = n->next;
    }
  }
  vb_outline_free(&fo);
  return found;
}

static void add_item(ctx *c, size_t k) {
  fitem *it = &c->items[k];
  const vb_tag *loop = vb_tpl_package_tag(c->u->tp, c->tr->items[k].loop_tag);
  xmlNode *after, *before;
  if (anchor_of(c, k, &after, &before) != 0) return; /* reported with the unseen values */
  for (size_t q = 0; q < it->nunits; q++) {
    xmlNode *typed = unmarked_copy(c, it->units[q]);
    if (!typed) continue;
    /* Adding it would print it twice: the marks were lost by editing, the
     * data does not add it. */
    vb_buf where = VB_BUF_INIT, text = VB_BUF_INIT;
    where_of(c, typed, &where);
    text_of(c, typed, &text);
    vb_error_rule(c->u->d, VB_EDATA, "update.mat-dau", c->u->doc_name, where.data,
                  "xóa đoạn gõ lại đó rồi chạy update lần nữa: update thêm lại nó, có dấu, theo "
                  "dữ liệu mới (các sửa tay trong đoạn đó cần làm lại); hoặc hoàn tác việc gõ "
                  "lại",
                  "đoạn \"%s\" đã mất dấu (bookmark) của vanban khi sửa tay (gõ lại cả đoạn, "
                  "chẳng hạn gõ lại đề mục): dữ liệu không thêm mục mới, nhưng update không còn "
                  "nhận ra đoạn này nên không cập nhật được nó",
                  text.data);
    vb_buf_free(&where);
    vb_buf_free(&text);
    c->u->errors++;
    /* said once: its values are not reported again as values to add */
    for (size_t r = 0; r < it->nunits; r++) {
      size_t from, to;
      fmarks_in(c, it->units[r], &from, &to);
      for (size_t fm = from; fm < to; fm++) {
        const vb_tpl_trace_value *v = fvalue(c, fm);
        size_t vp, vi;
        if (upd_value(c->u, v->name, v->prefix_len, &vp, &vi)) c->u->seen[vp][vi] = 1;
      }
    }
    return;
  }
  for (size_t q = 0; q < it->nunits; q++) {
    xmlNode *made = make_unit(c, k, it->units[q], after, before);
    if (!made) {
      vb_error_rule(c->u->d, VB_EINTERNAL, "update.them-muc", c->u->doc_name, c->u->part,
                    "đây là lỗi của vanban: xin báo lại", "không tạo được mục mới của danh sách %s",
                    loop ? loop->text : "");
      c->u->errors++;
      return;
    }
    upd_ptrmap_set(&c->placed, it->units[q], (size_t)(uintptr_t)made);
    after = made;
    before = NULL;
  }
  c->order_stale = 1;
  c->u->added++;
}

/* --- removed items ---------------------------------------------------------------- */

typedef struct group {
  size_t *marks; /* indexes into c->emarks */
  size_t n, cap;
  const vb_tag *loop;
  const char *item;
  size_t item_len;
} group;

static int emark_by_item(const void *a, const void *b, void *ud) {
  const ctx *c = ud;
  const emark *x = &c->emarks[*(const size_t *)a], *y = &c->emarks[*(const size_t *)b];
  size_t n = x->item_len < y->item_len ? x->item_len : y->item_len;
  int r = memcmp(x->item, y->item, n);
  if (r) return r;
  if (x->item_len != y->item_len) return x->item_len < y->item_len ? -1 : 1;
  uintptr_t lx = (uintptr_t)x->loop, ly = (uintptr_t)y->loop;
  if (lx != ly) return lx < ly ? -1 : 1;
  return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/* The unit of an edited mark of loop `loop`: as deep as the units of that
 * loop's items in the fresh part; without any, its paragraph (or row, when
 * the row holds nothing else). */
static xmlNode *unit_of_mark(ctx *c, const emark *e, group *g) {
  for (size_t k = 0; k < c->tr->nitems; k++) {
    if (c->tr->items[k].loop_tag != e->loop->id || !c->items[k].nunits) continue;
    const fitem *it = &c->items[k];
    /* a fresh mark of the same tag tells the depth */
    for (size_t q = 0; q < it->nunits; q++) {
      size_t from, to;
      fmarks_in(c, it->units[q], &from, &to);
      for (size_t i = from; i < to; i++)
        if (fvalue(c, i)->tag == e->tag) {
          int depth = depth_count(c->fmarks[i].start, it->units[q]);
          xmlNode *r = climb(e->start, it->units[q], depth);
          return r ? r : e->end ? climb(e->end, it->units[q], depth) : NULL;
        }
    }
    xmlNode *r = climb(e->start, it->units[0], 1);
    return r ? r : e->end ? climb(e->end, it->units[0], 1) : NULL;
  }
  xmlNode *para = NULL;
  for (xmlNode *p = e->start; p && !para; p = p->parent)
    if (c->fmt->is(p, VB_C_PARAGRAPH)) para = p;
  if (!para) return NULL;
  xmlNode *row = NULL;
  for (xmlNode *p = para; p && !row; p = p->parent)
    if (c->fmt->is(p, VB_C_ROW)) row = p;
  if (!row) return para;
  /* The row, when every mark in it is one of the item's. */
  for (size_t i = 0; i < c->nemarks; i++) {
    if (!is_ancestor(row, c->emarks[i].start)) continue;
    int mine = 0;
    for (size_t j = 0; j < g->n && !mine; j++)
      mine = g->marks[j] == i;
    if (!mine) return para;
  }
  return row;
}

static int has_present_mark(ctx *c, xmlNode *n) {
  for (size_t i = 0; i < c->nemarks; i++)
    if (!c->emarks[i].absent && is_ancestor(n, c->emarks[i].start)) return 1;
  return 0;
}

/* 1 when the value of edited mark e is no longer what vanban wrote. */
static int value_by_hand(ctx *c, vb_part_marks *pm, size_t i, const emark *e) {
  (void)c;
  vb_buf cur = VB_BUF_INIT;
  vb_marks_text(pm, i, &cur);
  int by_hand = vb_mark_hash(vb_buf_cstr(&cur), cur.len) != e->vhash;
  if (by_hand && vb_marks_has_end(pm, i)) {
    vb_buf both = VB_BUF_INIT;
    if (vb_marks_text_before(pm, i, &both) == 0 && both.len > 0 && both.len <= 8) {
      vb_buf_put(&both, vb_buf_cstr(&cur), cur.len);
      by_hand = vb_mark_hash(vb_buf_cstr(&both), both.len) != e->vhash;
    }
    vb_buf_free(&both);
  }
  vb_buf_free(&cur);
  return by_hand;
}

/* Does the text of a unit of the item read as the template writes it? When
 * the fresh part has a unit from the same piece of the template (the same
 * tags), their text around the values must be the same. */
static int unit_as_written(ctx *c, xmlNode *unit) {
  const char *es = signature(c, unit, 1);
  if (!es) return 0;
  /* the tags of the unit, in order */
  vb_buf tags = VB_BUF_INIT;
  for (const char *p = es; (p = strchr(p, '\x01')) != NULL; p++) {
    const char *q = strchr(p, '\x02');
    if (!q) break;
    vb_buf_put(&tags, p, (size_t)(q - p + 1));
  }
  int same_tags = 0, same = 0;
  for (size_t k = 0; k < c->tr->nitems && !same; k++)
    for (size_t q = 0; q < c->items[k].nunits && !same; q++) {
      const char *fs = signature(c, c->items[k].units[q], 0);
      if (!fs) continue;
      if (strcmp(fs, es) == 0) {
        same = 1;
        break;
      }
      vb_buf ft = VB_BUF_INIT;
      for (const char *p = fs; (p = strchr(p, '\x01')) != NULL; p++) {
        const char *e = strchr(p, '\x02');
        if (!e) break;
        vb_buf_put(&ft, p, (size_t)(e - p + 1));
      }
      if (ft.len == tags.len && memcmp(vb_buf_cstr(&ft), vb_buf_cstr(&tags), ft.len) == 0)
        same_tags = 1;
      vb_buf_free(&ft);
    }
  vb_buf_free(&tags);
  return same || !same_tags;
}

static int cmp_order(const void *a, const void *b, void *ud) {
  ctx *c = ud;
  size_t x = order_of(c, *(xmlNode *const *)a), y = order_of(c, *(xmlNode *const *)b);
  return x < y ? -1 : x > y;
}

/* qsort_r is not C11: a small insertion sort does for the few units of an
 * item. */
static void sort_nodes(ctx *c, xmlNode **v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    xmlNode *x = v[i];
    size_t j = i;
    while (j > 0 && cmp_order(&v[j - 1], &x, c) > 0) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

static void remove_group(ctx *c, group *g, vb_part_marks *pm, const upd_ptrmap *pm_index) {
  xmlNode **units = vb_xcalloc(g->n + 1, sizeof(xmlNode *));
  size_t nu = 0;
  int edited = 0, mixed = 0;
  for (size_t j = 0; j < g->n; j++) {
    emark *e = &c->emarks[g->marks[j]];
    xmlNode *unit = unit_of_mark(c, e, g);
    if (!unit) {
      mixed = 1;
      break;
    }
    int dup = 0;
    for (size_t q = 0; q < nu && !dup; q++)
      dup = units[q] == unit;
    if (!dup) units[nu++] = unit;
    size_t pi = upd_ptrmap_get(pm_index, e->start);
    if (pi == SIZE_MAX || value_by_hand(c, pm, pi, e) || vb_marks_in_change(pm, pi)) edited = 1;
  }
  sort_nodes(c, units, nu);
  /* The units and what lies between them. */
  xmlNode **all = NULL;
  size_t nall = 0, cap = 0;
  for (size_t q = 0; q < nu && !mixed; q++) {
    if (has_present_mark(c, units[q])) mixed = 1;
    if (q > 0 && units[q]->parent != units[0]->parent) mixed = 1;
    for (xmlNode *n = q ? next_element(units[q - 1]) : units[q]; n && !mixed; n = next_element(n)) {
      if (nall == cap) {
        cap = cap ? cap * 2 : 8;
        all = vb_xrealloc(all, cap * sizeof(xmlNode *));
      }
      all[nall++] = n;
      if (n == units[q]) break;
      /* Between two of the item's units: its own, or a person's. */
      if (has_present_mark(c, n)) mixed = 1;
      vb_outline o;
      vb_marks_outline(c->fmt, n, VB_MARK_PREFIX, &o);
      if (o.n) edited = 1;
      vb_outline_free(&o);
    }
  }
  if (mixed || nu == 0) {
    /* Not whole paragraphs or rows of their own: reported as values that
     * are no longer shown. */
    free(units);
    free(all);
    return;
  }
  for (size_t q = 0; q < nu && !edited; q++)
    if (vb_marks_has_change(c->fmt, units[q]) || !unit_as_written(c, units[q])) edited = 1;
  vb_buf where = VB_BUF_INIT, text = VB_BUF_INIT;
  where_of(c, units[0], &where);
  text_of(c, units[0], &text);
  if (edited && !(c->u->flags & VB_UPDATE_FORCE)) {
    vb_error_rule(c->u->d, VB_EDATA, "update.muc-bo", c->u->doc_name, where.data,
                  "xóa mục đó bằng tay rồi chạy lại update, hoặc chạy `vanban update --force` "
                  "để bỏ nó",
                  "dữ liệu mới không còn mục này của danh sách %s (mẫu: %s), và mục này đã được "
                  "sửa tay: \"%s\"",
                  g->loop->text, g->loop->where, text.data);
    c->u->errors++;
  } else {
    vb_warn_rule(c->u->d, VB_EDATA, "update.da-bo", c->u->doc_name, where.data, NULL,
                 "đã bỏ%s vì dữ liệu mới không còn mục này: \"%s\"",
                 edited ? " dù mục đã được sửa tay (--force)" : "", text.data);
    for (size_t q = 0; q < nall; q++)
      upd_ptrmap_set(&c->gone, all[q], 1);
    c->u->removed++;
  }
  for (size_t j = 0; j < g->n; j++) {
    emark *e = &c->emarks[g->marks[j]];
    upd_handled(c->u, e->name, e->plen);
  }
  vb_buf_free(&where);
  vb_buf_free(&text);
  free(units);
  free(all);
}

static void remove_items(ctx *c, vb_part_marks *pm) {
  upd_ptrmap pm_index = {0};
  for (size_t i = 0; i < vb_marks_count(pm); i++)
    upd_ptrmap_set(&pm_index, vb_marks_start(pm, i), i);
  size_t *idx = vb_xcalloc(c->nemarks + 1, sizeof(size_t));
  size_t n = 0;
  for (size_t i = 0; i < c->nemarks; i++)
    if (c->emarks[i].absent && c->emarks[i].loop) idx[n++] = i;
  /* group by item and loop */
  for (size_t i = 1; i < n; i++) {
    size_t x = idx[i], j = i;
    while (j > 0 && emark_by_item(&idx[j - 1], &x, c) > 0) {
      idx[j] = idx[j - 1];
      j--;
    }
    idx[j] = x;
  }
  for (size_t i = 0; i < n;) {
    group g = {0};
    emark *first = &c->emarks[idx[i]];
    g.loop = first->loop;
    g.item = first->item;
    g.item_len = first->item_len;
    size_t j = i;
    while (j < n && c->emarks[idx[j]].loop == g.loop && c->emarks[idx[j]].item_len == g.item_len &&
           memcmp(c->emarks[idx[j]].item, g.item, g.item_len) == 0)
      j++;
    g.marks = idx + i;
    g.n = j - i;
    remove_group(c, &g, pm, &pm_index);
    i = j;
  }
  free(idx);
  upd_ptrmap_free(&pm_index);
}

/* --- order ----------------------------------------------------------------------- */

/* The edited elements of present item k, first and last (siblings). */
static int block_of(ctx *c, size_t k, xmlNode **first, xmlNode **last) {
  const fitem *it = &c->items[k];
  *first = *last = NULL;
  for (size_t q = 0; q < it->nunits; q++) {
    xmlNode *e = edited_of(c, it->units[q]);
    if (!e) continue;
    if (*first && e->parent != (*first)->parent) return -1;
    if (!*first || order_of(c, e) < order_of(c, *first)) *first = e;
    if (!*last || order_of(c, e) > order_of(c, *last)) *last = e;
  }
  return *first ? 0 : -1;
}

static void move_block(xmlNode *first, xmlNode *last, xmlNode *after, xmlNode *before) {
  xmlNode *stop = last->next;
  for (xmlNode *n = first; n && n != stop;) {
    xmlNode *next = n->next;
    xmlUnlinkNode(n);
    if (after)
      after = xmlAddNextSibling(after, n);
    else
      xmlAddPrevSibling(before, n);
    n = next;
  }
}

/* Items of one loop in one enclosing item, in the data's order: those of
 * them in the document in another order are moved (the fewest: all but a
 * longest run already in order). */
static void order_siblings(ctx *c, const size_t *ks, size_t n) {
  xmlNode **first = vb_xcalloc(n, sizeof(xmlNode *)), **last = vb_xcalloc(n, sizeof(xmlNode *));
  size_t *pos = vb_xcalloc(n, sizeof(size_t)), *len = vb_xcalloc(n, sizeof(size_t));
  size_t *prev = vb_xcalloc(n, sizeof(size_t));
  unsigned char *keep = vb_xcalloc(n, 1);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    if (block_of(c, ks[i], &first[i], &last[i]) != 0) ok = 0;
    if (ok && i && first[i]->parent != first[0]->parent) ok = 0;
    if (ok) pos[i] = order_of(c, first[i]);
  }
  /* longest increasing run of positions (n is small: quadratic) */
  size_t best = 0, best_i = SIZE_MAX;
  for (size_t i = 0; i < n && ok; i++) {
    len[i] = 1;
    prev[i] = SIZE_MAX;
    for (size_t j = 0; j < i; j++)
      if (pos[j] < pos[i] && len[j] + 1 > len[i]) len[i] = len[j] + 1, prev[i] = j;
    if (len[i] > best) best = len[i], best_i = i;
  }
  if (ok && best < n) {
    for (size_t i = best_i; i != SIZE_MAX; i = prev[i])
      keep[i] = 1;
    for (size_t i = 0; i < n; i++) {
      if (keep[i]) continue;
      xmlNode *after = NULL, *before = NULL;
      if (i > 0) {
        after = last[i - 1];
      } else {
        for (size_t j = 1; j < n && !before; j++)
          if (keep[j]) before = first[j];
      }
      if (!after && !before) continue;
      move_block(first[i], last[i], after, before);
      c->order_stale = 1;
      vb_buf where = VB_BUF_INIT, text = VB_BUF_INIT;
      where_of(c, first[i], &where);
      text_of(c, first[i], &text);
      vb_warn_rule(c->u->d, VB_EDATA, "update.da-chuyen", c->u->doc_name, where.data,
                   "nếu người soạn cố ý chuyển mục này đi, hãy chuyển lại bằng tay",
                   "đã chuyển đến chỗ dữ liệu mới đặt nó: \"%s\"", text.data);
      vb_buf_free(&where);
      vb_buf_free(&text);
      c->u->moved++;
    }
  }
  free(first);
  free(last);
  free(pos);
  free(len);
  free(prev);
  free(keep);
}

static void order_items(ctx *c) {
  size_t n = c->tr->nitems;
  size_t *ks = vb_xcalloc(n + 1, sizeof(size_t));
  unsigned char *done = vb_xcalloc(n + 1, 1);
  for (size_t k = 0; k < n; k++) {
    if (done[k]) continue;
    const vb_tpl_trace_item *ti = &c->tr->items[k];
    size_t m = 0;
    for (size_t j = k; j < n; j++) {
      const vb_tpl_trace_item *tj = &c->tr->items[j];
      if (tj->loop_tag != ti->loop_tag || tj->parent != ti->parent || done[j]) continue;
      /* the same run of the loop: consecutive items of one parent */
      if (m && c->tr->items[ks[m - 1]].end != tj->begin) break;
      done[j] = 1;
      const fitem *it = &c->items[j];
      if (it->present && !it->reshaped && !it->inline_ && it->nunits) ks[m++] = j;
    }
    if (m > 1) order_siblings(c, ks, m);
  }
  free(ks);
  free(done);
}

/* --- the part -------------------------------------------------------------------- */

static void read_edited(ctx *c) {
  vb_part_marks *pm = vb_marks_read(c->fmt, c->edoc, VB_MARK_PREFIX);
  size_t n = vb_marks_count(pm);
  c->emarks = vb_xcalloc(n + 1, sizeof(emark));
  for (size_t i = 0; i < n; i++) {
    emark *e = &c->emarks[c->nemarks];
    const char *name = vb_marks_name(pm, i);
    if (vb_mark_parse(name, &e->tag, &e->plen, &e->vhash) != 0) continue;
    e->name = vb_xstrdup(name);
    const char *u1 = strchr(e->name + 3, '_');
    e->item = u1 + 1;
    e->item_len = (size_t)(e->name + e->plen - e->item);
    e->loop = vb_tpl_package_loop_of(c->u->tp, e->tag);
    e->start = vb_marks_start(pm, i);
    e->end = vb_marks_end(pm, i);
    e->absent = upd_value(c->u, e->name, e->plen, NULL, NULL) == NULL;
    upd_strmap_add(&c->eby_prefix, e->name, e->plen, c->nemarks);
    c->nemarks++;
  }
  vb_marks_free(pm);
}

static int read_fresh(ctx *c, const upd_fresh *f) {
  vb_diags *quiet = vb_diags_new();
  c->fdoc = vb_xml_parse_spans(f->xml, f->len, "", f->name, VB_EINTERNAL, quiet, &c->spans);
  vb_diags_free(quiet);
  if (!c->fdoc) return -1;
  size_t cap = 0;
  list_fresh(c, xmlDocGetRootElement(c->fdoc), &cap);
  /* each mark of the fresh part is, in order, a marked value of the trace */
  vb_part_marks *pm = vb_marks_read(c->fmt, c->fdoc, VB_MARK_PREFIX);
  size_t n = vb_marks_count(pm), v = 0;
  c->fmarks = vb_xcalloc(n + 1, sizeof(fmark));
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    while (v < c->tr->nvalues && !c->tr->values[v].marked)
      v++;
    if (v == c->tr->nvalues || strcmp(c->tr->values[v].name, vb_marks_name(pm, i)) != 0) {
      ok = 0;
      break;
    }
    const vb_xml_span *sp = vb_xml_span_of(c->spans, vb_marks_start(pm, i));
    if (!sp) {
      ok = 0;
      break;
    }
    c->fmarks[c->nfmarks++] = (fmark){vb_marks_start(pm, i), sp->open, v};
    v++;
  }
  vb_marks_free(pm);
  return ok ? 0 : -1;
}

/* Is item k in the edited part, and with the same values as the fresh one? */
static void find_present(ctx *c) {
  const vb_tpl_trace *tr = c->tr;
  for (size_t k = 0; k < tr->nitems; k++) {
    const vb_tpl_trace_item *ti = &tr->items[k];
    fitem *it = &c->items[k];
    if (ti->parent != SIZE_MAX) c->items[ti->parent].has_child = 1;
    for (size_t v = ti->first_value; v < ti->end_value && !it->present; v++) {
      const vb_tpl_trace_value *val = &tr->values[v];
      if (!val->marked) continue;
      emark *e = emark_of(c, val->name, val->prefix_len);
      if (e) it->present = 1;
    }
  }
  /* An item without inner items whose values in the document are not the
   * fresh ones (a condition in it changed) is replaced as a whole. */
  for (size_t k = 0; k < tr->nitems; k++) {
    const vb_tpl_trace_item *ti = &tr->items[k];
    fitem *it = &c->items[k];
    if (!it->present || it->has_child || it->inline_ || !it->nunits) continue;
    size_t own = 0, found = 0;
    for (size_t v = ti->first_value; v < ti->end_value; v++) {
      const vb_tpl_trace_value *val = &tr->values[v];
      if (!val->marked) continue;
      own++;
      if (emark_of(c, val->name, val->prefix_len)) found++;
    }
    size_t in_doc = 0;
    size_t ilen = strlen(ti->mark);
    for (size_t i = 0; i < c->nemarks; i++) {
      emark *e = &c->emarks[i];
      if (e->loop && e->loop->id == ti->loop_tag && e->item_len == ilen &&
          memcmp(e->item, ti->mark, ilen) == 0)
        in_doc++;
    }
    if (found == own && in_doc == own) continue;
    it->reshaped = 1;
    it->present = 0;
    for (size_t i = 0; i < c->nemarks; i++) {
      emark *e = &c->emarks[i];
      if (e->loop && e->loop->id == ti->loop_tag && e->item_len == ilen &&
          memcmp(e->item, ti->mark, ilen) == 0)
        e->absent = 1;
    }
  }
}

static void free_ctx(ctx *c) {
  if (c->items)
    for (size_t k = 0; k < c->tr->nitems; k++)
      free(c->items[k].units);
  free(c->items);
  for (size_t i = 0; i < c->nemarks; i++)
    free(c->emarks[i].name);
  free(c->emarks);
  free(c->fmarks);
  free(c->fels);
  free(c->fopen);
  for (size_t i = 0; i < c->nsigs; i++)
    free(c->sigs[i]);
  free(c->sigs);
  upd_strmap_free(&c->eby_prefix);
  upd_ptrmap_free(&c->order);
  upd_ptrmap_free(&c->fsig);
  upd_ptrmap_free(&c->esig);
  upd_ptrmap_free(&c->placed);
  upd_ptrmap_free(&c->gone);
  vb_xml_spans_free(c->spans);
  if (c->fdoc) xmlFreeDoc(c->fdoc);
}

static void remove_gone(ctx *c, xmlNode *n) {
  while (n) {
    xmlNode *next = n->next;
    if (upd_ptrmap_get(&c->gone, n) != SIZE_MAX)
      vb_marks_remove_unit(c->fmt, n);
    else if (n->type == XML_ELEMENT_NODE)
      remove_gone(c, n->children);
    n = next;
  }
}

void upd_items(upd *u, const vb_format *fmt, xmlDoc *doc, const upd_fresh *fresh) {
  if (!fresh || !vb_marks_can_copy(fmt) || fresh->trace.reshaped) return;
  ctx c = {.u = u, .fmt = fmt, .tr = &fresh->trace, .edoc = doc, .order_stale = 1};
  c.items = vb_xcalloc(c.tr->nitems + 1, sizeof(fitem));
  read_edited(&c);
  if (read_fresh(&c, fresh) != 0) goto done;
  for (size_t k = 0; k < c.tr->nitems; k++)
    find_units(&c, k);
  find_present(&c);
  /* 1. the data's order */
  order_items(&c);
  /* 2. what the data no longer has */
  vb_part_marks *pm = vb_marks_read(fmt, doc, VB_MARK_PREFIX);
  remove_items(&c, pm);
  vb_marks_free(pm);
  /* 3. what it adds: new items in an item the document has (or in none) */
  for (size_t k = 0; k < c.tr->nitems; k++) {
    const vb_tpl_trace_item *ti = &c.tr->items[k];
    fitem *it = &c.items[k];
    if (it->present || it->inline_ || !it->nunits) continue;
    if (ti->parent != SIZE_MAX && !c.items[ti->parent].present) continue;
    add_item(&c, k);
  }
  remove_gone(&c, doc->children);
done:
  free_ctx(&c);
}
