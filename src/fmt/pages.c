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
