/* Lifting structural tags: a block tag alone in its paragraph replaces the
 * paragraph, alone in a table row replaces the row; docxtpl's {%p %},
 * {%tr %}, {%tc %}, {%r %} name their container explicitly. Before that,
 * the tags are paired into blocks, so that a block is lifted only when all
 * its tags stand alone, and tags of one block left in different runs of
 * their paragraphs are taken out of them (see keep_blocks_inline). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/compile_internal.h"
#include "util/diag.h"

/* --- lifting ------------------------------------------------------------- */

/* Count placeholders inside n (other than skip) and mark them dropped. */
static size_t drop_placeholders(xmlNode *n, const xmlNode *keep) {
  size_t k = 0;
  for (xmlNode *ch = n->children; ch; ch = ch->next) {
    if (vb_mk_is_placeholder(ch) && ch != keep) {
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
  vb_mk_collect(row->children, c->fmt, VB_C_PARAGRAPH, &paras, &np, &cap);
  for (size_t i = 0; i < np && alone; i++) {
    const vb_para_info *pi = vb_scan_find_para(&c->sc, paras[i]);
    if (!pi || pi->visible)
      alone = 0;
    else
      tags += pi->ntags;
  }
  /* A nested table or a drawing makes the row content, not a control row. */
  xmlNode **tbls = NULL;
  size_t nt = 0, tcap = 0;
  vb_mk_collect(row->children, c->fmt, VB_C_TABLE, &tbls, &nt, &tcap);
  free(tbls);
  free(paras);
  return alone && tags == 1 && nt == 0;
}

int vb_mk_is_marker(const vb_tag *t) {
  return t->kind == VB_TAG_COLSPAN || t->kind == VB_TAG_CELLBG || t->kind == VB_TAG_VM ||
         t->kind == VB_TAG_HM || t->kind == VB_TAG_PAGE || t->kind == VB_TAG_PICTURE;
}

/* The paragraph or row a block tag without a marker stands alone in, which
 * it replaces; NULL when it stands in running text. */
static xmlNode *alone_in(compiler *c, const vb_tag *t) {
  xmlNode *ph = t->node;
  /* A tag with docxtpl's "{%-"/"-%}" joins text across paragraphs
   * instead of removing its own. */
  if (!ph || t->scope || t->kind == VB_TAG_VALUE || t->kind == VB_TAG_IMAGE || vb_mk_is_marker(t) ||
      t->trim_left || t->trim_right)
    return NULL;
  xmlNode *para = vb_fmt_ancestor(c->fmt, ph, VB_C_PARAGRAPH);
  const vb_para_info *pi = para ? vb_scan_find_para(&c->sc, para) : NULL;
  if (!pi || pi->ntags != 1 || pi->visible != 0) return NULL;
  xmlNode *cell = vb_fmt_ancestor(c->fmt, para, VB_C_CELL);
  xmlNode *row = cell ? vb_fmt_ancestor(c->fmt, cell, VB_C_ROW) : NULL;
  return row && row_stands_alone(c, row) ? row : para;
}

/* keep_inline: the tag is alone in its paragraph but another tag of its
 * block stands in running text, so the paragraph stays (as docxtpl keeps
 * it) and the block is cut inside the text like an inline one. */
static void lift(compiler *c, vb_tag *t, int keep_inline) {
  xmlNode *ph = t->node;
  if (!ph || vb_mk_is_marker(t)) return;
  xmlNode *target = NULL;
  switch (t->scope) {
  case 'p': target = vb_fmt_ancestor(c->fmt, ph, VB_C_PARAGRAPH); break;
  case 't': target = vb_fmt_ancestor(c->fmt, ph, VB_C_ROW); break;
  case 'c': target = vb_fmt_ancestor(c->fmt, ph, VB_C_CELL); break;
  case 'r': target = vb_fmt_ancestor(c->fmt, ph, VB_C_RUN); break;
  default:
    if (!keep_inline) target = alone_in(c, t);
  }
  if (t->scope && !target) {
    vb_mk_tag_error_rule(c, t, "tpl.scope",
                         "đặt thẻ bên trong đoạn, hàng, ô hay đoạn chữ mà nó ghi",
                         "thẻ không nằm trong phần tử mà dấu của nó ghi");
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
        if (sib == keep ||
            (sib->type == XML_ELEMENT_NODE && !vb_mk_is_placeholder(sib) &&
             !c->fmt->is(sib, VB_C_RUN) && c->fmt->classify(sib, &count) == VB_ATOM_SKIP))
          continue;
        xmlUnlinkNode(sib);
        xmlFreeNode(sib);
      }
    }
    if (dropped)
      vb_warn_rule(c->d, VB_ETEMPLATE, "tpl.dropped", c->pkg_name, t->where,
                   "đặt các thẻ khác ra ngoài phần tử mà một thẻ cấu trúc thay thế",
                   "bỏ %zu thẻ khác trong cùng phần tử với %s", dropped, t->text);
    return;
  }
  if (dropped)
    vb_warn_rule(c->d, VB_ETEMPLATE, "tpl.dropped", c->pkg_name, t->where,
                 "đặt các thẻ khác ra ngoài phần tử mà một thẻ cấu trúc thay thế",
                 "bỏ %zu thẻ khác trong cùng phần tử với %s", dropped, t->text);
  xmlUnlinkNode(ph);
  xmlReplaceNode(target, ph);
  xmlFreeNode(target);
}

