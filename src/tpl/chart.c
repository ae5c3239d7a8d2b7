/* The `bieu_do` filter: a list of the model's indicator groups or
 * indicators (or any list of objects, or the numbers written out) becomes a
 * chart the document holds as a native, editable chart (fmt/inline.h). The
 * values are read here and checked; the formats only draw them. Every
 * refusal says which item or argument is wrong and what to write. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/filters.h"
#include "tpl/rich.h"
#include "util/buf.h"

/* bieu_do(kieu, rong, cao, tieu_de, nhan, gia_tri, muc_tieu, ten, ten_muc_tieu, phan_tram, so_le)
 */
const char *const vb_params_bieu_do[] = {"kieu",         "rong",      "cao",      "tieu_de",
                                         "nhan",         "gia_tri",   "muc_tieu", "ten",
                                         "ten_muc_tieu", "phan_tram", "so_le",    NULL};
enum {
  P_KIEU,
  P_RONG,
  P_CAO,
  P_TIEU_DE,
  P_NHAN,
  P_GIA_TRI,
  P_MUC_TIEU,
  P_TEN,
  P_TEN_MUC_TIEU,
  P_PHAN_TRAM,
  P_SO_LE,
  P_N
};

/* Past these a chart cannot be read on an A4 page. */
#define MAX_CATEGORIES 60
#define MAX_SERIES 8

/* Default size: the text's width (at most 160 mm), 80 mm high. */
#define DEFAULT_WIDTH (160 * VB_EMU_PER_MM)
#define DEFAULT_HEIGHT (80 * VB_EMU_PER_MM)

static const vb_value *arg(vb_value **args, size_t n, size_t i) {
  return i < n && args[i] && args[i]->kind != VB_NULL ? args[i] : NULL;
}

static const char *str_arg(vb_value **args, size_t n, size_t i, const char *dflt) {
  const vb_value *v = arg(args, n, i);
  return v && v->kind == VB_STR ? v->u.str.s : dflt;
}

static int fail(vb_eval *ev, const char *rule, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int fail(vb_eval *ev, const char *rule, const char *hint, const char *fmt, ...) {
  vb_buf m = VB_BUF_INIT;
  vb_buf_puts(&m, "bieu_do: ");
  va_list ap;
  va_start(ap, fmt);
  char tmp[512];
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  vb_buf_puts(&m, tmp);
  int r = vb_filter_fail_rule(ev, rule, hint, vb_buf_cstr(&m));
  vb_buf_free(&m);
  return r;
}

/* Where the data wrote v: " (bc.json, dòng 4:12)", or "". */
static void where(const vb_value *v, char *out, size_t size) {
  if (v && v->line)
    snprintf(out, size, " (%s, dòng %u, cột %u)", v->src ? v->src : "dữ liệu", v->line,
             (unsigned)v->col);
  else if (v && v->src)
    snprintf(out, size, " (%s)", v->src);
  else
    out[0] = '\0';
}

/* A value of a series: a number, or a number written as text ("58,6",
 * "58,6%"); NaN for null or a missing field (a gap). 0, or -1 when it is
 * something else. */
static int number_of(const vb_value *v, double *out) {
  *out = NAN;
  if (!v || v->kind == VB_NULL) return 0;
  if (v->kind == VB_NUM) {
    *out = v->u.num;
    return isfinite(*out) ? 0 : -1;
  }
  if (v->kind != VB_STR) return -1;
  char tmp[64];
  size_t n = v->u.str.len < sizeof tmp - 1 ? v->u.str.len : sizeof tmp - 1;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    char c = v->u.str.s[i];
    if (c == '.') continue; /* Vietnamese thousands */
    tmp[k++] = c == ',' ? '.' : c;
  }
  tmp[k] = '\0';
  while (k && (tmp[k - 1] == '%' || tmp[k - 1] == ' '))
    tmp[--k] = '\0';
  if (!k) return 0;
  char *end;
  double x = strtod(tmp, &end);
  if (*end || !isfinite(x)) return -1;
  *out = x;
  return 0;
}

static const char *label_of(vb_eval *ev, const vb_value *v) {
  if (!v || v->kind == VB_NULL) return "";
  if (v->kind == VB_STR) return v->u.str.s;
  vb_buf b = VB_BUF_INIT;
  vb_value_to_text(v, &b);
  const char *s = vb_arena_strndup(ev->a, b.data ? b.data : "", b.len);
  vb_buf_free(&b);
  return s;
}

