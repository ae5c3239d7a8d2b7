/* Lexer, recursive-descent parser and evaluator for template expressions.
 * Precedence, lowest first (as in Jinja2):
 *   x if c else y  →  or  →  and  →  not  →  comparisons, in, is  →  ~
 *   →  + -  →  * / // %  →  | filters  →  unary -  →  postfix (. [] ()) */
#include "tpl/expr.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "vi/vi.h"

typedef enum ekind {
  E_LIT,
  E_NAME,
  E_ATTR,
  E_INDEX,
  E_LIST,
  E_NOT,
  E_NEG,
  E_BIN,
  E_AND,
  E_OR,
  E_COND,
  E_FILTER,
  E_TEST
} ekind;

enum {
  OP_ADD = 1,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_FLOORDIV,
  OP_MOD,
  OP_CONCAT,
  OP_EQ,
  OP_NE,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
  OP_IN,
  OP_NOTIN
};

struct vb_expr {
  ekind kind;
  int op;           /* E_BIN operator; E_TEST: 1 when negated ("is not") */
  vb_value *lit;    /* E_LIT */
  const char *name; /* E_NAME, E_ATTR, E_FILTER, E_TEST */
  vb_expr *a, *b, *c;
  vb_expr **args;
  size_t nargs;
  vb_filter_fn fn;
};

/* --- lexer ---------------------------------------------------------------- */

typedef enum { T_EOF, T_NAME, T_NUM, T_STR, T_PUNCT, T_BAD } ttype;

typedef struct token {
  ttype type;
  size_t start, len;
} token;

static void skip_blanks(vb_lexer *lx) {
  while (lx->pos < lx->n && strchr(" \t\r\n", lx->s[lx->pos]) && lx->s[lx->pos])
    lx->pos++;
}

