/* Batches: a unit list (src/batch) rendered on worker threads that share one
 * compiled template per kind. Each unit's data is merged in memory into its
 * own vb_data, rendered, written and freed, so memory stays flat however many
 * units there are. See vanban.h and docs/batch.md. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/internal.h"
#include "api/shipped.h"
#include "batch/units.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

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

vb_data *vb_units_data(const vb_units *u, size_t i, const char *name, unsigned flags, vb_diags *d) {
  if (!u || i >= u->list.n) return NULL;
  vb_data *data = vb_data__new(name);
  size_t errors = vb_diags_errors(d);
  vb_buf err = VB_BUF_INIT;
  /* New nodes in the unit's own arena: the model may change them, while the
   * list stays as read for the other units and threads. */
  vb_value *merged =
      vb_units_merge(data->arena, u->list.shared, u->list.units[i], VB_MERGE_COPY, &err);
  if (!merged) {
    vb_error(d, VB_EDATA, data->name, NULL, "an index in a field path counts from 0", "%s",
             vb_buf_cstr(&err));
    vb_buf_free(&err);
    vb_data_free(data);
    return NULL;
  }
  vb_buf_free(&err);
  return vb_data__finish(data, merged, errors, flags, d);
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
  size_t *kind; /* per unit: index into shipped */
  char **outputs, **labels;
  unsigned data_flags, render_flags, jobs;
  const vb_font_face *faces;
  size_t nfaces;
  vb_batch_progress_fn progress;
  void *progress_ud;
  /* The run. */
  pthread_mutex_t lock;
  int lock_ready;
  size_t next, done, threads;
  int stop;
  vb_status *status; /* per unit; VB_OK until it fails */
};

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
  b->shipped_names[b->nshipped] = name; /* in the unit list's arena */
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

static void plan_error(vb_batch *b, size_t *errors, const char *where, const char *hint,
                       const char *msg, vb_diags *d) {
  if ((*errors)++ < PLAN_MAX_ERRORS) vb_error(d, VB_EDATA, b->u->list.path, where, hint, "%s", msg);
}

vb_batch *vb_batch_new(const vb_units *u, const char *pattern, const vb_template *t, vb_diags *d) {
  if (!u || !pattern) return NULL;
  const char *dot = strrchr(pattern, '.'), *slash = strrchr(pattern, '/');
  const char *ext = dot && (!slash || dot > slash) ? dot + 1 : "";
  vb_format_kind format = !strcasecmp(ext, "docx")  ? VB_FORMAT_DOCX
                          : !strcasecmp(ext, "odt") ? VB_FORMAT_ODT
                                                    : 0;
  if (!format) {
    vb_error(d, VB_EUSAGE, NULL, NULL, "end the pattern with .docx or .odt",
             "the output pattern must end in .docx or .odt: %s", pattern);
    return NULL;
  }
  if (t && vb_template_format(t) != format) {
    vb_error(d, VB_EUSAGE, t->name, NULL, "use a template of the outputs' format",
             "the outputs are .%s, the template is not", ext);
    return NULL;
  }
  size_t n = u->list.n;
  vb_batch *b = vb_xcalloc(1, sizeof *b);
  b->u = u;
  b->t = t;
  b->format = format;
  b->outputs = vb_xcalloc(n ? n : 1, sizeof(char *));
  b->labels = vb_xcalloc(n ? n : 1, sizeof(char *));
  b->kind = vb_xcalloc(n ? n : 1, sizeof(size_t));
  b->status = vb_xcalloc(n ? n : 1, sizeof(vb_status));
  vb_arena *a = vb_arena_new();
  vb_buf out = VB_BUF_INIT, err = VB_BUF_INIT, label = VB_BUF_INIT, msg = VB_BUF_INIT;
  size_t errors = 0;
  for (size_t i = 0; i < n; i++) {
    vb_arena_reset(a);
    vb_buf_clear(&err);
    vb_buf_clear(&label);
    /* Only read here: the nodes are shared with the list, not copied. */
    vb_value *m = vb_units_merge(a, u->list.shared, u->list.units[i], VB_MERGE_SHARE, &err);
    vb_units_label(pattern, m, i + 1, &label);
    b->labels[i] = vb_xstrdup(vb_buf_cstr(&label));
    if (!m || vb_units_output(pattern, m, i + 1, n, &out, &err) != 0) {
      plan_error(b, &errors, b->labels[i], NULL, vb_buf_cstr(&err), d);
      b->outputs[i] = vb_xstrdup("");
      continue;
    }
    b->outputs[i] = vb_xstrdup(vb_buf_cstr(&out));
    if (t) continue;
    const vb_value *loai = vb_obj_get(m, "loai");
    vb_buf_clear(&msg);
    if (!loai || loai->kind != VB_STR) {
      plan_error(b, &errors, b->labels[i],
                 "add \"loai\" to the unit or to the shared data, or give one template for "
                 "every unit",
                 "no \"loai\" (bao-cao or thong-bao) to choose a shipped template", d);
    } else if (!shipped_exists(loai->u.str.s, format)) {
      vb_buf_printf(&msg, "\"loai\" is \"%s\": there is no shipped .%s template of that name",
                    loai->u.str.s, ext);
      plan_error(b, &errors, b->labels[i], "the shipped templates are bao-cao and thong-bao",
                 msg.data, d);
    } else if (!errors) {
      long k = shipped_index(b, loai->u.str.s, d);
      if (k < 0)
        errors++;
      else
        b->kind[i] = (size_t)k;
    }
  }
  vb_arena_free(a);
  /* Two units must not write the same file. */
  if (!errors && n > 1) {
    named *order = vb_xcalloc(n, sizeof(named));
    for (size_t i = 0; i < n; i++)
      order[i] = (named){b->outputs[i], i};
    qsort(order, n, sizeof *order, cmp_output);
    for (size_t i = 0; i + 1 < n; i++) {
      size_t x = order[i].index, y = order[i + 1].index;
      if (strcmp(b->outputs[x], b->outputs[y])) continue;
      vb_buf_clear(&msg);
      vb_buf_printf(&msg, "%s and %s would both be written to %s", b->labels[x < y ? x : y],
                    b->labels[x < y ? y : x], b->outputs[x]);
      plan_error(b, &errors, NULL, "add a field that differs to the pattern", msg.data, d);
    }
    free(order);
  }
  if (errors > PLAN_MAX_ERRORS)
    vb_error(d, VB_EDATA, u->list.path, NULL, NULL, "… %zu errors in all", errors);
  vb_buf_free(&out);
  vb_buf_free(&err);
  vb_buf_free(&label);
  vb_buf_free(&msg);
  if (errors) {
    vb_batch_free(b);
    return NULL;
  }
  pthread_mutex_init(&b->lock, NULL);
  b->lock_ready = 1;
  return b;
}

