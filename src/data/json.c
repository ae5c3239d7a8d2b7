/* JSON through yajl's event parser: unlike a DOM parser it tells us the byte
 * offset of every event, which is what lets `vanban check` point at the line
 * and column of a wrong figure, not just at the file. */
#include "data/json.h"

#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "data/json_syntax.h"
#include "data/text.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/word.h"
#include "vi/vi.h"

/* Children of an open container are collected in its frame, outside the
 * arena, and copied into the arena right-sized when it closes: growing them in
 * the arena would leave every outgrown copy behind (as much again as the
 * final arrays), and the buffers of a depth are reused by every container
 * opened at that depth. */
typedef struct frame {
  vb_value *container;
  const char *key; /* pending key inside an object (interned) */
  size_t index;    /* next index inside an array */
  /* Where the child container being read sits (key or index), kept for
   * messages about values nested in it. */
  const char *open_key;
  size_t open_index;
  vb_value **items; /* array children */
  size_t items_cap;
  vb_member *members; /* object members, in source order */
  size_t nmembers, members_cap;
  size_t members_seen; /* members[0 .. members_seen) were written (by any object) */
  /* Keys of a large object, for duplicate detection without a quadratic
   * scan: an open-addressing set of interned key pointers, built when the
   * object reaches KEYSET_MIN members. keyset_len == 0 when unused. */
  const char **keyset;
  size_t keyset_cap, keyset_len;
} frame;

enum { KEYSET_MIN = 16 };

/* One distinct object key: the rows of a list repeat the same few keys, so
 * each is stored once per parse and members share it. */
typedef struct key_slot {
  const char *s; /* NUL-terminated, in the arena; NULL when the slot is free */
  size_t len;
  uint32_t hash;
} key_slot;

/* Offsets are counted from the start of the text (after a BOM); the parser
 * sees the window text[0 .. len - base) of bytes base .. len. Text given in
 * memory is one window from the start; a file is read in chunks, and the
 * window keeps only the bytes still needed: from the previous token's end
 * (token_start), the unchecked UTF-8 tail and what yajl has not had yet. */
typedef struct parser {
  vb_arena *a;
  const char *text;
  size_t base, len;
  size_t checked;  /* bytes before this are valid UTF-8 */
  size_t fed;      /* bytes before this were given to yajl... */
  size_t fed_base; /* ...the last call starting here (yajl counts from there) */
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
  int failed;  /* set when a callback refused the input */
  int stopped; /* yajl has stopped (an error, or a callback refused) */
  /* A syntax error waits to be told until the bytes after it are read: what
   * it is depends on them (the rest of a bare word, the colon after it). */
  int syntax_pending;
  size_t syntax_at;
  int utf8_bad; /* the input is not UTF-8: the byte at bad_off is wrong */
  size_t bad_off;
  uint32_t bad_line, bad_col;
  unsigned bad_byte;
  size_t nfd_count; /* strings that were not NFC (reported once) */
  const char *nfd_first;
  vb_buf scratch;
  key_slot *keys; /* interned keys (open addressing; power-of-two size) */
  size_t keys_cap, keys_len;
} parser;

/* Advance the line/column counter to offset off (offsets only grow). Columns
 * count characters, not bytes, so they match what an editor shows. Every
 * value's position is taken, so this walks the whole file: line feeds by
 * memchr, characters between them eight bytes at a time. */
