/* Unit lists (src/batch): the merge rules, output names and labels, and
 * reading units from JSON, CSV and XLSX (through src/sheet) with the same
 * result. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch/units.h"
#include "data/json.h"
#include "test.h"
#include "util/diag.h"
#include "util/fileio.h"

static char dir[] = "/tmp/vb-units-test.XXXXXX";

static const char *write_file(const char *name, const char *text) {
  static char path[4][512];
  static int k;
  char *p = path[k++ % 4];
  snprintf(p, 512, "%s/%s", dir, name);
  vb_diags *d = vb_diags_new();
  CHECK(vb_write_file_atomic(p, text, strlen(text), d) == 0);
  vb_diags_free(d);
  return p;
}

static vb_value *parse(vb_arena *a, const char *json) {
  vb_diags *d = vb_diags_new();
  vb_value *v = vb_json_parse(a, json, strlen(json), "t.json", d);
  CHECK(v != NULL);
  vb_diags_free(d);
  return v;
}

static const char *json_of(const vb_value *v) {
  static vb_buf b = VB_BUF_INIT;
  vb_buf_clear(&b);
  if (v)
    vb_json_write(&b, v, VB_JSON_COMPACT);
  else
    vb_buf_puts(&b, "(null)");
  return vb_buf_cstr(&b);
}

static const char *merged(vb_arena *a, const char *base, const char *patch, vb_merge_mode mode) {
  vb_buf err = VB_BUF_INIT;
  vb_value *m = vb_units_merge(a, parse(a, base), parse(a, patch), mode, &err);
  static char out[1024];
  snprintf(out, sizeof out, "%s", m ? json_of(m) : vb_buf_cstr(&err));
  vb_buf_free(&err);
  return out;
}

static void test_merge_rules(void) {
  vb_arena *a = vb_arena_new();
  for (int mode = 0; mode < 2; mode++) {
    /* Objects member by member, at every depth; the unit wins. */
    CHECK_STR(merged(a, "{\"a\":1,\"v\":{\"x\":\"s\",\"y\":2}}", "{\"v\":{\"y\":3,\"z\":4}}", mode),
              "{\"a\":1,\"v\":{\"x\":\"s\",\"y\":3,\"z\":4}}");
    /* null removes. */
    CHECK_STR(merged(a, "{\"so\":12,\"k\":1}", "{\"so\":null,\"q\":null}", mode), "{\"k\":1}");
    /* Index keys patch list items; the other items stay. */
    CHECK_STR(
        merged(a, "{\"l\":[{\"m\":1,\"t\":\"a\"},{\"m\":2}]}", "{\"l\":{\"1\":{\"m\":5}}}", mode),
        "{\"l\":[{\"m\":1,\"t\":\"a\"},{\"m\":5}]}");
    CHECK_STR(merged(a, "{\"l\":[1,2]}", "{\"l\":{\"0\":{\"x\":1}}}", mode),
              "{\"l\":[{\"x\":1},2]}");
    /* A whole list, a string: replaced. */
    CHECK_STR(merged(a, "{\"l\":[1,2,3]}", "{\"l\":[9]}", mode), "{\"l\":[9]}");
    CHECK_STR(merged(a, "{\"v\":{\"x\":1}}", "{\"v\":\"khác\"}", mode), "{\"v\":\"khác\"}");
    /* Keys that are not all indexes make an object of a list's place. */
    CHECK_STR(merged(a, "{\"l\":[1]}", "{\"l\":{\"0\":1,\"x\":2}}", mode),
              "{\"l\":{\"0\":1,\"x\":2}}");
    /* An index past the end is an error naming where. */
    CHECK_STR(merged(a, "{\"n\":{\"l\":[1,2]}}", "{\"n\":{\"l\":{\"2\":5}}}", mode),
              "chỉ số 2 vượt quá cuối danh sách 2 mục (trong \"l\") (trong \"n\")");
    /* "01" is not an index. */
    CHECK_STR(merged(a, "{\"l\":[1,2]}", "{\"l\":{\"01\":5}}", mode), "{\"l\":{\"01\":5}}");
  }
  vb_arena_free(a);
}

/* A copy is made of new nodes: changing it leaves the shared data as it was
 * (the data model rewrites the trees it is given). */