static int is_ident_start(unsigned char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int is_ident_char(unsigned char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

static token peek(vb_lexer *lx) {
  skip_blanks(lx);
  token t = {T_EOF, lx->pos, 0};
  if (lx->pos >= lx->n) return t;
  const char *s = lx->s + lx->pos;
  size_t rest = lx->n - lx->pos;
  unsigned char c = (unsigned char)s[0];
  if (is_ident_start(c)) {
    size_t i = 1;
    while (i < rest && is_ident_char((unsigned char)s[i]))
      i++;
    t.type = T_NAME, t.len = i;
  } else if (c >= '0' && c <= '9') {
    size_t i = 1;
    while (i < rest && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
      i++;
    if (i + 1 < rest && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
      i++;
      while (i < rest && s[i] >= '0' && s[i] <= '9')
        i++;
    }
    t.type = T_NUM, t.len = i;
  } else if (c == '"' || c == '\'') {
    size_t i = 1;
    while (i < rest && (unsigned char)s[i] != c)
      i += (s[i] == '\\' && i + 1 < rest) ? 2 : 1;
    if (i >= rest) {
      t.type = T_BAD, t.len = rest;
      return t;
    }
    t.type = T_STR, t.len = i + 1;
  } else {
    static const char *const two[] = {"==", "!=", "<=", ">=", "//", NULL};
    t.type = T_PUNCT, t.len = 1;
    for (int k = 0; two[k]; k++)
      if (rest >= 2 && memcmp(s, two[k], 2) == 0) t.len = 2;
    if (t.len == 1 && !strchr(".[](),|+-*/%~<>=:{}", c)) t.type = T_BAD; /* "!" only in "!=" */
  }
  return t;
}

static int tok_is(vb_lexer *lx, token t, const char *word) {
  size_t wl = strlen(word);
  return (t.type == T_NAME || t.type == T_PUNCT) && t.len == wl &&
         memcmp(lx->s + t.start, word, wl) == 0;
}

int vb_lex_accept(vb_lexer *lx, const char *word) {
  token t = peek(lx);
  if (!tok_is(lx, t, word)) return 0;
  lx->pos = t.start + t.len;
  return 1;
}

static const char *const keywords[] = {"and",  "or",   "not",   "in",   "is",
                                       "if",   "else", "for",   "true", "false",
                                       "none", "True", "False", "None", NULL};

static int is_keyword(const char *s, size_t n) {
  for (int i = 0; keywords[i]; i++)
    if (strlen(keywords[i]) == n && memcmp(keywords[i], s, n) == 0) return 1;
  return 0;
}

const char *vb_lex_ident(vb_lexer *lx) {
  token t = peek(lx);
  if (t.type != T_NAME || is_keyword(lx->s + t.start, t.len)) return NULL;
  lx->pos = t.start + t.len;
  return vb_arena_strndup(lx->a, lx->s + t.start, t.len);
}

int vb_lex_at_end(vb_lexer *lx) { return peek(lx).type == T_EOF; }

static void *fail_hint(vb_lexer *lx, size_t off, const char *rule, const char *hint,
                       const char *msg) {
  if (!lx->err) {
    lx->err = msg;
    lx->err_off = off;
    lx->err_rule = rule;
    lx->err_hint = hint;
  }
  return NULL;
}

static void *fail(vb_lexer *lx, size_t off, const char *rule, const char *msg) {
  return fail_hint(lx, off, rule, NULL, msg);
}

/* An arena copy of fmt with one %s. */
static const char *arena_printf(vb_lexer *lx, const char *fmt, const char *arg) {
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, fmt, arg);
  const char *r = vb_arena_strndup(lx->a, m.data, m.len);
  vb_buf_free(&m);
  return r;
}

/* The UTF-8 character at off, as an arena string. */
static const char *char_at(vb_lexer *lx, size_t off) {
  size_t l = 1;
  while (off + l < lx->n && ((unsigned char)lx->s[off + l] & 0xC0) == 0x80)
    l++;
  return vb_arena_strndup(lx->a, lx->s + off, l);
}

/* "có phải là `x`? " + what follows, or just what follows. */
static const char *did_you_mean(vb_lexer *lx, const char *guess, const char *then) {
  vb_buf m = VB_BUF_INIT;
  if (guess) vb_buf_printf(&m, "có phải là `%s`? ", guess);
  vb_buf_puts(&m, then);
  const char *r = vb_arena_strndup(lx->a, m.data, m.len);
  vb_buf_free(&m);
  return r;
}

/* --- parser --------------------------------------------------------------- */

static vb_expr *node(vb_lexer *lx, ekind k) {
  vb_expr *e = vb_arena_alloc(lx->a, sizeof(vb_expr));
  e->kind = k;
  return e;
}

static vb_expr *parse_expr(vb_lexer *lx);

static vb_expr **parse_args(vb_lexer *lx, const char *close, size_t *nargs) {
  vb_expr *tmp[64];
  size_t n = 0;
  if (!vb_lex_accept(lx, close)) {
    do {
      if (n == 64) return fail(lx, lx->pos, "tpl.too-many-arguments", "quá 64 đối số");
      vb_expr *e = parse_expr(lx);
      if (!e) return NULL;
      tmp[n++] = e;
    } while (vb_lex_accept(lx, ","));
    if (!vb_lex_accept(lx, close)) {
      return fail(lx, lx->pos, "tpl.missing-bracket",
                  strcmp(close, ")") == 0 ? "thiếu `)`" : "thiếu `]`");
    }
  }
  vb_expr **args = vb_arena_alloc(lx->a, (n ? n : 1) * sizeof(*args));
  memcpy(args, tmp, n * sizeof(*args));
  *nargs = n;
  return args;
}

/* A filter's arguments: positional ones, then keyword ones (`rong="30mm"`),
 * put at the position the filter's parameter list gives the name
 * (vb_filter_params), so that filters only ever see positions. A keyword
 * the filter does not have, or a position given twice, is a syntax error. */
static vb_expr **parse_filter_args(vb_lexer *lx, const char *filter, size_t *nargs) {
  vb_expr *tmp[64] = {0};
  size_t n = 0;
  int by_name = 0;
  const char *const *params = vb_filter_params(filter);
  if (!vb_lex_accept(lx, ")")) {
    do {
      size_t at = lx->pos;
      token name = peek(lx);
      const char *kw = NULL;
      if (name.type == T_NAME) {
        lx->pos = name.start + name.len;
        token eq = peek(lx);
        if (eq.type == T_PUNCT && eq.len == 1 && lx->s[eq.start] == '=') {
          lx->pos = eq.start + 1;
          kw = vb_arena_strndup(lx->a, lx->s + name.start, name.len);
        } else {
          lx->pos = at;
        }
      }
      size_t slot = n;
      if (kw) {
        by_name = 1;
        slot = SIZE_MAX;
        for (size_t k = 0; params && params[k]; k++)
          if (strcmp(params[k], kw) == 0) slot = k;
        if (slot == SIZE_MAX) {
          vb_buf m = VB_BUF_INIT;
          if (params && params[0]) {
            vb_buf_puts(&m, "các tham số của nó: ");
            for (size_t k = 0; params[k]; k++)
              vb_buf_printf(&m, "%s%s", k ? ", " : "", params[k]);
          } else {
            vb_buf_puts(&m, "bộ lọc này chỉ nhận đối số theo vị trí");
          }
          const char *hint = vb_arena_strndup(lx->a, m.data, m.len);
          vb_buf_free(&m);
          vb_buf_printf(&m, "bộ lọc `%s` không có tham số `%s`", filter, kw);
          const char *msg = vb_arena_strndup(lx->a, m.data, m.len);
          vb_buf_free(&m);
          return fail_hint(lx, name.start, "tpl.unknown-parameter", hint, msg);
        }
        if (tmp[slot])
          return fail(lx, name.start, "tpl.parameter-twice",
                      arena_printf(lx, "tham số `%s` được cho hai lần", params[slot]));
      } else if (by_name) {
        return fail_hint(lx, at, "tpl.positional-after-keyword",
                         "đặt các đối số theo vị trí trước, rồi mới đến các đối số có tên",
                         "đối số theo vị trí đứng sau một đối số có tên");
      }
      if (slot >= 64) return fail(lx, lx->pos, "tpl.too-many-arguments", "quá 64 đối số");
      vb_expr *e = parse_expr(lx);
      if (!e) return NULL;
      tmp[slot] = e;
      if (slot + 1 > n) n = slot + 1;
    } while (vb_lex_accept(lx, ","));
    if (!vb_lex_accept(lx, ")")) return fail(lx, lx->pos, "tpl.missing-bracket", "thiếu `)`");
  }
  vb_expr **args = vb_arena_alloc(lx->a, (n ? n : 1) * sizeof(*args));
  memcpy(args, tmp, n * sizeof(*args));
  *nargs = n;
  return args;
}

static vb_value *decode_string(vb_lexer *lx, token t) {
  vb_buf b = VB_BUF_INIT;
  const char *s = lx->s + t.start + 1;
  size_t n = t.len - 2;
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\\' && i + 1 < n) {
      char c = s[++i];
      vb_buf_putc(&b, c == 'n' ? '\n' : c == 't' ? '\t' : c);
    } else {
      vb_buf_putc(&b, s[i]);
    }
  }
  vb_value *v = vb_val_str(lx->a, vb_buf_cstr(&b), b.len);
  vb_buf_free(&b);
  return v;
}

