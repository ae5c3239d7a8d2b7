/* Rendering a compiled part: a walk over the IR that copies literal XML and
 * writes evaluated values. Nothing is parsed here, so a render costs little
 * more than the bytes it writes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/emphasis.h"
#include "fmt/pages.h"
#include "tpl/mark.h"
#include "tpl/rich.h"
#include "tpl/tpl.h"
#include "util/buf.h"
#include "util/diag.h"
#include "vi/vi.h"
#include "xml/xml.h"

enum { MAX_RENDER_ERRORS = 50 };

static void render_error(vb_render_ctx *rc, const vb_tag *t, const char *rule, const char *hint,
                         const char *fmt, const char *arg) {
  rc->errors++;
  if (rc->errors > MAX_RENDER_ERRORS) return;
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, fmt, arg ? arg : "");
  vb_error_rule(rc->d, VB_EDATA, rule, rc->tpl_name, t->where, hint, "%s: %s", t->text, m.data);
  vb_buf_free(&m);
}

/* Report why an expression gave nothing: an evaluation error, or a path the
 * data does not have (named as written in the template). */
static void missing(vb_render_ctx *rc, const vb_tag *t) {
  if (rc->ev.err && rc->ev.err_rule) {
    rc->errors++;
    if (rc->errors <= MAX_RENDER_ERRORS)
      vb_error_rule(rc->d, VB_EDATA, rc->ev.err_rule, rc->tpl_name, t->where, rc->ev.err_hint,
                    "%s: %s", t->text, rc->ev.err);
    rc->ev.err = rc->ev.err_rule = rc->ev.err_hint = NULL;
    return;
  }
  if (rc->ev.err) {
    /* Every evaluation error carries its rule; this one is a safety net. */
    render_error(rc, t, "tpl.eval", NULL, "%s", rc->ev.err);
    rc->ev.err = NULL;
    return;
  }
  vb_buf path = VB_BUF_INIT, guess = VB_BUF_INIT, hint = VB_BUF_INIT;
  if (vb_expr_path_text(t->expr, &path)) {
    if (vb_expr_suggest_path(&rc->ev, t->expr, &guess))
      vb_buf_printf(&hint, "có phải là '%s'? Hoặc ", guess.data);
    vb_buf_puts(&hint, guess.len ? "thêm" : "Thêm");
    vb_buf_puts(&hint, " trường này vào tệp dữ liệu, viết {{ x | default(\"\") }} trong mẫu, "
                       "hoặc render với --lenient");
    rc->errors++;
    if (rc->errors <= MAX_RENDER_ERRORS)
      vb_error_rule(rc->d, VB_EDATA, "tpl.missing-value", rc->tpl_name, t->where, hint.data,
                    "%s: dữ liệu không có giá trị cho '%s'", t->text, path.data);
    vb_buf_free(&guess);
    vb_buf_free(&hint);
  } else {
    render_error(rc, t, "tpl.missing-value",
                 "thêm trường còn thiếu vào tệp dữ liệu, hoặc render với --lenient",
                 "biểu thức không có giá trị%s", "");
  }
  vb_buf_free(&path);
}

static void render_list(vb_render_ctx *rc, const vb_ir_list *l, vb_buf *out);

/* A run of character data longer than readers accept: an error naming the
 * value that wrote into it (value, or the last one before), once per part. */
static void text_too_long(vb_render_ctx *rc, const vb_tag *value, const vb_value *v) {
  if (rc->run_refused) return;
  rc->run_refused = 1;
  const vb_tag *t = value ? value : rc->run_tag;
  const char *src = value ? (v ? v->src : NULL) : rc->run_src;
  uint32_t line = value ? (v ? v->line : 0) : rc->run_line;
  uint32_t col = value ? (v ? v->col : 0) : rc->run_col;
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, "giá trị");
  if (t && src && line)
    vb_buf_printf(&m, " (%s, dòng %u, cột %u)", src, line, col);
  else if (t && src)
    vb_buf_printf(&m, " (%s)", src);
  vb_buf_puts(&m, " làm một đoạn chữ liền (không xuống dòng) dài hơn ");
  vi_format_number(&m, VB_XML_TEXT_MAX, 0, 0);
  vb_buf_puts(&m, " byte, giới hạn mà các trình đọc văn bản (LibreOffice, libxml2) chấp nhận");
  const char *hint = "rút ngắn giá trị, hoặc tách nó thành nhiều dòng (mỗi lần xuống dòng bắt "
                     "đầu một đoạn chữ mới)";
  if (t) {
    render_error(rc, t, "tpl.text-too-long", hint, "%s", m.data);
  } else {
    rc->errors++;
    vb_error_rule(rc->d, VB_EDATA, "tpl.text-too-long", rc->tpl_name, NULL, hint, "%s", m.data);
  }
  vb_buf_free(&m);
}

