/* Parsing one tag: "{{ expr }}", "{% for a, b in expr %}", "{% if … %}",
 * docxtpl's scope letters ({%p, {%tr, {%tc, {%r) and cell markers, "{%-"
 * and "-%}". The expression itself is src/tpl/expr.c's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tpl/compile_internal.h"
#include "util/buf.h"
#include "util/diag.h"

/* --- tag parsing ---------------------------------------------------------- */

void vb_mk_tag_error(compiler *c, vb_tag *t, const char *hint, const char *fmt, const char *arg) {
  vb_buf m = VB_BUF_INIT;
  vb_buf_printf(&m, fmt, arg ? arg : "");
  vb_error(c->d, VB_ETEMPLATE, c->pkg_name, t->where, hint, "%s in %s (near \"%s\")", m.data,
           t->text, t->excerpt);
  vb_buf_free(&m);
  c->errors++;
}

static int parse_expr_into(compiler *c, vb_tag *t, vb_lexer *lx, vb_expr **out) {
  *out = vb_expr_parse_at(lx);
  if (*out && !vb_lex_at_end(lx) && !lx->err) {
    lx->err = "unexpected text after the expression";
    lx->err_off = lx->pos;
    *out = NULL;
  }
  if (!*out) {
    vb_mk_tag_error(c, t, "check the expression's syntax (see the template language in README.md)",
                    "%s", lx->err ? lx->err : "invalid expression");
    return -1;
  }
  return 0;
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
  vb_lexer lx = {s + i, end - i, 0, c->a, NULL, 0, 0};
  if (kind == '{') {
    t->kind = VB_TAG_VALUE;
    parse_expr_into(c, t, &lx, &t->expr);
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
    vb_mk_tag_error(c, t, "a block tag starts with for, endfor, if, elif, else, endif or set",
                    "empty or unreadable block tag%s", "");
    return;
  }
  if (strcmp(word, "for") == 0) {
    t->kind = VB_TAG_FOR;
    t->var1 = vb_lex_ident(&lx);
    if (t->var1 && vb_lex_accept(&lx, ",")) t->var2 = vb_lex_ident(&lx);
    if (!t->var1 || !vb_lex_accept(&lx, "in")) {
      vb_mk_tag_error(c, t, "write it as {% for item in list %}", "malformed for loop%s", "");
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
      vb_mk_tag_error(c, t, "write it as {% set name = expression %}", "malformed set%s", "");
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
  } else if (!strcmp(word, "vm") || !strcmp(word, "hm")) {
    t->kind = word[0] == 'v' ? VB_TAG_VM : VB_TAG_HM;
    if (!vb_lex_at_end(&lx)) vb_mk_tag_error(c, t, NULL, "unexpected text after '%s'", word);
  } else if (!strcmp(word, "else") || !strcmp(word, "endfor") || !strcmp(word, "endif")) {
    t->kind = word[1] == 'l' ? VB_TAG_ELSE : word[3] == 'f' ? VB_TAG_ENDFOR : VB_TAG_ENDIF;
    if (!vb_lex_at_end(&lx)) vb_mk_tag_error(c, t, NULL, "unexpected text after '%s'", word);
  } else {
    vb_mk_tag_error(c, t,
                    "supported block tags: for, endfor, if, elif, else, endif, set, and docxtpl's "
                    "colspan, cellbg, vm, hm (see README.md)",
                    "unknown block tag '%s'", word);
  }
}
