/* Paths, diagnostics, typed member access and small text helpers shared by
 * the model's files. Everything returned lives in the model's arena. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/emphasis.h"
#include "model/model_internal.h"
#include "util/diag.h"
#include "vi/vi.h"

const char *mdl_key(vb_model *m, const char *path, const char *key) {
  return mdl_printf(m, "%s.%s", path, key);
}

const char *mdl_idx(vb_model *m, const char *path, size_t i) {
  return mdl_printf(m, "%s[%zu]", path, i);
}

const char *mdl_where(vb_model *m, const char *path, const vb_value *at) {
  if (at && at->line) return mdl_printf(m, "%s (dòng %u, cột %u)", path, at->line, at->col);
  if (at && at->src) /* a value read from a spreadsheet: its cell, "Phụ lục 02!E7" */
    return mdl_printf(m, "%s (%s)", path, at->src);
  return path;
}

/* A rule named in "_vanban_ignore": its id, or its family ("du-lieu"). */
static int ignored(const vb_model *m, const char *rule) {
  const vb_value *ig = m->ignore;
  size_t n = !ig ? 0 : ig->kind == VB_ARR ? ig->u.arr.len : ig->kind == VB_STR ? 1 : 0;
  for (size_t i = 0; i < n; i++) {
    const vb_value *v = ig->kind == VB_ARR ? ig->u.arr.items[i] : ig;
    if (v->kind != VB_STR || !v->u.str.len) continue;
    size_t k = v->u.str.len;
    if (!strncmp(v->u.str.s, rule, k) && (rule[k] == 0 || rule[k] == '.')) return 1;
  }
  return 0;
}

const char vb_model_draft_note[] = " (in trong bản dự thảo)";

int mdl_report(vb_model *m, const char *rule, const char *path, const vb_value *at,
               const char *hint, const char *fmt, ...) {
  const vb_rule_info *r = vb_model_rule_find(rule);
  if (!r) abort(); /* every id is in model_rules.c */
  if (ignored(m, rule)) return 0;
  vb_severity sev = r->level == VB_LEVEL_ERROR ? VB_SEV_ERROR : VB_SEV_WARNING;
  vb_buf msg = VB_BUF_INIT, h = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  if (hint) vb_buf_puts(&h, hint);
  if (sev == VB_SEV_ERROR && r->draft) {
    if (m->flags & VB_MODEL_DRAFT) {
      /* A draft shows what the data says; the mark "DỰ THẢO" says it is not
       * ready to sign. */
      sev = VB_SEV_WARNING;
      vb_buf_puts(&msg, vb_model_draft_note);
    } else {
      vb_buf_printf(&h,
                    "%sđể xem trước: `vanban render --nhap` in bản dự thảo có dấu \"DỰ THẢO\"; "
                    "nếu cố ý giữ như vậy: ghi \"%s\" vào \"_vanban_ignore\"",
                    h.len ? "; " : "", rule);
    }
  }
  vb_diag_add_rule(m->d, VB_EDATA, sev, rule, m->src, mdl_where(m, path, at),
                   h.len ? vb_buf_cstr(&h) : NULL, "%s", vb_buf_cstr(&msg));
  vb_buf_free(&msg);
  vb_buf_free(&h);
  if (sev == VB_SEV_ERROR) m->errors++;
  return sev == VB_SEV_ERROR;
}

char *mdl_printf(vb_model *m, const char *fmt, ...) {
  vb_buf b = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&b, fmt, ap);
  va_end(ap);
  return mdl_take(m, &b);
}

char *mdl_take(vb_model *m, vb_buf *b) {
  char *s = vb_arena_strndup(m->a, vb_buf_cstr(b), b->len);
  vb_buf_free(b);
  return s;
}

/* ASCII blanks and NO-BREAK SPACE. */
static size_t space_len(const char *s) {
  if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') return 1;
  if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
  return 0;
}

char *mdl_trim(vb_model *m, const char *s) {
  size_t k;
  while ((k = space_len(s)) > 0)
    s += k;
  size_t n = strlen(s);
  while (n > 0) {
    if (strchr(" \t\n\r", s[n - 1])) {
      n--;
    } else if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && (unsigned char)s[n - 1] == 0xA0) {
      n -= 2;
    } else {
      break;
    }
  }
  return vb_arena_strndup(m->a, s, n);
}

int mdl_blank(const char *s) {
  if (!s) return 1;
  size_t k;
  while ((k = space_len(s)) > 0)
    s += k;
  return *s == '\0';
}

char *mdl_upper(vb_model *m, const char *s) {
  vb_buf b = VB_BUF_INIT;
  vi_upper(&b, s);
  return mdl_take(m, &b);
}

