/* Parsing one tag: "{{ expr }}", "{% for a, b in expr %}", "{% if … %}",
 * docxtpl's scope letters ({%p, {%tr, {%tc, {%r) and cell markers, "{%-"
 * and "-%}". The expression itself is src/tpl/expr.c's. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/compile_internal.h"
#include "util/buf.h"
#include "util/diag.h"
#include "vi/vi.h"

/* --- tag parsing ---------------------------------------------------------- */

void vb_mk_tag_error_rule(compiler *c, vb_tag *t, const char *rule, const char *hint,
                          const char *fmt, ...) {
  vb_buf m = VB_BUF_INIT;
  va_list ap;
  va_start(ap, fmt);
  vb_buf_vprintf(&m, fmt, ap);
  va_end(ap);
  vb_error_rule(c->d, VB_ETEMPLATE, rule, c->pkg_name, t->where, hint, "%s trong %s (gần \"%s\")",
                m.data, t->text, t->excerpt);
  vb_buf_free(&m);
  c->errors++;
}

/* What is left after a whole expression: a "}" where "}}" closes a value
 * ({{ van_ban.so }/{{ … }}: the scanner took the next "}}" as the close),
 * or text that continues nothing. */
static void extra_text(vb_lexer *lx, char kind) {
  size_t i = lx->pos;
  while (i < lx->n && strchr(" \t", lx->s[i]))
    i++;
  lx->err_off = i;
  if (kind == '{' && i < lx->n && lx->s[i] == '}') {
    lx->err = "thiếu `}`: một thẻ giá trị đóng bằng `}}`";
    lx->err_rule = "tpl.missing-brace";
    lx->err_hint = "viết `}}` ở cuối giá trị, ví dụ {{ van_ban.so }}/{{ van_ban.ky_hieu }}";
    return;
  }
  if (kind == '%' && i < lx->n && lx->s[i] == '%') {
    lx->err = "thiếu `}`: một thẻ khối đóng bằng `%}`";
    lx->err_rule = "tpl.missing-brace";
    lx->err_hint = "viết `%}` ở cuối thẻ";
    return;
  }
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, "phần thừa sau biểu thức: `%.*s`", (int)(lx->n - i > 30 ? 30 : lx->n - i),
                lx->s + i);
  lx->err = vb_arena_strndup(lx->a, m.data, m.len);
  vb_buf_free(&m);
  lx->err_rule = "tpl.extra-text";
  lx->err_hint = "hai giá trị liền nhau cần một toán tử giữa chúng (~ để nối chữ, + để cộng), "
                 "và mỗi thẻ một biểu thức";
}

static int parse_expr_into(compiler *c, vb_tag *t, vb_lexer *lx, vb_expr **out) {
  *out = vb_expr_parse_at(lx);
  if (*out && !vb_lex_at_end(lx) && !lx->err) {
    extra_text(lx, t->text[1]);
    *out = NULL;
  }
  if (!*out) {
    vb_mk_tag_error_rule(c, t, lx->err_rule ? lx->err_rule : "tpl.syntax",
                         lx->err_hint ? lx->err_hint
                                      : "xem lại cú pháp (ngôn ngữ mẫu: README.md, "
                                        "docs/templates.md)",
                         "%s", lx->err ? lx->err : "biểu thức không hợp lệ");
    return -1;
  }
  return 0;
}

/* dinh_dang makes a value's text into runs: it can only be the last filter
 * of a value, where the text is written. */
static void refuse_misplaced_emphasis(compiler *c, vb_tag *t) {
  if (!t->expr || !vb_expr_uses_filter(t->expr, "dinh_dang")) return;
  vb_mk_tag_error_rule(c, t, "tpl.filter-input",
                       "viết nó là bộ lọc cuối của một giá trị: {{ x | dinh_dang }} (các bộ lọc "
                       "khác đứng trước: {{ x | default(\"\") | dinh_dang }})",
                       "dinh_dang phải là bộ lọc cuối cùng của một giá trị {{ … }}");
}

