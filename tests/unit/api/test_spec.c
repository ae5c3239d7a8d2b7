/* The spec corpus, through the library: every case of the tests/spec/ files
 * (the format is described in tests/spec/README.md) is rendered as DOCX and
 * as ODT, with marks and without, from a template built around the case's
 * body fragment; the rendered body, read back in the corpus's neutral
 * notation, must equal the expected one, or the render must fail with the
 * expected messages. tests/e2e/test_spec.sh runs the same cases through the
 * CLI. A failure names the file, the case's line, the format and the marks. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fragment.h"
#include "test.h"
#include "util/diag.h"
#include "util/fileio.h"

enum {
  OPT_DOCX = 1,     /* DOCX only */
  OPT_ODT = 2,      /* ODT only */
  OPT_MARKS = 4,    /* with marks only */
  OPT_NO_MARKS = 8, /* without marks only */
  OPT_LENIENT = 16  /* render --lenient */
};

typedef struct spec_case {
  char file[256];
  unsigned line;
  unsigned opts;
  int is_error;
  vb_buf tpl, data, expect; /* template and expect: lines trimmed and joined */
} spec_case;

static int ncases, nrenders;

/* ---- reading the corpus ----------------------------------------------------------- */

static void append_joined(vb_buf *b, const char *line, size_t n) {
  while (n && (*line == ' ' || *line == '\t'))
    line++, n--;
  while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
    n--;
  vb_buf_put(b, line, n);
}

static unsigned parse_opts(const char *s, const char *file, unsigned line) {
  unsigned o = 0;
  char word[32];
  int k;
  while (sscanf(s, " %31s%n", word, &k) == 1) {
    s += k;
    if (!strcmp(word, "docx"))
      o |= OPT_DOCX;
    else if (!strcmp(word, "odt"))
      o |= OPT_ODT;
    else if (!strcmp(word, "marks"))
      o |= OPT_MARKS;
    else if (!strcmp(word, "no-marks"))
      o |= OPT_NO_MARKS;
    else if (!strcmp(word, "lenient"))
      o |= OPT_LENIENT;
    else {
      fprintf(stderr, "%s:%u: unknown case option '%s'\n", file, line, word);
      vb_test_failed++;
    }
  }
  return o;
}

static void run_case(spec_case *c);

/* Read one spec file and run its cases. */
static void run_file(const char *dir, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  vb_diags *d = vb_diags_new();
  char *text = NULL;
  size_t len = 0;
  if (vb_read_file(path, 16u << 20, &text, &len, d) != 0) {
    fprintf(stderr, "%s: cannot read\n", path);
    vb_test_failed++;
    vb_diags_free(d);
    return;
  }
  vb_diags_free(d);
  enum { OUT, TPL, DATA, EXPECT } state = OUT;
  spec_case c;
  memset(&c, 0, sizeof c);
  unsigned lineno = 0;
  for (char *p = text; p < text + len;) {
    char *nl = memchr(p, '\n', (size_t)(text + len - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(text + len - p);
    lineno++;
    int fence = n >= 4 && !strncmp(p, "~~~~", 4);
    if (fence) {
      char word[16] = "";
      char *rest = p + 4;
      char tmp[256];
      snprintf(tmp, sizeof tmp, "%.*s", (int)(n - 4), rest);
      int k = 0;
      sscanf(tmp, " %15s%n", word, &k);
      if (state == OUT && !strcmp(word, "case")) {
        memset(&c, 0, sizeof c);
        snprintf(c.file, sizeof c.file, "tests/spec/%s", name);
        c.line = lineno;
        c.opts = parse_opts(tmp + k, c.file, lineno);
        state = TPL;
      } else if (state == TPL && !strcmp(word, "data")) {
        state = DATA;
      } else if (state == DATA && (!strcmp(word, "expect") || !strcmp(word, "error"))) {
        c.is_error = !strcmp(word, "error");
        state = EXPECT;
      } else if (state == EXPECT && !*word) {
        run_case(&c);
        vb_buf_free(&c.tpl), vb_buf_free(&c.data), vb_buf_free(&c.expect);
        state = OUT;
      } else {
        fprintf(stderr, "tests/spec/%s:%u: unexpected fence \"%.*s\"\n", name, lineno, (int)n, p);
        vb_test_failed++;
      }
    } else if (state == TPL) {
      append_joined(&c.tpl, p, n);
    } else if (state == DATA) {
      vb_buf_put(&c.data, p, n);
      vb_buf_putc(&c.data, '\n');
    } else if (state == EXPECT && c.is_error) {
      if (n) vb_buf_put(&c.expect, p, n), vb_buf_putc(&c.expect, '\n');
    } else if (state == EXPECT) {
      append_joined(&c.expect, p, n);
    }
    p += n + (nl ? 1 : 0);
  }
  if (state != OUT) {
    fprintf(stderr, "tests/spec/%s:%u: case not closed\n", name, c.line);
    vb_test_failed++;
    vb_buf_free(&c.tpl), vb_buf_free(&c.data), vb_buf_free(&c.expect);
  }
  free(text);
}

/* ---- the neutral notation → DOCX / ODT ----------------------------------------------- */

static int is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

/* Text escaped as the notation writes it: &amp; &lt; &gt; only. */
static void put_text(vb_buf *b, const xmlChar *s) {
  for (const char *p = (const char *)s; *p; p++) {
    if (*p == '&')
      vb_buf_puts(b, "&amp;");
    else if (*p == '<')
      vb_buf_puts(b, "&lt;");
    else if (*p == '>')
      vb_buf_puts(b, "&gt;");
    else
      vb_buf_putc(b, *p);
  }
}

/* Inside a run: text, <br/>, <tab/>. */
static int run_content(int odt, const xmlNode *n, vb_buf *b) {
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE) {
      if (!odt) vb_buf_puts(b, "<w:t xml:space=\"preserve\">");
      put_text(b, n->content);
      if (!odt) vb_buf_puts(b, "</w:t>");
    } else if (is(n, "br")) {
      vb_buf_puts(b, odt ? "<text:line-break/>" : "<w:br/>");
    } else if (is(n, "tab")) {
      vb_buf_puts(b, odt ? "<text:tab/>" : "<w:tab/>");
    } else if (n->type == XML_ELEMENT_NODE) {
      fprintf(stderr, "unknown element <%s> in a run\n", (const char *)n->name);
      return -1;
    }
  }
  return 0;
}

