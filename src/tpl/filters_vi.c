/* Filters that write Vietnamese the way official documents do. The language
 * work happens in src/vi (ICU); this file only adapts values and arguments. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/filters.h"
#include "util/buf.h"
#include "vi/vi.h"

static vb_value *done(vb_eval *ev, vb_buf *b) {
  vb_value *v = vb_val_str(ev->a, vb_buf_cstr(b), b->len);
  vb_buf_free(b);
  return v;
}

/* Text of the input (numbers as templates print them). */
static void input_text(const vb_value *in, vb_buf *b) { vb_value_to_text(in, b); }

/* A number from a number or a numeric string ("2335", "41.29"). */
static int input_number(const vb_value *in, double *x) {
  if (in->kind == VB_NUM) {
    *x = in->u.num;
    return 1;
  }
  if (in->kind == VB_STR && in->u.str.len) {
    char *end;
    *x = strtod(in->u.str.s, &end);
    return *end == '\0';
  }
  return 0;
}

/* Keyword names of the arguments, in order (tpl/filters.h). */
const char *const vb_params_so[] = {"max", "min", NULL};
const char *const vb_params_phan_tram[] = {"max", NULL};
const char *const vb_params_ty_le[] = {"mau", "max", NULL};
const char *const vb_params_sap_xep[] = {"attribute", "kieu", NULL};

static int int_arg(vb_value **args, size_t n, size_t i, int dflt) {
  if (!(i < n && args[i] && args[i]->kind == VB_NUM)) return dflt;
  double x = args[i]->u.num;
  /* Counts of digits: 0 to 15 is all a double can show. */
  return x > 15 ? 15 : x < 0 ? 0 : (int)x;
}

#define PASS_UNDEFINED(in, out)                                                                    \
  do {                                                                                             \
    if (!(in) || (in)->kind == VB_NULL) {                                                          \
      *(out) = (in);                                                                               \
      return 0;                                                                                    \
    }                                                                                              \
  } while (0)

static int map_case(vb_eval *ev, vb_value *in, vb_value **out, void (*fn)(vb_buf *, const char *)) {
  PASS_UNDEFINED(in, out);
  vb_buf t = VB_BUF_INIT, r = VB_BUF_INIT;
  input_text(in, &t);
  fn(&r, vb_buf_cstr(&t));
  vb_buf_free(&t);
  *out = done(ev, &r);
  return 0;
}

int vb_filter_upper(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return map_case(ev, in, out, vi_upper);
}

int vb_filter_lower(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return map_case(ev, in, out, vi_lower);
}

int vb_filter_capitalize(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return map_case(ev, in, out, vi_capitalize_first);
}

/* so(max_frac=2, min_frac=0): 2092423000 → "2.092.423.000", 41.29 → "41,29". */
int vb_filter_number(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x;
  if (!input_number(in, &x))
    return vb_filter_fail(ev, "cho bộ lọc một số: một trường số của dữ liệu, hoặc dùng bộ lọc khác",
                          "bộ lọc so cần một số");
  vb_buf b = VB_BUF_INIT;
  vi_format_number(&b, x, int_arg(args, n, 1, 0), int_arg(args, n, 0, 2));
  *out = done(ev, &b);
  return 0;
}

/* phan_tram(max_frac=1): 58.6 → "58,6%" (the input is already a percentage). */
int vb_filter_percent(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x;
  if (!input_number(in, &x))
    return vb_filter_fail(ev, "cho bộ lọc một số: một trường số của dữ liệu, hoặc dùng bộ lọc khác",
                          "bộ lọc phan_tram cần một số");
  vb_buf b = VB_BUF_INIT;
  vi_format_percent(&b, x, int_arg(args, n, 0, 1));
  *out = done(ev, &b);
  return 0;
}

/* ty_le(denominator, max_frac=1): numerator | ty_le(denominator) → "58,6%". */
int vb_filter_rate(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x, y;
  if (!input_number(in, &x) || n < 1 || !args[0] || !input_number(args[0], &y))
    return vb_filter_fail(ev, "viết tu | ty_le(mau), với tử số và mẫu số là số",
                          "ty_le cần một tử số và một mẫu số");
  if (y == 0) return vb_filter_fail(ev, "xem lại mẫu số trong dữ liệu", "ty_le: mẫu số bằng 0");
  vb_buf b = VB_BUF_INIT;
  vi_format_percent(&b, x / y * 100.0, int_arg(args, n, 1, 1));
  *out = done(ev, &b);
  return 0;
}

static int date_filter(vb_eval *ev, vb_value *in, vb_value **out,
                       void (*fn)(vb_buf *, int, int, int)) {
  PASS_UNDEFINED(in, out);
  int y, m, d;
  if (in->kind != VB_STR || vi_parse_date(in->u.str.s, &y, &m, &d) != 0)
    return vb_filter_fail(ev, "viết ngày dạng 2024-06-20, 2024-06 hoặc 20/06/2024",
                          "giá trị này không phải một ngày");
  vb_buf b = VB_BUF_INIT;
  fn(&b, y, m, d);
  *out = done(ev, &b);
  return 0;
}

