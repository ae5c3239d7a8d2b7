/* The JSON loader (src/data/json.c): positions of every value, shared
 * (interned) object keys, duplicate keys in small and large objects, keys and
 * strings that cleaning changes, a 100,000-row list built right and without
 * waste, and files read in chunks giving what the whole text gives. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/json.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

static vb_value *parse(vb_arena *a, const char *json, vb_diags *d) {
  return vb_json_parse(a, json, strlen(json), "data.json", d);
}

static int at(const vb_value *v, uint32_t line, uint32_t col) {
  if (v && v->line == line && v->col == col) return 1;
  fprintf(stderr, "  position %u:%u, want %u:%u\n", v ? v->line : 0, v ? v->col : 0, line, col);
  return 0;
}

static const char *first_text(vb_diags *d) {
  return vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "";
}

/* Line feeds, CR LF, tabs, multi-byte characters inside and between runs of
 * eight bytes: columns count characters. */
static void test_positions(void) {
  static const char json[] =
      "{\r\n\t\"tên\": \"Hà Nội\",\r\n  \"ds\": [1, true, null,\n"
      "    {\"ệệệệệệệệệệ\": \"ệệệệệệệệệệệệ\", \"x\": -2.5e3}],\n"
      "\"z\":\"abcdefghijklmnopqrstuvwxyz0123456789\", \"w\": \"Kết quả thực hiện chuyển đổi "
      "số\", \"v\": {}}\n";
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *root = parse(a, json, d);
  CHECK(root && root->kind == VB_OBJ && vb_diags_count(d) == 0);
  CHECK(at(root, 1, 1));
  CHECK(at(vb_obj_get(root, "tên"), 2, 9));
  vb_value *ds = vb_obj_get(root, "ds");
  CHECK(at(ds, 3, 9));
  CHECK(ds && ds->kind == VB_ARR && ds->u.arr.len == 4);
  if (ds && ds->kind == VB_ARR && ds->u.arr.len == 4) {
    CHECK(at(ds->u.arr.items[0], 3, 10));
    CHECK(at(ds->u.arr.items[1], 3, 13));
    CHECK(at(ds->u.arr.items[2], 3, 19));
    CHECK(at(ds->u.arr.items[3], 4, 5));
    CHECK(at(vb_obj_get(ds->u.arr.items[3], "ệệệệệệệệệệ"), 4, 20));
    CHECK(at(vb_obj_get(ds->u.arr.items[3], "x"), 4, 41));
  }
  CHECK(at(vb_obj_get(root, "z"), 5, 5));
  CHECK(at(vb_obj_get(root, "w"), 5, 50));
  CHECK(at(vb_obj_get(root, "v"), 5, 90));
  vb_value *v = vb_obj_get(root, "v");
  CHECK(v && v->kind == VB_OBJ && v->u.obj.len == 0);
  CHECK(root && root->u.obj.len == 5 && strcmp(root->u.obj.items[4].key, "v") == 0);
  CHECK_STR(vb_obj_get(root, "tên")->src, "data.json");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Rows repeat their keys: each distinct key is stored once per parse, and
 * lookups, member order and positions are as before. */
static void test_interned_keys(void) {
  static const char json[] =
      "{\"rows\": [{\"ten\": \"a\", \"ma\": 1}, {\"ma\": 2, \"ten\": \"b\"},\n"
      " {\"ten\": {\"ten\": \"c\"}}], \"ten\": \"d\"}";
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *root = parse(a, json, d);
  vb_value *rows = vb_obj_get(root, "rows");
  CHECK(rows && rows->kind == VB_ARR && rows->u.arr.len == 3);
  if (rows && rows->kind == VB_ARR && rows->u.arr.len == 3) {
    vb_value *r0 = rows->u.arr.items[0], *r1 = rows->u.arr.items[1], *r2 = rows->u.arr.items[2];
    CHECK_STR(r0->u.obj.items[0].key, "ten");
    CHECK_STR(r1->u.obj.items[0].key, "ma"); /* source order kept */
    CHECK(r0->u.obj.items[0].key == r1->u.obj.items[1].key);
    CHECK(r0->u.obj.items[1].key == r1->u.obj.items[0].key);
    CHECK(r2->u.obj.items[0].key == r0->u.obj.items[0].key);
    CHECK(root->u.obj.items[1].key == r0->u.obj.items[0].key);
    CHECK_STR(vb_obj_get(r1, "ten")->u.str.s, "b");
    CHECK(vb_obj_get(r1, "ma")->u.num == 2);
    CHECK_STR(vb_obj_get(vb_obj_get(r2, "ten"), "ten")->u.str.s, "c");
    CHECK(at(vb_obj_get(r1, "ten"), 1, 51));
    CHECK(at(vb_obj_get(vb_obj_get(r2, "ten"), "ten"), 2, 18));
    CHECK(vb_obj_get(r0, "te") == NULL && vb_obj_get(r0, "tenx") == NULL);
    /* A member added after loading has a key of its own. */
    vb_obj_set(a, r0, "ghi_chu", vb_val_strz(a, "x"));
    CHECK(r0->u.obj.len == 3 && vb_obj_get(r0, "ghi_chu") && vb_obj_get(r0, "ten"));
    CHECK(r1->u.obj.len == 2);
  }
  CHECK_STR(vb_obj_get(root, "ten")->u.str.s, "d");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* {"k0":0,"k1":1,...} with n members, then extra. */
static char *big_object(int n, const char *extra) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_putc(&b, '{');
  for (int i = 0; i < n; i++)
    vb_buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i);
  vb_buf_printf(&b, "%s}", extra);
  return vb_buf_detach(&b, NULL);
}