/* Measure what out[from..] adds to the runs of character data (the bytes
 * between a '>' and the next '<'); value (with v, what it printed) when a
 * value wrote it. Bytes that cannot make a run too long are only scanned
 * back to their last '<' or '>'. */
static void track_text(vb_render_ctx *rc, const vb_buf *out, size_t from, const vb_tag *value,
                       const vb_value *v) {
  size_t n = out->len - from;
  if (!n) return;
  const char *s = out->data + from, *end = s + n;
  const char *last = NULL; /* the last '<' or '>' written */
  if (rc->text_run + n <= VB_XML_TEXT_MAX) {
    for (const char *p = end; p > s && !last; p--)
      if (p[-1] == '>' || p[-1] == '<') last = p - 1;
    if (last)
      rc->in_tag = *last == '<', rc->text_run = rc->in_tag ? 0 : (size_t)(end - last - 1);
    else if (!rc->in_tag)
      rc->text_run += n;
  } else {
    for (const char *p = s; p < end; p++) {
      if (*p == '<') {
        if (rc->text_run > VB_XML_TEXT_MAX) text_too_long(rc, value, v);
        rc->in_tag = 1, rc->text_run = 0, last = p;
      } else if (*p == '>') {
        rc->in_tag = 0, rc->text_run = 0, last = p;
      } else if (!rc->in_tag) {
        rc->text_run++;
      }
    }
  }
  if (last) rc->run_tag = NULL;
  if (value && !rc->in_tag && rc->text_run && (!last || last + 1 < end)) {
    rc->run_tag = value;
    rc->run_src = v ? v->src : NULL;
    rc->run_line = v ? v->line : 0;
    rc->run_col = v ? v->col : 0;
  }
  if (rc->text_run > VB_XML_TEXT_MAX) text_too_long(rc, value, v);
}

/* The `loop` object of one iteration, built in a single arena block (it is
 * made for every row of a long table, so it must be cheap). */
static vb_value *make_loop(vb_arena *a, size_t i, size_t n) {
  static const char *const keys[7] = {"index", "index0", "revindex", "revindex0",
                                      "first", "last",   "length"};
  struct block {
    vb_value obj;
    vb_member members[7];
    vb_value vals[7];
  } *b = vb_arena_alloc(a, sizeof(struct block));
  const double nums[7] = {(double)(i + 1), (double)i,  (double)(n - i), (double)(n - i - 1),
                          i == 0,          i + 1 == n, (double)n};
  for (int k = 0; k < 7; k++) {
    b->vals[k].kind = k == 4 || k == 5 ? VB_BOOL : VB_NUM;
    if (b->vals[k].kind == VB_BOOL)
      b->vals[k].u.b = nums[k] != 0;
    else
      b->vals[k].u.num = nums[k];
    b->members[k].key = keys[k];
    b->members[k].val = &b->vals[k];
  }
  b->obj.kind = VB_OBJ;
  b->obj.u.obj.items = b->members;
  b->obj.u.obj.len = b->obj.u.obj.cap = 7;
  return &b->obj;
}

/* Identity of a loop item for marks: its "id", else its "ma", else its
 * position — so adding an item to a list keeps the others' identity. */
static void push_item_key(vb_buf *key, const vb_value *item, size_t i) {
  const vb_value *id = item && item->kind == VB_OBJ ? vb_obj_get(item, "id") : NULL;
  const vb_value *ma = item && item->kind == VB_OBJ && !id ? vb_obj_get(item, "ma") : NULL;
  if (id && id->kind == VB_STR) {
    vb_buf_putc(key, '/');
    vb_buf_put(key, id->u.str.s, id->u.str.len);
  } else if (ma && ma->kind == VB_STR) {
    vb_buf_puts(key, "/m");
    vb_buf_put(key, ma->u.str.s, ma->u.str.len);
  } else {
    /* "/#" and the position, without printf (once per item of every loop). */
    char tmp[24];
    size_t k = sizeof tmp;
    do
      tmp[--k] = (char)('0' + i % 10);
    while ((i /= 10) != 0);
    tmp[--k] = '#';
    tmp[--k] = '/';
    vb_buf_put(key, tmp + k, sizeof tmp - k);
  }
}