static vb_expr *parse_primary(vb_lexer *lx) {
  token t = peek(lx);
  vb_expr *e;
  switch (t.type) {
  case T_EOF:
    return fail(lx, t.start, "tpl.expression-expected", "thiếu một giá trị hay biểu thức");
  case T_BAD:
    if (lx->s[t.start] == '"' || lx->s[t.start] == '\'')
      return fail_hint(lx, t.start, "tpl.unclosed-string", "đóng chuỗi bằng dấu nháy đã mở nó",
                       lx->s[t.start] == '"' ? "chuỗi mở bằng `\"` không được đóng"
                                             : "chuỗi mở bằng `'` không được đóng");
    return fail(lx, t.start, "tpl.unexpected-char",
                arena_printf(lx, "ký tự `%s` không dùng được ở đây", char_at(lx, t.start)));
  case T_NUM: {
    char tmp[64];
    size_t k = 0;
    for (size_t i = 0; i < t.len && k < sizeof tmp - 1; i++)
      if (lx->s[t.start + i] != '_') tmp[k++] = lx->s[t.start + i];
    tmp[k] = '\0';
    lx->pos = t.start + t.len;
    e = node(lx, E_LIT);
    e->lit = vb_val_num(lx->a, strtod(tmp, NULL));
    return e;
  }
  case T_STR:
    lx->pos = t.start + t.len;
    e = node(lx, E_LIT);
    e->lit = decode_string(lx, t);
    return e;
  case T_NAME: {
    const char *w = lx->s + t.start;
    lx->pos = t.start + t.len;
    e = node(lx, E_LIT);
    if ((t.len == 4 && (!memcmp(w, "true", 4) || !memcmp(w, "True", 4)))) {
      e->lit = vb_val_bool(lx->a, 1);
    } else if (t.len == 5 && (!memcmp(w, "false", 5) || !memcmp(w, "False", 5))) {
      e->lit = vb_val_bool(lx->a, 0);
    } else if (t.len == 4 && (!memcmp(w, "none", 4) || !memcmp(w, "None", 4))) {
      e->lit = vb_val_null(lx->a);
    } else if (is_keyword(w, t.len)) {
      return fail(lx, t.start, "tpl.expression-expected",
                  arena_printf(lx, "thiếu một giá trị trước từ khoá `%s`",
                               vb_arena_strndup(lx->a, w, t.len)));
    } else {
      e->kind = E_NAME;
      e->name = vb_arena_strndup(lx->a, w, t.len);
    }
    return e;
  }
  case T_PUNCT:
    if (tok_is(lx, t, "(")) {
      lx->pos = t.start + 1;
      e = parse_expr(lx);
      if (!e) return NULL;
      if (!vb_lex_accept(lx, ")")) return fail(lx, lx->pos, "tpl.missing-bracket", "thiếu `)`");
      return e;
    }
    if (tok_is(lx, t, "[")) {
      lx->pos = t.start + 1;
      e = node(lx, E_LIST);
      e->args = parse_args(lx, "]", &e->nargs);
      return e->args ? e : NULL;
    }
    return fail(lx, t.start, "tpl.expression-expected", "thiếu một giá trị hay biểu thức");
  }
  return NULL;
}

static vb_expr *parse_postfix(vb_lexer *lx) {
  vb_expr *e = parse_primary(lx);
  while (e) {
    token t = peek(lx);
    if (tok_is(lx, t, ".")) {
      lx->pos = t.start + 1;
      token nt = peek(lx);
      vb_expr *x = node(lx, E_ATTR);
      if (nt.type == T_NAME) {
        x->name = vb_arena_strndup(lx->a, lx->s + nt.start, nt.len);
      } else if (nt.type == T_NUM) { /* docxtpl-style items.0 */
        x->kind = E_INDEX;
        x->b = node(lx, E_LIT);
        x->b->lit = vb_val_num(lx->a, strtod(lx->s + nt.start, NULL));
      } else {
        return fail(lx, nt.start, "tpl.name-expected", "sau dấu `.` phải là một tên");
      }
      lx->pos = nt.start + nt.len;
      x->a = e;
      e = x;
    } else if (tok_is(lx, t, "[")) {
      lx->pos = t.start + 1;
      vb_expr *x = node(lx, E_INDEX);
      x->a = e;
      x->b = parse_expr(lx);
      if (!x->b) return NULL;
      if (!vb_lex_accept(lx, "]")) return fail(lx, lx->pos, "tpl.missing-bracket", "thiếu `]`");
      e = x;
    } else if (tok_is(lx, t, "(")) {
      return fail_hint(lx, t.start, "tpl.call",
                       "dùng một bộ lọc, ví dụ `x | items` thay cho `x.items()`",
                       "không hỗ trợ gọi hàm hay phương thức");
    } else {
      break;
    }
  }
  return e;
}