/* A paragraph's content: text (one run each), <r> runs, <br/>, <tab/>. */
static int inline_content(int odt, const xmlNode *n, vb_buf *b) {
  for (; n; n = n->next) {
    if (is(n, "r")) {
      vb_buf_puts(b, odt ? "<text:span>" : "<w:r>");
      if (run_content(odt, n->children, b) != 0) return -1;
      vb_buf_puts(b, odt ? "</text:span>" : "</w:r>");
    } else if (n->type == XML_TEXT_NODE || is(n, "br") || is(n, "tab")) {
      const xmlNode *next = n->next;
      ((xmlNode *)n)->next = NULL; /* this node alone */
      if (!odt) vb_buf_puts(b, "<w:r>");
      int rc = run_content(odt, n, b);
      if (!odt) vb_buf_puts(b, "</w:r>");
      ((xmlNode *)n)->next = (xmlNode *)next;
      if (rc != 0) return -1;
    } else if (n->type == XML_ELEMENT_NODE) {
      fprintf(stderr, "unknown element <%s> in a paragraph\n", (const char *)n->name);
      return -1;
    }
  }
  return 0;
}

static int blocks(int odt, const xmlNode *n, vb_buf *b);

static int table(int odt, const xmlNode *t, vb_buf *b) {
  static int ntables;
  size_t cols = 0;
  for (const xmlNode *r = t->children; r; r = r->next) {
    size_t k = 0;
    for (const xmlNode *c = r->children; c; c = c->next)
      k += is(c, "tc");
    if (k > cols) cols = k;
  }
  if (odt) {
    vb_buf_printf(b,
                  "<table:table table:name=\"Bảng%d\"><table:table-column "
                  "table:number-columns-repeated=\"%zu\"/>",
                  ++ntables, cols);
  } else {
    vb_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    for (size_t i = 0; i < cols; i++)
      vb_buf_puts(b, "<w:gridCol w:w=\"2000\"/>");
    vb_buf_puts(b, "</w:tblGrid>");
  }
  for (const xmlNode *r = t->children; r; r = r->next) {
    if (!is(r, "tr")) {
      if (r->type == XML_ELEMENT_NODE) return fprintf(stderr, "<table> holds <tr> only\n"), -1;
      continue;
    }
    vb_buf_puts(b, odt ? "<table:table-row>" : "<w:tr>");
    for (const xmlNode *c = r->children; c; c = c->next) {
      if (!is(c, "tc")) {
        if (c->type == XML_ELEMENT_NODE) return fprintf(stderr, "<tr> holds <tc> only\n"), -1;
        continue;
      }
      vb_buf_puts(b, odt ? "<table:table-cell>" : "<w:tc>");
      if (blocks(odt, c->children, b) != 0) return -1;
      vb_buf_puts(b, odt ? "</table:table-cell>" : "</w:tc>");
    }
    vb_buf_puts(b, odt ? "</table:table-row>" : "</w:tr>");
  }
  vb_buf_puts(b, odt ? "</table:table>" : "</w:tbl>");
  return 0;
}