static void test_duplicate_keys(void) {
  /* Small objects, and large ones (past the size where a key set is used),
   * duplicates early and late; nested objects may reuse a key. */
  static const int sizes[] = {3, 15, 16, 17, 40, 300};
  for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
    int n = sizes[s];
    char last[32];
    snprintf(last, sizeof last, ",\"k%d\":1", n - 1);
    const char *extras[] = {",\"k0\":1", last};
    for (int e = 0; e < 2; e++) {
      char *obj = big_object(n, extras[e]);
      vb_arena *a = vb_arena_new();
      vb_diags *d = vb_diags_new();
      CHECK(parse(a, obj, d) == NULL);
      CHECK_CONTAINS(first_text(d), e == 0
                                        ? "khoá \"k0\" xuất hiện hai lần trong cùng một đối tượng"
                                        : "xuất hiện hai lần trong cùng một đối tượng");
      CHECK_CONTAINS(first_text(d), "data.json: dòng 1, cột ");
      vb_diags_free(d);
      vb_arena_free(a);
      /* The same object after a larger clean one at the same depth. */
      char *clean = big_object(n + 20, "");
      vb_buf b = VB_BUF_INIT;
      vb_buf_printf(&b, "[%s,%s]", clean, obj);
      a = vb_arena_new();
      d = vb_diags_new();
      CHECK(parse(a, b.data, d) == NULL);
      CHECK_CONTAINS(first_text(d), "xuất hiện hai lần trong cùng một đối tượng");
      vb_diags_free(d);
      vb_arena_free(a);
      vb_buf_free(&b);
      free(clean);
      free(obj);
    }
    /* No duplicate: every member found. */
    char *obj = big_object(n, ",\"x\":{\"k0\":\"inner\"}");
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = parse(a, obj, d);
    CHECK(v && v->u.obj.len == (size_t)n + 1 && vb_diags_count(d) == 0);
    for (int i = 0; v && i < n; i++) {
      char k[16];
      snprintf(k, sizeof k, "k%d", i);
      vb_value *m = vb_obj_get(v, k);
      CHECK(m && m->kind == VB_NUM && m->u.num == i);
    }
    CHECK(v && strcmp(vb_obj_get(vb_obj_get(v, "x"), "k0")->u.str.s, "inner") == 0);
    vb_diags_free(d);
    vb_arena_free(a);
    free(obj);
  }
  /* Where the error points: the second key. */
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(parse(a, "{\"a\": 1,\n  \"a\": 2}", d) == NULL);
  CHECK_CONTAINS(
      first_text(d),
      "data.json: dòng 2, cột 3: lỗi: khoá \"a\" xuất hiện hai lần trong cùng một đối tượng "
      "[json.duplicate-key]");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* Keys that cleaning changes: a warning with the path; a key that only
 * cleaning makes equal to an earlier one is a duplicate like any other (its
 * value must not silently replace the first one's). */
static void test_cleaned_keys(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = parse(a, "{\"a\": 1, \"b\": {\"a\\u0001\": 2}, \"c\\u000b\": 3}", d);
  CHECK(v && v->u.obj.len == 3);
  CHECK(vb_diags_count(d) == 2);
  CHECK_CONTAINS(first_text(d), "data.json: $.b.a (dòng 1, cột 16): cảnh báo: đã bỏ 1 ký tự điều khiển");
  CHECK(v && vb_obj_get(v, "c")->u.num == 3 && vb_obj_get(vb_obj_get(v, "b"), "a")->u.num == 2);
  CHECK(v && v->u.obj.items[0].key == vb_obj_get(v, "b")->u.obj.items[0].key);
  vb_diags_free(d);
  vb_arena_free(a);
  a = vb_arena_new();
  d = vb_diags_new();
  CHECK(parse(a, "{\"a\": 1, \"a\\u000b\": 3}", d) == NULL);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, vb_diags_count(d) - 1)),
                 "dòng 1, cột 10: lỗi: khoá \"a\" xuất hiện hai lần");
  vb_diags_free(d);
  vb_arena_free(a);
  /* Decomposed and precomposed spellings of one key are the same key. */
  a = vb_arena_new();
  d = vb_diags_new();
  CHECK(parse(a, "{\"Hoà\": 1, \"Hoa\\u0300\": 2}", d) == NULL);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, vb_diags_count(d) - 1)),
                 "lỗi: khoá \"Hoà\" xuất hiện hai lần");
  vb_diags_free(d);
  vb_arena_free(a);
  /* The raw key equal to an earlier cleaned one is a duplicate. */
  a = vb_arena_new();
  d = vb_diags_new();
  CHECK(parse(a, "{\"a\\u0001\": 1, \"a\": 2}", d) == NULL);
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 1)),
                 "dòng 1, cột 16: lỗi: khoá \"a\" xuất hiện hai lần");
  vb_diags_free(d);
  vb_arena_free(a);
  /* NFD keys are normalized silently; NFD strings are counted once. */
  a = vb_arena_new();
  d = vb_diags_new();
  v = parse(a, "{\"Hoa\\u0300\": \"Hoa\\u0300\", \"x\": [\"e\\u0301\"]}", d);
  CHECK(v && vb_obj_get(v, "Hoà") && strcmp(vb_obj_get(v, "Hoà")->u.str.s, "Hoà") == 0);
  CHECK(vb_diags_count(d) == 1);
  CHECK_CONTAINS(first_text(d),
                 "$.Hoà (dòng 1, cột 15): cảnh báo: 2 chuỗi viết ở dạng Unicode tổ hợp (NFD)");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* 100,000 rows of an appendix: every row and position right, and the tree
 * small (no 16-byte padding of keys and strings, no outgrown arrays left in
 * the arena, one copy of each key). */
