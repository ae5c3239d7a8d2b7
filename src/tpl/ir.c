/* Nesting the token stream into the IR: loops, conditions (an elif is a
 * nested if) and values, checking that a block opens and closes at the same
 * place of the XML structure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/compile_internal.h"
#include "tpl/mark.h"
#include "util/buf.h"
#include "util/diag.h"

/* --- IR ------------------------------------------------------------------- */

typedef struct ir_builder {
  compiler *c;
  unsigned loops;  /* FOR bodies around the current position */
  size_t pos;      /* next token */
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
  vb_error_rule(c->d, VB_ETEMPLATE, "tpl.structure", c->pkg_name, close->where,
                "đặt hai thẻ ở cùng một kiểu chỗ: cả hai đứng riêng một đoạn, cả hai đứng riêng "
                "một hàng bảng, hoặc cả hai trong chữ của các đoạn cùng cấp (không phải một thẻ "
                "trong bảng, khung chữ hay liên kết còn thẻ kia ở ngoài)",
                "%s (ở %s) và %s nằm ở hai chỗ khác nhau của cấu trúc văn bản (ví dụ một thẻ "
                "trong ô bảng, thẻ kia ở ngoài)",
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
      vb_mk_tag_error_rule(c, t, "tpl.cell-marker",
                           "đặt {% vm %} trong một ô của hàng {%tr for %} và {% hm %} trong một "
                           "ô của vòng lặp {%tc for %}",
                           "dấu gộp ô này không nằm trong vòng lặp");
      t->needs_loop = 0; /* once per marker */
    }
    switch (t->kind) {
    case VB_TAG_COMMENT:
    case VB_TAG_COLSPAN:
    case VB_TAG_CELLBG:
    case VB_TAG_VM:
    case VB_TAG_HM:
    case VB_TAG_PAGE:
    case VB_TAG_PICTURE: continue;
    case VB_TAG_VALUE:
    case VB_TAG_IMAGE:
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
        vb_mk_tag_error_rule(c, t, "tpl.unclosed-for", "thêm {% endfor %} ở chỗ phần lặp kết thúc",
                             "vòng lặp không được đóng");
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
        vb_tag *end =
            build(ib, &cur->body, 1u << VB_TAG_ELIF | 1u << VB_TAG_ELSE | 1u << VB_TAG_ENDIF);
        if (!end) {
          vb_mk_tag_error_rule(c, open, "tpl.unclosed-if",
                               "thêm {% endif %} ở chỗ phần có điều kiện kết thúc",
                               "điều kiện không được đóng");
          return NULL;
        }
        if (end->path_hash != t->path_hash || end->depth != t->depth) structure_error(c, t, end);
        ib->pos++;
        if (end->kind == VB_TAG_ENDIF) break;
        if (end->kind == VB_TAG_ELSE) {
          vb_tag *fin = build(ib, &cur->other, 1u << VB_TAG_ENDIF);
          if (!fin) {
            vb_mk_tag_error_rule(c, open, "tpl.unclosed-if",
                                 "thêm {% endif %} ở chỗ phần có điều kiện kết thúc",
                                 "điều kiện không được đóng");
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
      vb_mk_tag_error_rule(c, t, "tpl.unopened", "xoá nó, hoặc thêm thẻ mở tương ứng",
                           "{%% %s %%} không có thẻ mở", kind_name(t->kind));
      continue;
    }
    if (n->kind == VB_IR_VALUE) {
      xmlNode *ph = t->node;
      /* The prefix the template uses for the text namespace where the value sits. */
      xmlNs *ns = ph && ph->parent
                      ? xmlSearchNsByHref(ph->doc, ph->parent, (const xmlChar *)c->fmt->text_ns)
                      : NULL;
      n->prefix = ns && ns->prefix ? vb_arena_strdup(c->a, (const char *)ns->prefix) : NULL;
      if (!t->attr && c->fmt->mark_context && t->kind == VB_TAG_VALUE)
        n->mark = c->fmt->mark_context(c->a, ph);
      if (!t->attr && c->fmt->inline_context) n->rich = c->fmt->inline_context(c->a, ph);
      if (t->kind == VB_TAG_IMAGE && (!n->rich || !n->rich->pictures))
        vb_mk_tag_error_rule(c, t, "tpl.image-place",
                             "đặt {% hinh … %} trong phần chữ của một đoạn văn, riêng một run",
                             "không đặt được ảnh ở chỗ này");
      /* The constant start of the value's mark names, spelled once here. */
      memcpy(n->mark_tag, "_vb", 3);
      size_t k = 3 + vb_mark_put36(n->mark_tag + 3, t->id);
      n->mark_tag[k++] = '_';
      n->mark_tag_len = (unsigned char)k;
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

/* For formats whose marks close and reopen what a value sits in (DOCX: its
 * run), find where the template itself opens it right before the value
 * and closes it right after (vb_format.mark_head, mark_tail). A marked
 * value then leaves out the opening and ends its mark after the closing:
 * otherwise it wrote an empty run before the mark (LibreOffice moves the
 * mark by a character) or after it (~60 bytes per value to write and
 * deflate). The text nodes keep their bytes for renders without marks,
 * which come out as they always did. */
static void find_mark_edges(const vb_format *fmt, vb_ir_list *l) {
  for (size_t i = 0; i < l->len; i++) {
    vb_ir *n = l->items[i];
    find_mark_edges(fmt, &n->body);
    find_mark_edges(fmt, &n->other);
    if (n->kind != VB_IR_VALUE || !n->mark) continue;
    vb_ir *prev = i > 0 && l->items[i - 1]->kind == VB_IR_TEXT ? l->items[i - 1] : NULL;
    vb_ir *next = i + 1 < l->len && l->items[i + 1]->kind == VB_IR_TEXT ? l->items[i + 1] : NULL;
    if (prev) {
      /* What a value before it may already take from the front. */
      size_t skip = prev->mark_skip + prev->own_skip;
      size_t avail = prev->len - skip;
      size_t k = fmt->mark_head(n->prefix, n->mark, prev->text + skip, avail);
      if (k) {
        prev->mark_cut = k;
        n->head = prev->text + prev->len - k;
        n->head_len = k;
      }
    }
    if (next) {
      size_t k = fmt->mark_tail(n->prefix, n->mark, next->text, next->len - next->own_cut);
      if (k) {
        n->tail = next->text;
        n->tail_len = k;
        next->mark_skip = k;
      }
    }
  }
}

/* A {% hinh %} writes the run it stands in only with its picture: the
 * template's bytes that open the run right before it (as a mark's head)
 * and close it right after (a mark's tail) become the picture's, and the
 * texts around leave them out. Found before the marks' edges, which then
 * take what is left. */
static void find_own_runs(const vb_format *fmt, vb_ir_list *l) {
  for (size_t i = 0; i < l->len; i++) {
    vb_ir *n = l->items[i];
    find_own_runs(fmt, &n->body);
    find_own_runs(fmt, &n->other);
    if (n->kind != VB_IR_VALUE || n->tag->kind != VB_TAG_IMAGE) continue;
    vb_ir *prev = i > 0 && l->items[i - 1]->kind == VB_IR_TEXT ? l->items[i - 1] : NULL;
    vb_ir *next = i + 1 < l->len && l->items[i + 1]->kind == VB_IR_TEXT ? l->items[i + 1] : NULL;
    if (!prev || !next) continue;
    size_t h =
        fmt->mark_head(n->prefix, "", prev->text + prev->own_skip, prev->len - prev->own_skip);
    size_t k = fmt->mark_tail(n->prefix, "", next->text, next->len);
    if (!h || !k) continue; /* not a run of its own: the picture goes into the text */
    prev->own_cut = h;
    n->head = prev->text + prev->len - h;
    n->head_len = h;
    n->tail = next->text;
    n->tail_len = k;
    next->own_skip = k;
  }
}

/* Loops and conditions that are all a container holds, when the format
 * needs the container never empty (vb_format.empty_fill): each such run of
 * block nodes between two texts is wrapped in a GUARD that writes the fill
 * when the run renders nothing. */
static void guard_empty(compiler *c, vb_ir_list *l) {
  for (size_t i = 0; i < l->len; i++) {
    guard_empty(c, &l->items[i]->body);
    guard_empty(c, &l->items[i]->other);
  }
  for (size_t i = 0; i + 2 < l->len; i++) {
    vb_ir *before = l->items[i];
    if (before->kind != VB_IR_TEXT) continue;
    size_t j = i + 1;
    int blocks = 0;
    while (j < l->len && (l->items[j]->kind == VB_IR_IF || l->items[j]->kind == VB_IR_FOR ||
                          l->items[j]->kind == VB_IR_SET)) {
      blocks += l->items[j]->kind != VB_IR_SET;
      j++;
    }
    if (!blocks || j == l->len || l->items[j]->kind != VB_IR_TEXT) continue;
    vb_ir *after = l->items[j];
    const char *fill = c->fmt->empty_fill(c->a, before->text, before->len, after->text, after->len);
    if (!fill) continue;
    vb_ir *g = vb_arena_alloc(c->a, sizeof(vb_ir));
    g->kind = VB_IR_GUARD;
    g->text = fill;
    g->len = strlen(fill);
    g->body.len = j - (i + 1);
    g->body.items = vb_arena_alloc(c->a, g->body.len * sizeof(vb_ir *));
    memcpy(g->body.items, &l->items[i + 1], g->body.len * sizeof(vb_ir *));
    l->items[i + 1] = g;
    memmove(&l->items[i + 2], &l->items[j], (l->len - j) * sizeof(vb_ir *));
    l->len -= g->body.len - 1;
  }
}

void vb_mk_build_ir(compiler *c, vb_part_tpl *pt) {
  ir_builder ib = {.c = c};
  build(&ib, &pt->root, 0);
  const char *base = vb_arena_strndup(c->a, vb_buf_cstr(&c->lit), c->lit.len);
  fix_text(&pt->root, base);
  if (c->fmt->mark_head && c->fmt->mark_tail) {
    find_own_runs(c->fmt, &pt->root);
    find_mark_edges(c->fmt, &pt->root);
  }
  if (c->fmt->empty_fill) guard_empty(c, &pt->root);
}