/* ngay: "2024-02-05" → "ngày 05 tháng 02 năm 2024" (Nghị định 30's leading zeros). */
int vb_filter_date_long(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return date_filter(ev, in, out, vi_format_date_long);
}

/* ngay_ngan: "2024-06-13" → "13/06/2024". */
int vb_filter_date_short(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return date_filter(ev, in, out, vi_format_date_short);
}

/* chu / chu_dong: amounts in words, "Hai tỷ không trăm … đồng". Optional
 * argument: a string of options "le" (lẻ for linh), "bon" (bốn for tư),
 * "ngan" (ngàn for nghìn), "thuong" (no capital letter). */
static int words(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out,
                 unsigned base) {
  PASS_UNDEFINED(in, out);
  double x;
  if (!input_number(in, &x) || fabs(x) > 9.2e18 || x != floor(x))
    return vb_filter_fail(ev, "cho một số nguyên", "đọc số thành chữ cần một số nguyên");
  unsigned flags = base | VI_WORDS_CAPITAL;
  if (n > 0 && args[0] && args[0]->kind == VB_STR) {
    const char *o = args[0]->u.str.s;
    if (strstr(o, "le")) flags |= VI_WORDS_LE;
    if (strstr(o, "bon")) flags |= VI_WORDS_BON;
    if (strstr(o, "ngan")) flags |= VI_WORDS_NGAN;
    if (strstr(o, "thuong")) flags &= ~(unsigned)VI_WORDS_CAPITAL;
  }
  vb_buf b = VB_BUF_INIT;
  vi_spell_number(&b, (long long)x, flags);
  *out = done(ev, &b);
  return 0;
}

int vb_filter_words(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return words(ev, in, args, n, out, 0);
}

int vb_filter_words_dong(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  return words(ev, in, args, n, out, VI_WORDS_DONG);
}

int vb_filter_roman(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x;
  if (!input_number(in, &x) || !(x >= 1 && x < 4000))
    return vb_filter_fail(ev, "cho một số nguyên từ 1 đến 3999",
                          "la_ma cần một số nguyên từ 1 đến 3999");
  vb_buf b = VB_BUF_INIT;
  vi_roman(&b, (int)x);
  *out = done(ev, &b);
  return 0;
}

int vb_filter_letter(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  double x;
  if (!input_number(in, &x) || !(x >= 1 && x < 100000))
    return vb_filter_fail(ev, "cho một số nguyên từ 1 đến 99999",
                          "chu_cai cần một số nguyên từ 1 đến 99999");
  vb_buf b = VB_BUF_INIT;
  vi_letter(&b, (int)x);
  *out = done(ev, &b);
  return 0;
}

/* sap_xep(attribute=none, "ten_nguoi"): sort a list with Vietnamese
 * collation; "ten_nguoi" sorts person names by given name first. */
typedef struct keyed {
  const char *key;
  vb_value *val;
  size_t pos;
} keyed;

static _Thread_local int person_order;

static int cmp_keyed(const void *a, const void *b) {
  const keyed *x = a, *y = b;
  int c = person_order ? vi_collate_person(x->key, y->key) : vi_collate(x->key, y->key);
  return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

int vb_filter_sort(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  PASS_UNDEFINED(in, out);
  if (in->kind != VB_ARR)
    return vb_filter_fail(ev, "dùng sap_xep cho một danh sách", "sap_xep cần một danh sách");
  const char *attr = n > 0 && args[0] && args[0]->kind == VB_STR ? args[0]->u.str.s : NULL;
  int person =
      n > 1 && args[1] && args[1]->kind == VB_STR && !strcmp(args[1]->u.str.s, "ten_nguoi");
  keyed *k = vb_xcalloc(in->u.arr.len ? in->u.arr.len : 1, sizeof(keyed));
  for (size_t i = 0; i < in->u.arr.len; i++) {
    vb_value *v = in->u.arr.items[i];
    vb_value *kv = attr ? vb_obj_get(v, attr) : v;
    vb_buf t = VB_BUF_INIT;
    vb_value_to_text(kv, &t);
    k[i].key = vb_arena_strndup(ev->a, vb_buf_cstr(&t), t.len);
    vb_buf_free(&t);
    k[i].val = v;
    k[i].pos = i;
  }
  /* qsort has no context argument in C11: a thread-local flag carries it. */
  person_order = person;
  qsort(k, in->u.arr.len, sizeof(keyed), cmp_keyed);
  vb_value *r = vb_val_arr(ev->a);
  for (size_t i = 0; i < in->u.arr.len; i++)
    vb_arr_push(ev->a, r, k[i].val);
  free(k);
  *out = r;
  return 0;
}