char *mdl_sentence(vb_model *m, const char *s) {
  vb_buf low = VB_BUF_INIT, out = VB_BUF_INIT;
  vi_lower(&low, s);
  vi_capitalize_first(&out, vb_buf_cstr(&low));
  vb_buf_free(&low);
  return mdl_take(m, &out);
}

char *mdl_num(vb_model *m, double x, int max_frac) {
  vb_buf b = VB_BUF_INIT;
  vi_format_number(&b, x, 0, max_frac);
  return mdl_take(m, &b);
}

char *mdl_percent(vb_model *m, double pct) {
  vb_buf b = VB_BUF_INIT;
  vi_format_percent(&b, pct, 1);
  return mdl_take(m, &b);
}

char *mdl_count(vb_model *m, int n) {
  return n >= 1 && n <= 9 ? mdl_printf(m, "0%d", n) : mdl_printf(m, "%d", n);
}

const char *mdl_date_short(vb_model *m, const vb_value *v, const char *path) {
  int y, mo, d;
  if (!v || v->kind != VB_STR || vi_parse_date(v->u.str.s, &y, &mo, &d) != 0) {
    mdl_report(m, "du-lieu.ngay", path, v, "viết ngày dạng 2024-06-20 hoặc 20/06/2024",
               "ngày không hợp lệ: %s", v && v->kind == VB_STR ? v->u.str.s : "không phải chuỗi");
    return NULL;
  }
  vb_buf b = VB_BUF_INIT;
  vi_format_date_short(&b, y, mo, d);
  return mdl_take(m, &b);
}

const char *mdl_date_text(vb_model *m, const vb_value *v, const char *path) {
  int y, mo, d;
  if (!v || v->kind != VB_STR || vi_parse_date(v->u.str.s, &y, &mo, &d) != 0) {
    mdl_report(m, "du-lieu.ngay", path, v, "viết ngày dạng 2024-06-20 hoặc 20/06/2024",
               "ngày không hợp lệ: %s", v && v->kind == VB_STR ? v->u.str.s : "không phải chuỗi");
    return NULL;
  }
  /* The decree's zero rule (ND30 Phụ lục I, II.4): days 1-9 and months 1-2 take a
   * leading zero, months 3-12 do not. */
  return mdl_printf(m, mo <= 2 ? "%02d/%02d/%04d" : "%02d/%d/%04d", d, mo, y);
}

/* Next dot-separated part of an id: [*s, end). */
static size_t ma_part(const char *s) {
  size_t n = 0;
  while (s[n] && s[n] != '.')
    n++;
  return n;
}

static int all_digits(const char *s, size_t n) {
  if (n == 0 || n > 9) return 0;
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i])) return 0;
  return 1;
}

int mdl_cmp_ma(const char *a, const char *b) {
  for (;;) {
    size_t na = ma_part(a), nb = ma_part(b);
    int c;
    if (all_digits(a, na) && all_digits(b, nb)) {
      long x = strtol(a, NULL, 10), y = strtol(b, NULL, 10);
      c = x < y ? -1 : x > y;
    } else {
      c = strncmp(a, b, na < nb ? na : nb);
      if (c == 0) c = na < nb ? -1 : na > nb;
    }
    if (c) return c;
    a += na;
    b += nb;
    if (!*a || !*b) return *a ? 1 : *b ? -1 : 0;
    a++, b++;
  }
}

static void type_error(vb_model *m, const char *path, const vb_value *v, const char *want) {
  mdl_report(m, "du-lieu.kieu", path, v, "sửa kiểu giá trị theo docs/data-model.md",
             "cần %s, gặp %s", want, vb_vkind_name(v->kind));
}

const char *mdl_opt_str(vb_model *m, const vb_value *obj, const char *path, const char *key) {
  vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return NULL;
  if (v->kind != VB_STR) {
    type_error(m, mdl_key(m, path, key), v, "một chuỗi");
    return NULL;
  }
  return v->u.str.s;
}

const char *mdl_req_str(vb_model *m, const vb_value *obj, const char *path, const char *key) {
  vb_value *v = vb_obj_get(obj, key);
  if (v && v->kind != VB_NULL && v->kind != VB_STR) {
    type_error(m, mdl_key(m, path, key), v, "một chuỗi");
    return NULL;
  }
  if (!v || v->kind == VB_NULL || mdl_blank(v->u.str.s)) {
    mdl_report(m, "du-lieu.thieu-truong", mdl_key(m, path, key), v ? v : obj,
               "điền giá trị cho trường này",
               v ? "trường bắt buộc %s đang để trống" : "thiếu trường bắt buộc %s", key);
    return NULL;
  }
  return v->u.str.s;
}