static void test_large_list(void) {
  enum { ROWS = 100000 };
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, "{\"dong\": [");
  for (int i = 0; i < ROWS; i++)
    vb_buf_printf(&b, "%s\n{\"stt\": %d, \"so\": \"%d/UBND\"}", i ? "," : "", i + 1, i);
  vb_buf_puts(&b, "]}");
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *root = vb_json_parse(a, b.data, b.len, "data.json", d);
  vb_value *dong = vb_obj_get(root, "dong");
  CHECK(dong && dong->kind == VB_ARR && dong->u.arr.len == ROWS);
  int bad = 0;
  for (size_t i = 0; dong && i < dong->u.arr.len; i++) {
    const vb_value *row = dong->u.arr.items[i];
    const vb_value *stt = vb_obj_get(row, "stt"), *so = vb_obj_get(row, "so");
    char want[32];
    snprintf(want, sizeof want, "%zu/UBND", i);
    if (!stt || stt->u.num != (double)(i + 1) || !so || strcmp(so->u.str.s, want) != 0 ||
        so->u.str.len != strlen(want) || row->line != i + 2 || row->col != 1 || so->line != i + 2 ||
        row->u.obj.items[1].key != dong->u.arr.items[0]->u.obj.items[1].key)
      bad++;
  }
  CHECK(bad == 0);
  /* Per row: three 48-byte nodes, two 16-byte members, the string: about
   * 190 bytes (it was 16-byte padded keys and strings and every outgrown
   * array: over 280). */
  CHECK(vb_arena_used(a) < (size_t)ROWS * 200);
  vb_diags_free(d);
  vb_arena_free(a);
  vb_buf_free(&b);
}

