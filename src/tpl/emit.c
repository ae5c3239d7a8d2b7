/* The compiled tree as bytes: the DOM is written out as literal XML, cut
 * into tokens wherever a tag's placeholder stands (and where docxtpl's
 * cell markers need a value inside an attribute), then docxtpl's "{%-" /
 * "-%}" cuts are applied to that literal stream. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/compile_internal.h"
#include "util/buf.h"
#include "util/diag.h"

int vb_mk_is_placeholder(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE && !n->ns && n->_private &&
         strcmp((const char *)n->name, "vb-tag") == 0;
}

/* --- serialization -------------------------------------------------------- */

static void put_escaped(vb_buf *b, const char *s, int attr) {
  for (const char *p = s; *p; p++) {
    switch (*p) {
    case '&': vb_buf_puts(b, "&amp;"); break;
    case '<': vb_buf_puts(b, "&lt;"); break;
    case '>': vb_buf_puts(b, "&gt;"); break;
    case '"':
      if (attr)
        vb_buf_puts(b, "&quot;");
      else
        vb_buf_putc(b, '"');
      break;
    case '\r': vb_buf_puts(b, "&#13;"); break;
    case '\n':
      if (attr)
        vb_buf_puts(b, "&#10;");
      else
        vb_buf_putc(b, '\n');
      break;
    case '\t':
      if (attr)
        vb_buf_puts(b, "&#9;");
      else
        vb_buf_putc(b, '\t');
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
    for (const char *p = parts[k]; *p; p++)
      h = (h ^ (unsigned char)*p) * 16777619u;
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

void vb_mk_serialize(compiler *c, xmlNode *n, unsigned h, unsigned depth) {
  vb_buf *b = &c->lit;
  for (; n; n = n->next) {
    switch (n->type) {
    case XML_ELEMENT_NODE: {
      if (vb_mk_is_placeholder(n)) {
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
        vb_mk_serialize(c, n->children, hash_step(h, n), depth + 1);
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
void vb_mk_apply_trims(compiler *c) {
  int any = 0;
  for (size_t k = 0; k < c->ntoks; k++)
    any |= c->toks[k].tag->trim_left | c->toks[k].tag->trim_right;
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
    while (k < c->ntoks && c->toks[k].off == i)
      c->toks[k++].off = out.len;
    if (i < n && !del[i]) vb_buf_putc(&out, lit[i]);
  }
  free(del);
  vb_buf_free(&c->lit);
  c->lit = out;
}
