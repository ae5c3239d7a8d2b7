/* Generic filters (Jinja names). The Vietnamese formatters live in
 * filters_vi.c; both are listed in the one table at the end of this file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/expr.h"
#include "tpl/filters.h"
#include "util/buf.h"

static vb_value *text_value(vb_eval *ev, vb_buf *b) {
  vb_value *v = vb_val_str(ev->a, vb_buf_cstr(b), b->len);
  vb_buf_free(b);
  return v;
}

int vb_filter_fail(vb_eval *ev, const char *hint, const char *msg) {
  return vb_filter_fail_rule(ev, "tpl.filter-input", hint, msg);
}

int vb_filter_fail_rule(vb_eval *ev, const char *rule, const char *hint, const char *msg) {
  if (!ev->err) {
    ev->err = vb_arena_strdup(ev->a, msg);
    ev->err_rule = rule;
    ev->err_hint = hint;
  }
  return -1;
}

/* Undefined input stays undefined, so the caller reports the missing path
 * (or renders nothing with --lenient) instead of the filter inventing text. */
#define PASS_UNDEFINED(in, out)                                                                    \
  do {                                                                                             \
    if (!(in)) {                                                                                   \
      *(out) = NULL;                                                                               \
      return 0;                                                                                    \
    }                                                                                              \
  } while (0)

static int f_default(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  /* default(x, true) also replaces falsy values, as in Jinja. */
  int boolean = n > 1 && vb_val_truthy(args[1]);
  if (!in || (in->kind == VB_NULL) || (boolean && !vb_val_truthy(in)))
    *out = n > 0 && args[0] ? args[0] : vb_val_strz(ev->a, "");
  else
    *out = in;
  return 0;
}

static int f_string(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  vb_buf b = VB_BUF_INIT;
  vb_value_to_text(in, &b);
  *out = text_value(ev, &b);
  return 0;
}

static int f_length(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  size_t len = 0;
  if (in->kind == VB_ARR)
    len = in->u.arr.len;
  else if (in->kind == VB_OBJ)
    len = in->u.obj.len;
  else if (in->kind == VB_STR)
    for (size_t i = 0; i < in->u.str.len; i++)
      len += ((unsigned char)in->u.str.s[i] & 0xC0) != 0x80;
  *out = vb_val_num(ev->a, (double)len);
  return 0;
}

static int f_first(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  *out = in->kind == VB_ARR && in->u.arr.len ? in->u.arr.items[0] : NULL;
  return 0;
}

static int f_last(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  *out = in->kind == VB_ARR && in->u.arr.len ? in->u.arr.items[in->u.arr.len - 1] : NULL;
  return 0;
}

static int f_join(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_ARR)
    return vb_filter_fail(ev, "dùng join cho một danh sách", "join cần một danh sách");
  vb_buf b = VB_BUF_INIT;
  for (size_t i = 0; i < in->u.arr.len; i++) {
    if (i && n > 0 && args[0]) vb_value_to_text(args[0], &b);
    vb_value_to_text(in->u.arr.items[i], &b);
  }
  *out = text_value(ev, &b);
  return 0;
}

static int f_trim(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  vb_buf b = VB_BUF_INIT;
  vb_value_to_text(in, &b);
  const char *s = vb_buf_cstr(&b);
  size_t start = 0, end = b.len;
  while (start < end && strchr(" \t\n\r", s[start]))
    start++;
  while (end > start && strchr(" \t\n\r", s[end - 1]))
    end--;
  *out = vb_val_str(ev->a, s + start, end - start);
  vb_buf_free(&b);
  return 0;
}

static int f_replace(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (n < 2 || !args[0] || !args[1])
    return vb_filter_fail(ev, "viết replace(\"cũ\", \"mới\")", "replace cần hai đối số");
  vb_buf src = VB_BUF_INIT, from = VB_BUF_INIT, to = VB_BUF_INIT, b = VB_BUF_INIT;
  vb_value_to_text(in, &src);
  vb_value_to_text(args[0], &from);
  vb_value_to_text(args[1], &to);
  /* By lengths, not as C strings: a string may hold a NUL byte (a template
   * literal "\0"), which must neither end the search nor let it run past the
   * end (found by fuzz_tags). */
  const char *p = vb_buf_cstr(&src), *f = vb_buf_cstr(&from);
  size_t i = 0, start = 0;
  while (from.len && i + from.len <= src.len) {
    if (memcmp(p + i, f, from.len) == 0) {
      vb_buf_put(&b, p + start, i - start);
      vb_buf_put(&b, vb_buf_cstr(&to), to.len);
      i += from.len;
      start = i;
    } else {
      i++;
    }
  }
  vb_buf_put(&b, p + start, src.len - start);
  vb_buf_free(&src);
  vb_buf_free(&from);
  vb_buf_free(&to);
  *out = text_value(ev, &b);
  return 0;
}

