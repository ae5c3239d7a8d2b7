#include "util/diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util/buf.h"

typedef struct vb_diag_item {
  vb_diag pub;
  char *text; /* formatted lazily by vb_diag_text */
} vb_diag_item;

struct vb_diags {
  vb_diag_item **items;
  size_t len, cap;
};

vb_diags *vb_diags_new(void) { return vb_xcalloc(1, sizeof(vb_diags)); }

size_t vb_diags_count(const vb_diags *d) { return d ? d->len : 0; }

size_t vb_diags_errors(const vb_diags *d) {
  size_t n = 0;
  for (size_t i = 0; d && i < d->len; i++)
    if (d->items[i]->pub.severity == VB_SEV_ERROR) n++;
  return n;
}

const vb_diag *vb_diags_get(const vb_diags *d, size_t i) {
  return d && i < d->len ? &d->items[i]->pub : NULL;
}

vb_status vb_diags_status(const vb_diags *d) {
  for (size_t i = 0; d && i < d->len; i++)
    if (d->items[i]->pub.severity == VB_SEV_ERROR) return d->items[i]->pub.code;
  return VB_OK;
}

static void item_free(vb_diag_item *it) {
  free((char *)it->pub.file);
  free((char *)it->pub.where);
  free((char *)it->pub.message);
  free((char *)it->pub.hint);
  free((char *)it->pub.rule);
  free(it->text);
  free(it);
}

void vb_diags_clear(vb_diags *d) {
  if (!d) return;
  for (size_t i = 0; i < d->len; i++)
    item_free(d->items[i]);
  d->len = 0;
}

void vb_diags_free(vb_diags *d) {
  if (!d) return;
  vb_diags_clear(d);
  free(d->items);
  free(d);
}

static void push(vb_diags *d, vb_diag_item *it) {
  if (d->len == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 8;
    d->items = vb_xrealloc(d->items, d->cap * sizeof(*d->items));
  }
  d->items[d->len++] = it;
}

static void add(vb_diags *d, vb_status code, vb_severity sev, const char *rule, const char *file,
                const char *where, const char *hint, const char *fmt, va_list ap) {
  vb_diag_item *it = vb_xcalloc(1, sizeof(*it));
  it->pub.code = code;
  it->pub.severity = sev;
  it->pub.file = file ? vb_xstrdup(file) : NULL;
  it->pub.where = where ? vb_xstrdup(where) : NULL;
  it->pub.hint = hint ? vb_xstrdup(hint) : NULL;
  it->pub.rule = rule ? vb_xstrdup(rule) : NULL;
  vb_buf b = VB_BUF_INIT;
  vb_buf_vprintf(&b, fmt, ap);
  it->pub.message = vb_buf_detach(&b, NULL);
  push(d, it);
}

void vb_diag_add_rule(vb_diags *d, vb_status code, vb_severity sev, const char *rule,
                      const char *file, const char *where, const char *hint, const char *fmt, ...) {
  if (!d) return;
  va_list ap;
  va_start(ap, fmt);
  add(d, code, sev, rule, file, where, hint, fmt, ap);
  va_end(ap);
}

void vb_diags_move(vb_diags *dst, vb_diags *src) {
  if (!dst || !src || dst == src) return;
  for (size_t i = 0; i < src->len; i++)
    push(dst, src->items[i]);
  src->len = 0;
}

const char *vb_diag_text(const vb_diag *diag) {
  if (!diag) return "";
  vb_diag_item *it = (vb_diag_item *)diag; /* pub is the first member */
  if (it->text) return it->text;
  vb_buf b = VB_BUF_INIT;
  if (diag->file) vb_buf_printf(&b, "%s: ", diag->file);
  if (diag->where) vb_buf_printf(&b, "%s: ", diag->where);
  vb_buf_puts(&b, diag->severity == VB_SEV_ERROR ? "lỗi: " : "cảnh báo: ");
  vb_buf_puts(&b, diag->message);
  if (diag->rule) vb_buf_printf(&b, " [%s]", diag->rule);
  if (diag->hint) vb_buf_printf(&b, "\n  gợi ý: %s", diag->hint);
  it->text = vb_buf_detach(&b, NULL);
  return it->text;
}

const char *vb_version(void) { return VANBAN_VERSION; }