/* --- blocks ----------------------------------------------------------------- */

static int is_block(const vb_tag *t) {
  return t->kind == VB_TAG_FOR || t->kind == VB_TAG_ENDFOR || t->kind == VB_TAG_IF ||
         t->kind == VB_TAG_ELIF || t->kind == VB_TAG_ELSE || t->kind == VB_TAG_ENDIF;
}

/* For each tag, the index of the tag that opens its block (itself for a
 * for/if), or SIZE_MAX for tags that are not block tags or close nothing.
 * Only a first pairing: the IR builder reports tags that do not match. */
static size_t *pair_blocks(compiler *c) {
  size_t *open_of = vb_xcalloc(c->ntags ? c->ntags : 1, sizeof(size_t));
  size_t *stack = vb_xcalloc(c->ntags ? c->ntags : 1, sizeof(size_t));
  size_t depth = 0;
  for (size_t i = 0; i < c->ntags; i++) {
    const vb_tag *t = c->tags[i];
    open_of[i] = SIZE_MAX;
    if (!is_block(t)) continue;
    if (t->kind == VB_TAG_FOR || t->kind == VB_TAG_IF) {
      open_of[i] = i;
      stack[depth++] = i;
    } else if (depth) {
      open_of[i] = stack[depth - 1];
      if (t->kind == VB_TAG_ENDFOR || t->kind == VB_TAG_ENDIF) depth--;
    }
  }
  free(stack);
  return open_of;
}

/* Same element names (and namespaces) from a and b up to the root. */
static int same_path(const xmlNode *a, const xmlNode *b) {
  for (a = a->parent, b = b->parent;
       a && b && a->type == XML_ELEMENT_NODE && b->type == XML_ELEMENT_NODE;
       a = a->parent, b = b->parent) {
    const char *ha = a->ns && a->ns->href ? (const char *)a->ns->href : "";
    const char *hb = b->ns && b->ns->href ? (const char *)b->ns->href : "";
    if (strcmp((const char *)a->name, (const char *)b->name) != 0 || strcmp(ha, hb) != 0) return 0;
  }
  return (!a || a->type != XML_ELEMENT_NODE) && (!b || b->type != XML_ELEMENT_NODE);
}

/* The elements between a placeholder and its paragraph are all runs or
 * text holders (w:r, w:t, text:span): formatting only, which can be cut in
 * two without changing what the text means. */
static int hoistable(compiler *c, const xmlNode *ph, const xmlNode *para) {
  for (const xmlNode *w = ph->parent; w != para; w = w->parent) {
    int count = 0;
    if (!w || !(c->fmt->is(w, VB_C_RUN) || c->fmt->classify(w, &count) == VB_ATOM_TEXT)) return 0;
  }
  return 1;
}

/* Only properties (w:rPr), empty text or nothing. */
static int holds_nothing(compiler *c, const xmlNode *n) {
  for (const xmlNode *ch = n->children; ch; ch = ch->next) {
    if (ch->type == XML_TEXT_NODE && (!ch->content || !*ch->content)) continue;
    int count = 0;
    if (ch->type == XML_ELEMENT_NODE && !vb_mk_is_placeholder(ch) &&
        c->fmt->classify(ch, &count) == VB_ATOM_SKIP && !c->fmt->is(ch, VB_C_RUN))
      continue;
    if (ch->type == XML_ELEMENT_NODE &&
        (c->fmt->is(ch, VB_C_RUN) || c->fmt->classify(ch, &count) == VB_ATOM_TEXT) &&
        holds_nothing(c, ch))
      continue;
    return 0;
  }
  return 1;
}

