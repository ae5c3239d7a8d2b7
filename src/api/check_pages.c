/* vb_check_set_pages: the page of each finding, from the text of the
 * document's pages (pdftotext: a form feed between pages). Paragraphs are
 * looked up in order, by their first letters with all spaces removed (the
 * renderer breaks lines and spaces them its own way), never going back. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "fmt/doc.h"
#include "proof/proof.h"
#include "util/buf.h"

#define PROBE 24 /* bytes of a paragraph's text looked for */

static const char *find(const char *hay, size_t n, const char *needle, size_t m) {
  if (m == 0 || m > n) return NULL;
  for (const char *p = hay; (p = memchr(p, needle[0], (size_t)(hay + n - m + 1 - p))) != NULL; p++)
    if (!memcmp(p, needle, m)) return p;
  return NULL;
}

/* Text without white space, and for each kept byte its page. */
static void squeeze(const char *s, size_t n, vb_buf *out, int **pages) {
  *pages = vb_xmalloc((n + 1) * sizeof **pages);
  int page = 1;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\f') {
      page++;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
      i++;
      continue;
    }
    (*pages)[out->len] = page;
    vb_buf_putc(out, (char)c);
  }
}

size_t vb_check_set_pages(vb_check *c, const char *text, size_t len) {
  if (!c || !c->is_doc || !text) return 0;
  vb_doc *doc = c->proof->doc;
  vb_buf all = VB_BUF_INIT;
  int *pages = NULL;
  squeeze(text, len, &all, &pages);
  int *para_page = vb_xcalloc(doc->nbody + 1, sizeof *para_page);
  size_t cursor = 0;
  vb_buf probe = VB_BUF_INIT;
  for (size_t i = 0; i < doc->nbody && all.len; i++) {
    const vb_doc_para *p = &doc->paras[i];
    vb_buf_clear(&probe);
    vb_buf_puts(&probe, "");
    for (size_t k = 0; k < p->len && probe.len < PROBE; k++) {
      unsigned char ch = (unsigned char)p->text[k];
      if (ch == ' ' || ch == '\t' || ch == '\n') continue;
      if (ch == 0xC2 && k + 1 < p->len && (unsigned char)p->text[k + 1] == 0xA0) {
        k++;
        continue;
      }
      vb_buf_putc(&probe, (char)ch);
    }
    /* cut at a character boundary */
    while (probe.len && ((unsigned char)probe.data[probe.len - 1] & 0xC0) == 0x80)
      probe.len--;
    while (probe.len && (unsigned char)probe.data[probe.len - 1] >= 0xC0)
      probe.len--;
    if (probe.len < 4) continue;
    probe.data[probe.len] = 0;
    const char *hit = find(all.data + cursor, all.len - cursor, probe.data, probe.len);
    if (!hit) continue;
    size_t at = (size_t)(hit - all.data);
    para_page[i] = pages[at];
    cursor = at + 1;
  }
  vb_buf_free(&probe);
  size_t got = 0;
  for (size_t i = 0; i < c->n; i++) {
    long para = c->para_of[i];
    int page = 0;
    /* a paragraph not found (an empty one, a rule) takes the page of the
     * nearest one before it */
    for (long k = para; k >= 0 && (size_t)k < doc->nbody && !page; k--)
      page = para_page[k];
    if (!page) continue;
    vb_finding *f = &c->out[i];
    f->page = page;
    vb_buf b = VB_BUF_INIT;
    vb_buf_printf(&b, "trang %d, %s", page, f->place);
    f->place = vb_arena_strndup(c->a, b.data, b.len);
    vb_buf_free(&b);
    got++;
  }
  free(para_page);
  free(pages);
  vb_buf_free(&all);
  return got;
}