static int bad_number(vb_eval *ev, const char *series, size_t i, const vb_value *v) {
  char at[160];
  where(v, at, sizeof at);
  return fail(ev, "chart.not-number",
              "ghi số (58.6 hoặc \"58,6%\"), hoặc null cho một giá trị còn thiếu",
              "giá trị thứ %zu của \"%s\"%s không phải là số", i + 1, series, at);
}

/* The series' values are all missing: nothing to draw. */
static int no_numbers(vb_eval *ev, const char *series) {
  return fail(ev, "chart.no-numbers",
              "kiểm tra tên trường số liệu (gia_tri=…) và dữ liệu: mỗi mục cần một số",
              "\"%s\" không có số liệu nào để vẽ", series);
}

/* A list of objects: a category per item (its `nhan` field), a series of its
 * `gia_tri` field, and one of its `muc_tieu` field drawn as a line. */
static int from_list(vb_eval *ev, const vb_value *in, vb_value **args, size_t n, vb_chart *c) {
  size_t len = in->u.arr.len;
  const vb_value *first = in->u.arr.items[0];
  if (first->kind != VB_OBJ)
    return fail(ev, "chart.bad-value",
                "đưa vào danh sách nhóm chỉ tiêu (nhom_chi_tieu), danh sách chỉ tiêu của một nhóm, "
                "hoặc {\"nhan\": […], \"chuoi\": [{\"ten\": …, \"gia_tri\": […]}]}",
                "danh sách đưa vào phải gồm các đối tượng (nhóm, chỉ tiêu), không phải %s",
                vb_vkind_name(first->kind));
  /* The model's groups have ty_le_dat, its indicators ty_le. */
  const char *field = str_arg(args, n, P_GIA_TRI,
                              vb_obj_get(first, "ty_le_dat") ? "ty_le_dat"
                              : vb_obj_get(first, "ty_le")   ? "ty_le"
                                                             : NULL);
  if (!field)
    return fail(ev, "chart.no-numbers", "ghi tên trường số liệu: bieu_do(gia_tri=\"ten_truong\")",
                "không biết vẽ trường nào: các mục không có ty_le_dat (nhóm) hay ty_le (chỉ tiêu)");
  /* Groups are known by their names, indicators by their numbers (their
   * names are sentences, which no axis can hold). */
  const char *label = str_arg(args, n, P_NHAN, !strcmp(field, "ty_le") ? "ma" : "ten");
  const char *target = str_arg(args, n, P_MUC_TIEU, NULL);
  const char *dflt_name = !strcmp(field, "ty_le_dat") ? "Tỷ lệ chỉ tiêu đạt"
                          : !strcmp(field, "ty_le")   ? "Kết quả"
                                                      : field;
  size_t ns = target ? 2 : 1;
  const char **cats = vb_arena_alloc(ev->a, len * sizeof *cats);
  vb_chart_series *ser = vb_arena_alloc(ev->a, ns * sizeof *ser);
  memset(ser, 0, ns * sizeof *ser);
  ser[0].name = str_arg(args, n, P_TEN, dflt_name);
  if (target) {
    ser[1].name = str_arg(args, n, P_TEN_MUC_TIEU, "Chỉ tiêu");
    ser[1].as_line = 1;
  }
  const char *fields[2] = {field, target};
  for (size_t s = 0; s < ns; s++) {
    double *v = vb_arena_alloc(ev->a, len * sizeof *v);
    int any = 0;
    for (size_t i = 0; i < len; i++) {
      const vb_value *item = in->u.arr.items[i];
      if (item->kind != VB_OBJ)
        return fail(ev, "chart.bad-value", "mọi mục của danh sách phải là đối tượng như mục đầu",
                    "mục thứ %zu của danh sách là %s, không phải đối tượng", i + 1,
                    vb_vkind_name(item->kind));
      const vb_value *x = vb_obj_get(item, fields[s]);
      if (number_of(x, &v[i]) != 0) return bad_number(ev, fields[s], i, x);
      any |= !isnan(v[i]);
      if (s == 0) cats[i] = label_of(ev, vb_obj_get(item, label));
    }
    /* A target series with no number (targets in words) is left out. */
    if (!any && s == 0) return no_numbers(ev, fields[s]);
    if (!any) ns = 1;
    ser[s].values = v;
  }
  c->cats = cats;
  c->ncat = len;
  c->series = ser;
  c->nseries = ns;
  c->percent = 1;
  return 0;
}

