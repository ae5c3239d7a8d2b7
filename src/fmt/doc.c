/* The document view's storage and the builder both readers use. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt/doc_build.h"
#include "vi/vi.h"

vb_doc *vb_doc_new(const char *file) {
  vb_doc *doc = vb_xcalloc(1, sizeof *doc);
  doc->arena = vb_arena_new();
  doc->file = vb_arena_strdup(doc->arena, file ? file : "(document)");
  return doc;
}

void vb_doc_free(vb_doc *doc) {
  if (!doc) return;
  if (doc->src_free) doc->src_free(doc->src);
  free(doc->paras);
  free(doc->sections);
  free(doc->parts);
  free(doc->comments);
  vb_arena_free(doc->arena);
  free(doc);
}

/* ---- builder ---- */

void vb_docb_init(vb_doc_builder *b, vb_doc *doc) {
  memset(b, 0, sizeof *b);
  b->doc = doc;
}

void vb_docb_done(vb_doc_builder *b) {
  vb_buf_free(&b->text);
  free(b->spans);
  b->spans = NULL;
}

void vb_docb_para_begin(vb_doc_builder *b) {
  b->open = 1;
  b->text.len = 0;
  if (b->text.data) b->text.data[0] = 0;
  b->nspans = 0;
}

static int same_chars(const vb_doc_span *s, const vb_doc_chars *c) {
  return s->size == c->size && s->bold == (c->bold > 0) && s->italic == (c->italic > 0) &&
         s->caps == (c->caps > 0) &&
         (s->font == c->font || (s->font && c->font && !strcmp(s->font, c->font)));
}

void vb_docb_text(vb_doc_builder *b, const char *s, size_t n, const vb_doc_chars *c, void *node,
                  size_t node_off) {
  if (!b->open || n == 0) return;
  static const vb_doc_chars none = {0};
  if (!c) c = &none;
  size_t start = b->text.len;
  int exact = vi_is_nfc(s, n);
  if (exact)
    vb_buf_put(&b->text, s, n);
  else
    vi_nfc(&b->text, s, n);
  size_t len = b->text.len - start;
  if (len == 0) return;
  /* Made-up text next to a span of the same properties joins it; real text
   * keeps its own span so the writer can find its node. */
  if (!node && b->nspans > 0) {
    vb_doc_span *last = &b->spans[b->nspans - 1];
    if (!last->node && same_chars(last, c) && last->off + last->len == start) {
      last->len += len;
      return;
    }
  }
  if (b->nspans == b->spans_cap) {
    b->spans_cap = b->spans_cap ? 2 * b->spans_cap : 16;
    b->spans = vb_xrealloc(b->spans, b->spans_cap * sizeof *b->spans);
  }
  vb_doc_span *sp = &b->spans[b->nspans++];
  sp->off = start;
  sp->len = len;
  sp->font = c->font;
  sp->size = (short)(c->size > 0 && c->size < 32767 ? c->size : 0);
  sp->bold = c->bold > 0;
  sp->italic = c->italic > 0;
  sp->caps = c->caps > 0;
  /* A piece NFC changed cannot be mapped back byte for byte: the writer
   * then anchors at its edges only. */
  sp->node = node;
  sp->node_off = exact || node_off == VB_DOC_ELEMENT ? node_off : (size_t)-1;
}

size_t vb_docb_para_end(vb_doc_builder *b, const vb_doc_para *proto) {
  vb_doc *doc = b->doc;
  if (doc->npara == doc->cap_paras) {
    doc->cap_paras = doc->cap_paras ? 2 * doc->cap_paras : 256;
    doc->paras = vb_xrealloc(doc->paras, doc->cap_paras * sizeof *doc->paras);
  }
  vb_doc_para *p = &doc->paras[doc->npara];
  *p = *proto;
  p->text = vb_arena_strndup(doc->arena, b->text.data ? b->text.data : "", b->text.len);
  p->len = b->text.len;
  p->nspans = b->nspans;
  p->spans = NULL;
  if (b->nspans) {
    p->spans = vb_arena_alloc(doc->arena, b->nspans * sizeof *p->spans);
    memcpy(p->spans, b->spans, b->nspans * sizeof *p->spans);
  }
  b->open = 0;
  return doc->npara++;
}

size_t vb_docb_section(vb_doc_builder *b) {
  vb_doc *doc = b->doc;
  if (doc->nsections == doc->cap_sections) {
    doc->cap_sections = doc->cap_sections ? 2 * doc->cap_sections : 4;
    doc->sections = vb_xrealloc(doc->sections, doc->cap_sections * sizeof *doc->sections);
  }
  vb_doc_section *s = &doc->sections[doc->nsections];
  memset(s, 0, sizeof *s);
  s->page_w = s->page_h = VB_DOC_UNSET;
  s->m_top = s->m_bottom = s->m_left = s->m_right = s->m_header = s->m_footer = VB_DOC_UNSET;
  s->header_first = s->header_default = s->header_even = -1;
  s->footer_first = s->footer_default = s->footer_even = -1;
  return doc->nsections++;
}