/* Everything a parse gives, as text: the tree with kinds, positions, sources
 * and member order, then every diagnostic. */
static void canon_value(const vb_value *v, vb_buf *b) {
  vb_buf_printf(b, "@%u:%u/%s ", v->line, v->col, v->src ? v->src : "-");
  switch (v->kind) {
  case VB_NULL: vb_buf_puts(b, "null"); break;
  case VB_EXT: vb_buf_puts(b, "ext"); break; /* the parser never makes one */
  case VB_BOOL: vb_buf_puts(b, v->u.b ? "true" : "false"); break;
  case VB_NUM: vb_buf_printf(b, "%.17g", v->u.num); break;
  case VB_STR:
    vb_buf_printf(b, "\"%zu:", v->u.str.len);
    vb_buf_put(b, v->u.str.s, v->u.str.len);
    vb_buf_putc(b, '"');
    break;
  case VB_ARR:
    vb_buf_printf(b, "[%zu ", v->u.arr.len);
    for (size_t i = 0; i < v->u.arr.len; i++)
      canon_value(v->u.arr.items[i], b);
    vb_buf_putc(b, ']');
    break;
  case VB_OBJ:
    vb_buf_printf(b, "{%zu ", v->u.obj.len);
    for (size_t i = 0; i < v->u.obj.len; i++) {
      vb_buf_printf(b, "%s=", v->u.obj.items[i].key);
      canon_value(v->u.obj.items[i].val, b);
    }
    vb_buf_putc(b, '}');
    break;
  }
  vb_buf_putc(b, ' ');
}

static char *canon(const vb_value *v, vb_diags *d) {
  vb_buf b = VB_BUF_INIT;
  if (v)
    canon_value(v, &b);
  else
    vb_buf_puts(&b, "NULL");
  for (size_t i = 0; i < vb_diags_count(d); i++)
    vb_buf_printf(&b, "\n%s", vb_diag_text(vb_diags_get(d, i)));
  return vb_buf_detach(&b, NULL);
}

static char tmpdir[512];

/* Parse json from memory and from a file read chunk bytes at a time: the
 * same tree, positions and messages. */
static void check_chunked(const char *json, size_t len, size_t chunk) {
  char *path = vb_xasprintf("%s/data.json", tmpdir);
  vb_diags *d = vb_diags_new();
  CHECK(vb_write_file_atomic(path, json, len, d) == 0);
  vb_arena *a = vb_arena_new();
  char *want = canon(vb_json_parse(a, json, len, "data.json", d), d);
  vb_diags_clear(d);
  int io_error = -1;
  char *got =
      canon(vb_json_parse_file_chunked(a, path, 1 << 20, "data.json", d, &io_error, chunk), d);
  CHECK(io_error == 0);
  if (strcmp(got, want) != 0) {
    vb_test_failed++;
    fprintf(stderr, "chunk %zu of \"%.*s\":\n  file:   %s\n  memory: %s\n", chunk, (int)len, json,
            got, want);
  } else {
    vb_test_passed++;
  }
  free(got);
  free(want);
  vb_arena_free(a);
  vb_diags_free(d);
  unlink(path);
  free(path);
}

