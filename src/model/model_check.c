/* Checks that look at the whole input rather than at one figure: unknown
 * member names (with a "did you mean") and consistent tone-mark placement. */
#include <string.h>

#include "model/model_internal.h"
#include "util/diag.h"
#include "vi/vi.h"

const char *mdl_did_you_mean(const char *name, const char *const *known) {
  return vi_suggest(name, known);
}

void mdl_check_keys(vb_model *m, const vb_value *obj, const char *path, const char *const *known) {
  if (!obj || obj->kind != VB_OBJ) return;
  for (size_t i = 0; i < obj->u.obj.len; i++) {
    const char *key = obj->u.obj.items[i].key;
    if (key[0] == '_') continue;
    size_t k = 0;
    while (known[k] && strcmp(known[k], key) != 0)
      k++;
    if (known[k]) continue;
    const char *guess = mdl_did_you_mean(key, known);
    const char *hint =
        guess
            ? mdl_printf(m, "có phải là \"%s\"? Trường lạ bị bỏ qua", guess)
            : "xóa trường này hoặc đổi tên bắt đầu bằng \"_\" nếu là ghi chú; trường lạ bị bỏ qua";
    mdl_report(m, "du-lieu.truong-la", mdl_key(m, path, key), obj->u.obj.items[i].val, hint,
               "trường không xác định \"%s\"", key);
  }
}

/* ---- tone-mark placement ------------------------------------------------------- */

typedef struct tone_seen {
  const char *word; /* first word in this style */
  const char *where;
  const char *path;
  const vb_value *at;
} tone_seen;

typedef struct tone_scan {
  vb_model *m;
  tone_seen seen[3]; /* indexed by vi_tone_style */
} tone_scan;

/* Where a value sits, as a chain on the stack: the JSON path text is only
 * built for the first word of each style, not for every value. */
typedef struct path_link {
  const struct path_link *up;
  const char *key; /* NULL: an array element */
  size_t index;
} path_link;

static void path_text(vb_buf *b, const path_link *p) {
  if (!p) {
    vb_buf_puts(b, "$");
    return;
  }
  path_text(b, p->up);
  if (p->key)
    vb_buf_printf(b, ".%s", p->key);
  else
    vb_buf_printf(b, "[%zu]", p->index);
}

/* Bytes of a word character at s (letters, digits and combining marks; any
 * non-ASCII code point except NBSP and the U+2000-U+206F punctuation block). */
static size_t word_char(const unsigned char *s) {
  if (s[0] < 0x80)
    return (s[0] >= '0' && s[0] <= '9') || ((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z');
  if (s[0] == 0xC2 && s[1] == 0xA0) return 0;
  if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81)) return 0;
  size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
  for (size_t i = 1; i < n; i++)
    if (!s[i]) return i;
  return n;
}

static void scan_string(tone_scan *t, const vb_value *v, const path_link *at) {
  const unsigned char *s = (const unsigned char *)v->u.str.s;
  size_t i = 0, len = v->u.str.len;
  while (i < len) {
    size_t k = word_char(s + i);
    if (!k) {
      i++;
      while (i < len && (s[i] & 0xC0) == 0x80)
        i++;
      continue;
    }
    size_t start = i;
    while (i < len && (k = word_char(s + i)) > 0)
      i += k;
    vi_tone_style st = vi_tone_style_of_word((const char *)s + start, i - start);
    if (st != VI_TONE_NONE && !t->seen[st].word) {
      t->seen[st].word = vb_arena_strndup(t->m->a, (const char *)s + start, i - start);
      vb_buf path = VB_BUF_INIT;
      path_text(&path, at);
      t->seen[st].path = vb_arena_strdup(t->m->a, vb_buf_cstr(&path));
      t->seen[st].at = v;
      t->seen[st].where = mdl_where(t->m, t->seen[st].path, v);
      vb_buf_free(&path);
    }
  }
}

static void scan(tone_scan *t, const vb_value *v, const path_link *at) {
  /* Only the first word of each style is reported: once both are known,
   * there is nothing more to learn. */
  if (t->seen[VI_TONE_OLD].word && t->seen[VI_TONE_NEW].word) return;
  if (v->kind == VB_STR) {
    scan_string(t, v, at);
  } else if (v->kind == VB_ARR) {
    for (size_t i = 0; i < v->u.arr.len; i++) {
      path_link here = {at, NULL, i};
      scan(t, v->u.arr.items[i], &here);
    }
  } else if (v->kind == VB_OBJ) {
    for (size_t i = 0; i < v->u.obj.len; i++) {
      path_link here = {at, v->u.obj.items[i].key, 0};
      scan(t, v->u.obj.items[i].val, &here);
    }
  }
}

