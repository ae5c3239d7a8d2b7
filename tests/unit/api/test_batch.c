/* Batches through the public API: the same units as JSON, CSV and XLSX give
 * the same documents; the in-memory merge renders what the JSON of the merged
 * data renders; the bytes do not depend on the number of threads; a unit
 * with bad data fails alone; the plan refuses what would go wrong before
 * anything is written; the progress callback sees every unit and can stop
 * the batch. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch/units.h"
#include "data/json.h"
#include "test.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "vanban.h"

static char dir[] = "/tmp/vb-batch-test.XXXXXX";
static const char *sample = VB_SOURCE_DIR "/samples/bc-xa-ha-tan-6thang-2024.json";

static char *path_in(const char *name) { return vb_xasprintf("%s/%s", dir, name); }

static char *write_file(const char *name, const char *text) {
  char *p = path_in(name);
  vb_diags *d = vb_diags_new();
  CHECK(vb_write_file_atomic(p, text, strlen(text), d) == 0);
  vb_diags_free(d);
  return p;
}

static char *read_all(const char *path, size_t *len) {
  char *data = NULL;
  vb_diags *d = vb_diags_new();
  if (vb_read_file(path, 1u << 26, &data, len, d) != 0) *len = 0;
  vb_diags_free(d);
  return data;
}

/* The sample keeps two figures that `check` rejects (on purpose, see
 * tests/fixtures/batch/make_shared.py): the shared data fixes them. */
static const char fix[] = "{\"nhom_chi_tieu\":{\"0\":{\"chi_tieu\":{\"4\":{\"ket_qua\":{\"tu\":236,"
                          "\"mau\":236}},\"7\":{\"ket_qua\":{\"tu\":4956}}}}}}";

static char *shared_json(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *s = vb_json_parse_file(a, sample, 1u << 26, sample, d, NULL);
  vb_value *f = vb_json_parse(a, fix, strlen(fix), "fix", d);
  vb_buf err = VB_BUF_INIT, out = VB_BUF_INIT;
  vb_value *m = vb_units_merge(a, s, f, VB_MERGE_SHARE, &err);
  CHECK(m != NULL);
  if (m) vb_json_write(&out, m, VB_JSON_COMPACT);
  char *p = write_file("shared.json", vb_buf_cstr(&out));
  vb_buf_free(&err);
  vb_buf_free(&out);
  vb_diags_free(d);
  vb_arena_free(a);
  return p;
}

typedef struct seen {
  size_t calls, last_done, total;
  int stop_after;
  vb_status status[8];
  char *error[8];
} seen;

static int record(void *ud, const vb_batch_unit *u) {
  seen *s = ud;
  s->calls++;
  CHECK(u->done == s->calls); /* one call at a time, counted in order */
  s->last_done = u->done;
  s->total = u->total;
  if (u->index < 8) {
    s->status[u->index] = u->status;
    for (size_t k = 0; k < vb_diags_count(u->diags); k++)
      if (vb_diags_get(u->diags, k)->severity == VB_SEV_ERROR && !s->error[u->index])
        s->error[u->index] = vb_xstrdup(vb_diag_text(vb_diags_get(u->diags, k)));
  }
  return s->stop_after && s->calls >= (size_t)s->stop_after;
}

static void seen_free(seen *s) {
  for (int i = 0; i < 8; i++)
    free(s->error[i]);
}

/* Run a batch of units_path into DIR/out/{ma_don_vi}.docx with `jobs` threads. */
static vb_status run(const char *units_path, const char *shared, const char *out, unsigned jobs,
                     seen *s) {
  vb_diags *d = vb_diags_new();
  vb_units *u = vb_units_load(units_path, shared, d);
  CHECK(u != NULL);
  char *pattern = vb_xasprintf("%s/%s/{ma_don_vi}.docx", dir, out);
  vb_batch *b = u ? vb_batch_new(u, pattern, NULL, d) : NULL;
  CHECK(b != NULL);
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
      fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_status st = VB_EINTERNAL;
  if (b) {
    vb_batch_set_jobs(b, jobs);
    vb_batch_set_progress(b, record, s);
    st = vb_batch_run(b, d);
    CHECK(vb_batch_threads(b) == (jobs < vb_batch_count(b) ? jobs : vb_batch_count(b)));
  }
  vb_batch_free(b);
  vb_units_free(u);
  free(pattern);
  vb_diags_free(d);
  return st;
}