/* The ITEM of mark names for the items being rendered: computed when the
 * item changes, not for every value. */
static void set_item_mark(vb_render_ctx *rc) {
  rc->item_mark_len = (unsigned char)vb_mark_put36(
      rc->item_mark, vb_mark_hash(vb_buf_cstr(&rc->item_key), rc->item_key.len));
}

/* --- tracing ---------------------------------------------------------------- */

void vb_tpl_trace_free(vb_tpl_trace *t) {
  for (size_t i = 0; i < t->nvalues; i++) {
    free(t->values[i].name);
    free(t->values[i].text);
  }
  free(t->values);
  free(t->items);
  memset(t, 0, sizeof *t);
  t->cur = SIZE_MAX;
}

static size_t trace_begin(vb_tpl_trace *t, unsigned loop_tag, const vb_render_ctx *rc,
                          const vb_buf *out) {
  if (t->nitems == t->items_cap) {
    t->items_cap = t->items_cap ? t->items_cap * 2 : 64;
    t->items = vb_xrealloc(t->items, t->items_cap * sizeof *t->items);
  }
  size_t i = t->nitems++;
  vb_tpl_trace_item *it = &t->items[i];
  memset(it, 0, sizeof *it);
  it->loop_tag = loop_tag;
  it->parent = t->cur;
  memcpy(it->mark, rc->item_mark, rc->item_mark_len);
  it->mark[rc->item_mark_len] = '\0';
  it->begin = out->len;
  it->first_value = t->nvalues;
  t->cur = i;
  return i;
}

static void trace_end(vb_tpl_trace *t, size_t i, const vb_buf *out) {
  t->items[i].end = out->len;
  t->items[i].end_value = t->nvalues;
  t->cur = t->items[i].parent;
}

static void trace_value(vb_tpl_trace *t, unsigned tag, const char *name, size_t name_len,
                        size_t prefix_len, const char *s, size_t len, int marked, int styled) {
  if (t->nvalues == t->values_cap) {
    t->values_cap = t->values_cap ? t->values_cap * 2 : 256;
    t->values = vb_xrealloc(t->values, t->values_cap * sizeof *t->values);
  }
  vb_tpl_trace_value *v = &t->values[t->nvalues++];
  v->tag = tag;
  v->item = t->cur;
  v->name = vb_xstrndup(name, name_len);
  v->prefix_len = prefix_len;
  v->text = vb_xstrndup(s, len);
  v->len = len;
  v->marked = marked;
  v->styled = styled;
}