static void rewrite(vb_model *m, vb_value *v, vi_tone_style style) {
  if (v->kind == VB_STR) {
    vb_buf b = VB_BUF_INIT;
    vi_set_tone_style(&b, v->u.str.s, style);
    v->u.str.len = b.len;
    v->u.str.s = mdl_take(m, &b);
  } else if (v->kind == VB_ARR) {
    for (size_t i = 0; i < v->u.arr.len; i++)
      rewrite(m, v->u.arr.items[i], style);
  } else if (v->kind == VB_OBJ) {
    for (size_t i = 0; i < v->u.obj.len; i++)
      rewrite(m, v->u.obj.items[i].val, style);
  }
}

void mdl_tone(vb_model *m) {
  unsigned want = m->flags & (VB_MODEL_NORMALIZE_TONE_NEW | VB_MODEL_NORMALIZE_TONE_OLD);
  if (want == (VB_MODEL_NORMALIZE_TONE_NEW | VB_MODEL_NORMALIZE_TONE_OLD)) {
    vb_error_rule(m->d, VB_EUSAGE, "usage.tone", m->src, NULL, "chọn một trong hai kiểu",
                  "không thể chuẩn hóa dấu thanh theo cả kiểu cũ lẫn kiểu mới");
    m->errors++;
    return;
  }
  if (want) {
    rewrite(m, m->root, want == VB_MODEL_NORMALIZE_TONE_NEW ? VI_TONE_NEW : VI_TONE_OLD);
    return;
  }
  tone_scan t = {.m = m};
  scan(&t, m->root, NULL);
  tone_seen *o = &t.seen[VI_TONE_OLD], *n = &t.seen[VI_TONE_NEW];
  if (!o->word || !n->word) return;
  mdl_report(m, "du-lieu.dau-thanh", n->path, n->at,
             "viết thống nhất một kiểu, hoặc chọn chuẩn hóa dấu thanh kiểu cũ (hòa, thủy) "
             "hay kiểu mới (hoà, thuỷ) khi xuất văn bản",
             "cách đặt dấu thanh không thống nhất: \"%s\" (kiểu mới) ở %s nhưng \"%s\" "
             "(kiểu cũ) ở %s",
             n->word, n->where, o->word, o->where);
}

/* ---- blanks left to fill ------------------------------------------------------- */

/* A "…" standing as a word of its own — at the start of the text or after
 * a space, and at the end, before a space or before punctuation — is a
 * blank to fill, as `vanban init` writes them ("UBND huyện …"). An
 * ellipsis written after a word ("phần mềm khác…") is the text's own. */
static const char *blank_in(const char *s, size_t len) {
  static const char ell[] = "\xE2\x80\xA6";
  for (const char *p = s; (p = strstr(p, ell)) != NULL && p < s + len; p += 3) {
    int before = p == s || p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t' || p[-1] == '(' ||
                 (p - s >= 2 && (unsigned char)p[-2] == 0xC2 && (unsigned char)p[-1] == 0xA0);
    const char *q = p + 3;
    int after = q == s + len || strchr(" \n\t).,;:\"", *q) != NULL;
    if (before && after) return p;
  }
  return NULL;
}

static void blanks(vb_model *m, const vb_value *v, const path_link *at) {
  if (v->kind == VB_STR) {
    if (!blank_in(v->u.str.s, v->u.str.len)) return;
    vb_buf path = VB_BUF_INIT, shown = VB_BUF_INIT;
    path_text(&path, at);
    /* the text, up to about 80 characters, on one line */
    size_t n = 0;
    for (const char *c = v->u.str.s; *c && n < 80; c++) {
      vb_buf_putc(&shown, *c == '\n' ? ' ' : *c);
      n += ((unsigned char)*c & 0xC0) != 0x80;
    }
    if (n >= 80) vb_buf_puts(&shown, "…");
    mdl_report(m, "du-lieu.cho-trong", vb_arena_strdup(m->a, vb_buf_cstr(&path)), v,
               "điền nội dung vào chỗ \"…\" (vanban init để trống những chỗ cần điền); nếu là dấu "
               "chấm lửng của câu văn, viết liền với chữ trước nó",
               "còn chỗ để trống \"…\": \"%s\"", vb_buf_cstr(&shown));
    vb_buf_free(&path);
    vb_buf_free(&shown);
  } else if (v->kind == VB_ARR) {
    for (size_t i = 0; i < v->u.arr.len; i++) {
      path_link here = {at, NULL, i};
      blanks(m, v->u.arr.items[i], &here);
    }
  } else if (v->kind == VB_OBJ) {
    for (size_t i = 0; i < v->u.obj.len; i++) {
      if (v->u.obj.items[i].key[0] == '_') continue; /* comments */
      path_link here = {at, v->u.obj.items[i].key, 0};
      blanks(m, v->u.obj.items[i].val, &here);
    }
  }
}

void mdl_blanks(vb_model *m) { blanks(m, m->root, NULL); }