size_t vb_batch_count(const vb_batch *b) { return b ? b->u->list.n : 0; }

const char *vb_batch_output(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? b->outputs[i] : NULL;
}

const char *vb_batch_label(const vb_batch *b, size_t i) {
  return b && i < b->u->list.n ? b->labels[i] : NULL;
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

static vb_status render_unit(vb_batch *b, size_t i, vb_diags *d) {
  vb_data *data = vb_units_data(b->u, i, b->labels[i], b->data_flags, d);
  if (!data) return vb_diags_status(d) ? vb_diags_status(d) : VB_EDATA;
  const vb_template *t = b->t ? b->t : b->shipped[b->kind[i]];
  vb_status st;
  if (!b->nfaces) {
    st = vb_render_file(t, data, b->outputs[i], b->render_flags, d);
  } else {
    void *doc = NULL, *out = NULL;
    size_t len = 0, out_len = 0;
    st = vb_render_memory(t, data, b->render_flags, &doc, &len, d);
    if (st == VB_OK) st = vb_embed_fonts(doc, len, b->faces, b->nfaces, &out, &out_len, d);
    if (st == VB_OK && vb_write_file_atomic(b->outputs[i], out, out_len, d) != 0) st = VB_EIO;
    free(doc);
    free(out);
  }
  vb_data_free(data);
  return st;
}

static void *worker(void *arg) {
  vb_batch *b = arg;
  vb_diags *d = vb_diags_new();
  size_t n = b->u->list.n;
  for (;;) {
    pthread_mutex_lock(&b->lock);
    size_t i = b->stop ? n : b->next++;
    pthread_mutex_unlock(&b->lock);
    if (i >= n) break;
    vb_diags_clear(d);
    vb_status st = render_unit(b, i, d);
    pthread_mutex_lock(&b->lock);
    b->status[i] = st;
    b->done++;
    if (b->progress) {
      vb_batch_unit unit = {i, b->labels[i], b->outputs[i], st, d, b->done, n};
      if (b->progress(b->progress_ud, &unit) != 0) b->stop = 1;
    }
    pthread_mutex_unlock(&b->lock);
  }
  vb_diags_free(d);
  return NULL;
}

static size_t cpu_count(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (size_t)n : 1;
}

vb_status vb_batch_run(vb_batch *b, vb_diags *d) {
  if (!b) return VB_EUSAGE;
  size_t n = b->u->list.n;
  for (size_t i = 0; i < n; i++) {
    if (make_parent_dirs(b->outputs[i]) != 0) {
      vb_error(d, VB_EIO, b->outputs[i], NULL, "check the output pattern and the permissions",
               "cannot create the directory for this output");
      return VB_EIO;
    }
  }
  b->next = b->done = 0;
  b->stop = 0;
  for (size_t i = 0; i < n; i++)
    b->status[i] = VB_OK;
  size_t jobs = b->jobs ? b->jobs : cpu_count();
  if (jobs > n) jobs = n;
  pthread_t *th = vb_xcalloc(jobs ? jobs : 1, sizeof(pthread_t));
  size_t started = 0;
  for (size_t k = 0; jobs > 1 && k < jobs; k++) {
    if (pthread_create(&th[k], NULL, worker, b) != 0) break;
    started++;
  }
  if (!started) worker(b); /* one thread asked for, or none available: this one */
  for (size_t k = 0; k < started; k++)
    pthread_join(th[k], NULL);
  free(th);
  b->threads = started ? started : 1;
  for (size_t i = 0; i < n; i++)
    if (b->status[i] != VB_OK) return b->status[i];
  return VB_OK;
}

size_t vb_batch_threads(const vb_batch *b) { return b ? b->threads : 0; }

void vb_batch_free(vb_batch *b) {
  if (!b) return;
  size_t n = b->u->list.n;
  for (size_t i = 0; i < n; i++) {
    free(b->outputs[i]);
    free(b->labels[i]);
  }
  for (size_t k = 0; k < b->nshipped; k++)
    vb_template_free(b->shipped[k]);
  if (b->lock_ready) pthread_mutex_destroy(&b->lock);
  free(b->shipped);
  free(b->shipped_names);
  free(b->outputs);
  free(b->labels);
  free(b->kind);
  free(b->status);
  free(b);
}