/* Make the placeholder a child of its paragraph: each run or text holder
 * around it is cut in two at the tag, the second half a copy of the
 * element (its attributes and run properties, vb_format.is_run_props)
 * holding what followed the tag; a half left empty goes. */
static void hoist(compiler *c, xmlNode *ph, xmlNode *para) {
  while (ph->parent != para) {
    xmlNode *w = ph->parent;
    xmlNode *right = xmlDocCopyNode(w, w->doc, 2); /* attributes, no children */
    for (xmlNode *ch = w->children; ch && ch != ph && c->fmt->is_run_props; ch = ch->next)
      if (ch->type == XML_ELEMENT_NODE && c->fmt->is_run_props(ch))
        xmlAddChild(right, xmlDocCopyNode(ch, w->doc, 1));
    for (xmlNode *ch = ph->next, *next; ch; ch = next) {
      next = ch->next;
      xmlUnlinkNode(ch);
      xmlAddChild(right, ch);
    }
    xmlUnlinkNode(ph);
    xmlAddNextSibling(w, ph);
    xmlAddNextSibling(ph, right);
    if (holds_nothing(c, right)) {
      xmlUnlinkNode(right);
      xmlFreeNode(right);
    }
    if (holds_nothing(c, w)) {
      xmlUnlinkNode(w);
      xmlFreeNode(w);
    }
  }
}

/* The tags of a block cut the part's bytes in pieces that repeat or go, so
 * they must stand at the same place of the XML structure (checked when the
 * IR is built). Two things here bring more blocks to that:
 *   - a block whose tags are partly alone in their paragraphs and partly in
 *     running text is cut in the text throughout: the lone tags' paragraphs
 *     stay, as docxtpl keeps them (keep_inline, set here for lift);
 *   - a block whose tags are in running text of paragraphs at the same
 *     place but inside different runs or spans (LibreOffice puts edited
 *     words in spans) has them taken out of the runs to their paragraphs
 *     (hoist), where they match.
 * Tags in links, insertions or content controls are left where they are. */
static void keep_blocks_inline(compiler *c, const size_t *open_of, unsigned char *keep_inline) {
  for (size_t g = 0; g < c->ntags; g++) {
    if (open_of[g] != g) continue;
    int lone = 0, inline_ = 0;
    for (size_t i = g; i < c->ntags; i++) {
      if (open_of[i] != g || !c->tags[i]->node) continue;
      if (alone_in(c, c->tags[i]) || c->tags[i]->scope)
        lone = 1;
      else
        inline_ = 1;
    }
    if (!lone || !inline_) continue;
    for (size_t i = g; i < c->ntags; i++)
      if (open_of[i] == g && !c->tags[i]->scope) keep_inline[i] = 1;
  }
}

static void hoist_blocks(compiler *c, const size_t *open_of) {
  for (size_t g = 0; g < c->ntags; g++) {
    if (open_of[g] != g || !c->tags[g]->node) continue;
    xmlNode *first = c->tags[g]->node;
    xmlNode *first_para = vb_fmt_ancestor(c->fmt, first, VB_C_PARAGRAPH);
    int differ = 0, ok = first_para != NULL;
    for (size_t i = g; i < c->ntags && ok; i++) {
      if (open_of[i] != g) continue;
      vb_tag *t = c->tags[i];
      xmlNode *para = t->node ? vb_fmt_ancestor(c->fmt, t->node, VB_C_PARAGRAPH) : NULL;
      /* Lifted tags replaced their paragraph; whitespace control cuts
       * around the tag's text holder, which must stay. */
      if (!para || t->scope || t->trim_left || t->trim_right || !same_path(para, first_para) ||
          !hoistable(c, t->node, para))
        ok = 0;
      else if (!same_path(t->node, first))
        differ = 1;
    }
    if (!ok || !differ) continue;
    for (size_t i = g; i < c->ntags; i++)
      if (open_of[i] == g)
        hoist(c, c->tags[i]->node, vb_fmt_ancestor(c->fmt, c->tags[i]->node, VB_C_PARAGRAPH));
  }
}

void vb_mk_lift(compiler *c) {
  size_t *open_of = pair_blocks(c);
  unsigned char *keep_inline = vb_xcalloc(c->ntags ? c->ntags : 1, 1);
  keep_blocks_inline(c, open_of, keep_inline);
  for (size_t i = 0; i < c->ntags; i++)
    lift(c, c->tags[i], keep_inline[i]);
  hoist_blocks(c, open_of);
  free(open_of);
  free(keep_inline);
}