static void locate(parser *p, size_t off, uint32_t *line, uint32_t *col) {
  if (off < p->pos_off) {
    /* Going back is only possible while the text is all there (it is not
     * needed: callers ask for growing offsets). */
    if (p->base == 0)
      p->pos_off = 0, p->pos_line = 1, p->pos_col = 1;
    else
      off = p->pos_off;
  }
  if (off > p->len) off = p->len;
  /* Window-relative from here on. */
  const unsigned char *t = (const unsigned char *)p->text;
  size_t i = p->pos_off - p->base, end = off - p->base;
  uint32_t ln = p->pos_line, cl = p->pos_col;
  while (i < end) {
    const unsigned char *lf = memchr(t + i, '\n', end - i);
    size_t stop = lf ? (size_t)(lf - t) : end;
    for (; stop - i >= 8; i += 8)
      cl += vb_char_starts(vb_load64(t + i));
    for (; i < stop; i++)
      cl += (t[i] & 0xC0) != 0x80; /* continuation bytes do not start a character */
    if (lf) {
      ln++;
      cl = 1;
      i++;
    }
  }
  p->pos_off = p->base + i;
  p->pos_line = ln;
  p->pos_col = cl;
  *line = ln;
  *col = cl;
}

/* "dòng L, cột C" of byte offset off, the place a Vietnamese message names. */
static void where_vi(parser *p, size_t off, char *where, size_t size) {
  uint32_t line, col;
  locate(p, off, &line, &col);
  snprintf(where, size, "dòng %u, cột %u", line, col);
}

/* Start offset of the token whose callback is running: skip the blanks,
 * commas and colons that follow the previous token. */
static size_t token_start(parser *p) {
  size_t i = p->prev_end;
  for (; i < p->len; i++) {
    char c = p->text[i - p->base];
    /* The set strchr(" \t\r\n,:", c) matched, its terminating NUL included. */
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != ',' && c != ':' && c != '\0') break;
  }
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

/* Grow a frame buffer to hold one more element (ordinary heap memory, kept
 * for the next container at this depth). */
static void *reserve(void *items, size_t *cap, size_t len, size_t size) {
  if (len < *cap) return items;
  *cap = *cap ? *cap * 2 : 8;
  return vb_xrealloc(items, *cap * size);
}

static size_t ptr_hash(const void *k) {
  uint64_t h = (uint64_t)(uintptr_t)k * 0x9E3779B97F4A7C15u;
  return (size_t)(h >> 32);
}

/* Add an interned key to the frame's key set (which has room). */
static void keyset_put(frame *f, const char *k) {
  size_t mask = f->keyset_cap - 1, i = ptr_hash(k) & mask;
  while (f->keyset[i]) {
    if (f->keyset[i] == k) return;
    i = (i + 1) & mask;
  }
  f->keyset[i] = k;
  f->keyset_len++;
}

/* Record the key of a member just appended (f->members has it already).
 * The set starts when the object reaches KEYSET_MIN members and doubles to
 * stay at most half full. */
static void keyset_note(frame *f, const char *k) {
  if (f->nmembers < KEYSET_MIN) return;
  if (f->keyset_len && (f->keyset_len + 1) * 2 <= f->keyset_cap) {
    keyset_put(f, k);
    return;
  }
  size_t cap = f->keyset_cap ? f->keyset_cap : 64;
  while (cap < f->nmembers * 2 + 2)
    cap *= 2;
  if (cap != f->keyset_cap || f->keyset_len) {
    free(f->keyset);
    f->keyset = vb_xcalloc(cap, sizeof(*f->keyset));
    f->keyset_cap = cap;
  } /* else: unused since push_container cleared it */
  f->keyset_len = 0;
  for (size_t i = 0; i < f->nmembers; i++)
    keyset_put(f, f->members[i].key);
}

/* Index of the member whose key is the interned k, or SIZE_MAX. */
static size_t member_index(const frame *f, const char *k) {
  if (f->keyset_len) {
    size_t mask = f->keyset_cap - 1, i = ptr_hash(k) & mask;
    for (; f->keyset[i]; i = (i + 1) & mask)
      if (f->keyset[i] == k) break;
    if (!f->keyset[i]) return SIZE_MAX;
    /* Present: a duplicate (an error, rare). */
  }
  for (size_t i = 0; i < f->nmembers; i++)
    if (f->members[i].key == k) return i;
  return SIZE_MAX;
}

static uint32_t str_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The interned copy of key s (n bytes, already cleaned). Interned keys are
 * equal exactly when their pointers are. */