/* {"nhan": ["A", "B"], "chuoi": [{"ten": "…", "gia_tri": [1, 2], "duong": true}],
 *  "phan_tram": false} */
static int from_object(vb_eval *ev, const vb_value *in, vb_chart *c) {
  static const char hint[] = "viết {\"nhan\": [\"Nhóm 1\", …], \"chuoi\": [{\"ten\": \"Tỷ lệ\", "
                             "\"gia_tri\": [58.6, …]}]}";
  const vb_value *nhan = vb_obj_get(in, "nhan"), *chuoi = vb_obj_get(in, "chuoi");
  if (!nhan || nhan->kind != VB_ARR || !chuoi || chuoi->kind != VB_ARR)
    return fail(ev, "chart.bad-value", hint,
                "đối tượng cần \"nhan\" (danh sách nhãn) và "
                "\"chuoi\" (danh sách chuỗi số liệu)");
  size_t len = nhan->u.arr.len, ns = chuoi->u.arr.len;
  if (!len) return fail(ev, "chart.empty", hint, "\"nhan\" rỗng: không có gì để vẽ");
  if (!ns) return fail(ev, "chart.no-numbers", hint, "\"chuoi\" rỗng: không có số liệu nào");
  if (ns > MAX_SERIES)
    return fail(ev, "chart.too-large", "tách thành nhiều biểu đồ", "%zu chuỗi số liệu, tối đa %d",
                ns, MAX_SERIES);
  const char **cats = vb_arena_alloc(ev->a, len * sizeof *cats);
  for (size_t i = 0; i < len; i++)
    cats[i] = label_of(ev, nhan->u.arr.items[i]);
  vb_chart_series *ser = vb_arena_alloc(ev->a, ns * sizeof *ser);
  memset(ser, 0, ns * sizeof *ser);
  for (size_t s = 0; s < ns; s++) {
    const vb_value *o = chuoi->u.arr.items[s];
    const vb_value *vals = o->kind == VB_OBJ ? vb_obj_get(o, "gia_tri") : NULL;
    if (!vals || vals->kind != VB_ARR)
      return fail(ev, "chart.bad-value", hint, "chuỗi thứ %zu cần \"gia_tri\": một danh sách số",
                  s + 1);
    const vb_value *ten = vb_obj_get(o, "ten");
    ser[s].name = ten && ten->kind == VB_STR ? ten->u.str.s : "";
    ser[s].as_line = vb_val_truthy(vb_obj_get(o, "duong"));
    if (vals->u.arr.len != len) {
      char at[160];
      where(vals, at, sizeof at);
      return fail(ev, "chart.length-mismatch",
                  "mỗi chuỗi cần đúng một giá trị cho mỗi nhãn (null cho giá trị còn thiếu)",
                  "chuỗi \"%s\"%s có %zu giá trị nhưng có %zu nhãn", ser[s].name, at,
                  vals->u.arr.len, len);
    }
    double *v = vb_arena_alloc(ev->a, len * sizeof *v);
    int any = 0;
    for (size_t i = 0; i < len; i++) {
      if (number_of(vals->u.arr.items[i], &v[i]) != 0)
        return bad_number(ev, ser[s].name, i, vals->u.arr.items[i]);
      any |= !isnan(v[i]);
    }
    if (!any) return no_numbers(ev, ser[s].name);
    ser[s].values = v;
  }
  c->cats = cats;
  c->ncat = len;
  c->series = ser;
  c->nseries = ns;
  const vb_value *pt = vb_obj_get(in, "phan_tram");
  c->percent = pt ? vb_val_truthy(pt) : 0;
  return 0;
}

static int fail_size(vb_eval *ev, const char *name) {
  return fail(ev, "chart.bad-size", "viết chẳng hạn \"160mm\", \"12cm\", hoặc một số milimét",
              "%s phải là một độ dài, tối đa 2 m", name);
}