static void render_for(vb_render_ctx *rc, const vb_ir *n, vb_buf *out) {
  const vb_tag *t = n->tag;
  vb_value *seq = vb_expr_eval(&rc->ev, t->expr);
  if (!seq) {
    if (rc->ev.err || !(rc->flags & VB_TPL_LENIENT)) missing(rc, t);
    rc->ev.err = NULL;
    return;
  }
  size_t len;
  vb_value *keys = NULL;
  if (seq->kind == VB_ARR) {
    len = seq->u.arr.len;
  } else if (seq->kind == VB_OBJ) {
    /* Like Jinja: iterating an object gives its keys. */
    keys = vb_val_arr(rc->ev.a);
    for (size_t i = 0; i < seq->u.obj.len; i++)
      vb_arr_push(rc->ev.a, keys, vb_val_strz(rc->ev.a, seq->u.obj.items[i].key));
    len = keys->u.arr.len;
  } else if (seq->kind == VB_NULL) {
    len = 0;
  } else {
    render_error(rc, t, "tpl.not-a-list", "lặp trên một danh sách (mảng JSON [ … ])",
                 "không lặp được trên một giá trị kiểu %s", vb_vkind_name(seq->kind));
    return;
  }
  if (len == 0) {
    render_list(rc, &n->other, out);
    return;
  }
  size_t base = rc->ev.nvars;
  size_t key_len = rc->item_key.len;
  int keyed = (rc->flags & VB_TPL_MARKS) || rc->trace;
  char item_mark[sizeof rc->item_mark];
  unsigned char item_mark_len = rc->item_mark_len;
  memcpy(item_mark, rc->item_mark, sizeof item_mark);
  /* What an iteration allocates (its `loop` object, filter results) is dead
   * once the iteration has written its text: rewinding keeps a 100,000-row
   * table from growing the render arena by 100,000 iterations' worth. */
  vb_arena_mark frame = vb_arena_save(rc->ev.a);
  for (size_t i = 0; i < len && rc->errors <= MAX_RENDER_ERRORS; i++) {
    vb_value *item = keys ? keys->u.arr.items[i] : seq->u.arr.items[i];
    vb_arena_rewind(rc->ev.a, frame);
    rc->ev.nvars = base;
    if (keyed) {
      rc->item_key.len = key_len;
      push_item_key(&rc->item_key, item, i);
      set_item_mark(rc);
    }
    vb_eval_push(&rc->ev, "loop", make_loop(rc->ev.a, i, len));
    if (t->var2) {
      /* for a, b in pairs */
      vb_value *x = item->kind == VB_ARR && item->u.arr.len > 0 ? item->u.arr.items[0] : NULL;
      vb_value *y = item->kind == VB_ARR && item->u.arr.len > 1 ? item->u.arr.items[1] : NULL;
      vb_eval_push(&rc->ev, t->var1, x);
      vb_eval_push(&rc->ev, t->var2, y);
    } else {
      vb_eval_push(&rc->ev, t->var1, item);
    }
    size_t traced = rc->trace ? trace_begin(rc->trace, t->id, rc, out) : 0;
    render_list(rc, &n->body, out);
    if (rc->trace) trace_end(rc->trace, traced, out);
    /* Between items is a safe place to hand what is written so far to the
     * compressor: a 100,000-row table is never held whole. */
    if (rc->flush && out->len >= VB_RENDER_FLUSH_AT) {
      rc->flushed += out->len;
      rc->flush(rc->flush_ud, out);
    }
  }
  rc->ev.nvars = base;
  if (keyed) {
    rc->item_key.len = key_len;
    if (rc->item_key.data) rc->item_key.data[key_len] = '\0';
    memcpy(rc->item_mark, item_mark, sizeof item_mark);
    rc->item_mark_len = item_mark_len;
  }
}

/* A value that is not text (tpl/rich.h), at its place. Without a package
 * (a traced render) nothing is written; a link where none may start is
 * its text; a picture or chart where none may stand is an error. */
static void write_rich(vb_render_ctx *rc, const vb_ir *n, const vb_value *v, vb_buf *out) {
  const vb_ext_text *text = v->u.ext.p;
  const vb_inline_ctx *ctx = n->rich;
  const vb_format *f = rc->fmt;
  switch ((vb_rich_type)v->u.ext.type) {
  case VB_RICH_LINKS: return; /* text: write_value_text */
  case VB_RICH_PICTURE:
  case VB_RICH_CHART: {
    int picture = v->u.ext.type == VB_RICH_PICTURE;
    if (!rc->pkg) return;
    int can = picture ? f->write_picture != NULL : f->write_chart != NULL;
    if (!ctx || !ctx->pictures || !can) {
      rc->errors++;
      if (rc->errors <= MAX_RENDER_ERRORS)
        vb_error_rule(rc->d, VB_EDATA, picture ? "picture.not-in-text" : "chart.not-in-text",
                      rc->tpl_name, n->tag->where,
                      "đặt thẻ trong phần chữ của một đoạn văn, riêng một run",
                      "%s: không đặt được %s ở chỗ này", n->tag->text, picture ? "ảnh" : "biểu đồ");
      return;
    }
    char name[48];
    unsigned id = rc->mark_id++; /* unique in the document, above the template's ids */
    rc->drawings++;
    if (picture) {
      const vb_rich_picture *p = (const vb_rich_picture *)text;
      vb_inline_picture ip = p->place;
      snprintf(name, sizeof name, "Hình %u", rc->drawings);
      ip.ref = vb_render_pkg_picture(rc->pkg, rc->part, p->item);
      ip.id = id;
      ip.name = name;
      f->write_picture(out, n->prefix, ctx, &ip);
      /* Floating pictures name styles the format may have to define. */
      if (ip.floating && rc->pages) rc->pages->floats |= vb_float_kind(ip.behind, ip.center);
    } else {
      const vb_rich_chart *c = (const vb_rich_chart *)text;
      vb_inline_chart ic = {.chart = &c->chart, .cx = c->cx, .cy = c->cy, .id = id, .name = name};
      snprintf(name, sizeof name, "Biểu đồ %u", rc->drawings);
      ic.ref = vb_render_pkg_chart(rc->pkg, rc->part, &c->chart);
      f->write_chart(out, n->prefix, ctx, &ic);
    }
    return;
  }
  }
}