static int same_file(const char *a, const char *b) {
  size_t la = 0, lb = 0;
  char *x = read_all(a, &la), *y = read_all(b, &lb);
  int same = x && y && la == lb && memcmp(x, y, la) == 0;
  free(x);
  free(y);
  return same;
}

static int same_outputs(const char *out1, const char *out2, const char *const *names, size_t n) {
  int same = 1;
  for (size_t i = 0; i < n; i++) {
    char *a = vb_xasprintf("%s/%s/%s.docx", dir, out1, names[i]);
    char *b = vb_xasprintf("%s/%s/%s.docx", dir, out2, names[i]);
    if (!same_file(a, b)) {
      fprintf(stderr, "  %s and %s differ\n", a, b);
      same = 0;
    }
    free(a);
    free(b);
  }
  return same;
}

static const char *const xlsx_names[] = {"001", "002", "003"};

/* The units of tests/fixtures/batch/units-3.xlsx, written as JSON and CSV. */
static void test_three_formats(const char *shared) {
  char *json = write_file(
      "u3.json",
      "[{\"_ma_don_vi\":\"001\",\"van_ban\":{\"dia_danh\":\"Hà Tân\",\"du_thao\":true,"
      "\"ngay\":\"2024-06-20\",\"noi_nhan\":[\"Như trên\",\"Lưu: VT\"]},\"nhom_chi_tieu\":{\"2\":"
      "{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":2307}}}}}},"
      "{\"_ma_don_vi\":\"002\",\"van_ban\":{\"dia_danh\":\"Hà Sơn\",\"du_thao\":false},"
      "\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":2342}}}}}},"
      "{\"_ma_don_vi\":\"003\",\"van_ban\":{\"dia_danh\":\"Hà Lai\",\"ngay\":\"2024-07-01\"},"
      "\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":2399.5}}}}},"
      "\"ghi_chu_khac\":null}]");
  /* ';' separators (a Vietnamese-locale spreadsheet): a list can then be an
   * unquoted JSON cell (a quoted cell is always text). */
  char *csv = write_file(
      "u3.csv", "_ma_don_vi;van_ban.dia_danh;nhom_chi_tieu.2.chi_tieu.1.ket_qua.tu;"
                "van_ban.du_thao;van_ban.ngay;van_ban.noi_nhan;;ghi_chu_khac\n"
                "\"001\";Hà Tân;2307;true;2024-06-20;[\"Như trên\", \"Lưu: VT\"];ghi chú;\n"
                "\"002\";Hà Sơn;2342;false;;;;\n"
                "\"003\";Hà Lai;2399.5;;2024-07-01;;;null\n");
  seen a = {0}, b = {0}, c = {0};
  CHECK(run(VB_SOURCE_DIR "/tests/fixtures/batch/units-3.xlsx", shared, "xlsx", 2, &a) == VB_OK);
  CHECK(run(json, shared, "json", 2, &b) == VB_OK);
  CHECK(run(csv, shared, "csv", 2, &c) == VB_OK);
  CHECK(a.calls == 3 && b.calls == 3 && c.calls == 3);
  CHECK(same_outputs("xlsx", "json", xlsx_names, 3));
  CHECK(same_outputs("xlsx", "csv", xlsx_names, 3));
  seen_free(&a), seen_free(&b), seen_free(&c);
  free(json);
  free(csv);
}