/* Filters bind tighter than any binary operator: a + b | f is a + (b | f). */
static vb_expr *parse_filters(vb_lexer *lx, vb_expr *e) {
  while (e && vb_lex_accept(lx, "|")) {
    token nt = peek(lx);
    if (nt.type != T_NAME)
      return fail(lx, nt.start, "tpl.name-expected", "sau `|` phải là tên một bộ lọc");
    lx->pos = nt.start + nt.len;
    vb_expr *f = node(lx, E_FILTER);
    f->name = vb_arena_strndup(lx->a, lx->s + nt.start, nt.len);
    f->fn = vb_filter_find(f->name);
    if (!f->fn) {
      vb_buf m = VB_BUF_INIT;
      vb_buf_puts(&m, "các bộ lọc: ");
      const char *const *names = vb_filter_names();
      for (size_t i = 0; names[i]; i++)
        vb_buf_printf(&m, "%s%s", i ? ", " : "", names[i]);
      const char *hint = did_you_mean(lx, vi_suggest(f->name, names), vb_buf_cstr(&m));
      vb_buf_free(&m);
      return fail_hint(lx, nt.start, "tpl.unknown-filter", hint,
                       arena_printf(lx, "không có bộ lọc `%s`", f->name));
    }
    f->a = e;
    if (vb_lex_accept(lx, "(")) {
      f->args = parse_filter_args(lx, f->name, &f->nargs);
      if (!f->args) return NULL;
    }
    e = f;
  }
  return e;
}

/* Expressions nest (parentheses, unary minus, not, arguments) by recursion:
 * beyond this depth the template is refused rather than the stack overrun
 * (found by fuzz_tags). No real template comes near it. */
enum { MAX_EXPR_DEPTH = 200 };

static int enter(vb_lexer *lx) {
  if (++lx->depth <= MAX_EXPR_DEPTH) return 1;
  fail(lx, lx->pos, "tpl.too-deep", "biểu thức lồng nhau quá sâu");
  return 0;
}

/* A unary minus takes its operand without filters and the filters apply to
 * the negation, as in Jinja2: -3 | abs is 3, - x | string is "-5". */
static vb_expr *parse_unary_operand(vb_lexer *lx, int with_filters) {
  vb_expr *e;
  if (vb_lex_accept(lx, "-")) {
    if (!enter(lx)) return NULL;
    e = node(lx, E_NEG);
    e->a = parse_unary_operand(lx, 0);
    lx->depth--;
    if (!e->a) return NULL;
  } else {
    e = parse_postfix(lx);
  }
  return with_filters ? parse_filters(lx, e) : e;
}

static vb_expr *parse_unary(vb_lexer *lx) { return parse_unary_operand(lx, 1); }

static vb_expr *bin(vb_lexer *lx, int op, vb_expr *a, vb_expr *b) {
  if (!a || !b) return NULL;
  vb_expr *e = node(lx, E_BIN);
  e->op = op;
  e->a = a;
  e->b = b;
  return e;
}

static vb_expr *parse_mul(vb_lexer *lx) {
  vb_expr *e = parse_unary(lx);
  for (;;) {
    if (!e) return NULL;
    if (vb_lex_accept(lx, "//"))
      e = bin(lx, OP_FLOORDIV, e, parse_unary(lx));
    else if (vb_lex_accept(lx, "*"))
      e = bin(lx, OP_MUL, e, parse_unary(lx));
    else if (vb_lex_accept(lx, "/"))
      e = bin(lx, OP_DIV, e, parse_unary(lx));
    else if (vb_lex_accept(lx, "%"))
      e = bin(lx, OP_MOD, e, parse_unary(lx));
    else
      return e;
  }
}

static vb_expr *parse_add(vb_lexer *lx) {
  vb_expr *e = parse_mul(lx);
  for (;;) {
    if (!e) return NULL;
    if (vb_lex_accept(lx, "+"))
      e = bin(lx, OP_ADD, e, parse_mul(lx));
    else if (vb_lex_accept(lx, "-"))
      e = bin(lx, OP_SUB, e, parse_mul(lx));
    else
      return e;
  }
}

static vb_expr *parse_concat(vb_lexer *lx) {
  vb_expr *e = parse_add(lx);
  while (e && vb_lex_accept(lx, "~"))
    e = bin(lx, OP_CONCAT, e, parse_add(lx));
  return e;
}

