/* Batches: a unit list (src/batch) rendered on worker threads that share one
 * compiled template per kind. Each unit's data is merged in memory into its
 * own vb_data, rendered, written and freed, so memory stays flat however many
 * units there are. See vanban.h and docs/batch.md. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/internal.h"
#include "api/shipped.h"
#include "batch/manifest.h"
#include "batch/units.h"
#include "data/json.h"
#include "media/media.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/sha256.h"

/* More errors than this in planning say nothing new: the rest are counted. */
enum { PLAN_MAX_ERRORS = 20 };

struct vb_units {
  vb_unit_list list;
};

vb_units *vb_units_load(const char *path, const char *shared_path, vb_diags *d) {
  vb_units *u = vb_xcalloc(1, sizeof *u);
  if (vb_unit_list_read(&u->list, path, shared_path, d) != 0) {
    vb_units_free(u);
    return NULL;
  }
  return u;
}

size_t vb_units_count(const vb_units *u) { return u ? u->list.n : 0; }

/* Called with a unit's own fields as read, before they are merged. */
typedef void (*unit_seen_fn)(void *ud, const vb_value *unit);

static vb_data *unit_data(const vb_units *u, size_t i, const char *name, unsigned flags,
                          vb_diags *d, unit_seen_fn seen, void *seen_ud) {
  if (!u || i >= u->list.n) return NULL;
  vb_data *data = vb_data__new(name);
  /* A sheet named in a cell of the unit list is relative to the list. */
  data->sheet_base = vb_xstrdup(u->list.path);
  /* So is a picture: the unit's name is a label, not a path. */
  free(data->dir);
  data->dir = vb_media_base_dir(u->list.path);
  size_t errors = vb_diags_errors(d);
  /* A sheet's unit is read into the unit's own arena (the merge shares its
   * strings), and goes with it. */
  vb_value *unit = vb_unit_list_get(&u->list, i, data->arena, d);
  if (seen) seen(seen_ud, unit);
  if (!unit) {
    vb_data_free(data);
    return NULL;
  }
  vb_buf err = VB_BUF_INIT;
  /* New nodes in the unit's own arena: the model may change them, while the
   * list stays as read for the other units and threads. */
  vb_value *merged = vb_units_merge(data->arena, u->list.shared, unit, VB_MERGE_COPY, &err);
  if (!merged) {
    vb_error_rule(d, VB_EDATA, "batch.merge", data->name, NULL,
                  "chỉ số trong đường dẫn trường đếm từ 0", "%s", vb_buf_cstr(&err));
    vb_buf_free(&err);
    vb_data_free(data);
    return NULL;
  }
  vb_buf_free(&err);
  return vb_data__finish(data, merged, errors, flags, d);
}

vb_data *vb_units_data(const vb_units *u, size_t i, const char *name, unsigned flags, vb_diags *d) {
  return unit_data(u, i, name, flags, d, NULL, NULL);
}

void vb_units_free(vb_units *u) {
  if (!u) return;
  vb_unit_list_free(&u->list);
  free(u);
}

/* ---- the batch -------------------------------------------------------------- */

struct vb_batch {
  const vb_units *u;
  const vb_template *t;  /* one for every unit, or NULL */
  vb_format_kind format; /* the pattern's */
  vb_template **shipped; /* per kind, when t is NULL */
  const char **shipped_names;
  size_t nshipped;
  /* Per unit, what the run needs of it: a fixed record, its names in one
   * pool. The unit's fields are read again when it is rendered. */
  struct unit_plan *plan;
  vb_buf names; /* each unit's output and label, NUL-terminated; not grown after planning */
  unsigned data_flags, render_flags, jobs;
  const vb_font_face *faces;
  size_t nfaces;
  vb_batch_progress_fn progress;
  void *progress_ud;
  char *pattern;
  size_t base_len;      /* a unit's key is its output less this many bytes */
  size_t shard, shards; /* shards 0: every unit */
  /* The manifest (NULL: none) and how often outputs are made durable. */
  char *manifest_path;
  unsigned manifest_flags, checkpoint_units;
  int manifest_fd;
  int sync_errno, manifest_errno; /* the first failure, reported by the run */
  vb_buf pending;                 /* manifest lines of units whose outputs are not yet durable */
  size_t npending;
  double last_checkpoint;
  char **sync_dirs; /* one directory per file system written to */
  size_t nsync;
  /* The run. */
  pthread_mutex_t lock, checkpoint_lock;
  int lock_ready;
  size_t *todo, ntodo; /* the units this run renders */
  size_t next, done, threads;
  int stop;
};

typedef struct unit_plan {
  size_t output, label; /* offsets into vb_batch.names */
  uint32_t kind;        /* index into shipped */
  int32_t status;       /* vb_status; VB_OK until it fails */
  uint8_t reused;       /* 1 document kept by resume, 2 its PDF too */
} unit_plan;

static const char *output_of(const vb_batch *b, size_t i) {
  return b->names.data + b->plan[i].output;
}

