/* vb_check: proofreading a document (DOCX/ODT through the format readers
 * and the proof rules) or a data file (the model's checks plus the proof
 * rules that apply to data). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "api/internal.h"
#include "fmt/doc.h"
#include "model/model.h"
#include "proof/proof.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

/* "$.a.b (dòng 3, cột 5)" → path, line, column */
static void split_where(vb_arena *a, const char *where, vb_finding *f) {
  if (!where || where[0] != '$') return;
  const char *paren = strstr(where, " (dòng ");
  f->json_path = paren ? vb_arena_strndup(a, where, (size_t)(paren - where)) : where;
  if (paren) {
    unsigned line = 0, col = 0;
    if (sscanf(paren, " (dòng %u, cột %u", &line, &col) >= 1) {
      f->line = line;
      f->column = col;
    }
  }
}

static const char *area_name(vb_doc_area a) {
  switch (a) {
  case VB_AREA_HEADER: return "header";
  case VB_AREA_FOOTER: return "footer";
  case VB_AREA_NOTE: return "note";
  case VB_AREA_COMMENT: return "comment";
  default: return "body";
  }
}

static void fill(vb_check *c, vb_finding *out, const proof_finding *f) {
  vb_proof *p = c->proof;
  memset(out, 0, sizeof *out);
  out->rule = f->rule;
  out->level = f->level;
  out->message = f->message;
  out->expected = f->expected;
  out->excerpt = f->excerpt;
  out->place = proof_place(p, f);
  out->count = f->count > 0 ? f->count : 1;
  if (f->para >= 0) {
    const vb_doc_para *pp = &p->doc->paras[f->para];
    if (pp->path) {
      out->json_path = pp->path;
      out->line = pp->src_line;
      out->column = pp->src_column;
    } else {
      out->area = area_name(pp->area);
      out->paragraph = pp->number;
      out->table = pp->table;
      out->row = pp->row;
      out->cell = pp->cell;
      out->section = pp->area == VB_AREA_BODY ? pp->section + 1 : 0;
    }
  } else if (c->is_doc) {
    out->area = f->section >= 0 ? "section" : "document";
    out->section = f->section >= 0 ? f->section + 1 : 0;
  }
}

static void add_out(vb_check *c, size_t *cap, vb_finding *f, long para) {
  if (c->n == *cap) {
    *cap = *cap ? 2 * *cap : 32;
    c->out = vb_xrealloc(c->out, *cap * sizeof *c->out);
    c->para_of = vb_xrealloc(c->para_of, *cap * sizeof *c->para_of);
  }
  c->para_of[c->n] = para;
  c->out[c->n++] = *f;
}

static void finish(vb_check *c, size_t *cap) {
  for (size_t i = 0; i < c->proof->n; i++) {
    vb_finding f;
    fill(c, &f, &c->proof->f[i]);
    add_out(c, cap, &f, c->proof->f[i].para);
  }
}

/* What the file is, from its first bytes and its name: 'z' a zip package,
 * 'o' an old binary Office file, 'd' a document name that is neither, 'j'
 * anything else (read as JSON data). */
static int sniff(const char *path) {
  FILE *fp = fopen(path, "rb");
  unsigned char b[4] = {0};
  size_t n = fp ? fread(b, 1, 4, fp) : 0;
  if (fp) fclose(fp);
  if (n == 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return 'z';
  if (n == 4 && b[0] == 0xD0 && b[1] == 0xCF && b[2] == 0x11 && b[3] == 0xE0) return 'o';
  const char *dot = strrchr(path, '.');
  if (dot && (!strcasecmp(dot, ".docx") || !strcasecmp(dot, ".odt") || !strcasecmp(dot, ".doc") ||
              !strcasecmp(dot, ".docm") || !strcasecmp(dot, ".fodt")))
    return 'd';
  return 'j';
}

/* The data's "_vanban_ignore": a list of rule ids. */
static const char **data_ignores(vb_arena *a, const vb_value *input) {
  const vb_value *ig = vb_obj_get(input, "_vanban_ignore");
  if (!ig) return NULL;
  size_t n = ig->kind == VB_ARR ? ig->u.arr.len : ig->kind == VB_STR ? 1 : 0;
  const char **out = vb_arena_alloc(a, (n + 1) * sizeof *out);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const vb_value *v = ig->kind == VB_ARR ? ig->u.arr.items[i] : ig;
    if (v->kind == VB_STR) out[k++] = v->u.str.s;
  }
  out[k] = NULL;
  return out;
}