static const char *const names[] = {"XA01", "XA02", "XA03", "XA04", "XA05"};

static char *five_units(void) {
  return write_file(
      "u5.json",
      "{\"chung\":{\"van_ban\":{\"ky_hieu\":\"BC-UBND\"}},\"don_vi\":["
      "{\"_ma_don_vi\":\"XA01\",\"van_ban\":{\"dia_danh\":\"Hà Tân\"}},"
      "{\"_ma_don_vi\":\"XA02\",\"van_ban\":{\"dia_danh\":\"Hà Sơn\",\"so\":null}},"
      "{\"_ma_don_vi\":\"XA03\",\"van_ban\":{\"ngay\":\"2024-13-45\"}},"
      "{\"_ma_don_vi\":\"XA04\",\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":"
      "{\"tu\":2500}}}}}},"
      "{\"_ma_don_vi\":\"XA05\",\"noi_dung\":{\"0\":{\"tieu_de\":\"Kết quả chung\"}}}]}");
}

/* Threads change nothing; one unit's bad data fails that unit only. */
static void test_threads_and_a_bad_unit(const char *shared) {
  char *units = five_units();
  seen one = {0}, three = {0};
  CHECK(run(units, shared, "j1", 1, &one) == VB_EDATA);
  CHECK(run(units, shared, "j3", 3, &three) == VB_EDATA);
  CHECK(one.calls == 5 && one.last_done == 5 && one.total == 5 && three.calls == 5);
  const char *const good[] = {"XA01", "XA02", "XA04", "XA05"};
  CHECK(same_outputs("j1", "j3", good, 4));
  for (int i = 0; i < 5; i++) {
    char *p = vb_xasprintf("%s/j1/%s.docx", dir, names[i]);
    CHECK((access(p, F_OK) == 0) == (i != 2));
    CHECK((one.status[i] == VB_OK) == (i != 2));
    free(p);
  }
  CHECK(one.status[2] == VB_EDATA && three.status[2] == VB_EDATA);
  CHECK_CONTAINS(one.error[2], "đơn vị 3 (XA03)");
  CHECK_CONTAINS(one.error[2], "$.van_ban.ngay");
  CHECK_CONTAINS(one.error[2], "2024-13-45");
  /* The units differ where their data differ, and only there. */
  char *a = vb_xasprintf("%s/j1/XA01.docx", dir), *b = vb_xasprintf("%s/j1/XA04.docx", dir);
  CHECK(!same_file(a, b));
  free(a);
  free(b);
  seen_free(&one), seen_free(&three);

  /* The in-memory merge renders what the merged data, written as JSON and
   * loaded as a file is, renders (the old batch's round trip). */
  vb_arena *ar = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *s = vb_json_parse_file(ar, shared, 1u << 26, shared, d, NULL);
  const char *unit = "{\"van_ban\":{\"ky_hieu\":\"BC-UBND\",\"dia_danh\":\"Hà Sơn\",\"so\":null},"
                     "\"_ma_don_vi\":\"XA02\"}";
  vb_buf err = VB_BUF_INIT, json = VB_BUF_INIT;
  vb_value *m =
      vb_units_merge(ar, s, vb_json_parse(ar, unit, strlen(unit), "u", d), VB_MERGE_SHARE, &err);
  if (m) vb_json_write(&json, m, VB_JSON_COMPACT);
  vb_data *data = vb_data_load_memory(json.data, json.len, "merged.json", 0, d);
  vb_template *t = vb_template_open_shipped("bao-cao", VB_FORMAT_DOCX, 0, d);
  void *doc = NULL;
  size_t len = 0, flen = 0;
  CHECK(data && t && vb_render_memory(t, data, 0, &doc, &len, d) == VB_OK);
  char *p = vb_xasprintf("%s/j1/XA02.docx", dir);
  char *file = read_all(p, &flen);
  CHECK(doc && file && len == flen && memcmp(doc, file, len) == 0);
  free(p), free(file), free(doc);
  vb_template_free(t);
  vb_data_free(data);
  vb_buf_free(&err), vb_buf_free(&json);
  vb_diags_free(d);
  vb_arena_free(ar);

  /* The callback stops the batch: units not started are not rendered. */
  seen stop = {0};
  stop.stop_after = 2;
  CHECK(run(units, shared, "stop", 1, &stop) == VB_OK);
  CHECK(stop.calls == 2);
  p = vb_xasprintf("%s/stop/XA03.docx", dir);
  CHECK(access(p, F_OK) != 0);
  free(p);
  seen_free(&stop);
  free(units);
}