static void test_copy_leaves_base_alone(void) {
  vb_arena *a = vb_arena_new();
  vb_value *base = parse(a, "{\"v\":{\"x\":1},\"l\":[{\"k\":1}],\"s\":\"Hà\"}");
  vb_value *patch = parse(a, "{\"w\":2}");
  vb_buf err = VB_BUF_INIT;
  vb_value *c = vb_units_merge(a, base, patch, VB_MERGE_COPY, &err);
  CHECK(c && c != base);
  vb_value *v = vb_obj_get(c, "v"), *l = vb_obj_get(c, "l");
  CHECK(v && v != vb_obj_get(base, "v"));
  CHECK(l && l != vb_obj_get(base, "l") &&
        l->u.arr.items[0] != vb_obj_get(base, "l")->u.arr.items[0]);
  /* No positions (they belong to another file), the source name kept. */
  CHECK(v && v->line == 0 && v->col == 0 && v->src && !strcmp(v->src, "t.json"));
  vb_obj_set(a, v, "x", vb_val_num(a, 7));
  l->u.arr.items[0] = vb_val_null(a);
  CHECK_STR(json_of(base), "{\"v\":{\"x\":1},\"l\":[{\"k\":1}],\"s\":\"Hà\"}");
  /* Sharing keeps what the patch leaves alone. */
  vb_value *s = vb_units_merge(a, base, patch, VB_MERGE_SHARE, &err);
  CHECK(s && vb_obj_get(s, "v") == vb_obj_get(base, "v"));
  vb_buf_free(&err);
  vb_arena_free(a);
}

static const char *output(const char *pattern, const vb_value *data, size_t no, size_t total) {
  static vb_buf out = VB_BUF_INIT;
  vb_buf err = VB_BUF_INIT;
  int rc = vb_units_output(pattern, data, no, total, &out, &err);
  static char r[512];
  snprintf(r, sizeof r, "%s", rc == 0 ? vb_buf_cstr(&out) : vb_buf_cstr(&err));
  vb_buf_free(&err);
  return r;
}

static void test_names(void) {
  vb_arena *a = vb_arena_new();
  vb_value *u = parse(a, "{\"_ma\":\"XA/07\",\"so\":7,\"x\":1.5,\"v\":{\"d\":\"..Hà\"},"
                         "\"l\":[\"a\",\"b\"],\"e\":\"\",\"o\":{}}");
  CHECK_STR(output("out/{ma}-{so}.docx", u, 3, 16), "out/XA-07-7.docx");
  CHECK_STR(output("{#}-{x}.odt", u, 3, 150), "003-1.5.odt");
  CHECK_STR(output("{v.d}/{l.1}{{}}.docx", u, 1, 1), "__Hà/b{}.docx");
  CHECK_STR(output("{khong}.docx", u, 1, 1),
            "trường {khong} của mẫu tên tệp kết quả không có trong dữ liệu của đơn vị");
  CHECK_STR(output("{e}.docx", u, 1, 1), "trường {e} của mẫu tên tệp kết quả rỗng");
  CHECK_STR(output("{o}.docx", u, 1, 1),
            "trường {o} của mẫu tên tệp kết quả là đối tượng, không phải chữ hay số");
  CHECK_STR(output("{ma.docx", u, 1, 1),
            "mẫu tên tệp kết quả có '{' mà không có '}' (viết {{ để có một dấu ngoặc)");
  vb_buf label = VB_BUF_INIT;
  vb_units_label("out/{ma}.docx", u, 3, &label);
  CHECK_STR(vb_buf_cstr(&label), "đơn vị 3 (XA/07)");
  vb_buf_clear(&label);
  vb_units_label("{{x}}{#}-{so}.docx", u, 4, &label);
  CHECK_STR(vb_buf_cstr(&label), "đơn vị 4");
  vb_buf_clear(&label);
  vb_units_label("{so}.docx", u, 5, &label);
  CHECK_STR(vb_buf_cstr(&label), "đơn vị 5 (7)");
  vb_buf_free(&label);
  vb_arena_free(a);
}

static int read_list(vb_unit_list *u, const char *path, const char *shared, vb_diags *d) {
  vb_diags_clear(d);
  return vb_unit_list_read(u, path, shared, d);
}

static const char *first_error(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR) return vb_diag_text(vb_diags_get(d, i));
  return "";
}

/* The error that says what the test expects, or the first one. */
static const char *error_with(vb_diags *d, const char *needle) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR &&
        strstr(vb_diag_text(vb_diags_get(d, i)), needle))
      return vb_diag_text(vb_diags_get(d, i));
  return first_error(d);
}