size_t vb_docb_part(vb_doc_builder *b, vb_doc_area area, const char *name) {
  vb_doc *doc = b->doc;
  if (doc->nparts == doc->cap_parts) {
    doc->cap_parts = doc->cap_parts ? 2 * doc->cap_parts : 4;
    doc->parts = vb_xrealloc(doc->parts, doc->cap_parts * sizeof *doc->parts);
  }
  vb_doc_part *p = &doc->parts[doc->nparts];
  memset(p, 0, sizeof *p);
  p->area = area;
  p->name = vb_arena_strdup(doc->arena, name ? name : "");
  return doc->nparts++;
}

void vb_docb_comment(vb_doc_builder *b, const char *author, const char *text, const char *anchor) {
  vb_doc *doc = b->doc;
  if (doc->ncomments == doc->cap_comments) {
    doc->cap_comments = doc->cap_comments ? 2 * doc->cap_comments : 4;
    doc->comments = vb_xrealloc(doc->comments, doc->cap_comments * sizeof *doc->comments);
  }
  vb_doc_comment *c = &doc->comments[doc->ncomments++];
  c->author = vb_arena_strdup(doc->arena, author ? author : "");
  c->text = vb_arena_strdup(doc->arena, text ? text : "");
  c->anchor = anchor ? vb_arena_strdup(doc->arena, anchor) : NULL;
}

static int has_visible(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    /* U+00A0 NO-BREAK SPACE */
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      i++;
      continue;
    }
    return 1;
  }
  return 0;
}

void vb_docb_finish(vb_doc_builder *b) {
  vb_doc *doc = b->doc;
  int n = 0;
  for (size_t i = 0; i < doc->nbody; i++) {
    vb_doc_para *p = &doc->paras[i];
    p->number = p->table == 0 && has_visible(p->text, p->len) ? ++n : 0;
  }
}

vb_doc_para *vb_doc_add_text(vb_doc *doc, const char *text, size_t len) {
  vb_doc_builder b;
  vb_docb_init(&b, doc);
  vb_docb_para_begin(&b);
  vb_docb_text(&b, text, len, NULL, NULL, 0);
  vb_doc_para proto = {0};
  proto.part = -1;
  proto.align = VB_ALIGN_LEFT;
  size_t i = vb_docb_para_end(&b, &proto);
  vb_docb_done(&b);
  doc->nbody = doc->npara;
  doc->paras[i].number = (int)doc->npara;
  return &doc->paras[i];
}

/* ---- queries ---- */

static size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static int is_space_at(const char *s, size_t i, size_t n, size_t *k) {
  unsigned char c = (unsigned char)s[i];
  *k = utf8_len(c);
  if (*k > n - i) *k = n - i;
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) return 1;
  /* U+2002..U+200B spaces, U+202F, U+3000 */
  if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
    unsigned char d = (unsigned char)s[i + 2];
    if ((d >= 0x82 && d <= 0x8B) || d == 0xAF) return 1;
  }
  return 0;
}

void vb_doc_range_props(const vb_doc_para *p, size_t off, size_t len, vb_doc_props *out) {
  memset(out, 0, sizeof *out);
  if (off > p->len) return;
  if (len > p->len - off) len = p->len - off;
  size_t end = off + len;
  int all_b = 1, all_i = 1;
  /* the font with the most characters: spans are few, so a small table */
  const char *fonts[8] = {0};
  int counts[8] = {0};
  for (size_t si = 0; si < p->nspans; si++) {
    const vb_doc_span *sp = &p->spans[si];
    size_t a = sp->off > off ? sp->off : off;
    size_t z = sp->off + sp->len < end ? sp->off + sp->len : end;
    if (a >= z) continue;
    int vis = 0;
    for (size_t i = a; i < z;) {
      size_t k;
      if (!is_space_at(p->text, i, z, &k)) vis++;
      i += k;
    }
    if (!vis) continue;
    out->visible += vis;
    if (sp->size) {
      if (!out->size_min || sp->size < out->size_min) out->size_min = sp->size;
      if (sp->size > out->size_max) out->size_max = sp->size;
    }
    if (sp->bold)
      out->any_bold = 1;
    else
      all_b = 0;
    if (sp->italic)
      out->any_italic = 1;
    else
      all_i = 0;
    if (sp->font) {
      int k = 0;
      while (k < 8 && fonts[k] && strcmp(fonts[k], sp->font) != 0)
        k++;
      if (k < 8) {
        fonts[k] = sp->font;
        counts[k] += vis;
      }
    }
  }
  if (!out->visible) return;
  out->all_bold = all_b;
  out->all_italic = all_i;
  int best = -1;
  for (int k = 0; k < 8 && fonts[k]; k++)
    if (best < 0 || counts[k] > counts[best]) best = k;
  out->font = best >= 0 ? fonts[best] : NULL;
}

int vb_doc_length_twips(const char *s) {
  if (!s) return VB_DOC_UNSET;
  char *end;
  double v = strtod(s, &end);
  if (end == s || !isfinite(v) || fabs(v) > 1e6) return VB_DOC_UNSET;
  double tw;
  if (!strcmp(end, "cm"))
    tw = v * 1440.0 / 2.54;
  else if (!strcmp(end, "mm"))
    tw = v * 144.0 / 2.54;
  else if (!strcmp(end, "in") || !strcmp(end, "inch"))
    tw = v * 1440.0;
  else if (!strcmp(end, "pt"))
    tw = v * 20.0;
  else if (!strcmp(end, "pc"))
    tw = v * 240.0;
  else if (!strcmp(end, "px"))
    tw = v * 15.0;
  else
    return VB_DOC_UNSET;
  return (int)lround(tw);
}