static const char *plan_error(const char *units_json, const char *pattern, const char *shared,
                              const vb_template *t) {
  static char msg[1024];
  char *units = write_file("plan.json", units_json);
  vb_diags *d = vb_diags_new();
  vb_units *u = vb_units_load(units, shared, d);
  char *pat = vb_xasprintf("%s/%s", dir, pattern);
  vb_batch *b = u ? vb_batch_new(u, pat, t, d) : NULL;
  CHECK(b == NULL);
  snprintf(msg, sizeof msg, "%s", vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "");
  vb_batch_free(b);
  vb_units_free(u);
  vb_diags_free(d);
  free(pat);
  free(units);
  return msg;
}

/* What would go wrong is refused before anything is written. */
static void test_plan(const char *shared) {
  const char *two = "[{\"_ma\":\"A\"},{\"_ma\":\"B\"}]";
  CHECK_CONTAINS(
      plan_error(two, "p/{khong}.docx", shared, NULL),
      "đơn vị 1: lỗi: trường {khong} của mẫu tên tệp kết quả không có trong dữ liệu của đơn vị");
  CHECK_CONTAINS(plan_error(two, "p/{loai}.docx", shared, NULL),
                 "đơn vị 1 (bao-cao) và đơn vị 2 (bao-cao) sẽ cùng được ghi vào");
  CHECK_CONTAINS(plan_error(two, "p/{ma}.pdf", shared, NULL),
                 "mẫu tên tệp kết quả phải kết thúc bằng .docx hoặc .odt");
  CHECK_CONTAINS(plan_error("[{\"_ma\":\"A\",\"loai\":\"cong-van\"}]", "p/{ma}.docx", shared, NULL),
                 "\"loai\" là \"cong-van\": không có mẫu .docx có sẵn nào tên như vậy");
  CHECK_CONTAINS(plan_error(two, "p/{ma}.docx", NULL, NULL),
                 "không có \"loai\" (bao-cao hay thong-bao) để chọn mẫu có sẵn");
  vb_diags *d = vb_diags_new();
  vb_template *odt = vb_template_open_shipped("bao-cao", VB_FORMAT_ODT, 0, d);
  CHECK_CONTAINS(plan_error(two, "p/{ma}.docx", shared, odt), "các tệp kết quả là .docx");
  vb_template_free(odt);
  vb_diags_free(d);
  char *p = path_in("p");
  CHECK(access(p, F_OK) != 0);
  free(p);
}

/* One shard (or all: count 0) of the five units into DIR/out with a
 * manifest, checkpointing every unit; *kept gets the units resume kept. */
static vb_status run_shard(const char *units_path, const char *shared, const char *out,
                           size_t index, size_t count, unsigned flags, size_t *rendered,
                           size_t *kept) {
  vb_diags *d = vb_diags_new();
  vb_units *u = vb_units_load(units_path, shared, d);
  char *pattern = vb_xasprintf("%s/%s/{ma_don_vi}.docx", dir, out);
  char *manifest = vb_xasprintf("%s/%s/MANIFEST-%zu.jsonl", dir, out, index);
  vb_batch *b = u ? vb_batch_new(u, pattern, NULL, d) : NULL;
  CHECK(b != NULL);
  vb_status st = VB_EINTERNAL;
  seen s = {0};
  if (b) {
    if (count) CHECK(vb_batch_set_shard(b, index, count, d) == VB_OK);
    vb_batch_set_jobs(b, 3);
    vb_batch_set_progress(b, record, &s);
    vb_batch_set_manifest(b, manifest, flags, 1);
    st = vb_batch_run(b, d);
    *rendered = s.calls;
    *kept = 0;
    for (size_t i = 0; i < vb_batch_count(b); i++)
      *kept += vb_batch_reused(b, i) != 0;
  }
  seen_free(&s);
  vb_batch_free(b);
  vb_units_free(u);
  free(pattern);
  free(manifest);
  vb_diags_free(d);
  return st;
}