static const char *label_of(const vb_batch *b, size_t i) {
  return b->names.data + b->plan[i].label;
}

static int shipped_exists(const char *name, vb_format_kind format) {
  for (size_t i = 0; i < vb_shipped_count; i++)
    if (vb_shipped_templates[i].format == format && !strcmp(vb_shipped_templates[i].name, name))
      return 1;
  return 0;
}

/* The shipped template of that kind, opened once for the whole batch. */
static long shipped_index(vb_batch *b, const char *name, vb_diags *d) {
  for (size_t k = 0; k < b->nshipped; k++)
    if (!strcmp(b->shipped_names[k], name)) return (long)k;
  vb_template *t = vb_template_open_shipped(name, b->format, 0, d);
  if (!t) return -1;
  b->shipped = vb_xrealloc(b->shipped, (b->nshipped + 1) * sizeof *b->shipped);
  b->shipped_names = vb_xrealloc(b->shipped_names, (b->nshipped + 1) * sizeof(char *));
  b->shipped[b->nshipped] = t;
  b->shipped_names[b->nshipped] = vb_xstrdup(name);
  return (long)b->nshipped++;
}

typedef struct named {
  const char *output;
  size_t index;
} named;

static int cmp_output(const void *x, const void *y) {
  const named *a = x, *b = y;
  int c = strcmp(a->output, b->output);
  return c ? c : (a->index < b->index ? -1 : a->index > b->index);
}

/* Append a name to the pool: its offset. */
static size_t pool_add(vb_buf *pool, const char *s) {
  size_t at = pool->len;
  vb_buf_put(pool, s, strlen(s) + 1);
  return at;
}

static void plan_error(vb_batch *b, size_t *errors, const char *rule, const char *where,
                       const char *hint, const char *msg, vb_diags *d) {
  if ((*errors)++ < PLAN_MAX_ERRORS)
    vb_error_rule(d, VB_EDATA, rule, b->u->list.path, where, hint, "%s", msg);
}

vb_batch *vb_batch_new(const vb_units *u, const char *pattern, const vb_template *t, vb_diags *d) {
  if (!u || !pattern) return NULL;
  const char *dot = strrchr(pattern, '.'), *slash = strrchr(pattern, '/');
  const char *ext = dot && (!slash || dot > slash) ? dot + 1 : "";
  vb_format_kind format = !strcasecmp(ext, "docx")  ? VB_FORMAT_DOCX
                          : !strcasecmp(ext, "odt") ? VB_FORMAT_ODT
                                                    : 0;
  if (!format) {
    vb_error_rule(d, VB_EUSAGE, "batch.pattern", NULL, NULL,
                  "cho mẫu tên kết thúc bằng .docx hoặc .odt",
                  "mẫu tên tệp kết quả phải kết thúc bằng .docx hoặc .odt: %s", pattern);
    return NULL;
  }
  if (t && vb_template_format(t) != format) {
    vb_error_rule(d, VB_EUSAGE, "batch.format", t->name, NULL,
                  "dùng mẫu cùng định dạng với các tệp kết quả",
                  "các tệp kết quả là .%s, mẫu thì không", ext);
    return NULL;
  }
  size_t n = u->list.n;
  vb_batch *b = vb_xcalloc(1, sizeof *b);
  b->u = u;
  b->t = t;
  b->format = format;
  b->plan = vb_xcalloc(n ? n : 1, sizeof *b->plan);
  b->todo = vb_xcalloc(n ? n : 1, sizeof(size_t));
  b->pattern = vb_xstrdup(pattern);
  b->base_len = vb_units_base_len(pattern);
  b->manifest_fd = -1;
  vb_arena *a = vb_arena_new();
  vb_buf out = VB_BUF_INIT, err = VB_BUF_INIT, label = VB_BUF_INIT, msg = VB_BUF_INIT;
  size_t errors = 0;
  for (size_t i = 0; i < n; i++) {
    vb_arena_reset(a);
    vb_buf_clear(&err);
    vb_buf_clear(&label);
    unit_plan *p = &b->plan[i];
    /* Read into a scratch arena and only read here: the nodes are shared
     * with the unit, not copied, and dropped before the next unit. */
    const vb_value *unit = vb_unit_list_get(&u->list, i, a, d);
    if (!unit) {
      errors++;
      p->label = p->output = pool_add(&b->names, "");
      continue;
    }
    vb_value *m = vb_units_merge(a, u->list.shared, unit, VB_MERGE_SHARE, &err);
    vb_units_label(pattern, m, i + 1, &label);
    p->label = pool_add(&b->names, vb_buf_cstr(&label));
    if (!m || vb_units_output(pattern, m, i + 1, n, &out, &err) != 0) {
      plan_error(b, &errors, "batch.pattern", vb_buf_cstr(&label), NULL, vb_buf_cstr(&err), d);
      p->output = pool_add(&b->names, "");
      continue;
    }
    p->output = pool_add(&b->names, vb_buf_cstr(&out));
    if (t) continue;
    const vb_value *loai = vb_obj_get(m, "loai");
    vb_buf_clear(&msg);
    if (!loai || loai->kind != VB_STR) {
      plan_error(b, &errors, "batch.loai", vb_buf_cstr(&label),
                 "thêm \"loai\" vào đơn vị hoặc vào dữ liệu chung, hoặc cho một mẫu dùng cho "
                 "mọi đơn vị",
                 "không có \"loai\" (bao-cao hay thong-bao) để chọn mẫu có sẵn", d);
    } else if (!shipped_exists(loai->u.str.s, format)) {
      vb_buf_printf(&msg, "\"loai\" là \"%s\": không có mẫu .%s có sẵn nào tên như vậy",
                    loai->u.str.s, ext);
      plan_error(b, &errors, "batch.loai", vb_buf_cstr(&label),
                 "các mẫu có sẵn là bao-cao và thong-bao", msg.data, d);
    } else if (!errors) {
      long k = shipped_index(b, loai->u.str.s, d);
      if (k < 0)
        errors++;
      else
        p->kind = (uint32_t)k;
    }
  }
  vb_arena_free(a);
  /* Two units must not write the same file. */
  if (!errors && n > 1) {
    named *order = vb_xcalloc(n, sizeof(named));
    for (size_t i = 0; i < n; i++)
      order[i] = (named){output_of(b, i), i};
    qsort(order, n, sizeof *order, cmp_output);
    for (size_t i = 0; i + 1 < n; i++) {
      size_t x = order[i].index, y = order[i + 1].index;
      if (strcmp(order[i].output, order[i + 1].output)) continue;
      vb_buf_clear(&msg);
      vb_buf_printf(&msg, "%s và %s sẽ cùng được ghi vào %s", label_of(b, x < y ? x : y),
                    label_of(b, x < y ? y : x), output_of(b, x));
      plan_error(b, &errors, "batch.same-output", NULL,
                 "thêm vào mẫu tên một trường khác nhau giữa các đơn vị", msg.data, d);
    }
    free(order);
  }
  if (errors > PLAN_MAX_ERRORS)
    vb_error_rule(d, VB_EDATA, "batch.errors", u->list.path, NULL, NULL, "… tất cả %zu lỗi",
                  errors);
  vb_buf_free(&out);
  vb_buf_free(&err);
  vb_buf_free(&label);
  vb_buf_free(&msg);
  if (errors) {
    vb_batch_free(b);
    return NULL;
  }
  pthread_mutex_init(&b->lock, NULL);
  pthread_mutex_init(&b->checkpoint_lock, NULL);
  b->lock_ready = 1;
  return b;
}

