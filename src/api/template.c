/* vb_template: a compiled template package (src/tpl/package.h) with its
 * name, and what `vanban fields` lists of it. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "pkg/pkg.h"
#include "util/diag.h"

static vb_template *finish_open(vb_template *t, vb_pkg *pkg, vb_diags *d) {
  if (!pkg || vb_tpl_package_compile(&t->tp, pkg, t->name, d) != 0) {
    vb_template_free(t);
    return NULL;
  }
  return t;
}

vb_template *vb_template_open(const char *path, unsigned flags, vb_diags *d) {
  if (!path) return NULL;
  vb_template *t = vb_xcalloc(1, sizeof(vb_template));
  t->name = vb_xstrdup(path);
  return finish_open(t, vb_pkg_open_file(path, NULL, d), d);
}

vb_template *vb_template_open_memory(const void *data, size_t len, const char *name, unsigned flags,
                                     vb_diags *d) {
  if (!data) return NULL;
  vb_template *t = vb_xcalloc(1, sizeof(vb_template));
  t->name = vb_xstrdup(name ? name : "(template)");
  t->bytes = vb_xmalloc(len);
  memcpy(t->bytes, data, len);
  return finish_open(t, vb_pkg_open_memory(t->bytes, len, t->name, NULL, d), d);
}

vb_format_kind vb_template_format(const vb_template *t) {
  return t && t->tp.doc ? t->tp.doc->kind : 0;
}

void vb_template_free(vb_template *t) {
  if (!t) return;
  vb_tpl_package_free(&t->tp);
  free(t->bytes);
  free(t->name);
  free(t);
}

size_t vb_template_field_count(const vb_template *t) { return t ? t->tp.ntags : 0; }

int vb_template_field(const vb_template *t, size_t i, vb_field *out) {
  if (!t || i >= t->tp.ntags) return -1;
  const vb_tag *tag = t->tp.tags[i];
  out->kind = vb_tag_kind_names[tag->kind];
  out->text = tag->text;
  out->where = tag->where;
  out->excerpt = tag->excerpt;
  return 0;
}

typedef struct name_set {
  const char **names;
  size_t len, cap;
  const char **locals; /* loop variables and sets, excluded */
  size_t nlocals, lcap;
} name_set;

static void add_name(const char ***arr, size_t *len, size_t *cap, const char *name) {
  for (size_t i = 0; i < *len; i++)
    if (!strcmp((*arr)[i], name)) return;
  if (*len == *cap) {
    *cap = *cap ? *cap * 2 : 16;
    *arr = vb_xrealloc(*arr, *cap * sizeof(char *));
  }
  (*arr)[(*len)++] = name;
}

static void collect_name(void *ud, const char *name) {
  name_set *s = ud;
  add_name(&s->names, &s->len, &s->cap, name);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void vb_template_variables(const vb_template *t, void (*fn)(void *ud, const char *name), void *ud) {
  if (!t) return;
  name_set s = {0};
  for (size_t i = 0; i < t->tp.ntags; i++) {
    const vb_tag *tag = t->tp.tags[i];
    if (tag->var1) add_name(&s.locals, &s.nlocals, &s.lcap, tag->var1);
    if (tag->var2) add_name(&s.locals, &s.nlocals, &s.lcap, tag->var2);
    vb_expr_collect_names(tag->expr, collect_name, &s);
  }
  if (s.len) qsort(s.names, s.len, sizeof(char *), cmp_str);
  for (size_t i = 0; i < s.len; i++) {
    int local = !strcmp(s.names[i], "loop");
    for (size_t k = 0; k < s.nlocals && !local; k++)
      local = !strcmp(s.names[i], s.locals[k]);
    if (!local) fn(ud, s.names[i]);
  }
  free(s.names);
  free(s.locals);
}
