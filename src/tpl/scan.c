/* Finding tags the way editors store them. Word and LibreOffice split
 * "{{ ten }}" across runs (a spell-check mark, a revision id, a bold brace),
 * so each paragraph's text is read as one string that remembers which text
 * node every byte came from. A tag found in that string is moved whole into
 * the text node of its first character — the run whose style the value
 * takes — and replaced there by a placeholder element. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/scan.h"
#include "util/buf.h"
#include "util/diag.h"

typedef struct atom {
  xmlNode *node; /* text node (TEXT), text:s element (SPACE), element (BARRIER) */
  vb_atom_kind kind;
  size_t off, len; /* bytes of the paragraph string this atom covers */
} atom;

typedef struct para_scan {
  const vb_format *fmt;
  atom *atoms;
  size_t natoms, cap;
  vb_buf text;
} para_scan;

static void add_atom(para_scan *ps, xmlNode *n, vb_atom_kind k, const char *s, size_t len) {
  if (ps->natoms == ps->cap) {
    ps->cap = ps->cap ? ps->cap * 2 : 16;
    ps->atoms = vb_xrealloc(ps->atoms, ps->cap * sizeof(atom));
  }
  atom *a = &ps->atoms[ps->natoms++];
  a->node = n;
  a->kind = k;
  a->off = ps->text.len;
  a->len = len;
  vb_buf_put(&ps->text, s, len);
}

static void collect(para_scan *ps, xmlNode *parent, int in_text) {
  for (xmlNode *n = parent->children; n; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (in_text || ps->fmt->loose_text) {
        const char *s = (const char *)n->content;
        add_atom(ps, n, VB_ATOM_TEXT, s ? s : "", s ? strlen(s) : 0);
      }
      continue;
    }
    if (n->type != XML_ELEMENT_NODE) continue;
    if (ps->fmt->is(n, VB_C_PARAGRAPH)) continue; /* nested paragraph: scanned on its own */
    int count = 1;
    vb_atom_kind k = ps->fmt->classify(n, &count);
    switch (k) {
    case VB_ATOM_DESCEND: collect(ps, n, 0); break;
    case VB_ATOM_TEXT: collect(ps, n, 1); break;
    case VB_ATOM_SPACE: {
      char spaces[64];
      size_t c = (size_t)count < sizeof spaces ? (size_t)count : sizeof spaces;
      memset(spaces, ' ', c);
      add_atom(ps, n, VB_ATOM_SPACE, spaces, c);
      break;
    }
    case VB_ATOM_BARRIER: {
      /* Tabs and breaks read as blanks so an excerpt stays readable; the
       * atom kind keeps tags from spanning them. */
      add_atom(ps, n, VB_ATOM_BARRIER, " ", 1);
      break;
    }
    case VB_ATOM_SKIP:
    case VB_ATOM_NESTED: break;
    }
  }
}

/* Position of the closing delimiter of a tag opened at `open`, skipping
 * quoted strings; SIZE_MAX when the paragraph ends first. */
static size_t find_close(const char *s, size_t n, size_t open, char kind) {
  char close1 = kind == '{' ? '}' : kind; /* "}}", "%}", "#}" */
  char quote = 0;
  for (size_t i = open + 2; i + 1 < n; i++) {
    if (kind != '#' && quote) {
      if (s[i] == '\\')
        i++;
      else if (s[i] == quote)
        quote = 0;
      continue;
    }
    if (kind != '#' && (s[i] == '"' || s[i] == '\'')) {
      quote = s[i];
      continue;
    }
    if (s[i] == close1 && s[i + 1] == '}') return i + 2;
  }
  return SIZE_MAX;
}

static const char *make_excerpt(vb_arena *a, const char *s, size_t n, size_t start, size_t end) {
  /* Up to ~30 characters either side, cut at UTF-8 boundaries. */
  size_t from = start > 30 ? start - 30 : 0, to = end + 30 < n ? end + 30 : n;
  while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80)
    from--;
  while (to < n && ((unsigned char)s[to] & 0xC0) == 0x80)
    to++;
  vb_buf b = VB_BUF_INIT;
  if (from > 0) vb_buf_puts(&b, "…");
  vb_buf_put(&b, s + from, to - from);
  if (to < n) vb_buf_puts(&b, "…");
  const char *r = vb_arena_strndup(a, b.data, b.len);
  vb_buf_free(&b);
  return r;
}