void vb_mk_parse_tag(compiler *c, vb_tag *t) {
  const char *s = t->text;
  size_t n = strlen(s);
  char kind = s[1];
  size_t i = 2, end = n - 2;
  /* docxtpl's structural markers: {%p, {%tr, {%tc, {%r, {{p, {{r, and
   * the comments {#p, {#tr, {#tc, {#r that remove their container */
  static const struct {
    const char *word;
    char scope;
  } scopes[] = {{"tr", 't'}, {"tc", 'c'}, {"p", 'p'}, {"r", 'r'}};
  for (size_t k = 0; k < 4; k++) {
    size_t wl = strlen(scopes[k].word);
    if (i + wl < end && strncmp(s + i, scopes[k].word, wl) == 0 && strchr(" \t", s[i + wl])) {
      t->scope = scopes[k].scope;
      i += wl;
      break;
    }
  }
  if (kind == '#') {
    t->kind = VB_TAG_COMMENT;
    return;
  }
  if (kind == '%' && i < end && s[i] == '-') i++, t->trim_left = 1;
  if (kind == '%' && end > i && s[end - 1] == '-') end--, t->trim_right = 1;
  if (kind == '{' && i < end && s[i] == '-') i++;
  if (kind == '{' && end > i && s[end - 1] == '-') end--;
  vb_lexer lx = {s + i, end - i, 0, c->a, NULL, 0, 0, NULL, NULL};
  if (kind == '{') {
    t->kind = VB_TAG_VALUE;
    if (parse_expr_into(c, t, &lx, &t->expr) == 0) {
      /* {{ x | dinh_dang }}: the value's text carries inline emphasis, which
       * the format writes as runs of its own (data/emphasis.h). */
      vb_expr *inner = vb_expr_strip_filter(t->expr, "dinh_dang");
      if (inner) t->expr = inner, t->rich = 1;
      refuse_misplaced_emphasis(c, t);
    }
    return;
  }
  const char *word = vb_lex_ident(&lx);
  if (!word) {
    /* keywords are not identifiers: read them explicitly */
    static const char *const kw[] = {"for", "if", "else", NULL};
    for (int k = 0; kw[k] && !word; k++)
      if (vb_lex_accept(&lx, kw[k])) word = kw[k];
  }
  if (!word) {
    vb_mk_tag_error_rule(c, t, "tpl.unknown-tag",
                         "một thẻ khối bắt đầu bằng for, endfor, if, elif, else, endif hoặc set",
                         "thẻ khối trống hoặc không đọc được");
    return;
  }
  if (strcmp(word, "for") == 0) {
    t->kind = VB_TAG_FOR;
    t->var1 = vb_lex_ident(&lx);
    if (t->var1 && vb_lex_accept(&lx, ",")) t->var2 = vb_lex_ident(&lx);
    if (!t->var1 || !vb_lex_accept(&lx, "in")) {
      vb_mk_tag_error_rule(c, t, "tpl.malformed-for", "viết {% for muc in danh_sach %}",
                           "vòng lặp for viết sai");
      return;
    }
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (strcmp(word, "if") == 0 || strcmp(word, "elif") == 0) {
    t->kind = word[0] == 'i' ? VB_TAG_IF : VB_TAG_ELIF;
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (strcmp(word, "set") == 0) {
    t->kind = VB_TAG_SET;
    t->var1 = vb_lex_ident(&lx);
    if (!t->var1 || !vb_lex_accept(&lx, "=")) {
      vb_mk_tag_error_rule(c, t, "tpl.malformed-set", "viết {% set ten = bieu_thuc %}",
                           "lệnh set viết sai");
      return;
    }
    parse_expr_into(c, t, &lx, &t->expr);
  } else if (!strcmp(word, "colspan") || !strcmp(word, "cellbg")) {
    t->kind = word[0] == 'c' && word[1] == 'o' ? VB_TAG_COLSPAN : VB_TAG_CELLBG;
    size_t from = lx.pos;
    if (parse_expr_into(c, t, &lx, &t->expr) == 0) {
      while (from < lx.n && strchr(" \t", lx.s[from]))
        from++;
      size_t to = lx.n;
      while (to > from && strchr(" \t", lx.s[to - 1]))
        to--;
      t->arg = vb_arena_strndup(c->a, lx.s + from, to - from);
    }
  } else if (!strcmp(word, "anh")) {
    /* {% anh "ten" = bieu_thuc %}: the name as a string, then the value. */
    t->kind = VB_TAG_PICTURE;
    size_t p = lx.pos;
    while (p < lx.n && strchr(" \t", lx.s[p]))
      p++;
    size_t q = p < lx.n && lx.s[p] == '"' ? p + 1 : lx.n;
    while (q < lx.n && lx.s[q] != '"')
      q++;
    size_t e = q + 1;
    while (e < lx.n && strchr(" \t", lx.s[e]))
      e++;
    if (q >= lx.n || q == p + 1 || e >= lx.n || lx.s[e] != '=') {
      vb_mk_tag_error_rule(c, t, "tpl.malformed-anh",
                           "viết {% anh \"logo\" = don_vi.logo %}: tên hoặc mô tả của ảnh trong "
                           "mẫu, dấu =, rồi giá trị chỉ tới ảnh mới",
                           "thẻ anh viết sai");
      return;
    }
    t->var1 = vb_arena_strndup(c->a, lx.s + p + 1, q - p - 1);
    lx.pos = e + 1;
    size_t from = lx.pos;
    if (parse_expr_into(c, t, &lx, &t->expr) == 0) {
      while (from < lx.n && strchr(" \t", lx.s[from]))
        from++;
      size_t to = lx.n;
      while (to > from && strchr(" \t", lx.s[to - 1]))
        to--;
      t->arg = vb_arena_strndup(c->a, lx.s + from, to - from);
    }
  } else if (!strcmp(word, "hinh")) {
    /* {% hinh X %} or {% hinh X, rong="35mm", noi=true %}: X | hinh(…). */
    t->kind = VB_TAG_IMAGE;
    size_t from = lx.pos;
    vb_expr *x = vb_expr_parse_at(&lx);
    size_t to = lx.pos;
    int args = x && !lx.err && vb_lex_accept(&lx, ",");
    if (!x || lx.err || (!args && !vb_lex_at_end(&lx))) {
      vb_mk_tag_error_rule(c, t, lx.err_rule ? lx.err_rule : "tpl.malformed-hinh",
                           lx.err_hint ? lx.err_hint
                                       : "viết {% hinh van_ban.anh_dau %} hoặc {% hinh "
                                         "van_ban.anh_dau, rong=\"35mm\", noi=true %}: giá trị "
                                         "chỉ tới ảnh, rồi các tham số của bộ lọc hinh",
                           "%s", lx.err ? lx.err : "thẻ hinh viết sai");
      return;
    }
    vb_buf src = VB_BUF_INIT;
    vb_buf_printf(&src, "(%.*s) | hinh", (int)(to - from), lx.s + from);
    if (args) vb_buf_printf(&src, "(%.*s)", (int)(lx.n - lx.pos), lx.s + lx.pos);
    const char *err = NULL;
    size_t off = 0;
    t->expr = vb_expr_parse(c->a, src.data, src.len, &err, &off);
    if (!t->expr)
      vb_mk_tag_error_rule(c, t, "tpl.syntax",
                           "các tham số sau dấu phẩy viết như của bộ lọc hinh: rong=\"35mm\", "
                           "noi=true (docs/pictures.md)",
                           "%s", err ? err : "biểu thức không hợp lệ");
    vb_buf_free(&src);
  } else if (!strcmp(word, "trang")) {
    t->kind = VB_TAG_PAGE;
    size_t from = lx.pos;
    if (parse_expr_into(c, t, &lx, &t->expr) == 0) {
      while (from < lx.n && strchr(" \t", lx.s[from]))
        from++;
      size_t to = lx.n;
      while (to > from && strchr(" \t", lx.s[to - 1]))
        to--;
      t->arg = vb_arena_strndup(c->a, lx.s + from, to - from);
    }
  } else if (!strcmp(word, "vm") || !strcmp(word, "hm")) {
    t->kind = word[0] == 'v' ? VB_TAG_VM : VB_TAG_HM;
    if (!vb_lex_at_end(&lx))
      vb_mk_tag_error_rule(c, t, "tpl.extra-text", "xoá phần này", "phần thừa sau `%s`", word);
  } else if (!strcmp(word, "else") || !strcmp(word, "endfor") || !strcmp(word, "endif")) {
    t->kind = word[1] == 'l' ? VB_TAG_ELSE : word[3] == 'f' ? VB_TAG_ENDFOR : VB_TAG_ENDIF;
    if (!vb_lex_at_end(&lx))
      vb_mk_tag_error_rule(c, t, "tpl.extra-text", "xoá phần này", "phần thừa sau `%s`", word);
  } else {
    static const char *const words[] = {"for",   "endfor", "if",      "elif",   "else",
                                        "endif", "set",    "colspan", "cellbg", "vm",
                                        "hm",    "trang",  "anh",     "hinh",   NULL};
    const char *guess = vi_suggest(word, words);
    vb_buf h = VB_BUF_INIT;
    if (guess) vb_buf_printf(&h, "có phải là `%s`? ", guess);
    vb_buf_puts(&h,
                "các thẻ khối: for, endfor, if, elif, else, endif, set, trang, anh, hinh và của "
                "docxtpl: colspan, cellbg, vm, hm (README.md)");
    vb_mk_tag_error_rule(c, t, "tpl.unknown-tag", h.data, "không có thẻ khối `%s`", word);
    vb_buf_free(&h);
  }
  refuse_misplaced_emphasis(c, t);
}
