/* JSON through yajl's event parser: unlike a DOM parser it tells us the byte
 * offset of every event, which is what lets `vanban check` point at the line
 * and column of a wrong figure, not just at the file. */
#include "data/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "data/text.h"
#include "util/buf.h"
#include "util/diag.h"
#include "vi/vi.h"

typedef struct frame {
  vb_value *container;
  const char *key; /* pending key inside an object */
  size_t index;    /* next index inside an array */
  /* Where the child container being read sits (key or index), kept for
   * messages about values nested in it. */
  const char *open_key;
  size_t open_index;
} frame;

typedef struct parser {
  vb_arena *a;
  const char *text;
  size_t len;
  const char *name;
  vb_diags *d;
  yajl_handle h;
  frame stack[VB_JSON_MAX_DEPTH + 1];
  int depth;
  vb_value *root;
  size_t prev_end; /* offset just after the previous token */
  /* incremental offset → line:column */
  size_t pos_off;
  uint32_t pos_line, pos_col;
  int failed;       /* set when a callback refused the input */
  size_t nfd_count; /* strings that were not NFC (reported once) */
  const char *nfd_first;
  vb_buf scratch;
} parser;

/* Advance the line/column counter to offset off (offsets only grow). Columns
 * count characters, not bytes, so they match what an editor shows. */
static void locate(parser *p, size_t off, uint32_t *line, uint32_t *col) {
  if (off < p->pos_off) p->pos_off = 0, p->pos_line = 1, p->pos_col = 1;
  for (; p->pos_off < off && p->pos_off < p->len; p->pos_off++) {
    unsigned char c = (unsigned char)p->text[p->pos_off];
    if (c == '\n') {
      p->pos_line++;
      p->pos_col = 1;
    } else if ((c & 0xC0) != 0x80) {
      p->pos_col++;
    }
  }
  *line = p->pos_line;
  *col = p->pos_col;
}

/* Start offset of the token whose callback is running: skip the blanks,
 * commas and colons that follow the previous token. */
static size_t token_start(parser *p) {
  size_t i = p->prev_end;
  while (i < p->len && strchr(" \t\r\n,:", p->text[i]))
    i++;
  return i;
}

/* JSON path of the value about to be attached (parents by where their open
 * child sits, the innermost by its pending key or index). */
static void path_of(parser *p, vb_buf *out) {
  vb_buf_puts(out, "$");
  for (int i = 1; i <= p->depth; i++) {
    frame *f = &p->stack[i];
    int inner = i == p->depth;
    const char *key = inner ? f->key : f->open_key;
    size_t index = inner ? f->index : f->open_index;
    if (f->container->kind == VB_OBJ) {
      if (key) vb_buf_printf(out, ".%s", key);
    } else {
      vb_buf_printf(out, "[%zu]", index);
    }
  }
}

static int attach(parser *p, vb_value *v) {
  size_t start = token_start(p);
  locate(p, start, &v->line, &v->col);
  v->src = p->name;
  p->prev_end = yajl_get_bytes_consumed(p->h);
  if (p->depth == 0) {
    p->root = v;
    return 1;
  }
  frame *f = &p->stack[p->depth];
  if (f->container->kind == VB_ARR) {
    vb_arr_push(p->a, f->container, v);
    f->index++;
  } else {
    vb_obj_set(p->a, f->container, f->key, v);
    f->key = NULL;
  }
  return 1;
}

static int on_null(void *ctx) {
  parser *p = ctx;
  return attach(p, vb_val_null(p->a));
}

static int on_bool(void *ctx, int b) {
  parser *p = ctx;
  return attach(p, vb_val_bool(p->a, b));
}

static int on_number(void *ctx, const char *s, size_t n) {
  parser *p = ctx;
  char tmp[64];
  if (n >= sizeof tmp) n = sizeof tmp - 1;
  memcpy(tmp, s, n);
  tmp[n] = '\0';
  double x = strtod(tmp, NULL);
  if (!isfinite(x)) {
    uint32_t line, col;
    locate(p, token_start(p), &line, &col);
    char where[64];
    snprintf(where, sizeof where, "line %u:%u", line, col);
    vb_error(p->d, VB_EDATA, p->name, where, "write a number of a sensible size",
             "the number %s is too large to compute with", tmp);
    p->failed = 1;
    return 0;
  }
  return attach(p, vb_val_num(p->a, x));
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
  parser *p = ctx;
  vb_buf_clear(&p->scratch);
  int nfd = 0;
  int removed = vb_text_clean((const char *)s, n, &p->scratch, &nfd);
  vb_value *v = vb_val_str(p->a, vb_buf_cstr(&p->scratch), p->scratch.len);
  vb_buf where = VB_BUF_INIT;
  if (removed || nfd) path_of(p, &where); /* before attach moves the frame on */
  int ok = attach(p, v);
  if (removed || nfd) vb_buf_printf(&where, " (line %u:%u)", v->line, v->col);
  if (removed)
    vb_warn(p->d, VB_EDATA, p->name, where.data,
            "remove them from the source (they usually come from a spreadsheet paste)",
            "%d control character(s) that a document cannot contain were removed", removed);
  if (nfd && p->nfd_count++ == 0) p->nfd_first = vb_arena_strndup(p->a, where.data, where.len);
  vb_buf_free(&where);
  return ok;
}