/* A value's text s: plain, cut into the pieces of its inline emphasis (em)
 * and into its web addresses (lk), each written as the format writes it
 * where the place allows — an emphasised piece as a run of its own, an
 * address as a link (several adjacent links to one address when emphasis
 * changes inside it) — and as text elsewhere. */
static void write_pieces(vb_render_ctx *rc, const vb_ir *n, const char *s, size_t len,
                         const vb_emphasis *em, const vb_rich_links *lk, vb_buf *out) {
  const vb_format *f = rc->fmt;
  const vb_inline_ctx *ctx = n->rich;
  const void *emph = n->tag->emph;
  size_t nlinks = lk && rc->pkg && ctx && ctx->links && f->write_link ? lk->nlinks : 0;
  vb_emph_span whole = {.style = 0, .off = 0, .len = len};
  const vb_emph_span *spans = em ? em->spans : &whole;
  size_t nspans = em ? em->nspans : 1, li = 0;
  const char *ref = NULL; /* of link li, once asked for */
  for (size_t i = 0; i < nspans; i++) {
    size_t at = spans[i].off, end = at + spans[i].len;
    unsigned style = spans[i].style;
    while (at < end) {
      while (li < nlinks && lk->links[li].off + lk->links[li].len <= at) {
        li++;
        ref = NULL;
      }
      size_t stop = end;
      int in_link = 0;
      if (li < nlinks) {
        const vb_inline_link *l = &lk->links[li];
        if (l->off <= at) {
          in_link = 1;
          if (l->off + l->len < stop) stop = l->off + l->len;
        } else if (l->off < stop) {
          stop = l->off;
        }
      }
      if (in_link) {
        vb_inline_link piece = lk->links[li];
        if (!ref) ref = vb_render_pkg_link(rc->pkg, rc->part, piece.url);
        piece.ref = ref;
        piece.off = at;
        piece.len = stop - at;
        f->write_link(out, n->prefix, ctx, &piece, s, style, emph);
      } else if (style && emph && f->write_emphasis) {
        f->write_emphasis(out, n->prefix, emph, style, s + at, stop - at);
      } else {
        f->write_text(out, n->prefix, s + at, stop - at);
      }
      at = stop;
    }
  }
}

/* A value's content: what it stands for when it is a picture or a chart
 * (v), else its text, with its emphasis (em) and links (v, VB_RICH_LINKS). */
static void write_value_text(vb_render_ctx *rc, const vb_ir *n, const vb_value *v, const char *s,
                             size_t len, const vb_emphasis *em, vb_buf *out) {
  const vb_rich_links *lk = NULL;
  if (v && v->kind == VB_EXT) {
    if (v->u.ext.type != VB_RICH_LINKS) {
      write_rich(rc, n, v, out);
      return;
    }
    lk = (const vb_rich_links *)v->u.ext.p;
  }
  write_pieces(rc, n, s, len, em, lk, out);
}

/* Write a value (its text s, em's pieces of s, or what v stands for when it
 * is not text), with a mark around it when marks are on and the place
 * allows one, and note it in the trace. */
