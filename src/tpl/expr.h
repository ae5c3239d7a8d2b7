/* The expression half of the template language: a Jinja2 subset.
 *
 *   paths      don_vi.ten   items[0]   row["Tên"]   loop.index
 *   literals   "text" 'text' 12 4.5 true false none [1, 2]
 *   operators  + - * / // % ~   == != < <= > >=   in, not in   and or not
 *              x if cond else y     x is defined / none / string / number / ...
 *   filters    x | so(1) | default("—")
 *
 * Parsing happens once, when a template is compiled; evaluation runs per
 * render against a vb_value tree and never allocates outside the render
 * arena. */
#ifndef VB_TPL_EXPR_H
#define VB_TPL_EXPR_H
#include <stddef.h>

#include "data/value.h"
#include "util/buf.h"
#include "vanban.h"

typedef struct vb_expr vb_expr;

/* Parse an expression from s[0..n). On failure returns NULL, *err is a
 * static or arena string describing the problem and *err_off the offset in s. */
vb_expr *vb_expr_parse(vb_arena *a, const char *s, size_t n, const char **err, size_t *err_off);

/* A lexer position over a tag's text, shared by the tag parser so that
 * statements ("for a, b in xs") and expressions use one tokenizer. */
typedef struct vb_lexer {
  const char *s;
  size_t n, pos;
  vb_arena *a;
  const char *err; /* what is wrong, in Vietnamese (static or in the arena) */
  size_t err_off;
  int depth;            /* recursion depth of the parser (bounded: no stack overflow) */
  const char *err_rule; /* the error's rule id ("tpl.unknown-filter") */
  const char *err_hint; /* what to do, or NULL */
} vb_lexer;

/* Parse one expression starting at the lexer position (stops before a
 * token that cannot continue it, e.g. a trailing keyword). */
vb_expr *vb_expr_parse_at(vb_lexer *lx);
/* Skip blanks; return 1 and consume if the next token is the keyword or
 * punctuation `word`. */
int vb_lex_accept(vb_lexer *lx, const char *word);
/* Read an identifier into the arena; NULL if the next token is not one. */
const char *vb_lex_ident(vb_lexer *lx);
/* 1 when only blanks remain. */
int vb_lex_at_end(vb_lexer *lx);

/* The first path segment names this expression reads from the data (for
 * `vanban fields` and docxtpl's get_undeclared_template_variables). */
void vb_expr_collect_names(const vb_expr *e, void (*fn)(void *ud, const char *name), void *ud);

/* --- evaluation --------------------------------------------------------- */

typedef struct vb_scope_var {
  const char *name;
  vb_value *val;
} vb_scope_var;

typedef struct vb_eval {
  vb_arena *a;          /* render arena: every temporary value lives here */
  const vb_value *root; /* the data */
  vb_scope_var *vars;   /* innermost last */
  size_t nvars, cap;
  const char *err; /* set when evaluation fails (message in the arena) */
  /* With err, when the failure has a rule id and a hint (both Vietnamese
   * and static: a picture the data names is refused), else NULL. */
  const char *err_rule, *err_hint;
  /* What the filters making pictures and charts need (tpl/rich.h); NULL
   * when values can only be text. */
  const struct vb_rich_env *rich;
} vb_eval;

/* Evaluate; returns NULL when the value is undefined (a missing path), or
 * when an error occurred (then ev->err is set). */
vb_value *vb_expr_eval(vb_eval *ev, const vb_expr *e);
void vb_eval_push(vb_eval *ev, const char *name, vb_value *val);
void vb_eval_pop(vb_eval *ev, size_t n);

/* e gave no value: when it reads a path (a.b.c, perhaps through filters)
 * and a name in it is not in the data, write the path with that name
 * replaced by the one the data most likely means (vi_suggest over the names
 * that are there) into out and return 1 ("có phải là …?"); else 0. */
int vb_expr_suggest_path(vb_eval *ev, const vb_expr *e, vb_buf *out);

/* When e's last step is the filter `name` without arguments, the
 * expression it filters; NULL otherwise. */
vb_expr *vb_expr_strip_filter(vb_expr *e, const char *name);
/* 1 when the filter `name` is applied anywhere in e. */
int vb_expr_uses_filter(const vb_expr *e, const char *name);

/* If e is a plain path (a.b[0].c), write it as text into out and return 1. */
int vb_expr_path_text(const vb_expr *e, vb_buf *out);

/* --- filters -------------------------------------------------------------- */

typedef int (*vb_filter_fn)(vb_eval *ev, vb_value *in, vb_value **args, size_t nargs,
                            vb_value **out);
/* Look a filter up by name; NULL when unknown. */
vb_filter_fn vb_filter_find(const char *name);
/* The names of a filter's parameters in order, NULL-terminated, for keyword
 * arguments (`so(max=2)`); NULL when it takes none by name. */
const char *const *vb_filter_params(const char *name);
/* Names of all filters, NULL-terminated (for messages and docs). */
const char *const *vb_filter_names(void);

#endif