int vb_filter_chart(vb_eval *ev, vb_value *in, vb_value **args, size_t n, vb_value **out) {
  if (!in) {
    *out = NULL; /* a missing path is reported as such */
    return 0;
  }
  vb_chart c;
  memset(&c, 0, sizeof c);
  const char *kind = str_arg(args, n, P_KIEU, "cot");
  if (!strcmp(kind, "cot"))
    c.kind = VB_CHART_COLUMN;
  else if (!strcmp(kind, "thanh"))
    c.kind = VB_CHART_BAR;
  else if (!strcmp(kind, "duong"))
    c.kind = VB_CHART_LINE;
  else
    return fail(ev, "chart.bad-kind",
                "viết kieu=\"cot\" (cột đứng), \"thanh\" (thanh ngang) hoặc \"duong\" (đường)",
                "không có kiểu biểu đồ \"%s\"", kind);
  if (in->kind == VB_ARR) {
    if (!in->u.arr.len)
      return fail(ev, "chart.empty", "đưa vào một danh sách có ít nhất một mục",
                  "danh sách rỗng: không có gì để vẽ");
    if (from_list(ev, in, args, n, &c) != 0) return -1;
  } else if (in->kind == VB_OBJ) {
    if (from_object(ev, in, &c) != 0) return -1;
  } else {
    return fail(ev, "chart.bad-value",
                "đưa vào danh sách nhóm chỉ tiêu (nhom_chi_tieu), danh sách chỉ tiêu của một nhóm, "
                "hoặc {\"nhan\": […], \"chuoi\": [{\"ten\": …, \"gia_tri\": […]}]}",
                "cần một danh sách hoặc một đối tượng số liệu, không phải %s",
                vb_vkind_name(in->kind));
  }
  if (c.ncat > MAX_CATEGORIES)
    return fail(ev, "chart.too-large", "tách thành nhiều biểu đồ, chẳng hạn một biểu đồ mỗi nhóm",
                "%zu nhãn, tối đa %d", c.ncat, MAX_CATEGORIES);
  const vb_value *pt = arg(args, n, P_PHAN_TRAM);
  if (pt) c.percent = vb_val_truthy(pt);
  const vb_value *sl = arg(args, n, P_SO_LE);
  c.decimals = 1;
  if (sl) {
    if (sl->kind != VB_NUM || sl->u.num < 0 || sl->u.num > 4 || sl->u.num != floor(sl->u.num))
      return fail(ev, "chart.bad-decimals", "viết so_le=0, 1 hoặc 2",
                  "so_le phải là số chữ số thập phân, từ 0 đến 4");
    c.decimals = (int)sl->u.num;
  }
  c.axis_max = NAN;
  if (c.percent) { /* rates up to 100% show against the whole scale */
    double top = 0;
    for (size_t s = 0; s < c.nseries; s++)
      for (size_t i = 0; i < c.ncat; i++)
        if (!isnan(c.series[s].values[i]) && c.series[s].values[i] > top)
          top = c.series[s].values[i];
    if (top <= 100) c.axis_max = 100;
  }
  const char *title = str_arg(args, n, P_TIEU_DE, "");
  c.title = title;

  long long w, h;
  if (vb_rich_length(arg(args, n, P_RONG), &w) != 0 || w < 0) return fail_size(ev, "rong");
  if (vb_rich_length(arg(args, n, P_CAO), &h) != 0 || h < 0) return fail_size(ev, "cao");
  if (!ev->rich)
    return fail(ev, "chart.not-in-text",
                "đặt thẻ {{ … | bieu_do }} trong phần chữ của một đoạn văn",
                "chỉ đặt được biểu đồ vào phần chữ của văn bản");
  if (!w) {
    w = DEFAULT_WIDTH;
    if (ev->rich->text_width > 0 && w > ev->rich->text_width) w = ev->rich->text_width;
  }
  if (!h) h = DEFAULT_HEIGHT;

  vb_rich_chart *rc = vb_arena_alloc(ev->a, sizeof *rc);
  /* No text, as a picture: `update` finds the same "" where the chart
   * stands and leaves it (a chart changes by rendering again). */
  rc->text.s = "";
  rc->text.len = 0;
  c.cx = w;
  c.cy = h;
  rc->chart = c;
  rc->cx = w;
  rc->cy = h;
  *out = vb_val_ext(ev->a, VB_RICH_CHART, &rc->text);
  return 0;
}