static int push_container(parser *p, vb_value *v) {
  if (p->depth >= VB_JSON_MAX_DEPTH) {
    uint32_t line, col;
    locate(p, token_start(p), &line, &col);
    char where[64];
    snprintf(where, sizeof where, "line %u:%u", line, col);
    vb_error(p->d, VB_EDATA, p->name, where, "flatten the data", "nesting deeper than %d levels",
             VB_JSON_MAX_DEPTH);
    p->failed = 1;
    return 0;
  }
  frame *parent = &p->stack[p->depth];
  parent->open_key = parent->key;
  parent->open_index = parent->index;
  attach(p, v);
  p->depth++;
  p->stack[p->depth].container = v;
  p->stack[p->depth].key = NULL;
  p->stack[p->depth].index = 0;
  return 1;
}

static int on_start_map(void *ctx) {
  parser *p = ctx;
  return push_container(p, vb_val_obj(p->a));
}

static int on_map_key(void *ctx, const unsigned char *s, size_t n) {
  parser *p = ctx;
  frame *f = &p->stack[p->depth];
  size_t start = token_start(p);
  p->prev_end = yajl_get_bytes_consumed(p->h);
  if (vb_obj_getn(f->container, (const char *)s, n)) {
    uint32_t line, col;
    locate(p, start, &line, &col);
    char where[64];
    snprintf(where, sizeof where, "line %u:%u", line, col);
    vb_error(p->d, VB_EDATA, p->name, where, "keep one of the two entries",
             "key \"%.*s\" appears twice in the same object", (int)n, s);
    p->failed = 1;
    return 0;
  }
  vb_buf_clear(&p->scratch);
  int nfd = 0;
  int removed = vb_text_clean((const char *)s, n, &p->scratch, &nfd);
  f->key = vb_arena_strndup(p->a, vb_buf_cstr(&p->scratch), p->scratch.len);
  if (removed) {
    uint32_t line, col;
    locate(p, start, &line, &col);
    vb_buf where = VB_BUF_INIT;
    path_of(p, &where);
    vb_buf_printf(&where, " (line %u:%u)", line, col);
    vb_warn(p->d, VB_EDATA, p->name, where.data,
            "remove them from the source (they usually come from a spreadsheet paste)",
            "%d control character(s) that a document cannot contain were removed from a key",
            removed);
    vb_buf_free(&where);
  }
  return 1;
}

static int on_end(void *ctx) {
  parser *p = ctx;
  p->prev_end = yajl_get_bytes_consumed(p->h);
  p->depth--;
  return 1;
}

static int on_start_array(void *ctx) {
  parser *p = ctx;
  return push_container(p, vb_val_arr(p->a));
}

static const yajl_callbacks callbacks = {
    on_null,      on_bool,    NULL,   NULL,           on_number, on_string,
    on_start_map, on_map_key, on_end, on_start_array, on_end,
};

vb_value *vb_json_parse(vb_arena *a, const char *text, size_t len, const char *name, vb_diags *d) {
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3;
  size_t bad;
  if (vi_utf8_check(text, len, &bad) != 0) {
    parser tmp = {.text = text, .len = len, .pos_line = 1, .pos_col = 1};
    uint32_t line, col;
    locate(&tmp, bad, &line, &col);
    char where[96];
    snprintf(where, sizeof where, "line %u:%u (byte %zu)", line, col, bad);
    vb_error(d, VB_EDATA, name, where, "save the file as UTF-8", "invalid UTF-8 byte 0x%02X",
             (unsigned char)text[bad]);
    return NULL;
  }
  parser p = {.a = a, .text = text, .len = len, .name = name, .d = d, .pos_line = 1, .pos_col = 1};
  p.h = yajl_alloc(&callbacks, NULL, &p);
  yajl_config(p.h, yajl_allow_comments, 0);
  yajl_status st = yajl_parse(p.h, (const unsigned char *)text, len);
  int at_end = 0;
  if (st == yajl_status_ok) {
    st = yajl_complete_parse(p.h);
    at_end = 1; /* an error now means the text ended too early */
  }
  if (st != yajl_status_ok && !p.failed) {
    /* After yajl_parse, the error is where it stopped consuming; after
     * yajl_complete_parse the counter is reset, so the place is the end. */
    size_t off = at_end ? len : yajl_get_bytes_consumed(p.h);
    if (off > len) off = len;
    if (!at_end && off > 0) off--;
    uint32_t line, col;
    locate(&p, off, &line, &col);
    unsigned char *msg = yajl_get_error(p.h, 0, NULL, 0);
    /* yajl ends its message with blank lines: keep diagnostics one line. */
    for (unsigned char *q = msg; q && *q; q++)
      if (*q == '\n' || *q == '\r') *q = ' ';
    for (size_t l = msg ? strlen((char *)msg) : 0; l > 0 && msg[l - 1] == ' '; l--)
      msg[l - 1] = '\0';
    char where[64];
    snprintf(where, sizeof where, "line %u:%u", line, col);
    vb_error(
        d, VB_EDATA, name, where,
        "fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)",
        "invalid JSON: %s", (const char *)msg);
    yajl_free_error(p.h, msg);
  }
  yajl_free(p.h);
  vb_buf_free(&p.scratch);
  if (p.nfd_count)
    vb_warn(d, VB_EDATA, name, p.nfd_first,
            "save the file with precomposed Vietnamese letters (NFC), as TCVN 6909:2001 requires",
            "%zu string(s) were in decomposed Unicode form (NFD), the first here; all were "
            "normalized to NFC",
            p.nfd_count);
  if (st != yajl_status_ok || p.failed) return NULL;
  if (!p.root) {
    vb_error(d, VB_EDATA, name, NULL, "write a JSON object { … }", "the file is empty");
    return NULL;
  }
  return p.root;
}