static vb_expr *parse_compare(vb_lexer *lx) {
  vb_expr *e = parse_concat(lx);
  for (;;) {
    if (!e) return NULL;
    size_t save = lx->pos;
    if (vb_lex_accept(lx, "=="))
      e = bin(lx, OP_EQ, e, parse_concat(lx));
    else if (vb_lex_accept(lx, "!="))
      e = bin(lx, OP_NE, e, parse_concat(lx));
    else if (vb_lex_accept(lx, "<="))
      e = bin(lx, OP_LE, e, parse_concat(lx));
    else if (vb_lex_accept(lx, ">="))
      e = bin(lx, OP_GE, e, parse_concat(lx));
    else if (vb_lex_accept(lx, "<"))
      e = bin(lx, OP_LT, e, parse_concat(lx));
    else if (vb_lex_accept(lx, ">"))
      e = bin(lx, OP_GT, e, parse_concat(lx));
    else if (vb_lex_accept(lx, "in"))
      e = bin(lx, OP_IN, e, parse_concat(lx));
    else if (vb_lex_accept(lx, "not")) {
      if (!vb_lex_accept(lx, "in")) {
        lx->pos = save;
        return e;
      }
      e = bin(lx, OP_NOTIN, e, parse_concat(lx));
    } else if (vb_lex_accept(lx, "is")) {
      vb_expr *t = node(lx, E_TEST);
      t->op = vb_lex_accept(lx, "not");
      token nt = peek(lx);
      if (nt.type != T_NAME)
        return fail(lx, nt.start, "tpl.name-expected", "sau `is` phải là tên một phép thử");
      lx->pos = nt.start + nt.len;
      t->name = vb_arena_strndup(lx->a, lx->s + nt.start, nt.len);
      static const char *const tests[] = {
          "defined",  "undefined", "none", "string", "number",  "integer", "float", "mapping",
          "sequence", "iterable",  "true", "false",  "boolean", "even",    "odd",   NULL};
      int known = 0;
      for (int i = 0; tests[i]; i++)
        known |= strcmp(tests[i], t->name) == 0;
      if (!known)
        return fail_hint(lx, nt.start, "tpl.unknown-test",
                         did_you_mean(lx, vi_suggest(t->name, tests),
                                      "các phép thử: defined, none, string, number, integer, "
                                      "float, mapping, sequence, true, false, even, odd …"),
                         arena_printf(lx, "không có phép thử `%s`", t->name));
      t->a = e;
      e = t;
    } else {
      return e;
    }
  }
}

static vb_expr *parse_not(vb_lexer *lx) {
  size_t save = lx->pos;
  if (vb_lex_accept(lx, "not")) {
    if (peek(lx).type == T_EOF) {
      lx->pos = save;
      return parse_compare(lx);
    }
    if (!enter(lx)) return NULL;
    vb_expr *e = node(lx, E_NOT);
    e->a = parse_not(lx);
    lx->depth--;
    return e->a ? e : NULL;
  }
  return parse_compare(lx);
}

static vb_expr *parse_and(vb_lexer *lx) {
  vb_expr *e = parse_not(lx);
  while (e && vb_lex_accept(lx, "and")) {
    vb_expr *x = node(lx, E_AND);
    x->a = e;
    x->b = parse_not(lx);
    e = x->b ? x : NULL;
  }
  return e;
}

static vb_expr *parse_or(vb_lexer *lx) {
  vb_expr *e = parse_and(lx);
  while (e && vb_lex_accept(lx, "or")) {
    vb_expr *x = node(lx, E_OR);
    x->a = e;
    x->b = parse_and(lx);
    e = x->b ? x : NULL;
  }
  return e;
}

static vb_expr *parse_expr_inner(vb_lexer *lx);

static vb_expr *parse_expr(vb_lexer *lx) {
  if (!enter(lx)) return NULL;
  vb_expr *e = parse_expr_inner(lx);
  lx->depth--;
  return e;
}

static vb_expr *parse_expr_inner(vb_lexer *lx) {
  vb_expr *e = parse_or(lx);
  if (!e) return NULL;
  size_t save = lx->pos;
  if (vb_lex_accept(lx, "if")) {
    vb_expr *c = node(lx, E_COND);
    c->a = e;
    c->b = parse_or(lx);
    if (!c->b) return NULL;
    if (vb_lex_accept(lx, "else")) {
      c->c = parse_expr(lx);
      if (!c->c) return NULL;
    } else if (!vb_lex_at_end(lx)) {
      lx->pos = save;
      return e;
    }
    return c;
  }
  return e;
}

vb_expr *vb_expr_parse_at(vb_lexer *lx) { return parse_expr(lx); }

vb_expr *vb_expr_parse(vb_arena *a, const char *s, size_t n, const char **err, size_t *err_off) {
  vb_lexer lx = {s, n, 0, a, NULL, 0, 0, NULL, NULL};
  vb_expr *e = parse_expr(&lx);
  if (e && !vb_lex_at_end(&lx)) {
    skip_blanks(&lx);
    e = fail(&lx, lx.pos, "tpl.extra-text", "phần thừa sau biểu thức");
  }
  if (!e) {
    *err = lx.err ? lx.err : "invalid expression";
    *err_off = lx.err_off;
  }
  return e;
}

void vb_expr_collect_names(const vb_expr *e, void (*fn)(void *ud, const char *name), void *ud) {
  if (!e) return;
  if (e->kind == E_NAME) fn(ud, e->name);
  vb_expr_collect_names(e->a, fn, ud);
  vb_expr_collect_names(e->b, fn, ud);
  vb_expr_collect_names(e->c, fn, ud);
  for (size_t i = 0; i < e->nargs; i++)
    vb_expr_collect_names(e->args[i], fn, ud);
}

vb_expr *vb_expr_strip_filter(vb_expr *e, const char *name) {
  return e && e->kind == E_FILTER && e->nargs == 0 && strcmp(e->name, name) == 0 ? e->a : NULL;
}