static const char *intern_key(parser *p, const char *s, size_t n) {
  if ((p->keys_len + 1) * 2 > p->keys_cap) {
    size_t cap = p->keys_cap ? p->keys_cap * 2 : 256;
    key_slot *keys = vb_xcalloc(cap, sizeof(*keys));
    for (size_t i = 0; i < p->keys_cap; i++) {
      if (!p->keys[i].s) continue;
      size_t j = p->keys[i].hash & (cap - 1);
      while (keys[j].s)
        j = (j + 1) & (cap - 1);
      keys[j] = p->keys[i];
    }
    free(p->keys);
    p->keys = keys;
    p->keys_cap = cap;
  }
  uint32_t h = str_hash(s, n);
  size_t mask = p->keys_cap - 1, i = h & mask;
  for (; p->keys[i].s; i = (i + 1) & mask) {
    key_slot *k = &p->keys[i];
    if (k->hash == h && k->len == n && memcmp(k->s, s, n) == 0) return k->s;
  }
  p->keys[i] = (key_slot){vb_arena_strndup(p->a, s, n), n, h};
  p->keys_len++;
  return p->keys[i].s;
}

/* The rows of a list spell the same keys in the same order: the key at this
 * place in the previous object at this depth (still in the frame's buffer)
 * is nearly always the one coming, and comparing with it is cheaper than
 * hashing. NULL when it is not. */
static const char *same_key_as_before(const frame *f, const char *s, size_t n) {
  if (f->nmembers >= f->members_seen) return NULL;
  const char *k = f->members[f->nmembers].key;
  return strncmp(k, s, n) == 0 && k[n] == '\0' ? k : NULL;
}