size_t vb_batch_count(const vb_batch *b) { return b ? b->u->list.n : 0; }

const char *vb_batch_output(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? output_of(b, i) : NULL;
}

const char *vb_batch_label(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? label_of(b, i) : NULL;
}

void vb_batch_set_flags(vb_batch *b, unsigned data_flags, unsigned render_flags) {
  if (!b) return;
  b->data_flags = data_flags;
  b->render_flags = render_flags;
}

void vb_batch_set_jobs(vb_batch *b, unsigned jobs) {
  if (b) b->jobs = jobs;
}

void vb_batch_set_fonts(vb_batch *b, const vb_font_face *faces, size_t nfaces) {
  if (!b) return;
  b->faces = faces;
  b->nfaces = faces ? nfaces : 0;
}

void vb_batch_set_progress(vb_batch *b, vb_batch_progress_fn fn, void *ud) {
  if (!b) return;
  b->progress = fn;
  b->progress_ud = ud;
}

/* mkdir -p of path's directory. */
static int make_parent_dirs(const char *path) {
  char *p = vb_xstrdup(path);
  int rc = 0;
  for (char *s = p + 1; *s && rc == 0; s++) {
    if (*s != '/') continue;
    *s = '\0';
    struct stat st;
    if (stat(p, &st) != 0 && mkdir(p, 0777) != 0 && stat(p, &st) != 0) rc = -1;
    *s = '/';
  }
  free(p);
  return rc;
}

/* ---- shards, the manifest, durability --------------------------------------- */

const char *vb_batch_key(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? output_of(b, i) + b->base_len : NULL;
}

vb_status vb_batch_set_shard(vb_batch *b, size_t index, size_t count, vb_diags *d) {
  if (!b) return VB_EUSAGE;
  if (count < 1 || index >= count) {
    vb_error_rule(d, VB_EUSAGE, "batch.shard", NULL, NULL,
                  "các phần (shard) được đánh số từ 0 đến số phần trừ một",
                  "không có phần %zu trong %zu phần", index, count);
    return VB_EUSAGE;
  }
  b->shard = index;
  b->shards = count;
  return VB_OK;
}

int vb_batch_in_shard(const vb_batch *b, size_t i) {
  if (!b || i >= b->u->list.n) return 0;
  return b->shards <= 1 || vb_units_shard(vb_batch_key(b, i), b->shards) == b->shard;
}