int vb_expr_uses_filter(const vb_expr *e, const char *name) {
  if (!e) return 0;
  if (e->kind == E_FILTER && strcmp(e->name, name) == 0) return 1;
  if (vb_expr_uses_filter(e->a, name) || vb_expr_uses_filter(e->b, name) ||
      vb_expr_uses_filter(e->c, name))
    return 1;
  for (size_t i = 0; i < e->nargs; i++)
    if (vb_expr_uses_filter(e->args[i], name)) return 1;
  return 0;
}

int vb_expr_path_text(const vb_expr *e, vb_buf *out) {
  if (!e) return 0;
  switch (e->kind) {
  case E_NAME: vb_buf_puts(out, e->name); return 1;
  case E_ATTR:
    if (!vb_expr_path_text(e->a, out)) return 0;
    vb_buf_printf(out, ".%s", e->name);
    return 1;
  case E_INDEX:
    if (!vb_expr_path_text(e->a, out)) return 0;
    if (e->b->kind == E_LIT && e->b->lit->kind == VB_NUM) {
      vb_buf_printf(out, "[%g]", e->b->lit->u.num);
    } else if (e->b->kind == E_LIT && e->b->lit->kind == VB_STR) {
      vb_buf_printf(out, "[\"%s\"]", e->b->lit->u.str.s);
    } else {
      vb_buf_puts(out, "[…]");
    }
    return 1;
  case E_FILTER: return vb_expr_path_text(e->a, out);
  default: return 0;
  }
}

/* --- evaluation ----------------------------------------------------------- */

static vb_value *lookup(vb_eval *ev, const char *name);

/* The names of an object, or of the scope (variables, then the data's),
 * NULL-terminated in the arena. */
static const char **names_of(vb_eval *ev, const vb_value *obj, int scope) {
  size_t n = (obj && obj->kind == VB_OBJ ? obj->u.obj.len : 0) + (scope ? ev->nvars : 0);
  const char **names = vb_arena_alloc(ev->a, (n + 1) * sizeof(*names));
  size_t k = 0;
  for (size_t i = 0; scope && i < ev->nvars; i++)
    names[k++] = ev->vars[i].name;
  for (size_t i = 0; obj && obj->kind == VB_OBJ && i < obj->u.obj.len; i++)
    names[k++] = obj->u.obj.items[i].key;
  names[k] = NULL;
  return names;
}

int vb_expr_suggest_path(vb_eval *ev, const vb_expr *e, vb_buf *out) {
  if (!e) return 0;
  const char *guess = NULL;
  switch (e->kind) {
  case E_FILTER: return vb_expr_suggest_path(ev, e->a, out);
  case E_NAME:
    if (lookup(ev, e->name)) return 0;
    guess = vi_suggest(e->name, names_of(ev, ev->root, 1));
    if (guess) vb_buf_puts(out, guess);
    return guess != NULL;
  case E_ATTR: {
    const char *err = ev->err, *rule = ev->err_rule, *hint = ev->err_hint;
    vb_value *parent = vb_expr_eval(ev, e->a);
    ev->err = err, ev->err_rule = rule, ev->err_hint = hint;
    if (!parent) {
      if (!vb_expr_suggest_path(ev, e->a, out)) return 0;
      vb_buf_printf(out, ".%s", e->name);
      return 1;
    }
    if (parent->kind != VB_OBJ || vb_obj_get(parent, e->name)) return 0;
    guess = vi_suggest(e->name, names_of(ev, parent, 0));
    if (!guess || !vb_expr_path_text(e->a, out)) return 0;
    vb_buf_printf(out, ".%s", guess);
    return 1;
  }
  default: return 0;
  }
}

void vb_eval_push(vb_eval *ev, const char *name, vb_value *val) {
  if (ev->nvars == ev->cap) {
    ev->cap = ev->cap ? ev->cap * 2 : 16;
    ev->vars = vb_xrealloc(ev->vars, ev->cap * sizeof(*ev->vars));
  }
  ev->vars[ev->nvars].name = name;
  ev->vars[ev->nvars].val = val;
  ev->nvars++;
}

void vb_eval_pop(vb_eval *ev, size_t n) { ev->nvars = n <= ev->nvars ? ev->nvars - n : 0; }

/* An expression the data makes impossible to compute, under the rule
 * tpl.eval; hint is a static string. */
static vb_value *eval_error(vb_eval *ev, const char *hint, const char *fmt, const char *arg) {
  if (!ev->err) {
    vb_buf b = VB_BUF_INIT;
    vb_buf_printf(&b, fmt, arg ? arg : "");
    ev->err = vb_arena_strndup(ev->a, b.data, b.len);
    ev->err_rule = "tpl.eval";
    ev->err_hint = hint;
    vb_buf_free(&b);
  }
  return NULL;
}

static int as_number(const vb_value *v, double *out) {
  if (!v) return 0;
  if (v->kind == VB_NUM) {
    *out = v->u.num;
    return 1;
  }
  if (v->kind == VB_BOOL) {
    *out = v->u.b;
    return 1;
  }
  return 0;
}