/* Replace the bytes [s, e) of the paragraph string by a placeholder in the
 * text node of the tag's first byte. Tags are processed last to first, and
 * a split always keeps the original node as the part before the cut, so the
 * offsets of earlier tags stay valid. */
static xmlNode *isolate(para_scan *ps, size_t s, size_t e) {
  for (size_t i = ps->natoms; i-- > 0;) {
    atom *a = &ps->atoms[i];
    size_t as = a->off, ae = a->off + a->len;
    if (a->len == 0 || ae <= s || as >= e || !a->node) continue;
    if (as > s) {
      /* Starts inside the tag: drop the part the tag covers (a prefix). */
      size_t cut = (ae < e ? ae : e) - as;
      if (a->kind == VB_ATOM_TEXT) {
        const char *content = (const char *)a->node->content;
        size_t clen = content ? strlen(content) : 0;
        if (cut > clen) cut = clen;
        vb_buf rest = VB_BUF_INIT;
        vb_buf_put(&rest, content ? content + cut : "", clen - cut);
        xmlNodeSetContentLen(a->node, (const xmlChar *)vb_buf_cstr(&rest), (int)rest.len);
        vb_buf_free(&rest);
      } else if (a->kind == VB_ATOM_SPACE) {
        xmlUnlinkNode(a->node);
        xmlFreeNode(a->node);
        a->node = NULL;
      }
      continue;
    }
    /* This atom holds the tag's first byte ("{" is text, never a space). */
    if (a->kind != VB_ATOM_TEXT) return NULL;
    const char *content = (const char *)a->node->content;
    size_t clen = content ? strlen(content) : 0;
    size_t pre = s - as;
    size_t skip = pre + ((e < ae ? e : ae) - s);
    if (pre > clen) pre = clen;
    if (skip > clen) skip = clen;
    vb_buf post = VB_BUF_INIT, before = VB_BUF_INIT;
    vb_buf_put(&post, content + skip, clen - skip);
    vb_buf_put(&before, content, pre);
    xmlNodeSetContentLen(a->node, (const xmlChar *)vb_buf_cstr(&before), (int)before.len);
    xmlNode *placeholder = xmlNewDocNode(a->node->doc, NULL, (const xmlChar *)"vb-tag", NULL);
    xmlAddNextSibling(a->node, placeholder);
    if (post.len) {
      xmlNode *t = xmlNewDocTextLen(a->node->doc, (const xmlChar *)post.data, (int)post.len);
      xmlAddNextSibling(placeholder, t);
    }
    vb_buf_free(&post);
    vb_buf_free(&before);
    if (a->node->parent && a->node->parent->type == XML_ELEMENT_NODE)
      ps->fmt->prepare_text_holder(a->node->parent);
    return placeholder;
  }
  return NULL;
}