static void test_chunked_file(void) {
  static const char *docs[] = {
      "\xEF\xBB\xBF{\"tên\": \"Hà Nội\", \"ds\": [1, -0, 2.5e-3, true, null, {}],\r\n\t\"x\": "
      "\"ệệệệệệệệ\"}",
      "{\"a\": \"x\\u0001y\\r\\nz\", \"Hoa\\u0300\": [\"e\\u0301\", \"\\ud83d\\ude00\"],\n "
      "\"k\\u000b\": 1}",
      "[{\"ten\": \"a\", \"ma\": 1}, {\"ten\": \"b\", \"ma\": 2}, {\"ma\": 3, \"ten\": \"c\"}]",
      "\"only a string\"",
      "12345",
      "",
      "\xEF\xBB\xBF",
      "  \n\t ",
      "{\"a\": 1 \"a long key that the chunks cut\": 2}", /* yajl steps back to this token */
      "{\"a\": 1 12345678}",
      "{\"a\": \"x\"]", /* the error is put just before the offending token */
      "{\"a\": 1 true}",
      "{\"a\": [1, 2}",
      "{\"a\": 1,}",
      "{\"a\": tru}",
      "{\"a\": -}",
      "{\"a\": \"x\\q\"}",
      "{\"a\": 1} x",
      "{\"a\": 1, \"a\": 2}",
      "{\"a\": 1e400}",
      "/* c */ {}",
      "{\"a\": \"unterminated",
      "{\"a\": \"\xC3\xA0\xE1\x80\"}",             /* bad UTF-8 in a string */
      "{\"a\": 1, \"a\": 2, \"b\": \"\xFF\"}",     /* bad UTF-8 after an error: only it is said */
      "{\"a\": \"\\u000b\", \"b\": \"\xC0\x80\"}", /* after a warning: likewise */
      "[\"\xE1\xBB\x87\xE1\xBB\"]",                /* a character cut at the end */
  };
  static const size_t chunks[] = {1, 2, 3, 4, 5, 7, 64, 256 * 1024};
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
    for (size_t c = 0; c < sizeof chunks / sizeof chunks[0]; c++)
      check_chunked(docs[i], strlen(docs[i]), chunks[c]);
  /* Deep nesting and a large object, cut everywhere. */
  vb_buf b = VB_BUF_INIT;
  for (int i = 0; i < VB_JSON_MAX_DEPTH + 1; i++)
    vb_buf_puts(&b, "{\"a\":");
  vb_buf_puts(&b, "1");
  for (int i = 0; i < VB_JSON_MAX_DEPTH + 1; i++)
    vb_buf_putc(&b, '}');
  check_chunked(b.data, b.len, 3);
  char *obj = big_object(100, ",\"k7\":1");
  check_chunked(obj, strlen(obj), 5);
  free(obj);
  vb_buf_free(&b);
}

/* Read errors and size limits are reported as vb_read_file reports them,
 * and nothing else: not the JSON errors of what was read. */
static void test_file_errors(void) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  int io_error = 0;
  char *missing = vb_xasprintf("%s/nope.json", tmpdir);
  CHECK(vb_json_parse_file(a, missing, 100, "nope.json", d, &io_error) == NULL);
  CHECK(io_error == 1 && vb_diags_count(d) == 1);
  CHECK_CONTAINS(first_text(d), "không mở được tệp: không có tệp hay thư mục này");
  vb_diags_clear(d);
  char *path = vb_xasprintf("%s/big.json", tmpdir);
  CHECK(vb_write_file_atomic(path, "{\"a\": 1, \"a\": 2}", 16, d) == 0);
  CHECK(vb_json_parse_file(a, path, 10, "big.json", d, &io_error) == NULL);
  CHECK(io_error == 1 && vb_diags_count(d) == 1);
  CHECK_CONTAINS(first_text(d), "tệp quá lớn: 16 byte, tối đa 10 byte");
  vb_diags_clear(d);
  /* A device that never ends: refused once past the limit, while parsing. */
  CHECK(vb_json_parse_file_chunked(a, "/dev/zero", 1000, "zero", d, &io_error, 7) == NULL);
  CHECK(io_error == 1 && vb_diags_count(d) == 1);
  CHECK_CONTAINS(first_text(d), "tệp quá lớn: hơn 1000 byte");
  vb_diags_clear(d);
  CHECK(vb_json_parse_file(a, tmpdir, 100, "dir", d, &io_error) == NULL);
  CHECK(io_error == 1 && vb_diags_count(d) == 1);
  unlink(path);
  free(path);
  free(missing);
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "%s/test_json.XXXXXX", VB_BINARY_DIR);
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  test_positions();
  test_interned_keys();
  test_duplicate_keys();
  test_cleaned_keys();
  test_large_list();
  test_chunked_file();
  test_file_errors();
  rmdir(tmpdir);
  TEST_MAIN_END();
}