vb_status vb_batch_set_manifest(vb_batch *b, const char *path, unsigned flags,
                                unsigned checkpoint_units) {
  if (!b) return VB_EUSAGE;
  free(b->manifest_path);
  b->manifest_path = path ? vb_xstrdup(path) : NULL;
  b->manifest_flags = flags;
  b->checkpoint_units = checkpoint_units;
  return VB_OK;
}

int vb_batch_reused(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? b->plan[i].reused : 0;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What a unit's document is made from: vanban's version, the options, the
 * template, the shared data and the unit's own fields. Resume keeps a
 * document only when this is what made it. */
static void unit_input(const vb_batch *b, const char *shared_json, const vb_value *unit,
                       char out[VB_SHA256_HEX]) {
  vb_buf j = VB_BUF_INIT;
  vb_buf_printf(&j, "vanban %s\nflags %u %u\ntemplate %s\nfonts %zu\n", VANBAN_VERSION,
                b->data_flags, b->render_flags, b->t ? b->t->name : "(shipped)", b->nfaces);
  for (size_t k = 0; k < b->nfaces; k++)
    vb_buf_printf(&j, "font %zu\n", b->faces[k].len);
  vb_buf_puts(&j, shared_json);
  vb_buf_putc(&j, '\n');
  if (unit) vb_json_write(&j, unit, VB_JSON_COMPACT);
  vb_sha256_hex(j.data, j.len, out);
  vb_buf_free(&j);
}

/* doc's PDF: the same name with .pdf for its extension. */
static char *pdf_of(const char *doc) {
  const char *dot = strrchr(doc, '.'), *slash = strrchr(doc, '/');
  size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - doc) : strlen(doc);
  char *p = vb_xmalloc(stem + 5);
  memcpy(p, doc, stem);
  memcpy(p + stem, ".pdf", 5);
  return p;
}

static int file_matches(const char *path, const char *sha) {
  char got[VB_SHA256_HEX];
  return sha && vb_sha256_file_hex(path, got) == 0 && !strcmp(got, sha);
}

/* Resume: the units of this run whose document (and PDF) the manifest
 * records, made from the same input, with the same bytes on disk. */
static int mark_reused(vb_batch *b, const char *shared_json, vb_diags *d) {
  vb_manifest m = {0};
  if (vb_manifest_read(&m, b->manifest_path, d) != 0) {
    vb_manifest_free(&m);
    return -1;
  }
  vb_arena *a = vb_arena_new();
  vb_diags *quiet = vb_diags_new();
  for (size_t i = 0; i < b->u->list.n; i++) {
    if (!vb_batch_in_shard(b, i)) continue;
    const vb_manifest_rec *r = vb_manifest_find(&m, vb_batch_key(b, i));
    if (!r || r->error || !r->sha256 || !r->input) continue;
    vb_arena_reset(a);
    /* A unit that no longer reads is rendered again, and fails there. */
    const vb_value *unit = vb_unit_list_get(&b->u->list, i, a, quiet);
    if (!unit) continue;
    char input[VB_SHA256_HEX];
    unit_input(b, shared_json, unit, input);
    if (strcmp(input, r->input) || !file_matches(output_of(b, i), r->sha256)) continue;
    b->plan[i].reused = 1;
    if (!(b->manifest_flags & VB_BATCH_PDF) || !r->pdf_sha256) continue;
    char *pdf = pdf_of(output_of(b, i));
    if (file_matches(pdf, r->pdf_sha256)) b->plan[i].reused = 2;
    free(pdf);
  }
  vb_diags_free(quiet);
  vb_arena_free(a);
  vb_manifest_free(&m);
  return 0;
}

static void add_sync_dir(vb_batch *b, const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir =
      slash ? vb_xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : vb_xstrdup(".");
  struct stat st;
  if (stat(dir, &st) != 0) {
    free(dir);
    return;
  }
  for (size_t k = 0; k < b->nsync; k++) {
    struct stat other;
    if (!strcmp(b->sync_dirs[k], dir) ||
        (stat(b->sync_dirs[k], &other) == 0 && other.st_dev == st.st_dev)) {
      free(dir);
      return;
    }
  }
  b->sync_dirs = vb_xrealloc(b->sync_dirs, (b->nsync + 1) * sizeof(char *));
  b->sync_dirs[b->nsync++] = dir;
}

/* "NAME.XXXXXX.tmp" (vb_write_file_replace's temporary file): NAME's length, or 0. */
static size_t temp_of(const char *entry) {
  size_t len = strlen(entry);
  if (len < 12 || strcmp(entry + len - 4, ".tmp") || entry[len - 11] != '.') return 0;
  for (size_t k = len - 10; k < len - 4; k++) {
    char c = entry[k];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return 0;
  }
  return len - 11;
}

/* Resume: the temporary files a killed run of this shard left next to its
 * outputs. Only this shard's (by their outputs' keys): other shards may be
 * writing into the same directories. */