static int f_round(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_NUM)
    return vb_filter_fail(ev, "cho bộ lọc một số: một trường số của dữ liệu, hoặc dùng bộ lọc khác",
                          "round cần một số");
  double want = n > 0 && args[0] && args[0]->kind == VB_NUM ? args[0]->u.num : 0;
  /* Beyond 15 digits a double has nothing left to round. */
  int digits = want > 15 ? 15 : want < -15 ? -15 : (int)want;
  double scale = pow(10, digits);
  /* Half away from zero, as officials round by hand (Jinja's "common"). */
  *out = vb_val_num(ev->a, round(in->u.num * scale) / scale);
  return 0;
}

static int f_int(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x = 0;
  if (in->kind == VB_NUM)
    x = in->u.num;
  else if (in->kind == VB_STR)
    x = strtod(in->u.str.s, NULL);
  else if (in->kind == VB_BOOL)
    x = in->u.b;
  *out = vb_val_num(ev->a, trunc(x));
  return 0;
}

static int f_abs(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_NUM)
    return vb_filter_fail(ev, "cho bộ lọc một số: một trường số của dữ liệu, hoặc dùng bộ lọc khác",
                          "abs cần một số");
  *out = vb_val_num(ev->a, fabs(in->u.num));
  return 0;
}

static int f_sum(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_ARR)
    return vb_filter_fail(ev, "dùng sum cho một danh sách số", "sum cần một danh sách");
  const char *attr = n > 0 && args[0] && args[0]->kind == VB_STR ? args[0]->u.str.s : NULL;
  double s = 0;
  for (size_t i = 0; i < in->u.arr.len; i++) {
    vb_value *x = attr ? vb_obj_get(in->u.arr.items[i], attr) : in->u.arr.items[i];
    if (x && x->kind == VB_NUM) s += x->u.num;
  }
  *out = vb_val_num(ev->a, s);
  return 0;
}

/* items: an object as a list of [key, value] pairs, for `for k, v in d | items`. */
static int f_items(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_OBJ)
    return vb_filter_fail(ev, "dùng items cho một đối tượng { … }", "items cần một đối tượng");
  vb_value *r = vb_val_arr(ev->a);
  for (size_t i = 0; i < in->u.obj.len; i++) {
    vb_value *pair = vb_val_arr(ev->a);
    vb_arr_push(ev->a, pair, vb_val_strz(ev->a, in->u.obj.items[i].key));
    vb_arr_push(ev->a, pair, in->u.obj.items[i].val);
    vb_arr_push(ev->a, r, pair);
  }
  *out = r;
  return 0;
}

static int f_identity(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  *out = in;
  return 0;
}

/* dinh_dang (inline emphasis) is not computed here: the compiler takes it off
 * the end of a {{ … }} tag and the renderer writes the value as runs. Met
 * anywhere else, the compiler refuses the tag; this is the safety net. */
static int f_emphasis(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  (void)in, (void)args, (void)n, (void)out;
  return vb_filter_fail(ev, "viết dinh_dang là bộ lọc cuối: {{ x | default(\"\") | dinh_dang }}",
                        "dinh_dang phải là bộ lọc cuối cùng của một giá trị {{ … }}");
}

/* Parameter names, for keyword arguments. */
static const char *const p_default[] = {"value", "boolean", NULL};
static const char *const p_join[] = {"d", "attribute", NULL};
static const char *const p_replace[] = {"old", "new", "count", NULL};
static const char *const p_round[] = {"precision", "method", NULL};
static const char *const p_sum[] = {"attribute", "start", NULL};

static const struct {
  const char *name;
  vb_filter_fn fn;
  const char *const *params;
} filters[] = {{"default", f_default, p_default},
               {"d", f_default, p_default},
               {"string", f_string, NULL},
               {"length", f_length, NULL},
               {"count", f_length, NULL},
               {"first", f_first, NULL},
               {"last", f_last, NULL},
               {"join", f_join, p_join},
               {"trim", f_trim, NULL},
               {"replace", f_replace, p_replace},
               {"round", f_round, p_round},
               {"int", f_int, NULL},
               {"abs", f_abs, NULL},
               {"sum", f_sum, p_sum},
               {"items", f_items, NULL},
               /* Every value is escaped on output, always; these exist so Jinja
                * templates that say |e or |safe keep working unchanged. */
               {"e", f_identity, NULL},
               {"escape", f_identity, NULL},
               {"safe", f_identity, NULL},
               {"dinh_dang", f_emphasis, NULL},
               VB_FILTERS_VI VB_FILTERS_RICH};

vb_filter_fn vb_filter_find(const char *name) {
  for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
    if (strcmp(filters[i].name, name) == 0) return filters[i].fn;
  return NULL;
}

const char *const *vb_filter_params(const char *name) {
  for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
    if (strcmp(filters[i].name, name) == 0) return filters[i].params;
  return NULL;
}

const char *const *vb_filter_names(void) {
  static const char *names[sizeof filters / sizeof filters[0] + 1];
  if (!names[0])
    for (size_t i = 0; i < sizeof filters / sizeof filters[0]; i++)
      names[i] = filters[i].name;
  return names;
}