/* A document's own "_vanban_ignore" property: rule ids separated by
 * commas, semicolons or spaces. */
static const char **doc_ignores(vb_arena *a, const char *list) {
  if (!list) return NULL;
  size_t n = 0;
  const char *sep = ",; \t\r\n";
  for (const char *s = list; *s;) {
    s += strspn(s, sep);
    if (!*s) break;
    n++;
    s += strcspn(s, sep);
  }
  const char **out = vb_arena_alloc(a, (n + 1) * sizeof *out);
  size_t k = 0;
  for (const char *s = list; *s && k < n;) {
    s += strspn(s, sep);
    size_t len = strcspn(s, sep);
    if (len) out[k++] = vb_arena_strndup(a, s, len);
    s += len;
  }
  out[k] = NULL;
  return out;
}

static vb_check *check_new(const char *path, const vb_check_options *opt) {
  vb_check *c = vb_xcalloc(1, sizeof *c);
  c->a = vb_arena_new();
  c->proof = vb_xcalloc(1, sizeof *c->proof);
  c->proof->a = c->a;
  c->proof->ignore = opt ? opt->ignore : NULL;
  c->file = vb_arena_strdup(c->a, path);
  return c;
}

static vb_check *check_document(const char *path, const vb_check_options *opt, vb_diags *d) {
  vb_doc *doc = vb_doc_read(path, d);
  if (!doc) return NULL;
  vb_check *c = check_new(path, opt);
  c->is_doc = 1;
  c->kind = doc->kind == VB_FORMAT_ODT ? "odt" : "docx";
  c->proof->doc = doc;
  c->proof->ignore_data = doc_ignores(c->a, doc->ignore);
  proof_run(c->proof);
  size_t cap = 0;
  finish(c, &cap);
  return c;
}

static vb_check *check_data(const char *path, const vb_check_options *opt, vb_diags *d) {
  vb_diags *dd = vb_diags_new();
  int model_ok = 0;
  vb_data *data = vb_data_load_for_check(path, opt ? opt->data_flags : 0, dd, &model_ok);
  if (!data) {
    vb_diags_move(d, dd);
    vb_diags_free(dd);
    return NULL;
  }
  vb_check *c = check_new(path, opt);
  c->kind = "data";
  size_t cap = 0;
  /* the model's diagnostics, in their order */
  for (size_t i = 0; i < vb_diags_count(dd); i++) {
    const vb_diag *g = vb_diags_get(dd, i);
    vb_finding f = {0};
    f.rule = g->rule ? vb_arena_strdup(c->a, g->rule) : "du-lieu";
    if (!proof_on(c->proof, f.rule)) continue;
    f.level = g->severity == VB_SEV_ERROR ? VB_LEVEL_ERROR : VB_LEVEL_WARNING;
    f.message = vb_arena_strdup(c->a, g->message);
    f.hint = g->hint ? vb_arena_strdup(c->a, g->hint) : NULL;
    f.place = g->where ? vb_arena_strdup(c->a, g->where) : vb_arena_strdup(c->a, c->file);
    f.count = 1;
    split_where(c->a, f.place, &f);
    add_out(c, &cap, &f, -1);
  }
  vb_diags_free(dd);
  const vb_value *input = data->input;
  vb_doc *view = input ? proof_data_view(input, path) : NULL;
  if (view) {
    c->proof->doc = view;
    c->proof->on_data = 1;
    c->proof->data = input;
    c->proof->ignore_data = data_ignores(c->a, input);
    proof_run(c->proof);
    finish(c, &cap);
  }
  (void)model_ok;
  /* the data tree is referenced by the findings' strings only through the
   * arena copies above and the view, which copied its text */
  c->proof->data = NULL;
  vb_data_free(data);
  return c;
}