static void test_read_json(void) {
  vb_diags *d = vb_diags_new();
  vb_unit_list u;
  const char *shared = write_file("shared.json", "{\"loai\":\"bao-cao\",\"van_ban\":{\"so\":3}}");
  const char *p = write_file("u.json", "{\"chung\":{\"van_ban\":{\"so\":4}},\"ghi_chu\":1,\"_x\":2,"
                                       "\"don_vi\":[{\"_ma\":\"A\"},{\"_ma\":\"B\"}]}");
  CHECK(read_list(&u, p, shared, d) == 0);
  CHECK(u.n == 2);
  /* --shared under "chung"; an unknown top-level field is a warning, _x is not. */
  CHECK_STR(json_of(u.shared), "{\"loai\":\"bao-cao\",\"van_ban\":{\"so\":4}}");
  CHECK(vb_diags_count(d) == 1 && vb_diags_errors(d) == 0);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 0)), "trường \"ghi_chu\" lạ");
  vb_unit_list_free(&u);

  p = write_file("bare.json", "[{\"_ma\":\"A\"}, 3]");
  CHECK(read_list(&u, p, NULL, d) == -1);
  CHECK_CONTAINS(first_error(d), "đơn vị 2 phải là một đối tượng, không phải số");
  vb_unit_list_free(&u);
  p = write_file("empty.json", "[]");
  CHECK(read_list(&u, p, NULL, d) == -1);
  CHECK_CONTAINS(first_error(d), "tệp danh sách đơn vị không có đơn vị nào");
  vb_unit_list_free(&u);
  p = write_file("nodv.json", "{\"chung\":{}}");
  CHECK(read_list(&u, p, NULL, d) == -1);
  CHECK_CONTAINS(first_error(d), "không có \"don_vi\"");
  vb_unit_list_free(&u);
  CHECK(read_list(&u, p, write_file("arr.json", "[1]"), d) == -1);
  CHECK_CONTAINS(first_error(d), "dữ liệu chung phải là một đối tượng JSON, không phải danh sách");
  vb_unit_list_free(&u);
  vb_diags_free(d);
}