static int values_equal(const vb_value *a, const vb_value *b) {
  if (!a || !b) return a == b;
  double x, y;
  if (a->kind != VB_STR && b->kind != VB_STR && as_number(a, &x) && as_number(b, &y)) return x == y;
  if (a->kind != b->kind) return a->kind == VB_NULL && b->kind == VB_NULL;
  switch (a->kind) {
  case VB_NULL: return 1;
  case VB_STR:
    return a->u.str.len == b->u.str.len && memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
  case VB_ARR:
    if (a->u.arr.len != b->u.arr.len) return 0;
    for (size_t i = 0; i < a->u.arr.len; i++)
      if (!values_equal(a->u.arr.items[i], b->u.arr.items[i])) return 0;
    return 1;
  case VB_OBJ:
    if (a->u.obj.len != b->u.obj.len) return 0;
    for (size_t i = 0; i < a->u.obj.len; i++)
      if (!values_equal(a->u.obj.items[i].val, vb_obj_get(b, a->u.obj.items[i].key))) return 0;
    return 1;
  default: return 0;
  }
}

static vb_value *lookup(vb_eval *ev, const char *name) {
  for (size_t i = ev->nvars; i-- > 0;)
    if (strcmp(ev->vars[i].name, name) == 0) return ev->vars[i].val;
  return vb_obj_get(ev->root, name);
}

static vb_value *index_value(vb_eval *ev, vb_value *base, vb_value *key) {
  if (!base || !key) return NULL;
  if (base->kind == VB_OBJ && key->kind == VB_STR) return vb_obj_get(base, key->u.str.s);
  double x;
  if (base->kind == VB_ARR && as_number(key, &x)) {
    /* Out-of-range indices (also huge or non-finite ones) have no item. */
    if (!(fabs(x) < 1e15)) return NULL;
    long i = (long)x;
    if (i < 0) i += (long)base->u.arr.len;
    if (i < 0 || (size_t)i >= base->u.arr.len) return NULL;
    return base->u.arr.items[i];
  }
  if (base->kind == VB_STR && as_number(key, &x)) {
    /* One character (not byte) of a string. */
    if (!(x >= 0 && x < 1e15)) return NULL;
    long want = (long)x, k = 0;
    const char *s = base->u.str.s;
    for (size_t i = 0; i < base->u.str.len;) {
      size_t l = 1;
      while (i + l < base->u.str.len && ((unsigned char)s[i + l] & 0xC0) == 0x80)
        l++;
      if (k++ == want) return vb_val_str(ev->a, s + i, l);
      i += l;
    }
  }
  return NULL;
}

static vb_value *arith(vb_eval *ev, int op, vb_value *a, vb_value *b) {
  if (op == OP_CONCAT) {
    vb_buf t = VB_BUF_INIT;
    vb_value_to_text(a, &t);
    vb_value_to_text(b, &t);
    vb_value *r = vb_val_str(ev->a, vb_buf_cstr(&t), t.len);
    vb_buf_free(&t);
    return r;
  }
  if (op == OP_ADD && a && b && a->kind == VB_STR && b->kind == VB_STR)
    return arith(ev, OP_CONCAT, a, b);
  if (op == OP_ADD && a && b && a->kind == VB_ARR && b->kind == VB_ARR) {
    vb_value *r = vb_val_arr(ev->a);
    for (size_t i = 0; i < a->u.arr.len; i++)
      vb_arr_push(ev->a, r, a->u.arr.items[i]);
    for (size_t i = 0; i < b->u.arr.len; i++)
      vb_arr_push(ev->a, r, b->u.arr.items[i]);
    return r;
  }
  double x, y;
  if (!as_number(a, &x) || !as_number(b, &y))
    return eval_error(ev, "chỉ tính toán với các trường số của dữ liệu", "phép tính cần các số%s",
                      "");
  double r;
  switch (op) {
  case OP_ADD: r = x + y; break;
  case OP_SUB: r = x - y; break;
  case OP_MUL: r = x * y; break;
  case OP_DIV:
    if (y == 0) return eval_error(ev, "xem lại số chia trong dữ liệu", "chia cho 0%s", "");
    r = x / y;
    break;
  case OP_FLOORDIV:
    if (y == 0) return eval_error(ev, "xem lại số chia trong dữ liệu", "chia cho 0%s", "");
    r = floor(x / y);
    break;
  case OP_MOD:
    if (y == 0) return eval_error(ev, "xem lại số chia trong dữ liệu", "chia cho 0%s", "");
    r = x - y * floor(x / y);
    break;
  default: r = 0;
  }
  if (!isfinite(r))
    return eval_error(ev, "xem lại các số trong dữ liệu", "kết quả quá lớn để tính toán%s", "");
  return vb_val_num(ev->a, r);
}

static int compare(vb_eval *ev, int op, vb_value *a, vb_value *b, int *ok) {
  *ok = 1;
  if (op == OP_EQ) return values_equal(a, b);
  if (op == OP_NE) return !values_equal(a, b);
  if (op == OP_IN || op == OP_NOTIN) {
    int found = 0;
    if (b && b->kind == VB_ARR) {
      for (size_t i = 0; i < b->u.arr.len && !found; i++)
        found = values_equal(a, b->u.arr.items[i]);
    } else if (b && b->kind == VB_OBJ && a && a->kind == VB_STR) {
      found = vb_obj_get(b, a->u.str.s) != NULL;
    } else if (b && b->kind == VB_STR && a && a->kind == VB_STR) {
      found = strstr(b->u.str.s, a->u.str.s) != NULL;
    }
    return op == OP_IN ? found : !found;
  }
  double x, y;
  int c;
  if (as_number(a, &x) && as_number(b, &y)) {
    c = x < y ? -1 : x > y;
  } else if (a && b && a->kind == VB_STR && b->kind == VB_STR) {
    c = strcmp(a->u.str.s, b->u.str.s);
  } else {
    *ok = 0;
    eval_error(ev, "so sánh số với số, chữ với chữ", "không so sánh được hai giá trị khác kiểu%s",
               "");
    return 0;
  }
  switch (op) {
  case OP_LT: return c < 0;
  case OP_LE: return c <= 0;
  case OP_GT: return c > 0;
  default: return c >= 0;
  }
}