vb_value *mdl_opt_arr(vb_model *m, const vb_value *obj, const char *path, const char *key) {
  vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return NULL;
  if (v->kind != VB_ARR) {
    type_error(m, mdl_key(m, path, key), v, "một danh sách [ … ]");
    return NULL;
  }
  return v;
}

vb_value *mdl_opt_obj(vb_model *m, const vb_value *obj, const char *path, const char *key) {
  vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return NULL;
  if (v->kind != VB_OBJ) {
    type_error(m, mdl_key(m, path, key), v, "một đối tượng { … }");
    return NULL;
  }
  return v;
}

int mdl_opt_num(vb_model *m, const vb_value *obj, const char *path, const char *key, double *out) {
  vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return 0;
  if (v->kind != VB_NUM || !isfinite(v->u.num)) {
    type_error(m, mdl_key(m, path, key), v, "một số");
    return -1;
  }
  *out = v->u.num;
  return 1;
}

int mdl_opt_bool(vb_model *m, const vb_value *obj, const char *path, const char *key) {
  vb_value *v = vb_obj_get(obj, key);
  if (!v || v->kind == VB_NULL) return 0;
  if (v->kind != VB_BOOL) {
    type_error(m, mdl_key(m, path, key), v, "true hoặc false");
    return 0;
  }
  return v->u.b;
}

const char *mdl_req_ma(vb_model *m, const vb_value *obj, const char *path) {
  vb_value *v = vb_obj_get(obj, "ma");
  if (v && v->kind == VB_NUM && v->u.num == floor(v->u.num) && fabs(v->u.num) < 1e9)
    return mdl_printf(m, "%.0f", v->u.num);
  const char *s = mdl_req_str(m, obj, path, "ma");
  return s ? mdl_trim(m, s) : NULL;
}

void mdl_block_scope(vb_model *m, const char *kind, const char *ma) {
  m->block_scope = ma ? mdl_printf(m, "%s%s", kind, ma) : kind;
}

static vb_value *block(vb_model *m, vb_value *out, const char *kieu, const char *so,
                       const char *text) {
  vb_value *b = vb_val_obj(m->a);
  if (!m->block_counts) m->block_counts = vb_val_obj(m->a);
  const char *scope = m->block_scope ? m->block_scope : "s";
  vb_value *cnt = vb_obj_get(m->block_counts, scope);
  double k = cnt ? cnt->u.num + 1 : 1;
  vb_obj_set(m->a, m->block_counts, scope, vb_val_num(m->a, k));
  mdl_set_str(m, b, "id", mdl_printf(m, "%s.%.0f", scope, k));
  mdl_set_str(m, b, "kieu", kieu);
  mdl_set_str(m, b, "so", so ? so : "");
  mdl_set_str(m, b, "text", text ? text : "");
  /* Keep with the next block on its page (an indicator's lines but its
   * last): the template chooses the paragraph style that says so. */
  mdl_set_bool(m, b, "giu", 0);
  vb_arr_push(m->a, out, b);
  return b;
}

vb_value *mdl_block(vb_model *m, vb_value *out, const char *kieu, const char *so,
                    const char *text) {
  return block(m, out, kieu, so, mdl_plain(m, text));
}

vb_value *mdl_block_text(vb_model *m, vb_value *out, const char *kieu, const char *so,
                         const char *text, const vb_value *from) {
  return mdl_block_from(block(m, out, kieu, so, text), from);
}

const char *mdl_plain(vb_model *m, const char *s) {
  if (!s || !vb_emphasis_may_have(s, strlen(s))) return s;
  vb_buf b = VB_BUF_INIT;
  vb_emphasis_escape(s, strlen(s), &b);
  return mdl_take(m, &b);
}

vb_value *mdl_block_from(vb_value *block, const vb_value *from) {
  vb_value *text = vb_obj_get(block, "text");
  if (text && from) text->line = from->line, text->col = from->col, text->src = from->src;
  return block;
}

void mdl_check_emphasis(vb_model *m, const char *path, const vb_value *v) {
  if (!v || v->kind != VB_STR || !vb_emphasis_may_have(v->u.str.s, v->u.str.len)) return;
  vb_emphasis e = {0};
  vb_emph_error err;
  if (vb_emphasis_parse(v->u.str.s, v->u.str.len, &e, &err) != 0)
    mdl_report(m, "du-lieu.dinh-dang", path, v, err.hint, "%s", err.message);
  vb_emphasis_free(&e);
}

void mdl_set_str(vb_model *m, vb_value *obj, const char *key, const char *s) {
  vb_obj_set(m->a, obj, key, vb_val_strz(m->a, s ? s : ""));
}

void mdl_set_num(vb_model *m, vb_value *obj, const char *key, double x) {
  vb_obj_set(m->a, obj, key, vb_val_num(m->a, x));
}