static void emit_value(vb_render_ctx *rc, const vb_ir *n, const vb_value *v, const char *s,
                       size_t len, const vb_emphasis *em, vb_buf *out) {
  int mark = (rc->flags & VB_TPL_MARKS) && n->mark;
  if (!mark && !rc->trace) {
    write_value_text(rc, n, v, s, len, em, out);
    return;
  }
  /* "_vbTAG_" ITEM "_" VALUE (src/tpl/mark.h), on the stack: only VALUE
   * is computed here. */
  char name[VB_MARK_NAME_SIZE];
  size_t k = n->mark_tag_len;
  memcpy(name, n->mark_tag, k);
  memcpy(name + k, rc->item_mark, rc->item_mark_len);
  k += rc->item_mark_len;
  size_t prefix_len = k;
  name[k++] = '_';
  k += vb_mark_put36(name + k, vb_mark_hash(s, len));
  name[k] = '\0';
  /* Pieces (emphasis, links, a picture) are what marks cannot give back. */
  if (rc->trace)
    trace_value(rc->trace, n->tag->id, name, k, prefix_len, s, len, mark,
                em != NULL || (v && v->kind == VB_EXT));
  if (!mark) {
    write_value_text(rc, n, v, s, len, em, out);
    return;
  }
  unsigned id = rc->mark_id++;
  rc->fmt->write_mark(out, n->prefix, n->mark, name, k, id,
                      n->head_len ? VB_MARK_START_HEAD : VB_MARK_START);
  write_value_text(rc, n, v, s, len, em, out);
  if (n->tail_len) vb_buf_put(out, n->tail, n->tail_len);
  rc->fmt->write_mark(out, n->prefix, n->mark, name, k, id,
                      n->tail_len ? VB_MARK_END_TAIL : VB_MARK_END);
}

/* The bytes of s around its column-th character, for a message. */
static void excerpt_at(vb_buf *m, const char *s, size_t n, size_t column) {
  size_t at = 0;
  for (size_t k = 1; at < n && k < column; at++)
    if (((unsigned char)s[at + 1] & 0xC0) != 0x80) k++;
  size_t from = at > 30 ? at - 30 : 0, to = at + 30 < n ? at + 30 : n;
  while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
    from--;
  while (to < n && ((unsigned char)s[to] & 0xC0) == 0x80)
    to++;
  vb_buf_printf(m, ": \"%s%.*s%s\"", from ? "…" : "", (int)(to - from), s + from,
                to < n ? "…" : "");
}

/* Unbalanced inline markup: an error naming the value in the data (file,
 * JSON path, line:column) as well as the tag and its place. */
static void emphasis_error(vb_render_ctx *rc, const vb_tag *t, const vb_value *v, const char *s,
                           size_t len, const vb_emph_error *e) {
  rc->errors++;
  if (rc->errors > MAX_RENDER_ERRORS) return;
  vb_buf where = VB_BUF_INIT, m = VB_BUF_INIT;
  int has_path = vb_value_path(rc->ev.root, v, &where);
  if (v->line)
    vb_buf_printf(&where, "%sdòng %u, cột %u%s", has_path ? " (" : "", v->line, v->col,
                  has_path ? ")" : "");
  vb_buf_printf(&m, "%s (%s, %s): %s", t->text, rc->tpl_name, t->where, e->message);
  excerpt_at(&m, s, len, e->column);
  vb_error_rule(rc->d, VB_EDATA, "tpl.emphasis", v->src && v->line ? v->src : rc->tpl_name,
                where.len ? where.data : NULL, e->hint, "%s", m.data);
  vb_buf_free(&where), vb_buf_free(&m);
}

/* The web addresses in s as a VB_RICH_LINKS value over s, or NULL when it
 * has none. */
static const vb_value *links_in(vb_render_ctx *rc, const char *s, size_t len) {
  vb_inline_link *links;
  size_t k = vb_find_links(rc->ev.a, s, len, &links);
  if (!k) return NULL;
  vb_rich_links *r = vb_arena_alloc(rc->ev.a, sizeof *r);
  r->text.s = s;
  r->text.len = len;
  r->links = links;
  r->nlinks = k;
  return vb_val_ext(rc->ev.a, VB_RICH_LINKS, &r->text);
}

/* A value of a {{ x | dinh_dang }} tag: narrative text, whose inline markup
 * is emphasis and whose web addresses are links (found in the text a reader
 * sees, after the markup is taken out). */