/* Shards split the units without overlap and give the bytes of one run;
 * resume keeps what the manifest records; merging finds what is missing. */
static void test_shards_and_manifest(const char *shared) {
  char *units = five_units();
  size_t rendered = 0, kept = 0, total = 0;
  CHECK(run_shard(units, shared, "all", 0, 0, 0, &rendered, &kept) == VB_EDATA);
  CHECK(rendered == 5 && kept == 0);
  for (size_t k = 0; k < 2; k++) {
    run_shard(units, shared, "sh", k, 2, 0, &rendered, &kept);
    total += rendered;
  }
  CHECK(total == 5);
  const char *const good[] = {"XA01", "XA02", "XA04", "XA05"};
  CHECK(same_outputs("all", "sh", good, 4));
  /* Resume keeps the four good units, renders the bad one again. */
  CHECK(run_shard(units, shared, "all", 0, 0, VB_BATCH_RESUME, &rendered, &kept) == VB_EDATA);
  CHECK(rendered == 1 && kept == 4);
  /* A changed output is rendered again. */
  char *p = vb_xasprintf("%s/all/XA02.docx", dir);
  FILE *f = fopen(p, "ab");
  CHECK(f != NULL);
  if (f) fputs("x", f), fclose(f);
  CHECK(run_shard(units, shared, "all", 0, 0, VB_BATCH_RESUME, &rendered, &kept) == VB_EDATA);
  CHECK(rendered == 2 && kept == 3);
  free(p);

  /* Merging: the two shards' manifests cover every unit; one of them alone does not. */
  vb_diags *d = vb_diags_new();
  vb_units *u = vb_units_load(units, shared, d);
  char *pattern = vb_xasprintf("%s/sh/{ma_don_vi}.docx", dir);
  vb_batch *b = u ? vb_batch_new(u, pattern, NULL, d) : NULL;
  char *m0 = vb_xasprintf("%s/sh/MANIFEST-0.jsonl", dir),
       *m1 = vb_xasprintf("%s/sh/MANIFEST-1.jsonl", dir);
  char *out = vb_xasprintf("%s/sh/merged.jsonl", dir);
  const char *both[] = {m0, m1};
  vb_batch_merge_report r;
  CHECK(b && vb_batch_merge_manifests(b, both, 2, out, &r, d) == VB_EDATA);
  CHECK(r.manifests == 2 && r.done == 4 && r.failed == 1 && r.missing == 0 && r.changed == 0);
  vb_diags_clear(d);
  unlink(out);
  CHECK(b && vb_batch_merge_manifests(b, both, 1, NULL, &r, d) == VB_EDATA);
  CHECK(r.missing > 0 && r.done + r.failed + r.missing == 5);
  CHECK(vb_diags_count(d) == r.missing + r.failed);
  vb_batch_free(b);
  vb_units_free(u);
  free(pattern), free(m0), free(m1), free(out);
  vb_diags_free(d);
  free(units);
}

int main(void) {
  if (!mkdtemp(dir)) return 1;
  char *shared = shared_json();
  test_three_formats(shared);
  test_threads_and_a_bad_unit(shared);
  test_plan(shared);
  test_shards_and_manifest(shared);
  free(shared);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  TEST_MAIN_END();
}