void mdl_set_bool(vb_model *m, vb_value *obj, const char *key, int b) {
  vb_obj_set(m->a, obj, key, vb_val_bool(m->a, b));
}

void mdl_end_mark(vb_model *m, vb_value *out) {
  if (!out || out->u.arr.len == 0) return;
  vb_value *last = out->u.arr.items[out->u.arr.len - 1];
  vb_value *text = vb_obj_get(last, "text");
  const char *s = text && text->kind == VB_STR ? text->u.str.s : "";
  size_t n = strlen(s);
  if (n >= 3 && strcmp(s + n - 3, "./.") == 0) return;
  mdl_set_str(m, last, "text", mdl_printf(m, "%s%s", s, n && s[n - 1] == '.' ? "/." : "./."));
  mdl_block_from(last, text);
}

/* ---- place names on one line -------------------------------------------------- */

#define NBSP "\xc2\xa0"

static int word_is(vb_model *m, const char *w, size_t n, const char *lower) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_put(&b, w, n);
  vb_buf l = VB_BUF_INIT;
  vi_lower(&l, vb_buf_cstr(&b));
  int yes = strcmp(vb_buf_cstr(&l), lower) == 0;
  vb_buf_free(&b);
  vb_buf_free(&l);
  (void)m;
  return yes;
}

/* How many words from w on name an administrative unit ("xã", "thị trấn",
 * "UBND"), 0 when none does. */
static int unit_words(vb_model *m, char **w, size_t *len, size_t left) {
  static const char *const two[] = {"thị trấn", "thị xã", "thành phố", NULL};
  static const char *const one[] = {"xã", "phường", "huyện", "tỉnh", "ubnd", NULL};
  if (left >= 2)
    for (size_t i = 0; two[i]; i++) {
      vb_buf b = VB_BUF_INIT;
      vb_buf_printf(&b, "%.*s %.*s", (int)len[0], w[0], (int)len[1], w[1]);
      int yes = word_is(m, vb_buf_cstr(&b), b.len, two[i]);
      vb_buf_free(&b);
      if (yes) return 2;
    }
  for (size_t i = 0; one[i]; i++)
    if (word_is(m, w[0], len[0], one[i])) return 1;
  return 0;
}

/* A word that continues a name: capitalised ("Tân", "Đắk") or a figure
 * ("Phường 3"). */
static int name_word(vb_model *m, const char *w, size_t n) {
  if (n && w[0] >= '0' && w[0] <= '9') return 1;
  vb_buf b = VB_BUF_INIT;
  vb_buf_put(&b, w, n);
  vb_buf l = VB_BUF_INIT;
  vi_lower(&l, vb_buf_cstr(&b));
  /* the first letter changed: it was a capital */
  unsigned char c = n ? (unsigned char)w[0] : 0;
  size_t cp = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
  int cap = n >= cp && l.len >= cp && memcmp(vb_buf_cstr(&l), vb_buf_cstr(&b), cp) != 0;
  vb_buf_free(&b);
  vb_buf_free(&l);
  (void)m;
  return cap;
}

const char *mdl_places(vb_model *m, const char *s) {
  if (!s || !*s) return s;
  size_t cap = strlen(s) / 2 + 2, nw = 0;
  char **w = vb_arena_alloc(m->a, cap * sizeof(char *));
  size_t *len = vb_arena_alloc(m->a, cap * sizeof(size_t));
  for (const char *p = s; *p;) {
    const char *e = strchr(p, ' ');
    if (!e) e = p + strlen(p);
    w[nw] = (char *)p, len[nw] = (size_t)(e - p), nw++;
    p = *e ? e + 1 : e;
  }
  /* join[i]: the blank after word i becomes a no-break space */
  char *join = vb_arena_alloc(m->a, nw + 1);
  memset(join, 0, nw + 1);
  for (size_t i = 0; i < nw;) {
    int k = unit_words(m, w + i, len + i, nw - i);
    if (!k) {
      i++;
      continue;
    }
    if (k == 2) join[i] = 1;
    size_t j = i + (size_t)k - 1; /* the unit's last word */
    while (j + 1 < nw && (unit_words(m, w + j + 1, len + j + 1, nw - j - 1) ||
                          name_word(m, w[j + 1], len[j + 1]))) {
      join[j] = 1;
      int u = unit_words(m, w + j + 1, len + j + 1, nw - j - 1);
      if (u == 2) join[j + 1] = 1;
      j += u == 2 ? 2 : 1;
    }
    i = j + 1;
  }
  vb_buf out = VB_BUF_INIT;
  for (size_t i = 0; i < nw; i++) {
    vb_buf_put(&out, w[i], len[i]);
    if (i + 1 < nw) vb_buf_puts(&out, join[i] ? NBSP : " ");
  }
  return mdl_take(m, &out);
}