static int blocks(int odt, const xmlNode *n, vb_buf *b) {
  for (; n; n = n->next) {
    if (is(n, "p")) {
      vb_buf_puts(b, odt ? "<text:p>" : "<w:p>");
      if (inline_content(odt, n->children, b) != 0) return -1;
      vb_buf_puts(b, odt ? "</text:p>" : "</w:p>");
    } else if (is(n, "table")) {
      if (table(odt, n, b) != 0) return -1;
    } else if (n->type == XML_ELEMENT_NODE) {
      fprintf(stderr, "unknown block element <%s>\n", (const char *)n->name);
      return -1;
    } else if (n->type == XML_TEXT_NODE &&
               strspn((const char *)n->content, " \t\n") != strlen((const char *)n->content)) {
      fprintf(stderr, "text outside a paragraph: \"%s\"\n", (const char *)n->content);
      return -1;
    }
  }
  return 0;
}

/* The format's body for the neutral fragment, or -1. */
static int translate(int odt, const char *neutral, vb_buf *out) {
  vb_buf doc = VB_BUF_INIT;
  vb_buf_printf(&doc, "<spec>%s</spec>", neutral);
  xmlDocPtr x = xmlReadMemory(doc.data, (int)doc.len, "spec", "UTF-8", XML_PARSE_NONET);
  vb_buf_free(&doc);
  if (!x) return -1;
  int rc = blocks(odt, xmlDocGetRootElement(x)->children, out);
  xmlFreeDoc(x);
  return rc;
}

/* ---- DOCX / ODT → the neutral notation ------------------------------------------------- */

static const char *const skipped[] = {
    /* properties and what does not show as text */
    "pPr",
    "rPr",
    "tblPr",
    "tblGrid",
    "trPr",
    "tcPr",
    "sectPr",
    "bookmarkStart",
    "bookmarkEnd",
    "proofErr",
    "table-column",
    "table-columns",
    "bookmark",
    "bookmark-start",
    "bookmark-end",
    "soft-page-break",
    NULL};

static int skip(const xmlNode *n) {
  for (int i = 0; skipped[i]; i++)
    if (!strcmp((const char *)n->name, skipped[i])) return 1;
  return 0;
}

/* Emphasis is read from the runs' own properties (DOCX: w:b, w:i in w:rPr)
 * and the spans' automatic styles (ODT: fo:font-weight, fo:font-style), and
 * written <b>…</b>, <i>…</i> or <bi>…</bi> around the text that has it. */
enum { EM_B = 1, EM_I = 2 };
typedef struct inline_state {
  vb_buf *b;
  unsigned cur;                    /* the emphasis of what was written last */
  const xmlNode *automatic_styles; /* ODT */
} inline_state;

static void emph_to(inline_state *st, unsigned style) {
  static const char *const tag[4] = {NULL, "b", "i", "bi"};
  if (style == st->cur) return;
  if (st->cur) vb_buf_printf(st->b, "</%s>", tag[st->cur]);
  if (style) vb_buf_printf(st->b, "<%s>", tag[style]);
  st->cur = style;
}

static const xmlNode *find(const xmlNode *n, const char *name);

static char *attr(const xmlNode *n, const char *name) {
  for (const xmlAttr *a = n->properties; a; a = a->next)
    if (!strcmp((const char *)a->name, name))
      return (char *)xmlNodeListGetString(n->doc, a->children, 1);
  return NULL;
}

/* w:b / w:i in the run's w:rPr, not switched off by w:val. */
static unsigned run_style(const xmlNode *r) {
  unsigned style = 0;
  for (const xmlNode *pr = r->children; pr; pr = pr->next) {
    if (!is(pr, "rPr")) continue;
    for (const xmlNode *c = pr->children; c; c = c->next) {
      if (!is(c, "b") && !is(c, "i")) continue;
      char *v = attr(c, "val");
      int on = !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
      xmlFree(v);
      if (on) style |= is(c, "b") ? EM_B : EM_I;
    }
  }
  return style;
}

