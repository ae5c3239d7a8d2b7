#include "batch/manifest.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "data/json.h"
#include "data/value.h"
#include "util/diag.h"
#include "util/fileio.h"

/* A manifest of a national round: tens of thousands of lines of ~300 bytes. */
enum { MANIFEST_MAX_BYTES = 1 << 30 };

static uint64_t key_hash(const char *s) {
  uint64_t h = 0xcbf29ce484222325ull; /* FNV-1a: an in-memory index only */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
  return h;
}

static void index_rec(vb_manifest *m, size_t i) {
  size_t mask = m->nslots - 1, k = (size_t)key_hash(m->recs[i].key) & mask;
  while (m->slots[k])
    k = (k + 1) & mask;
  m->slots[k] = i + 1;
}

static vb_manifest_rec *find(const vb_manifest *m, const char *key) {
  if (!m->nslots) return NULL;
  size_t mask = m->nslots - 1, k = (size_t)key_hash(key) & mask;
  for (; m->slots[k]; k = (k + 1) & mask)
    if (!strcmp(m->recs[m->slots[k] - 1].key, key)) return &m->recs[m->slots[k] - 1];
  return NULL;
}

const vb_manifest_rec *vb_manifest_find(const vb_manifest *m, const char *key) {
  return find(m, key);
}

static vb_manifest_rec *find_or_add(vb_manifest *m, const char *key) {
  vb_manifest_rec *r = find(m, key);
  if (r) return r;
  if (m->n == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 64;
    m->recs = vb_xrealloc(m->recs, m->cap * sizeof *m->recs);
  }
  if (2 * (m->n + 1) > m->nslots) {
    free(m->slots);
    m->nslots = m->nslots ? m->nslots * 2 : 128;
    while (2 * (m->n + 1) > m->nslots)
      m->nslots *= 2;
    m->slots = vb_xcalloc(m->nslots, sizeof(size_t));
    for (size_t i = 0; i < m->n; i++)
      index_rec(m, i);
  }
  r = &m->recs[m->n];
  memset(r, 0, sizeof *r);
  r->key = vb_arena_strdup(m->arena, key);
  index_rec(m, m->n++);
  return r;
}

static const char *str_of(const vb_value *obj, const char *name) {
  const vb_value *v = vb_obj_get(obj, name);
  return v && v->kind == VB_STR ? v->u.str.s : NULL;
}

static void apply_line(vb_manifest *m, const vb_value *v, size_t line) {
  const char *key = str_of(v, "key");
  if (!key) return; /* a run's header */
  vb_manifest_rec *r = find_or_add(m, key);
  if (vb_obj_get(v, "sha256") || vb_obj_get(v, "error")) {
    /* A new render: what was recorded before, its PDF too, is gone. */
    const char *k = r->key;
    memset(r, 0, sizeof *r);
    r->key = k;
    r->label = str_of(v, "label");
    r->input = str_of(v, "input");
    r->output = str_of(v, "output");
    r->sha256 = str_of(v, "sha256");
    r->error = str_of(v, "error");
    const vb_value *w = vb_obj_get(v, "warnings");
    r->warnings = w && w->kind == VB_ARR ? w : NULL;
  }
  if (vb_obj_get(v, "pdf_sha256") || vb_obj_get(v, "pdf_error")) {
    r->pdf = str_of(v, "pdf");
    r->pdf_sha256 = str_of(v, "pdf_sha256");
    r->pdf_error = str_of(v, "pdf_error");
  }
  r->line = line;
}