vb_check *vb_check_file(const char *path, const vb_check_options *opt, vb_diags *d) {
  if (!path) return NULL;
  struct stat st;
  if (stat(path, &st) != 0) {
    vb_error_rule(d, VB_EIO, "file.open", path, NULL, "xem lại tên tệp", "không mở được: %s",
                  vb_errno_text(errno));
    return NULL;
  }
  if (S_ISDIR(st.st_mode)) {
    vb_error_rule(d, VB_EIO, "file.read", path, NULL, "cho một tệp .docx, .odt hoặc .json",
                  "là một thư mục");
    return NULL;
  }
  switch (sniff(path)) {
  case 'z': return check_document(path, opt, d);
  case 'o':
    vb_error_rule(d, VB_EDATA, "check.format", path, NULL,
                  "mở nó bằng Word hay LibreOffice, lưu thành .docx hoặc .odt rồi kiểm tra tệp đó",
                  "tệp Word nhị phân cũ (.doc): check đọc .docx và .odt");
    return NULL;
  case 'd':
    vb_error_rule(d, VB_EDATA, "check.format", path, NULL,
                  "mở nó bằng Word hay LibreOffice rồi lưu lại thành .docx hoặc .odt",
                  "không phải văn bản .docx hay .odt: tệp không phải gói zip (bị hỏng, rỗng hoặc "
                  "thuộc loại khác)");
    return NULL;
  default: return check_data(path, opt, d);
  }
}

size_t vb_check_count(const vb_check *c) { return c ? c->n : 0; }

const vb_finding *vb_check_get(const vb_check *c, size_t i) {
  return c && i < c->n ? &c->out[i] : NULL;
}

size_t vb_check_level_count(const vb_check *c, vb_level level) {
  size_t k = 0;
  for (size_t i = 0; c && i < c->n; i++)
    if (c->out[i].level == level) k++;
  return k;
}

int vb_check_is_document(const vb_check *c) { return c && c->is_doc; }

void vb_check_free(vb_check *c) {
  if (!c) return;
  proof_free(c->proof);
  vb_doc_free(c->proof->doc);
  free(c->proof);
  free(c->para_of);
  free(c->out);
  vb_arena_free(c->a);
  free(c);
}

size_t vb_rule_count(void) {
  size_t n, k;
  proof_rules(&n);
  vb_model_rules(&k);
  return n + k;
}

const vb_rule_info *vb_rule_get(size_t i) {
  size_t n, k;
  const proof_rule *r = proof_rules(&n);
  const vb_rule_info *mr = vb_model_rules(&k);
  return i < n ? &r[i].info : i < n + k ? &mr[i - n] : NULL;
}

/* ---- data files in render: the findings as warnings ---- */

void vb_data_proof_warnings(const vb_data *data, vb_diags *d) {
  if (!data || !data->input) return;
  vb_doc *view = proof_data_view(data->input, data->name);
  if (!view) return;
  vb_proof p = {0};
  p.doc = view;
  p.a = vb_arena_new();
  p.on_data = 1;
  p.data = data->input;
  p.ignore_data = data_ignores(p.a, data->input);
  proof_run(&p);
  for (size_t i = 0; i < p.n; i++) {
    const proof_finding *f = &p.f[i];
    const char *where = proof_place(&p, f);
    vb_buf hint = VB_BUF_INIT;
    if (f->expected) vb_buf_printf(&hint, "cần: %s; ", f->expected);
    const proof_rule *r = proof_rule_find(f->rule);
    /* An impossible figure typed into the prose stops the document as the
     * model's own do; a draft prints it, marked "DỰ THẢO". */
    int stops = r && r->info.draft && f->level == VB_LEVEL_ERROR;
    if (stops && !(data->flags & VB_DATA_DRAFT)) {
      vb_buf_printf(&hint,
                    "để xem trước: `vanban render --nhap` in bản dự thảo có dấu \"DỰ THẢO\"; "
                    "nếu cố ý: ghi \"%s\" vào \"_vanban_ignore\"",
                    f->rule);
      vb_error_rule(d, VB_EDATA, f->rule, data->name, where, vb_buf_cstr(&hint), "%s", f->message);
    } else {
      vb_buf_printf(&hint, "ghi \"%s\" vào \"_vanban_ignore\" nếu cố ý", f->rule);
      vb_warn_rule(d, VB_EDATA, f->rule, data->name, where, vb_buf_cstr(&hint), "%s%s", f->message,
                   stops ? " (in trong bản dự thảo)" : "");
    }
    vb_buf_free(&hint);
  }
  proof_free(&p);
  vb_arena_free(p.a);
  vb_doc_free(view);
}