static void remove_stale_temps(vb_batch *b) {
  char **seen = NULL;
  size_t nseen = 0;
  for (size_t i = 0; i < b->u->list.n; i++) {
    if (!vb_batch_in_shard(b, i)) continue;
    const char *path = output_of(b, i);
    const char *slash = strrchr(path, '/');
    char *dir = slash ? vb_xstrndup(path, (size_t)(slash - path) + 1) : vb_xstrdup("");
    int known = 0;
    for (size_t k = 0; k < nseen && !known; k++)
      known = !strcmp(seen[k], dir);
    if (known) {
      free(dir);
      continue;
    }
    seen = vb_xrealloc(seen, (nseen + 1) * sizeof(char *));
    seen[nseen++] = dir;
    DIR *h = opendir(*dir ? dir : ".");
    if (!h) continue;
    for (struct dirent *e; (e = readdir(h));) {
      size_t name_len = temp_of(e->d_name);
      if (!name_len) continue;
      char *output = vb_xasprintf("%s%.*s", dir, (int)name_len, e->d_name);
      int mine = strlen(output) >= b->base_len &&
                 (b->shards <= 1 || vb_units_shard(output + b->base_len, b->shards) == b->shard);
      if (mine) {
        char *tmp = vb_xasprintf("%s%s", dir, e->d_name);
        unlink(tmp);
        free(tmp);
      }
      free(output);
    }
    closedir(h);
  }
  for (size_t k = 0; k < nseen; k++)
    free(seen[k]);
  free(seen);
}