int vb_manifest_read(vb_manifest *m, const char *path, vb_diags *d) {
  if (!m->arena) m->arena = vb_arena_new();
  struct stat st;
  if (stat(path, &st) != 0 && errno == ENOENT) return 0;
  char *text;
  size_t len;
  if (vb_read_file(path, MANIFEST_MAX_BYTES, &text, &len, d) != 0) return -1;
  vb_diags *quiet = vb_diags_new();
  size_t line = 0;
  for (char *p = text, *end = text + len; p < end;) {
    char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
    line++;
    if (n) {
      vb_diags_clear(quiet);
      vb_value *v = vb_json_parse(m->arena, p, n, path, quiet);
      /* A line without its newline was cut by a crash: ignored even when
       * what is there happens to parse. */
      if (v && v->kind == VB_OBJ && nl)
        apply_line(m, v, line);
      else
        m->bad_lines++;
    }
    p += n + 1;
  }
  vb_diags_free(quiet);
  free(text);
  return 0;
}

void vb_manifest_free(vb_manifest *m) {
  vb_arena_free(m->arena);
  free(m->recs);
  free(m->slots);
  memset(m, 0, sizeof *m);
}

/* ---- writing ---------------------------------------------------------------- */

static void put_str(vb_buf *out, const char *name, const char *s) {
  vb_buf_putc(out, ',');
  vb_json_write_string(out, name, strlen(name));
  vb_buf_putc(out, ':');
  if (s)
    vb_json_write_string(out, s, strlen(s));
  else
    vb_buf_puts(out, "null");
}

static void put_num(vb_buf *out, const char *name, size_t x) {
  vb_buf_putc(out, ',');
  vb_json_write_string(out, name, strlen(name));
  vb_buf_putc(out, ':');
  vb_json_write_number(out, (double)x);
}

static void open_key(vb_buf *out, const char *key) {
  vb_buf_puts(out, "{\"key\":");
  vb_json_write_string(out, key, strlen(key));
}

void vb_manifest_line_head(vb_buf *out, size_t units, size_t shard, size_t shards,
                           size_t shard_units, const char *pattern) {
  vb_buf_puts(out, "{\"vanban\":\"" VANBAN_VERSION "\"");
  put_str(out, "pattern", pattern);
  put_num(out, "units", units);
  put_num(out, "shard", shard);
  put_num(out, "shards", shards);
  put_num(out, "shard_units", shard_units);
  vb_buf_puts(out, "}\n");
}

void vb_manifest_line_unit(vb_buf *out, const char *key, size_t number, const char *label,
                           const char *input, const char *output, const char *sha256,
                           const char *const *warnings, size_t nwarnings, const char *error) {
  open_key(out, key);
  put_num(out, "unit", number);
  put_str(out, "label", label);
  put_str(out, "input", input);
  put_str(out, "output", output);
  put_str(out, "sha256", sha256);
  vb_buf_puts(out, ",\"warnings\":[");
  for (size_t i = 0; i < nwarnings; i++) {
    if (i) vb_buf_putc(out, ',');
    vb_json_write_string(out, warnings[i], strlen(warnings[i]));
  }
  vb_buf_putc(out, ']');
  put_str(out, "error", error);
  vb_buf_puts(out, "}\n");
}

void vb_manifest_line_pdf(vb_buf *out, const char *key, const char *pdf, const char *sha256,
                          const char *error) {
  open_key(out, key);
  put_str(out, "pdf", pdf);
  put_str(out, "pdf_sha256", sha256);
  put_str(out, "pdf_error", error);
  vb_buf_puts(out, "}\n");
}

void vb_manifest_line_rec(vb_buf *out, const vb_manifest_rec *r) {
  open_key(out, r->key);
  put_str(out, "label", r->label);
  put_str(out, "input", r->input);
  put_str(out, "output", r->output);
  put_str(out, "sha256", r->sha256);
  vb_buf_puts(out, ",\"warnings\":");
  if (r->warnings)
    vb_json_write(out, r->warnings, VB_JSON_COMPACT);
  else
    vb_buf_puts(out, "[]");
  put_str(out, "error", r->error);
  if (r->pdf_sha256 || r->pdf_error) {
    put_str(out, "pdf", r->pdf);
    put_str(out, "pdf_sha256", r->pdf_sha256);
    put_str(out, "pdf_error", r->pdf_error);
  }
  vb_buf_puts(out, "}\n");
}