/* The weight and slant the span's automatic style sets. */
static unsigned span_style(const inline_state *st, const xmlNode *span) {
  char *name = attr(span, "style-name");
  unsigned style = 0;
  for (const xmlNode *s = st->automatic_styles ? st->automatic_styles->children : NULL; s && name;
       s = s->next) {
    char *sn = is(s, "style") ? attr(s, "name") : NULL;
    if (sn && !strcmp(sn, name)) {
      const xmlNode *tp = find(s->children, "text-properties");
      char *w = tp ? attr(tp, "font-weight") : NULL, *i = tp ? attr(tp, "font-style") : NULL;
      style = (w && !strcmp(w, "bold") ? EM_B : 0) | (i && !strcmp(i, "italic") ? EM_I : 0);
      xmlFree(w), xmlFree(i);
    }
    xmlFree(sn);
  }
  xmlFree(name);
  return style;
}

static void norm_inline(int odt, const xmlNode *n, inline_state *st, unsigned style) {
  vb_buf *b = st->b;
  for (; n; n = n->next) {
    if (n->type == XML_TEXT_NODE) {
      /* DOCX text lives in w:t; ODT text stands in the paragraph and spans. */
      if (odt || (n->parent && !strcmp((const char *)n->parent->name, "t"))) {
        if (!*n->content) continue;
        emph_to(st, style);
        put_text(b, n->content);
      }
    } else if (n->type != XML_ELEMENT_NODE || skip(n)) {
      continue;
    } else if (is(n, "br") || is(n, "cr") || is(n, "line-break")) {
      emph_to(st, style);
      vb_buf_puts(b, "<br/>");
    } else if (is(n, "tab")) {
      emph_to(st, style);
      vb_buf_puts(b, "<tab/>");
    } else if (is(n, "s")) {
      xmlChar *c = xmlGetNsProp(n, (const xmlChar *)"c",
                                (const xmlChar *)"urn:oasis:names:tc:opendocument:xmlns:text:1.0");
      emph_to(st, style);
      for (int k = c ? atoi((const char *)c) : 1; k > 0; k--)
        vb_buf_putc(b, ' ');
      xmlFree(c);
    } else if (!odt && is(n, "r")) {
      norm_inline(odt, n->children, st, style | run_style(n));
    } else if (odt && is(n, "span")) {
      norm_inline(odt, n->children, st, style | span_style(st, n));
    } else {
      norm_inline(odt, n->children, st, style); /* links, insertions */
    }
  }
}

static void norm_blocks(int odt, const xmlNode *n, const xmlNode *auto_styles, vb_buf *b) {
  for (; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || skip(n)) continue;
    if (is(n, "p") || is(n, "h")) {
      vb_buf inner = VB_BUF_INIT;
      inline_state st = {&inner, 0, auto_styles};
      norm_inline(odt, n->children, &st, 0);
      emph_to(&st, 0);
      if (inner.len)
        vb_buf_printf(b, "<p>%s</p>", inner.data);
      else
        vb_buf_puts(b, "<p/>");
      vb_buf_free(&inner);
    } else if (is(n, "tbl") || is(n, "table")) {
      vb_buf_puts(b, "<table>");
      norm_blocks(odt, n->children, auto_styles, b);
      vb_buf_puts(b, "</table>");
    } else if (is(n, "tr") || is(n, "table-row")) {
      vb_buf_puts(b, "<tr>");
      norm_blocks(odt, n->children, auto_styles, b);
      vb_buf_puts(b, "</tr>");
    } else if (is(n, "tc") || is(n, "table-cell")) {
      vb_buf_puts(b, "<tc>");
      norm_blocks(odt, n->children, auto_styles, b);
      vb_buf_puts(b, "</tc>");
    } else {
      norm_blocks(odt, n->children, auto_styles, b); /* header rows, sections, content controls */
    }
  }
}

static const xmlNode *find(const xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (is(n, name)) return n;
    const xmlNode *r = n->type == XML_ELEMENT_NODE ? find(n->children, name) : NULL;
    if (r) return r;
  }
  return NULL;
}

/* The rendered main part's body in the neutral notation, or -1. */
static int normalize(int odt, const char *xml, vb_buf *out) {
  xmlDocPtr x = xmlReadMemory(xml, (int)strlen(xml), "out", "UTF-8", XML_PARSE_NONET);
  if (!x) return -1;
  const xmlNode *root = xmlDocGetRootElement(x);
  const xmlNode *body = find(root, odt ? "text" : "body");
  const xmlNode *auto_styles = odt ? find(root->children, "automatic-styles") : NULL;
  if (body) norm_blocks(odt, body->children, auto_styles, out);
  xmlFreeDoc(x);
  return body ? 0 : -1;
}

