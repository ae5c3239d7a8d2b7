/* What both formats' landscape passes share (fmt/pages.h). */
#include "fmt/pages.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

void vb_page_ctx_turn(vb_page_ctx *pc, const char *name) {
  for (size_t i = 0; i < pc->nturned; i++)
    if (!strcmp(pc->turned[i], name)) return;
  if (pc->nturned == pc->cap) {
    pc->cap = pc->cap ? pc->cap * 2 : 4;
    pc->turned = vb_xrealloc(pc->turned, pc->cap * sizeof *pc->turned);
  }
  pc->turned[pc->nturned++] = vb_xstrdup(name);
}

void vb_page_ctx_free(vb_page_ctx *pc) {
  for (size_t i = 0; i < pc->nturned; i++)
    free(pc->turned[i]);
  free(pc->turned);
  pc->turned = NULL;
  pc->nturned = pc->cap = 0;
}

/* The mark's namespace name is in every part that holds one: looking for it
 * spares the parse and the re-serialisation of the parts (nearly all) that
 * turn no page, which would otherwise double a render's XML work. */
int vb_pages_marked(const vb_buf *xml) {
  static const char needle[] = VB_NS_PAGE;
  const size_t n = sizeof needle - 1;
  for (size_t i = 0; i + n <= xml->len; i++) {
    const char *hit = memchr(xml->data + i, needle[0], xml->len - i - n + 1);
    if (!hit) return 0;
    i = (size_t)(hit - xml->data);
    if (!memcmp(hit, needle, n)) return 1;
  }
  return 0;
}

double vb_page_length_mm(const char *s) {
  if (!s) return -1;
  char *end = NULL;
  double v = strtod(s, &end);
  if (end == s) return -1;
  static const struct {
    const char *unit;
    double mm;
  } units[] = {{"mm", 1}, {"cm", 10}, {"in", 25.4}, {"pt", 25.4 / 72}, {"pc", 25.4 / 6}};
  for (size_t i = 0; i < sizeof units / sizeof *units; i++)
    if (!strcmp(end, units[i].unit)) return v * units[i].mm;
  return -1;
}