static int write_all(int fd, const char *p, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

/* Make the outputs written so far durable (one syncfs per file system),
 * then append the manifest lines of their units: a line is never on disk
 * before its file. Lines taken by two workers may reach the manifest in
 * either order; each unit has one line per phase. Called without b->lock. */
static void checkpoint(vb_batch *b, vb_buf *lines, int sync_manifest) {
  pthread_mutex_lock(&b->checkpoint_lock);
  for (size_t k = 0; k < b->nsync; k++)
    if (vb_sync_fs(b->sync_dirs[k]) != 0 && !b->sync_errno) b->sync_errno = errno ? errno : EIO;
  if (b->sync_errno) {
    /* Not durable: the lines are dropped, so that resume redoes their units. */
  } else if (b->manifest_fd >= 0 && lines->len) {
    if (write_all(b->manifest_fd, lines->data, lines->len) != 0 && !b->manifest_errno)
      b->manifest_errno = errno;
  }
  if (sync_manifest && b->manifest_fd >= 0 && fdatasync(b->manifest_fd) != 0 && !b->manifest_errno)
    b->manifest_errno = errno;
  pthread_mutex_unlock(&b->checkpoint_lock);
  vb_buf_clear(lines);
}

/* Under b->lock: hand the pending lines over when a checkpoint is due. */
static int take_due(vb_batch *b, vb_buf *out, int force) {
  unsigned every = b->checkpoint_units ? b->checkpoint_units : 100;
  if (!force && b->npending < every && now_seconds() - b->last_checkpoint < 1.0) return 0;
  vb_buf t = *out;
  *out = b->pending;
  b->pending = t;
  vb_buf_clear(&b->pending);
  b->npending = 0;
  b->last_checkpoint = now_seconds();
  return 1;
}

vb_status vb_batch_checkpoint(vb_batch *b, vb_diags *d) {
  if (!b) return VB_EUSAGE;
  vb_buf lines = VB_BUF_INIT;
  pthread_mutex_lock(&b->lock);
  take_due(b, &lines, 1);
  pthread_mutex_unlock(&b->lock);
  checkpoint(b, &lines, 1);
  vb_buf_free(&lines);
  if (b->sync_errno) {
    vb_error_rule(
        d, VB_EIO, "batch.sync", b->sync_dirs[0], NULL, "xem lại thiết bị chứa các tệp kết quả",
        "không đồng bộ được các tệp kết quả xuống đĩa (syncfs): %s", vb_errno_text(b->sync_errno));
    return VB_EIO;
  }
  if (b->manifest_errno) {
    vb_error_rule(d, VB_EIO, "batch.manifest", b->manifest_path, NULL,
                  "xem lại chỗ trống và quyền ghi ở đó", "không ghi được sổ lô (manifest): %s",
                  vb_errno_text(b->manifest_errno));
    return VB_EIO;
  }
  return VB_OK;
}

vb_status vb_batch_record_pdf(vb_batch *b, size_t i, const char *error) {
  if (!b || i >= b->u->list.n) return VB_EUSAGE;
  char *pdf = pdf_of(output_of(b, i));
  char sha[VB_SHA256_HEX];
  int have = !error && vb_sha256_file_hex(pdf, sha) == 0;
  if (!error && !have) error = "không đọc được tệp PDF";
  vb_buf lines = VB_BUF_INIT;
  pthread_mutex_lock(&b->lock);
  vb_manifest_line_pdf(&b->pending, vb_batch_key(b, i), pdf + b->base_len, have ? sha : NULL,
                       error);
  b->npending++;
  int due = take_due(b, &lines, 0);
  pthread_mutex_unlock(&b->lock);
  if (due) checkpoint(b, &lines, 0);
  vb_buf_free(&lines);
  free(pdf);
  return VB_OK;
}

/* ---- rendering ------------------------------------------------------------- */

typedef struct input_of {
  const vb_batch *b;
  const char *shared_json; /* NULL: no manifest, no input to hash */
  char *out;
} input_of;

static void hash_input(void *ud, const vb_value *unit) {
  input_of *in = ud;
  if (in->shared_json) unit_input(in->b, in->shared_json, unit, in->out);
}

/* The document's bytes are written with a rename but no fsync: the run makes
 * them durable at its checkpoints. sha gets their SHA-256; input (with a
 * manifest) what the document is made from. */
static vb_status render_unit(vb_batch *b, size_t i, const char *shared_json,
                             char input[VB_SHA256_HEX], char sha[VB_SHA256_HEX], vb_diags *d) {
  input_of in = {b, shared_json, input};
  vb_data *data = unit_data(b->u, i, label_of(b, i), b->data_flags, d, hash_input, &in);
  if (!data) return vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  const vb_template *t = b->t ? b->t : b->shipped[b->plan[i].kind];
  void *doc = NULL, *out = NULL;
  size_t len = 0, out_len = 0;
  vb_status st = vb_render_memory(t, data, b->render_flags, &doc, &len, d);
  if (st == VB_OK && b->nfaces) {
    st = vb_embed_fonts(doc, len, b->faces, b->nfaces, &out, &out_len, d);
    free(doc);
    doc = out;
    len = out_len;
  }
  if (st == VB_OK) {
    vb_sha256_hex(doc, len, sha);
    if (vb_write_file_replace(output_of(b, i), doc, len, d) != 0) st = VB_EIO;
  }
  free(doc);
  vb_data_free(data);
  return st;
}

/* "where: message" of each warning, and the first error, for the manifest. */
static void manifest_unit_line(vb_batch *b, size_t i, const char *input, const char *sha,
                               const vb_diags *d) {
  size_t n = vb_diags_count(d), nw = 0;
  char **warnings = vb_xcalloc(n ? n : 1, sizeof(char *));
  char *error = NULL;
  for (size_t k = 0; k < n; k++) {
    const vb_diag *g = vb_diags_get(d, k);
    char *text = g->where ? vb_xasprintf("%s: %s", g->where, g->message) : vb_xstrdup(g->message);
    if (g->severity == VB_SEV_ERROR && !error)
      error = text;
    else if (g->severity != VB_SEV_ERROR)
      warnings[nw++] = text;
    else
      free(text);
  }
  if (!sha && !error) error = vb_xstrdup("failed (no message)");
  vb_manifest_line_unit(&b->pending, vb_batch_key(b, i), i + 1, label_of(b, i), input,
                        output_of(b, i) + b->base_len, sha, (const char *const *)warnings, nw,
                        error);
  b->npending++;
  for (size_t k = 0; k < nw; k++)
    free(warnings[k]);
  free(warnings);
  free(error);
}

typedef struct run_ctx {
  vb_batch *b;
  const char *shared_json;
} run_ctx;

static void *worker(void *arg) {
  run_ctx *ctx = arg;
  vb_batch *b = ctx->b;
  vb_diags *d = vb_diags_new();
  vb_buf lines = VB_BUF_INIT;
  for (;;) {
    pthread_mutex_lock(&b->lock);
    size_t k = b->stop ? b->ntodo : b->next++;
    pthread_mutex_unlock(&b->lock);
    if (k >= b->ntodo) break;
    size_t i = b->todo[k];
    vb_diags_clear(d);
    char sha[VB_SHA256_HEX], input[VB_SHA256_HEX];
    input[0] = '\0';
    vb_status st = render_unit(b, i, b->manifest_path ? ctx->shared_json : NULL, input, sha, d);
    /* A unit that could not be read again has the input of no fields. */
    if (b->manifest_path && !input[0]) unit_input(b, ctx->shared_json, NULL, input);
    pthread_mutex_lock(&b->lock);
    b->plan[i].status = st;
    b->done++;
    if (b->manifest_path) manifest_unit_line(b, i, input, st == VB_OK ? sha : NULL, d);
    if (b->progress) {
      vb_batch_unit unit = {i, label_of(b, i), output_of(b, i), st, d, b->done, b->ntodo};
      if (b->progress(b->progress_ud, &unit) != 0) b->stop = 1;
    }
    int due = take_due(b, &lines, 0);
    pthread_mutex_unlock(&b->lock);
    if (due) checkpoint(b, &lines, 0);
  }
  vb_buf_free(&lines);
  vb_diags_free(d);
  return NULL;
}

static size_t cpu_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

static int open_manifest(vb_batch *b, vb_diags *d) {
  if (make_parent_dirs(b->manifest_path) != 0) {
    vb_error_rule(d, VB_EIO, "batch.manifest", b->manifest_path, NULL,
                  "xem lại đường dẫn và quyền ghi", "không tạo được thư mục cho sổ lô (manifest)");
    return -1;
  }
  int resume = b->manifest_flags & VB_BATCH_RESUME;
  b->manifest_fd =
      open(b->manifest_path,
           O_WRONLY | O_CREAT | O_CLOEXEC | (resume ? O_APPEND : O_TRUNC | O_APPEND), 0644);
  if (b->manifest_fd < 0) {
    vb_error_rule(d, VB_EIO, "batch.manifest", b->manifest_path, NULL,
                  "xem lại đường dẫn và quyền ghi", "không mở được sổ lô (manifest): %s",
                  vb_errno_text(errno));
    return -1;
  }
  add_sync_dir(b, b->manifest_path);
  return 0;
}

vb_status vb_batch_run(vb_batch *b, vb_diags *d) {
  if (!b) return VB_EUSAGE;
  size_t n = b->u->list.n;
  b->ntodo = 0;
  vb_buf shared = VB_BUF_INIT;
  if (b->manifest_path) {
    vb_buf_puts(&shared, "shared ");
    vb_json_write(&shared, b->u->list.shared, VB_JSON_COMPACT);
  }
  for (size_t i = 0; i < n; i++)
    b->plan[i].reused = 0;
  if (b->manifest_path && (b->manifest_flags & VB_BATCH_RESUME) &&
      mark_reused(b, vb_buf_cstr(&shared), d) != 0) {
    vb_buf_free(&shared);
    return VB_EIO;
  }
  if (b->manifest_path && (b->manifest_flags & VB_BATCH_RESUME)) remove_stale_temps(b);
  if (b->manifest_path && open_manifest(b, d) != 0) {
    vb_buf_free(&shared);
    return VB_EIO;
  }
  size_t in_shard = 0;
  for (size_t i = 0; i < n; i++) {
    b->plan[i].status = VB_OK;
    if (!vb_batch_in_shard(b, i)) continue;
    in_shard++;
    if (b->plan[i].reused) continue;
    if (make_parent_dirs(output_of(b, i)) != 0) {
      vb_error_rule(d, VB_EIO, "batch.output-dir", output_of(b, i), NULL,
                    "xem lại mẫu tên tệp kết quả và quyền ghi",
                    "không tạo được thư mục cho tệp kết quả này");
      vb_buf_free(&shared);
      return VB_EIO;
    }
    add_sync_dir(b, output_of(b, i));
    b->todo[b->ntodo++] = i;
  }
  if (b->manifest_path)
    vb_manifest_line_head(&b->pending, n, b->shards ? b->shard : 0, b->shards ? b->shards : 1,
                          in_shard, b->pattern);
  b->next = b->done = 0;
  b->stop = 0;
  b->last_checkpoint = now_seconds();
  run_ctx ctx = {b, vb_buf_cstr(&shared)};
  size_t jobs = b->jobs ? b->jobs : cpu_count();
  if (jobs > b->ntodo) jobs = b->ntodo;
  pthread_t *th = vb_xcalloc(jobs ? jobs : 1, sizeof(pthread_t));
  size_t started = 0;
  for (size_t k = 0; jobs > 1 && k < jobs; k++) {
    if (pthread_create(&th[k], NULL, worker, &ctx) != 0) break;
    started++;
  }
  if (!started) worker(&ctx); /* one thread asked for, or none available: this one */
  for (size_t k = 0; k < started; k++)
    pthread_join(th[k], NULL);
  free(th);
  vb_buf_free(&shared);
  b->threads = started ? started : 1;
  vb_status cst = vb_batch_checkpoint(b, d);
  if (cst != VB_OK) return cst;
  for (size_t k = 0; k < b->ntodo; k++)
    if (b->plan[b->todo[k]].status != VB_OK) return (vb_status)b->plan[b->todo[k]].status;
  return VB_OK;
}

size_t vb_batch_threads(const vb_batch *b) { return b ? b->threads : 0; }

/* ---- merging the manifests of shards ----------------------------------------- */

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int same_file(const char *x, const char *y) {
  struct stat a, c;
  return stat(x, &a) == 0 && stat(y, &c) == 0 && a.st_dev == c.st_dev && a.st_ino == c.st_ino;
}

/* The manifests at path: the file, or a directory's MANIFEST*.jsonl in name
 * order, except skip (the merged manifest being rewritten). */
static int read_manifests(vb_manifest *m, const char *path, const char *skip, size_t *count,
                          vb_diags *d) {
  struct stat st;
  if (stat(path, &st) != 0) {
    vb_error_rule(d, VB_EIO, "batch.manifest", path, NULL,
                  "cho các thư mục mà các phần (shard) đã ghi sổ lô vào", "không đọc được: %s",
                  vb_errno_text(errno));
    return -1;
  }
  if (!S_ISDIR(st.st_mode)) {
    if (same_file(path, skip)) return 0;
    (*count)++;
    return vb_manifest_read(m, path, d);
  }
  DIR *dir = opendir(path);
  if (!dir) {
    vb_error_rule(d, VB_EIO, "batch.manifest", path, NULL, "xem lại quyền đọc thư mục",
                  "không liệt kê được thư mục: %s", vb_errno_text(errno));
    return -1;
  }
  char **names = NULL;
  size_t n = 0;
  for (struct dirent *e; (e = readdir(dir));) {
    size_t len = strlen(e->d_name);
    if (strncmp(e->d_name, "MANIFEST", 8) || len < 14 || strcmp(e->d_name + len - 6, ".jsonl"))
      continue;
    names = vb_xrealloc(names, (n + 1) * sizeof(char *));
    names[n++] = vb_xasprintf("%s/%s", path, e->d_name);
  }
  closedir(dir);
  qsort(names, n, sizeof(char *), cmp_str);
  int rc = 0;
  for (size_t i = 0; i < n; i++) {
    if (rc == 0 && !same_file(names[i], skip)) {
      (*count)++;
      rc = vb_manifest_read(m, names[i], d);
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

vb_status vb_batch_merge_manifests(const vb_batch *b, const char *const *paths, size_t npaths,
                                   const char *out, vb_batch_merge_report *r, vb_diags *d) {
  if (!b || !r) return VB_EUSAGE;
  memset(r, 0, sizeof *r);
  vb_manifest m = {0};
  /* A combined manifest written before (or an unsharded run's) first, so
   * that every shard's lines count over it. */
  struct stat st;
  if (out && stat(out, &st) == 0) {
    r->manifests++;
    if (vb_manifest_read(&m, out, d) != 0) {
      vb_manifest_free(&m);
      return VB_EIO;
    }
  }
  for (size_t k = 0; k < npaths; k++)
    if (read_manifests(&m, paths[k], out ? out : "", &r->manifests, d) != 0) {
      vb_manifest_free(&m);
      return VB_EIO;
    }
  size_t n = b->u->list.n;
  vb_buf text = VB_BUF_INIT;
  vb_manifest_line_head(&text, n, 0, 1, n, b->pattern);
  for (size_t i = 0; i < n; i++) {
    const vb_manifest_rec *rec = vb_manifest_find(&m, vb_batch_key(b, i));
    if (!rec || (!rec->sha256 && !rec->error)) {
      r->missing++;
      vb_error_rule(d, VB_EDATA, "batch.missing", output_of(b, i), label_of(b, i),
                    "chạy lại phần (shard) của nó với --resume",
                    "thiếu: không sổ lô nào ghi đơn vị này");
      continue;
    }
    vb_manifest_line_rec(&text, rec);
    if (rec->error) {
      r->failed++;
      vb_error_rule(d, VB_EDATA, "batch.failed", output_of(b, i), label_of(b, i),
                    "sửa dữ liệu của đơn vị rồi chạy tiếp với --resume", "không tạo được: %s",
                    rec->error);
      continue;
    }
    if (!file_matches(output_of(b, i), rec->sha256)) {
      r->changed++;
      vb_error_rule(d, VB_EDATA, "batch.changed", output_of(b, i), label_of(b, i),
                    "chạy lại phần (shard) của nó với --resume để tạo lại",
                    "đã thay đổi: không có, hoặc không đúng các byte sổ lô ghi (SHA-256 %s)",
                    rec->sha256);
      continue;
    }
    if (rec->pdf_error) {
      r->pdf_failed++;
      vb_error_rule(d, VB_EDATA, "batch.pdf-failed", output_of(b, i), label_of(b, i),
                    "chạy lại phần (shard) của nó với --resume --pdf", "không tạo được PDF: %s",
                    rec->pdf_error);
      continue;
    }
    if (rec->pdf_sha256) {
      char *pdf = pdf_of(output_of(b, i));
      int ok = file_matches(pdf, rec->pdf_sha256);
      if (!ok) {
        r->changed++;
        vb_error_rule(d, VB_EDATA, "batch.changed", pdf, label_of(b, i),
                      "chạy lại phần (shard) của nó với --resume --pdf",
                      "đã thay đổi: không có PDF, hoặc không đúng các byte sổ lô ghi");
      }
      free(pdf);
      if (!ok) continue;
    }
    r->done++;
  }
  vb_manifest_free(&m);
  int wrc = out ? vb_write_file_atomic(out, text.data, text.len, d) : 0;
  vb_buf_free(&text);
  if (wrc != 0) return VB_EIO;
  return r->done == n ? VB_OK : VB_EDATA;
}

void vb_batch_free(vb_batch *b) {
  if (!b) return;
  for (size_t k = 0; k < b->nshipped; k++) {
    vb_template_free(b->shipped[k]);
    free((char *)b->shipped_names[k]);
  }
  if (b->lock_ready) {
    pthread_mutex_destroy(&b->lock);
    pthread_mutex_destroy(&b->checkpoint_lock);
  }
  if (b->manifest_fd >= 0) close(b->manifest_fd);
  for (size_t k = 0; k < b->nsync; k++)
    free(b->sync_dirs[k]);
  free(b->sync_dirs);
  vb_buf_free(&b->pending);
  free(b->manifest_path);
  free(b->pattern);
  free(b->shipped);
  free(b->shipped_names);
  free(b->plan);
  vb_buf_free(&b->names);
  free(b->todo);
  free(b);
}