/* ---- running a case ---------------------------------------------------------------------- */

static char *all_diags(vb_diags *d) {
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; i < vb_diags_count(d); i++)
    vb_buf_printf(&b, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  return vb_buf_detach(&b, NULL);
}

static void fail_case(spec_case *c, int odt, int marks, const char *what, const char *got) {
  vb_test_failed++;
  fprintf(stderr, "%s:%u: %s, %s: %s\n", c->file, c->line, odt ? "ODT" : "DOCX",
          marks ? "marks" : "no marks", what);
  if (c->is_error)
    fprintf(stderr, "  want messages:\n%s", vb_buf_cstr(&c->expect));
  else
    fprintf(stderr, "  want: %s\n", vb_buf_cstr(&c->expect));
  fprintf(stderr, "  got:  %s\n", got ? got : "(nothing)");
}

static void run_one(spec_case *c, int odt, int marks) {
  vb_diags *d = vb_diags_new();
  vb_buf body = VB_BUF_INIT, got = VB_BUF_INIT;
  nrenders++;
  if (translate(odt, vb_buf_cstr(&c->tpl), &body) != 0) {
    fail_case(c, odt, marks, "the template is not in the neutral notation", NULL);
    goto out;
  }
  vb_template *t = frag_template(odt, body.data, d);
  vb_data *data =
      t ? vb_data_load_memory(c->data.data, c->data.len, "data.json", VB_DATA_RAW, d) : NULL;
  char *xml = NULL;
  if (data) {
    void *pkg;
    size_t len;
    unsigned flags =
        (marks ? 0 : VB_RENDER_NO_MARKS) | (c->opts & OPT_LENIENT ? VB_RENDER_LENIENT : 0);
    if (vb_render_memory(t, data, flags, &pkg, &len, d) == VB_OK) {
      xml = frag_main_part(odt, pkg, len, d);
      free(pkg);
    }
  }
  char *msgs = all_diags(d);
  if (c->is_error) {
    if (xml) {
      fail_case(c, odt, marks, "rendered, but an error was expected", msgs);
    } else {
      /* Every line of the case is in the messages. */
      const char *e = vb_buf_cstr(&c->expect);
      int ok = 1;
      while (*e) {
        const char *nl = strchr(e, '\n');
        char *want = strndup(e, (size_t)(nl - e));
        ok &= strstr(msgs, want) != NULL;
        free(want);
        e = nl + 1;
      }
      if (ok)
        vb_test_passed++;
      else
        fail_case(c, odt, marks, "the messages differ", msgs);
    }
  } else if (!xml) {
    fail_case(c, odt, marks, "did not render", msgs);
  } else if (normalize(odt, xml, &got) != 0) {
    fail_case(c, odt, marks, "the output is not a document body", xml);
  } else if (strcmp(vb_buf_cstr(&got), vb_buf_cstr(&c->expect)) != 0) {
    fail_case(c, odt, marks, "the body differs", vb_buf_cstr(&got));
  } else {
    vb_test_passed++;
  }
  free(msgs);
  free(xml);
  vb_data_free(data);
  vb_template_free(t);
out:
  vb_buf_free(&body), vb_buf_free(&got);
  vb_diags_free(d);
}

static void run_case(spec_case *c) {
  ncases++;
  for (int odt = 0; odt < 2; odt++) {
    if ((c->opts & OPT_DOCX && odt) || (c->opts & OPT_ODT && !odt)) continue;
    for (int marks = 1; marks >= 0; marks--) {
      if ((c->opts & OPT_MARKS && !marks) || (c->opts & OPT_NO_MARKS && marks)) continue;
      run_one(c, odt, marks);
    }
  }
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  const char *dir = VB_SOURCE_DIR "/tests/spec";
  DIR *dh = opendir(dir);
  CHECK(dh != NULL);
  char *names[256];
  size_t n = 0;
  for (struct dirent *e; dh && (e = readdir(dh)) && n < 256;) {
    size_t l = strlen(e->d_name);
    if (l > 4 && !strcmp(e->d_name + l - 4, ".txt")) names[n++] = strdup(e->d_name);
  }
  if (dh) closedir(dh);
  qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    run_file(dir, names[i]);
    free(names[i]);
  }
  printf("%zu spec files, %d cases, %d renders\n", n, ncases, nrenders);
  CHECK(ncases > 0);
  TEST_MAIN_END();
}