static int run_test(const char *name, vb_value *v) {
  double x;
  if (!strcmp(name, "defined")) return v != NULL;
  if (!strcmp(name, "undefined")) return v == NULL;
  if (!strcmp(name, "none")) return v && v->kind == VB_NULL;
  if (!strcmp(name, "string")) return v && v->kind == VB_STR;
  if (!strcmp(name, "number")) return v && v->kind == VB_NUM;
  if (!strcmp(name, "integer")) return v && v->kind == VB_NUM && v->u.num == floor(v->u.num);
  if (!strcmp(name, "float")) return v && v->kind == VB_NUM && v->u.num != floor(v->u.num);
  if (!strcmp(name, "mapping")) return v && v->kind == VB_OBJ;
  if (!strcmp(name, "sequence") || !strcmp(name, "iterable"))
    return v && (v->kind == VB_ARR || v->kind == VB_STR || v->kind == VB_OBJ);
  if (!strcmp(name, "boolean")) return v && v->kind == VB_BOOL;
  if (!strcmp(name, "true")) return v && v->kind == VB_BOOL && v->u.b;
  if (!strcmp(name, "false")) return v && v->kind == VB_BOOL && !v->u.b;
  if (!strcmp(name, "even")) return as_number(v, &x) && fmod(x, 2) == 0;
  if (!strcmp(name, "odd")) return as_number(v, &x) && fabs(fmod(x, 2)) == 1;
  return 0;
}

vb_value *vb_expr_eval(vb_eval *ev, const vb_expr *e) {
  if (ev->err) return NULL;
  switch (e->kind) {
  case E_LIT: return e->lit;
  case E_NAME: return lookup(ev, e->name);
  case E_ATTR: {
    vb_value *base = vb_expr_eval(ev, e->a);
    return base ? vb_obj_get(base, e->name) : NULL;
  }
  case E_INDEX: {
    vb_value *base = vb_expr_eval(ev, e->a);
    if (!base) return NULL;
    return index_value(ev, base, vb_expr_eval(ev, e->b));
  }
  case E_LIST: {
    vb_value *r = vb_val_arr(ev->a);
    for (size_t i = 0; i < e->nargs; i++) {
      vb_value *x = vb_expr_eval(ev, e->args[i]);
      vb_arr_push(ev->a, r, x ? x : vb_val_null(ev->a));
    }
    return r;
  }
  case E_NOT: return vb_val_bool(ev->a, !vb_val_truthy(vb_expr_eval(ev, e->a)));
  case E_NEG: {
    double x;
    vb_value *v = vb_expr_eval(ev, e->a);
    if (!as_number(v, &x))
      return ev->err ? NULL
                     : eval_error(ev, "đặt dấu '-' trước một số", "dấu '-' cần một số%s", "");
    return vb_val_num(ev->a, -x);
  }
  case E_AND: {
    vb_value *a = vb_expr_eval(ev, e->a);
    return vb_val_truthy(a) ? vb_expr_eval(ev, e->b) : (a ? a : vb_val_bool(ev->a, 0));
  }
  case E_OR: {
    vb_value *a = vb_expr_eval(ev, e->a);
    return vb_val_truthy(a) ? a : vb_expr_eval(ev, e->b);
  }
  case E_COND:
    if (vb_val_truthy(vb_expr_eval(ev, e->b))) return vb_expr_eval(ev, e->a);
    return e->c ? vb_expr_eval(ev, e->c) : vb_val_strz(ev->a, "");
  case E_BIN: {
    vb_value *a = vb_expr_eval(ev, e->a);
    vb_value *b = vb_expr_eval(ev, e->b);
    if (ev->err) return NULL;
    if (e->op >= OP_EQ) {
      int ok;
      int r = compare(ev, e->op, a, b, &ok);
      return ok ? vb_val_bool(ev->a, r) : NULL;
    }
    return arith(ev, e->op, a, b);
  }
  case E_TEST: {
    int r = run_test(e->name, vb_expr_eval(ev, e->a));
    return vb_val_bool(ev->a, e->op ? !r : r);
  }
  case E_FILTER: {
    vb_value *in = vb_expr_eval(ev, e->a);
    vb_value *args[16] = {0};
    size_t n = e->nargs < 16 ? e->nargs : 16;
    for (size_t i = 0; i < n; i++) /* a keyword argument may leave a position empty */
      args[i] = e->args[i] ? vb_expr_eval(ev, e->args[i]) : NULL;
    if (ev->err) return NULL;
    vb_value *out = NULL;
    if (e->fn(ev, in, args, n, &out) != 0) {
      if (!ev->err)
        eval_error(ev, "xem lại giá trị đưa vào bộ lọc và các đối số của nó",
                   "bộ lọc '%s' không chạy được", e->name);
      return NULL;
    }
    return out;
  }
  }
  return NULL;
}