static void emit_narrative(vb_render_ctx *rc, const vb_ir *n, const vb_value *v, const char *s,
                           size_t len, vb_buf *out) {
  vb_emphasis em = {0};
  int parsed = 0;
  if (vb_emphasis_may_have(s, len)) {
    vb_emph_error err;
    if (vb_emphasis_parse(s, len, &em, &err) != 0) {
      emphasis_error(rc, n->tag, v, s, len, &err);
      vb_emphasis_free(&em);
      return;
    }
    s = em.text.data ? em.text.data : "";
    len = em.text.len;
    parsed = 1;
  }
  emit_value(rc, n, links_in(rc, s, len), s, len, parsed && em.styled ? &em : NULL, out);
  vb_emphasis_free(&em);
}

/* {% hinh X %}: the picture with the run it stands in, or nothing. */
static void emit_image(vb_render_ctx *rc, const vb_ir *n, vb_buf *out) {
  vb_value *v = vb_expr_eval(&rc->ev, n->tag->expr);
  if (!v) {
    if (rc->ev.err || !(rc->flags & VB_TPL_LENIENT)) missing(rc, n->tag);
    rc->ev.err = NULL;
    return;
  }
  /* A render that only collects values (no package) places no picture. */
  if (v->kind != VB_EXT || v->u.ext.type != VB_RICH_PICTURE || !rc->pkg) return;
  size_t from = out->len;
  if (n->head_len) vb_buf_put(out, n->head, n->head_len);
  write_rich(rc, n, v, out);
  if (n->tail_len) vb_buf_put(out, n->tail, n->tail_len);
  track_text(rc, out, from, NULL, NULL);
}

static void render_node(vb_render_ctx *rc, const vb_ir *n, vb_buf *out) {
  switch (n->kind) {
  case VB_IR_TEXT: {
    size_t from = out->len;
    /* Without what the pictures around it write with theirs ({% hinh %}),
     * and, with marks, what the marked values around it write or replace. */
    size_t skip = n->own_skip, cut = n->own_cut;
    if (rc->flags & VB_TPL_MARKS) skip += n->mark_skip, cut += n->mark_cut;
    vb_buf_put(out, n->text + skip, n->len - skip - cut);
    track_text(rc, out, from, NULL, NULL);
    return;
  }
  case VB_IR_VALUE: {
    if (n->tag->kind == VB_TAG_IMAGE) {
      emit_image(rc, n, out);
      return;
    }
    size_t from = out->len;
    vb_value *v = vb_expr_eval(&rc->ev, n->tag->expr);
    if (!v) {
      if (rc->ev.err || !(rc->flags & VB_TPL_LENIENT)) missing(rc, n->tag);
      rc->ev.err = NULL;
      if (rc->flags & VB_TPL_MARKS) {
        /* No value, no mark: the template's own bytes around it, which the
         * texts there leave out when marks are on. */
        if (n->head_len) vb_buf_put(out, n->head, n->head_len);
        if (n->tail_len) vb_buf_put(out, n->tail, n->tail_len);
        track_text(rc, out, from, NULL, NULL);
      }
      return;
    }
    if (n->tag->attr) {
      /* An attribute's value (docxtpl's colspan, cellbg, merges; the
       * reference of a template's picture that {% anh %} replaces: the new
       * picture's, or the template's own (arg) when there is none). */
      if (v->kind == VB_EXT && v->u.ext.type == VB_RICH_PICTURE) {
        const vb_rich_picture *p = (const vb_rich_picture *)v->u.ext.p;
        const char *ref = rc->pkg ? vb_render_pkg_picture(rc->pkg, rc->part, p->item) : n->tag->arg;
        if (ref) vb_buf_put_xml_escaped(out, ref, strlen(ref));
      } else if (n->tag->arg && v->kind == VB_STR && v->u.str.len == 0) {
        vb_buf_put_xml_escaped(out, n->tag->arg, strlen(n->tag->arg));
      } else if (v->kind == VB_STR) {
        vb_buf_put_xml_escaped(out, v->u.str.s, v->u.str.len);
      } else {
        vb_buf tmp = VB_BUF_INIT;
        vb_value_to_text(v, &tmp);
        vb_buf_put_xml_escaped(out, vb_buf_cstr(&tmp), tmp.len);
        vb_buf_free(&tmp);
      }
    } else if (v->kind == VB_EXT && n->tag->rich && v->u.ext.type == VB_RICH_LINKS) {
      /* x | lien_ket | dinh_dang: dinh_dang links addresses itself. */
      emit_narrative(rc, n, v, v->u.ext.p->s, v->u.ext.p->len, out);
    } else if (v->kind == VB_EXT) {
      emit_value(rc, n, v, v->u.ext.p->s, v->u.ext.p->len, NULL, out);
    } else {
      vb_buf tmp = VB_BUF_INIT;
      const char *text = v->kind == VB_STR ? v->u.str.s : NULL;
      size_t len = v->kind == VB_STR ? v->u.str.len : 0;
      if (!text) {
        vb_value_to_text(v, &tmp);
        text = vb_buf_cstr(&tmp), len = tmp.len;
      }
      if (n->tag->rich) {
        emit_narrative(rc, n, v, text, len, out);
      } else {
        emit_value(rc, n, NULL, text, len, NULL, out);
      }
      vb_buf_free(&tmp);
    }
    track_text(rc, out, from, n->tag, v);
    return;
  }
  case VB_IR_FOR: render_for(rc, n, out); return;
  case VB_IR_IF: {
    vb_value *c = vb_expr_eval(&rc->ev, n->tag->expr);
    if (rc->ev.err) {
      missing(rc, n->tag);
      return;
    }
    render_list(rc, vb_val_truthy(c) ? &n->body : &n->other, out);
    return;
  }
  case VB_IR_GUARD: {
    unsigned long long before = rc->flushed + out->len;
    render_list(rc, &n->body, out);
    if (rc->flushed + out->len == before) {
      size_t from = out->len;
      vb_buf_put(out, n->text, n->len);
      track_text(rc, out, from, NULL, NULL);
    }
    return;
  }
  case VB_IR_SET: {
    vb_value *v = vb_expr_eval(&rc->ev, n->tag->expr);
    if (rc->ev.err) {
      missing(rc, n->tag);
      return;
    }
    /* Visible until the end of the enclosing loop body (or the part). */
    vb_eval_push(&rc->ev, n->tag->var1, v);
    return;
  }
  }
}