static int attach(parser *p, vb_value *v) {
  size_t start = token_start(p);
  uint32_t line, col;
  locate(p, start, &line, &col);
  v->line = line;
  v->col = col < VB_COL_MAX ? col : VB_COL_MAX;
  v->src = p->name;
  p->prev_end = p->fed_base + yajl_get_bytes_consumed(p->h);
  if (p->depth == 0) {
    p->root = v;
    return 1;
  }
  frame *f = &p->stack[p->depth];
  if (f->container->kind == VB_ARR) {
    f->items = reserve(f->items, &f->items_cap, f->index, sizeof(*f->items));
    f->items[f->index++] = v;
  } else {
    f->members = reserve(f->members, &f->members_cap, f->nmembers, sizeof(*f->members));
    f->members[f->nmembers++] = (vb_member){f->key, v};
    if (f->nmembers > f->members_seen) f->members_seen = f->nmembers;
    keyset_note(f, f->key);
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

/* An integer of up to 15 digits is exact in a double: most numbers of a data
 * file (row numbers, counts) need no strtod. */
static int small_integer(const char *s, size_t n, double *out) {
  size_t i = n && s[0] == '-';
  if (n - i == 0 || n - i > 15) return 0;
  int64_t v = 0;
  for (; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return 0;
    v = v * 10 + (s[i] - '0');
  }
  *out = s[0] == '-' ? -(double)v : (double)v; /* "-0" is -0.0, as strtod says */
  return 1;
}

/* A number ends where its text ends: yajl has read one byte past it to know
 * that (a blank, a comma), and a message about what follows the number
 * (a missing comma) points just after it. */
static int attach_number(parser *p, vb_value *v, size_t n) {
  size_t start = token_start(p);
  int ok = attach(p, v);
  if (start + n < p->prev_end) p->prev_end = start + n;
  return ok;
}

static int on_number(void *ctx, const char *s, size_t n) {
  parser *p = ctx;
  double x;
  if (small_integer(s, n, &x)) return attach_number(p, vb_val_num(p->a, x), n);
  char tmp[64];
  if (n >= sizeof tmp) n = sizeof tmp - 1;
  memcpy(tmp, s, n);
  tmp[n] = '\0';
  x = strtod(tmp, NULL);
  if (!isfinite(x)) {
    char where[64];
    where_vi(p, token_start(p), where, sizeof where);
    vb_error_rule(p->d, VB_EDATA, "json.number-too-large", p->name, where,
                  "viết một số có độ lớn hợp lý", "số %s quá lớn để tính toán", tmp);
    p->failed = 1;
    return 0;
  }
  return attach_number(p, vb_val_num(p->a, x), n);
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
  parser *p = ctx;
  /* Nearly every string is already clean NFC: straight into the arena. */
  if (vb_text_is_clean((const char *)s, n)) return attach(p, vb_val_str(p->a, (const char *)s, n));
  vb_buf_clear(&p->scratch);
  int nfd = 0;
  int removed = vb_text_clean((const char *)s, n, &p->scratch, &nfd);
  vb_value *v = vb_val_str(p->a, vb_buf_cstr(&p->scratch), p->scratch.len);
  vb_buf where = VB_BUF_INIT;
  if (removed || nfd) path_of(p, &where); /* before attach moves the frame on */
  int ok = attach(p, v);
  if (removed || nfd) vb_buf_printf(&where, " (dòng %u, cột %u)", v->line, v->col);
  if (removed)
    vb_warn_rule(p->d, VB_EDATA, "json.control-char-removed", p->name, where.data,
                 "xoá chúng ở nguồn (thường do dán từ bảng tính)",
                 "đã bỏ %d ký tự điều khiển mà văn bản không chứa được", removed);
  if (nfd && p->nfd_count++ == 0) p->nfd_first = vb_arena_strndup(p->a, where.data, where.len);
  vb_buf_free(&where);
  return ok;
}

static int push_container(parser *p, vb_value *v) {
  if (p->depth >= VB_JSON_MAX_DEPTH) {
    char where[64];
    where_vi(p, token_start(p), where, sizeof where);
    vb_error_rule(p->d, VB_EDATA, "json.too-deep", p->name, where, "giảm số tầng lồng nhau",
                  "dữ liệu lồng nhau quá %d tầng", VB_JSON_MAX_DEPTH);
    p->failed = 1;
    return 0;
  }
  frame *parent = &p->stack[p->depth];
  parent->open_key = parent->key;
  parent->open_index = parent->index;
  attach(p, v);
  p->depth++;
  frame *f = &p->stack[p->depth];
  f->container = v;
  f->key = NULL;
  f->index = 0;
  f->nmembers = 0;
  if (f->keyset_len) {
    memset(f->keyset, 0, f->keyset_cap * sizeof(*f->keyset));
    f->keyset_len = 0;
  }
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
  p->prev_end = p->fed_base + yajl_get_bytes_consumed(p->h);
  const char *raw = (const char *)s;
  int clean = vb_text_is_clean(raw, n);
  int nfd, removed = 0;
  const char *key = clean ? same_key_as_before(f, raw, n) : NULL;
  if (clean && !key) key = intern_key(p, raw, n);
  if (!clean) {
    vb_buf_clear(&p->scratch);
    nfd = 0;
    removed = vb_text_clean(raw, n, &p->scratch, &nfd);
    key = intern_key(p, vb_buf_cstr(&p->scratch), p->scratch.len);
  }
  /* Compared once cleaned: "Hoà" written precomposed and decomposed, or a
   * key with a stray control character, is the same key, and the second
   * value must not silently take the place of the first. */
  if (member_index(f, key) != SIZE_MAX) {
    char where[64];
    where_vi(p, start, where, sizeof where);
    vb_error_rule(p->d, VB_EDATA, "json.duplicate-key", p->name, where, "giữ một trong hai mục",
                  "khoá \"%s\" xuất hiện hai lần trong cùng một đối tượng", key);
    p->failed = 1;
    return 0;
  }
  f->key = key;
  if (clean) return 1;
  if (removed) {
    uint32_t line, col;
    locate(p, start, &line, &col);
    vb_buf where = VB_BUF_INIT;
    path_of(p, &where);
    vb_buf_printf(&where, " (dòng %u, cột %u)", line, col);
    vb_warn_rule(p->d, VB_EDATA, "json.control-char-removed", p->name, where.data,
                 "xoá chúng ở nguồn (thường do dán từ bảng tính)",
                 "đã bỏ %d ký tự điều khiển mà văn bản không chứa được khỏi một khoá", removed);
    vb_buf_free(&where);
  }
  return 1;
}

/* Copy the children collected in the frame into the arena, right-sized. */
static int on_end(void *ctx) {
  parser *p = ctx;
  p->prev_end = p->fed_base + yajl_get_bytes_consumed(p->h);
  frame *f = &p->stack[p->depth];
  vb_value *c = f->container;
  if (c->kind == VB_ARR) {
    if (f->index) {
      c->u.arr.items = vb_arena_alloc_raw(p->a, f->index * sizeof(vb_value *), alignof(vb_value *));
      memcpy(c->u.arr.items, f->items, f->index * sizeof(vb_value *));
    }
    c->u.arr.len = c->u.arr.cap = f->index;
  } else {
    if (f->nmembers) {
      c->u.obj.items =
          vb_arena_alloc_raw(p->a, f->nmembers * sizeof(vb_member), alignof(vb_member));
      memcpy(c->u.obj.items, f->members, f->nmembers * sizeof(vb_member));
    }
    c->u.obj.len = c->u.obj.cap = f->nmembers;
  }
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

static void locate_cb(void *ud, size_t off, unsigned *line, unsigned *col) {
  uint32_t l, c;
  locate(ud, off, &l, &c);
  *line = l;
  *col = c;
}

/* How far past a syntax error the reader reads before diagnosing it. */
enum { SYNTAX_LOOKAHEAD = 64 };

static void syntax_error(parser *p, int at_end) {
  unsigned char *msg = yajl_get_error(p->h, 0, NULL, 0);
  /* After yajl_parse, the error is where it stopped consuming; after
   * yajl_complete_parse the counter is reset, so the place is the end. */
  size_t consumed = yajl_get_bytes_consumed(p->h);
  size_t off = at_end ? p->len : p->fed_base + consumed;
  if (off > p->len) off = p->len;
  if (!at_end && off > 0) off--;
  /* yajl ends its message with blank lines: keep it one line. */
  for (unsigned char *q = msg; q && *q; q++)
    if (*q == '\n' || *q == '\r') *q = ' ';
  for (size_t l = msg ? strlen((char *)msg) : 0; l > 0 && msg[l - 1] == ' '; l--)
    msg[l - 1] = '\0';
  vb_json_error_ctx ctx = {p->text,  p->base,           p->len, p->prev_end, off,
                           at_end,   (const char *)msg, 0,      0,           0,
                           p->depth, locate_cb,         p};
  if (ctx.prev_end < p->base) ctx.prev_end = p->base;
  /* The diagnosis looks ahead of the error (is a bare word followed by ':'?)
   * no further than a chunked read is sure to have read, so a file gives the
   * same message whatever the size of its reads. */
  if (!at_end && ctx.len > p->syntax_at + SYNTAX_LOOKAHEAD)
    ctx.len = p->syntax_at + SYNTAX_LOOKAHEAD;
  if (p->depth > 0) {
    const vb_value *open = p->stack[p->depth].container;
    ctx.open_kind = open->kind == VB_OBJ ? '{' : '[';
    ctx.open_line = open->line;
    ctx.open_col = open->col;
  }
  vb_json_diagnosis dg = {NULL, 0, 0, 0, VB_BUF_INIT, VB_BUF_INIT};
  vb_json_diagnose(&ctx, &dg);
  char where[64];
  snprintf(where, sizeof where, "dòng %u, cột %u", dg.line, dg.col);
  vb_error_rule(p->d, VB_EDATA, dg.rule, p->name, where, vb_buf_cstr(&dg.hint), "%s",
                vb_buf_cstr(&dg.message));
  vb_buf_free(&dg.message);
  vb_buf_free(&dg.hint);
  yajl_free_error(p->h, msg);
}

static void parser_init(parser *p, vb_arena *a, const char *name) {
  memset(p, 0, sizeof *p);
  p->a = a;
  p->name = name;
  p->pos_line = p->pos_col = 1;
  /* Diagnostics wait here until the whole input is known to be readable
   * and valid UTF-8: an I/O error or a bad byte further on is then the only
   * thing reported, as when the whole file was checked first. */
  p->d = vb_diags_new();
  p->h = yajl_alloc(&callbacks, NULL, p);
  yajl_config(p->h, yajl_allow_comments, 0);
}

/* The window has new bytes up to p->len: check their UTF-8 and give yajl
 * what is valid. Without at_eof, a character cut by the end of the window
 * waits for the next bytes. */
static void advance(parser *p, int at_eof) {
  if (!p->utf8_bad) {
    size_t bad;
    if (vi_utf8_check(p->text + (p->checked - p->base), p->len - p->checked, &bad) == 0) {
      p->checked = p->len;
    } else if (!at_eof && p->len - (p->checked + bad) < 4) {
      p->checked += bad;
    } else {
      p->checked += bad;
      p->utf8_bad = 1;
      p->bad_off = p->checked;
      p->bad_byte = (unsigned char)p->text[p->checked - p->base];
      locate(p, p->checked, &p->bad_line, &p->bad_col);
    }
  }
  if (!p->stopped && !p->utf8_bad && p->checked > p->fed) {
    p->fed_base = p->fed;
    yajl_status st =
        yajl_parse(p->h, (const unsigned char *)p->text + (p->fed - p->base), p->checked - p->fed);
    p->fed = p->checked;
    if (st != yajl_status_ok) {
      p->stopped = 1;
      if (!p->failed) {
        p->syntax_pending = 1;
        p->syntax_at = p->fed_base + yajl_get_bytes_consumed(p->h);
      }
    }
  }
  if (p->syntax_pending && (at_eof || p->len >= p->syntax_at + SYNTAX_LOOKAHEAD)) {
    p->syntax_pending = 0;
    syntax_error(p, 0);
  }
}

/* End of input (io_failed: reading it failed, already reported in d). */
static vb_value *finish(parser *p, int io_failed, vb_diags *d) {
  if (!io_failed && !p->utf8_bad && !p->stopped) {
    if (yajl_complete_parse(p->h) != yajl_status_ok) {
      p->stopped = 1;
      if (!p->failed) syntax_error(p, 1); /* the text ended too early */
    }
  }
  yajl_free(p->h);
  vb_buf_free(&p->scratch);
  for (int i = 0; i <= VB_JSON_MAX_DEPTH; i++) {
    free(p->stack[i].items);
    free(p->stack[i].members);
    free(p->stack[i].keyset);
  }
  free(p->keys);
  if (io_failed || p->utf8_bad) {
    vb_diags_free(p->d);
    if (!io_failed) {
      char where[96];
      snprintf(where, sizeof where, "dòng %u, cột %u (byte %zu)", p->bad_line, p->bad_col,
               p->bad_off);
      vb_error_rule(d, VB_EDATA, "json.invalid-utf8", p->name, where,
                    "lưu tệp với bảng mã UTF-8 (trong Notepad: Save As, Encoding UTF-8)",
                    "byte 0x%02X không hợp lệ trong UTF-8", p->bad_byte);
    }
    return NULL;
  }
  vb_diags_move(d, p->d);
  vb_diags_free(p->d);
  if (p->nfd_count)
    vb_warn_rule(d, VB_EDATA, "json.nfd", p->name, p->nfd_first,
                 "lưu tệp với chữ Việt dựng sẵn (NFC) như TCVN 6909:2001 quy định",
                 "%zu chuỗi viết ở dạng Unicode tổ hợp (NFD), chuỗi đầu ở đây; tất cả đã được "
                 "chuẩn hoá về NFC",
                 p->nfd_count);
  if (p->stopped || p->failed) return NULL;
  if (!p->root) {
    vb_error_rule(d, VB_EDATA, "json.empty", p->name, NULL,
                  "viết một đối tượng JSON { … } (xem samples/ và docs/data-model.md)",
                  "tệp không có dữ liệu JSON");
    return NULL;
  }
  return p->root;
}

static const char bom[3] = {'\xEF', '\xBB', '\xBF'};

vb_value *vb_json_parse(vb_arena *a, const char *text, size_t len, const char *name, vb_diags *d) {
  if (len >= 3 && memcmp(text, bom, 3) == 0) text += 3, len -= 3;
  parser *p = vb_xmalloc(sizeof *p);
  parser_init(p, a, name);
  p->text = text;
  p->len = len;
  advance(p, 1);
  vb_value *root = finish(p, 0, d);
  free(p);
  return root;
}

vb_value *vb_json_parse_file_chunked(vb_arena *a, const char *path, size_t max_len,
                                     const char *name, vb_diags *d, int *io_error, size_t chunk) {
  if (io_error) *io_error = 0;
  vb_reader r;
  if (vb_reader_open(&r, path, max_len, d) != 0) {
    if (io_error) *io_error = 1;
    return NULL;
  }
  if (chunk == 0) chunk = 1;
  parser *p = vb_xmalloc(sizeof *p);
  parser_init(p, a, name);
  char *buf = NULL;
  size_t cap = 0;
  int eof = 0, io_failed = 0, bom_done = 0;
  while (!eof) {
    /* Drop the bytes no longer needed; the position counter passes them
     * first. Once parsing has stopped only the UTF-8 check goes on, and
     * after a bad byte nothing needs the text. */
    size_t keep = p->utf8_bad         ? p->len
                  : p->syntax_pending ? (p->prev_end ? p->prev_end - 1 : 0)
                  : p->stopped        ? p->checked
                  : p->prev_end       ? p->prev_end - 1 /* an error may point just before it */
                                      : 0;
    if (bom_done && keep > p->base) {
      uint32_t line, col;
      if (keep > p->pos_off) locate(p, keep, &line, &col);
      memmove(buf, buf + (keep - p->base), p->len - keep);
      p->base = keep;
    }
    /* yajl lexes a token cut by the end of what it was given again from its
     * start when the next bytes come: while a long token (a string of many
     * megabytes) is held, read as much again as is held, so that lexing it
     * stays linear instead of quadratic. */
    size_t want = p->len - p->base > chunk ? p->len - p->base : chunk;
    if (cap - (p->len - p->base) < want) {
      cap = cap * 2 > p->len - p->base + want ? cap * 2 : p->len - p->base + want;
      buf = vb_xrealloc(buf, cap);
    }
    p->text = buf;
    long n = vb_reader_read(&r, buf + (p->len - p->base), want, d);
    if (n < 0) {
      io_failed = 1;
      break;
    }
    eof = n == 0;
    p->len += (size_t)n;
    if (!bom_done) {
      if (p->len < 3 && !eof) continue;
      if (p->len >= 3 && memcmp(buf, bom, 3) == 0) {
        memmove(buf, buf + 3, p->len - 3);
        p->len -= 3;
      }
      bom_done = 1;
    }
    advance(p, eof);
  }
  vb_reader_close(&r);
  vb_value *root = finish(p, io_failed, d);
  free(p);
  free(buf);
  if (io_error) *io_error = io_failed;
  return root;
}

vb_value *vb_json_parse_file(vb_arena *a, const char *path, size_t max_len, const char *name,
                             vb_diags *d, int *io_error) {
  return vb_json_parse_file_chunked(a, path, max_len, name, d, io_error, 256 * 1024);
}