static void test_read_csv(void) {
  vb_diags *d = vb_diags_new();
  vb_unit_list u;
  /* A BOM, ';' (a Vietnamese-locale spreadsheet), every kind of cell. */
  const char *p =
      write_file("u.csv", "\xEF\xBB\xBF_ma ; van_ban.dia_danh;n.so;n.co;v.so;l;e;;z\n"
                          "\"001\";\"Hà\nTân\";12;true;null;[\"Như trên\"];\"\";ghi chú;\n"
                          "002;Hà Sơn;-1.5e2;\"true\";;{\"a\":1};;;\n"
                          "\n");
  CHECK(read_list(&u, p, NULL, d) == 0);
  CHECK(vb_diags_count(d) == 0);
  CHECK(u.n == 2);
  if (u.n == 2) {
    CHECK_STR(json_of(vb_unit_list_get(&u, 0, u.arena, d)),
              "{\"_ma\":\"001\",\"van_ban\":{\"dia_danh\":\"Hà\\nTân\"},"
              "\"n\":{\"so\":12,\"co\":true},\"v\":{\"so\":null},"
              "\"l\":[\"Như trên\"],\"e\":\"\"}");
    /* 002 is not a JSON number: it stays text. */
    CHECK_STR(json_of(vb_unit_list_get(&u, 1, u.arena, d)),
              "{\"_ma\":\"002\",\"van_ban\":{\"dia_danh\":\"Hà Sơn\"},"
              "\"n\":{\"so\":-150,\"co\":\"true\"},\"l\":{\"a\":1}}");
    /* Values name the cell they come from. */
    const vb_value *dd =
        vb_units_lookup(vb_unit_list_get(&u, 0, u.arena, d), "van_ban.dia_danh", 16);
    CHECK(dd && dd->src && !strcmp(dd->src, "u!B2") && dd->line == 0);
  }
  vb_unit_list_free(&u);

  struct {
    const char *csv, *error;
  } bad[] = {
      {"a,b,a\n1,2,3\n", "u!C1: lỗi: trường \"a\" được ghi hai lần"},
      {"a,.b\n1,2\n", "u!B1: lỗi: đường dẫn trường sai \".b\""},
      {"a,b\n1,2,3\n", "u!C2: lỗi: giá trị nằm ở cột không có tiêu đề"},
      {"a,a.b\n1,2\n", "u!B2: lỗi: trường \"a.b\" nằm trong giá trị của một cột khác"},
      {"a\n[1,\n", "u!A2: lỗi: ô bắt đầu bằng [ nhưng không phải JSON hợp lệ"},
      {"a\n1e999\n", "u!A2: lỗi: số 1e999 quá lớn để tính toán"},
      {"a,b\n\"x,1\n", "một ô mở bằng dấu ngoặc kép không được đóng"},
      {"a,b\n", "tệp danh sách đơn vị không có đơn vị nào"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    p = write_file("u.csv", bad[i].csv);
    CHECK(read_list(&u, p, NULL, d) == -1);
    CHECK_CONTAINS(error_with(d, bad[i].error), bad[i].error);
    vb_unit_list_free(&u);
  }
  vb_diags_free(d);
}

/* A CSV list is read again from the file, unit by unit: the file as it was
 * read, even when an editor replaces it meanwhile; a file changed in place
 * is reported, not read wrong. */
static void test_csv_read_again(void) {
  vb_diags *d = vb_diags_new();
  vb_unit_list u;
  const char *p = write_file("again.csv", "_ma,n\nA,1\nB,2\n\nC,3\n");
  CHECK(read_list(&u, p, NULL, d) == 0);
  CHECK(u.n == 3 && u.csv != NULL && u.trees == NULL);
  write_file("again.csv", "_ma,n\nX,9\n");
  vb_arena *a = vb_arena_new();
  CHECK_STR(json_of(vb_unit_list_get(&u, 2, a, d)), "{\"_ma\":\"C\",\"n\":3}");
  const vb_value *v = vb_unit_list_get(&u, 1, a, d);
  CHECK(v && vb_obj_get(v, "n") && !strcmp(vb_obj_get(v, "n")->src, "again!B3"));
  v = vb_unit_list_get(&u, 2, a, d);
  CHECK(v && !strcmp(vb_obj_get(v, "n")->src, "again!B5"));
  CHECK(vb_diags_count(d) == 0);
  vb_unit_list_free(&u);
  CHECK(read_list(&u, p, NULL, d) == 0);
  FILE *f = fopen(p, "r+");
  CHECK(f != NULL);
  if (f) {
    CHECK(ftruncate(fileno(f), 6) == 0);
    fclose(f);
  }
  CHECK(vb_unit_list_get(&u, 0, a, d) == NULL);
  CHECK_CONTAINS(first_error(d), "again!A2: lỗi: tệp danh sách đơn vị đã thay đổi từ khi đọc");
  vb_unit_list_free(&u);
  vb_arena_free(a);
  vb_diags_free(d);
}

/* The same units typed into Excel: cells keep their types (a text code keeps
 * its zeros), a list can be written as JSON, a date is an ISO date. */
static void test_read_xlsx(void) {
  vb_diags *d = vb_diags_new();
  vb_unit_list u;
  CHECK(read_list(&u, VB_SOURCE_DIR "/tests/fixtures/batch/units-3.xlsx", NULL, d) == 0);
  CHECK(vb_diags_count(d) == 0);
  CHECK(u.n == 3);
  if (u.n == 3) {
    CHECK_STR(json_of(vb_unit_list_get(&u, 0, u.arena, d)),
              "{\"_ma_don_vi\":\"001\",\"van_ban\":{\"dia_danh\":\"Hà Tân\",\"du_thao\":true,"
              "\"ngay\":\"2024-06-20\",\"noi_nhan\":[\"Như trên\",\"Lưu: VT\"]},"
              "\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":2307}}}}}}");
    CHECK_STR(json_of(vb_unit_list_get(&u, 1, u.arena, d)),
              "{\"_ma_don_vi\":\"002\",\"van_ban\":{\"dia_danh\":\"Hà Sơn\",\"du_thao\":false},"
              "\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":2342}}}}}}");
    CHECK_STR(json_of(vb_unit_list_get(&u, 2, u.arena, d)),
              "{\"_ma_don_vi\":\"003\",\"van_ban\":{\"dia_danh\":\"Hà Lai\",\"ngay\":"
              "\"2024-07-01\"},\"nhom_chi_tieu\":{\"2\":{\"chi_tieu\":{\"1\":{\"ket_qua\":{\"tu\":"
              "2399.5}}}}},\"ghi_chu_khac\":null}");
    const vb_value *v =
        vb_units_lookup(vb_unit_list_get(&u, 1, u.arena, d), "van_ban.dia_danh", 16);
    CHECK(v && v->src && !strcmp(v->src, "Đơn vị!B3"));
  }
  vb_unit_list_free(&u);
  vb_diags_free(d);
}

int main(void) {
  if (!mkdtemp(dir)) return 1;
  test_merge_rules();
  test_copy_leaves_base_alone();
  test_names();
  test_read_json();
  test_read_csv();
  test_read_xlsx();
  test_csv_read_again();
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  TEST_MAIN_END();
}