static void render_list(vb_render_ctx *rc, const vb_ir_list *l, vb_buf *out) {
  size_t base = rc->ev.nvars;
  for (size_t i = 0; i < l->len && rc->errors <= MAX_RENDER_ERRORS; i++)
    render_node(rc, l->items[i], out);
  rc->ev.nvars = base; /* drop the sets made in this block */
}

int vb_tpl_render_part(vb_render_ctx *rc, const vb_part_tpl *pt, vb_buf *out) {
  int before = rc->errors;
  const vb_format *fmt = rc->fmt;
  if (pt->fmt) rc->fmt = pt->fmt;
  size_t start = out->len;
  if ((rc->flags & VB_TPL_MARKS) || rc->trace) set_item_mark(rc);
  rc->text_run = 0;
  rc->in_tag = 0;
  rc->run_tag = NULL;
  rc->run_refused = 0;
  void (*flush)(void *, vb_buf *) = rc->flush;
  /* The repairs need the whole part. */
  if (pt->fix_tables || pt->fix_pages) rc->flush = NULL;
  render_list(rc, &pt->root, out);
  if (pt->fix_tables && rc->errors == before && start == 0) {
    /* A traced render (update's fresh part) keeps its bytes when no table
     * needs the repair (the shipped templates' tables declare their whole
     * grid), so that the trace stays true to them and update can add and
     * remove items there. */
    if (rc->fmt->fix_tables(out, 1) > 0 && rc->trace) rc->trace->reshaped = 1;
  }
  if (pt->fix_pages && rc->errors == before && start == 0) {
    vb_page_ctx none = {0};
    if (rc->fmt->fix_pages(out, rc->pages ? rc->pages : &none) > 0 && rc->trace)
      rc->trace->reshaped = 1;
    vb_page_ctx_free(&none);
  }
  rc->flush = flush;
  rc->fmt = fmt;
  if (rc->errors > MAX_RENDER_ERRORS && before <= MAX_RENDER_ERRORS)
    vb_error_rule(rc->d, VB_EDATA, "tpl.too-many-errors", rc->tpl_name, NULL,
                  "sửa các lỗi trên rồi chạy lại", "quá nhiều lỗi; dừng sau %d lỗi",
                  MAX_RENDER_ERRORS);
  return rc->errors > before ? -1 : 0;
}