int vb_scan_paragraph(vb_scan *sc, xmlNode *para, const char *where) {
  para_scan ps = {.fmt = sc->fmt};
  collect(&ps, para, 0);
  const char *s = vb_buf_cstr(&ps.text);
  size_t n = ps.text.len;
  int errors = 0;

  /* Find every tag first (left to right), then isolate right to left. */
  typedef struct found {
    size_t s, e;
  } found;
  found *tags = NULL;
  size_t ntags = 0, cap = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    if (s[i] != '{' || (s[i + 1] != '{' && s[i + 1] != '%' && s[i + 1] != '#')) continue;
    size_t close = find_close(s, n, i, s[i + 1]);
    if (close == SIZE_MAX) {
      /* Without quotes the tag closes: the quote left open is the cause. */
      const char *close_with = s[i + 1] == '{' ? "}}" : s[i + 1] == '%' ? "%}" : "#}";
      const char *plain = s[i + 1] == '#' ? NULL : strstr(s + i + 2, close_with);
      int quoted = 0;
      for (const char *q = s + i + 2; plain && q < plain; q++)
        quoted |= *q == '"' || *q == '\'';
      if (quoted)
        vb_error_rule(sc->d, VB_ETEMPLATE, "tpl.unclosed-string", sc->pkg_name, where,
                      "đóng chuỗi bằng dấu nháy đã mở nó",
                      "thẻ \"%.*s\" có một chuỗi không được đóng (thiếu dấu nháy): \"%s\"",
                      (int)(n - i < 40 ? n - i : 40), s + i, make_excerpt(sc->a, s, n, i, i + 2));
      else
        vb_error_rule(sc->d, VB_ETEMPLATE, "tpl.unclosed-tag", sc->pkg_name, where,
                      "đóng thẻ trong cùng đoạn văn",
                      "thẻ \"%.*s\" không được đóng trong đoạn này: thiếu `%s` (\"%s\")",
                      (int)(n - i < 40 ? n - i : 40), s + i, close_with,
                      make_excerpt(sc->a, s, n, i, i + 2));
      errors++;
      break;
    }
    if (ntags == cap) {
      cap = cap ? cap * 2 : 8;
      tags = vb_xrealloc(tags, cap * sizeof(found));
    }
    tags[ntags].s = i;
    tags[ntags].e = close;
    ntags++;
    i = close - 1;
  }
  /* A tag must not run across a tab, a line break or a drawing. */
  for (size_t t = 0; t < ntags; t++) {
    for (size_t k = 0; k < ps.natoms; k++) {
      atom *a = &ps.atoms[k];
      if (a->kind == VB_ATOM_BARRIER && a->off >= tags[t].s && a->off < tags[t].e) {
        vb_error_rule(sc->d, VB_ETEMPLATE, "tpl.tag-interrupted", sc->pkg_name, where,
                      "xoá dấu tab hay dấu xuống dòng ở giữa thẻ",
                      "thẻ \"%.*s\" bị ngắt bởi một dấu tab, dấu xuống dòng hay một đối tượng",
                      (int)(tags[t].e - tags[t].s), s + tags[t].s);
        errors++;
        tags[t].e = tags[t].s; /* mark as unusable */
        break;
      }
    }
  }
  /* Record the tags in document order, isolate from the right. */
  size_t first = sc->nfound;
  for (size_t t = 0; t < ntags; t++) {
    if (tags[t].e == tags[t].s) continue;
    vb_found_tag *ft = vb_scan_push(sc);
    ft->text = vb_arena_strndup(sc->a, s + tags[t].s, tags[t].e - tags[t].s);
    ft->excerpt = make_excerpt(sc->a, s, n, tags[t].s, tags[t].e);
    ft->where = where;
    ft->para = para;
    ft->start = tags[t].s;
    ft->end = tags[t].e;
  }
  for (size_t t = sc->nfound; t-- > first;) {
    vb_found_tag *ft = &sc->found[t];
    ft->node = isolate(&ps, ft->start, ft->end);
    if (!ft->node) {
      vb_error_rule(sc->d, VB_EINTERNAL, "tpl.isolate", sc->pkg_name, where,
                    "đây là lỗi của vanban: xin báo lại, kèm mẫu đã dùng", "không tách được thẻ %s",
                    ft->text);
      errors++;
    }
  }
  /* What is left of the paragraph's text, outside the tags: decides whether
   * a block tag stands alone (then its paragraph goes). */
  size_t visible = 0;
  size_t pos = 0;
  for (size_t t = 0; t <= ntags; t++) {
    size_t end = t < ntags ? tags[t].s : n;
    for (size_t i = pos; i < end; i++)
      if (!strchr(" \t", s[i]) || 0) visible++;
    if (t < ntags) pos = tags[t].e;
  }
  for (size_t k = 0; k < ps.natoms; k++)
    if (ps.atoms[k].kind == VB_ATOM_BARRIER) visible++;
  vb_scan_para_info(sc, para, visible, sc->nfound - first);

  free(tags);
  free(ps.atoms);
  vb_buf_free(&ps.text);
  return errors;
}

vb_found_tag *vb_scan_push(vb_scan *sc) {
  if (sc->nfound == sc->cap) {
    sc->cap = sc->cap ? sc->cap * 2 : 32;
    sc->found = vb_xrealloc(sc->found, sc->cap * sizeof(vb_found_tag));
  }
  vb_found_tag *ft = &sc->found[sc->nfound++];
  memset(ft, 0, sizeof *ft);
  return ft;
}

void vb_scan_para_info(vb_scan *sc, xmlNode *para, size_t visible, size_t ntags) {
  if (sc->nparas == sc->pcap) {
    sc->pcap = sc->pcap ? sc->pcap * 2 : 64;
    sc->paras = vb_xrealloc(sc->paras, sc->pcap * sizeof(vb_para_info));
  }
  vb_para_info *pi = &sc->paras[sc->nparas++];
  pi->para = para;
  pi->visible = visible;
  pi->ntags = ntags;
}

const vb_para_info *vb_scan_find_para(const vb_scan *sc, const xmlNode *para) {
  for (size_t i = 0; i < sc->nparas; i++)
    if (sc->paras[i].para == para) return &sc->paras[i];
  return NULL;
}
