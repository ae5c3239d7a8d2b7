/* What a JSON syntax error is said to be (src/data/json_syntax.c): each
 * cause an officer makes editing a data file by hand, with its rule id, the
 * place to fix (line, column) and the Vietnamese words; the same from a file
 * read in small chunks as from memory. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "data/json.h"
#include "test.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"

typedef struct syntax_case {
  const char *json;
  const char *rule;
  const char *where;   /* "dòng L, cột C" */
  const char *message; /* a part of the message */
} syntax_case;

static const syntax_case cases[] = {
    /* a trailing comma points at the comma, not at the next line */
    {"{\n  \"a\": 1,\n  \"b\": 2,\n}\n", "json.trailing-comma", "dòng 3, cột 9",
     "dấu phẩy thừa trước `}`: sau phần tử cuối của đối tượng không có dấu phẩy"},
    {"{\"b\": [1, 2,]}", "json.trailing-comma", "dòng 1, cột 12", "dấu phẩy thừa trước `]`"},
    {"{\"b\": [1, 2,\n\n  ]}", "json.trailing-comma", "dòng 1, cột 12", "dấu phẩy thừa"},
    /* a missing comma points just after the value before it */
    {"{\n  \"a\": 1\n  \"b\": 2\n}\n", "json.missing-comma", "dòng 2, cột 9",
     "thiếu dấu phẩy `,` sau giá trị này, trước \"b\" ở dòng 3, cột 3"},
    {"{\n  \"a\": \"x\"\n  \"b\": 2\n}\n", "json.missing-comma", "dòng 2, cột 11",
     "thiếu dấu phẩy"},
    {"[1 2]", "json.missing-comma", "dòng 1, cột 3", "trước 2 ở dòng 1, cột 4"},
    {"[{\"a\": 1}\n {\"a\": 2}]", "json.missing-comma", "dòng 1, cột 10", "thiếu dấu phẩy"},
    /* an unclosed quote: at the quote that opened it */
    {"{\n  \"a\": \"abc,\n  \"b\": 2\n}\n", "json.unclosed-string", "dòng 2, cột 8",
     "chuỗi mở bằng dấu \" ở đây không được đóng trên dòng của nó"},
    {"{\"a\": \"xyz", "json.unclosed-string", "dòng 1, cột 7", "không được đóng đến hết tệp"},
    /* unclosed and mismatched brackets name where they opened */
    {"{\n  \"a\": {\"x\": 1\n", "json.unclosed-bracket", "dòng 2, cột 15",
     "tệp kết thúc khi đối tượng mở bằng `{` ở dòng 2, cột 8 chưa được đóng: thiếu `}` (và 1 "
     "dấu ngoặc mở trước nó cũng chưa đóng)"},
    {"{\"a\": [1, 2}", "json.mismatched-bracket", "dòng 1, cột 12",
     "`}` không khớp với `[` mở ở dòng 1, cột 7: cần `]`"},
    {"{\"a\": 1}}", "json.extra-text", "dòng 1, cột 9", "thừa dấu `}`"},
    {"{\"a\": 1} {}", "json.extra-text", "dòng 1, cột 10", "còn nội dung sau khi dữ liệu đã đóng"},
    /* what people write that JSON does not allow */
    {"{\n  a: 1\n}", "json.unquoted-key", "dòng 2, cột 3", "khoá `a` phải đặt trong dấu ngoặc kép"},
    {"{\"trạng_thái\": Đạt}", "json.bare-word", "dòng 1, cột 16",
     "`Đạt` không phải giá trị JSON: chữ phải đặt trong dấu ngoặc kép"},
    {"{\"a\": tru}", "json.bare-word", "dòng 1, cột 7", "`tru` không phải giá trị JSON"},
    {"{\n  'a': 1\n}", "json.single-quote", "dòng 2, cột 3", "không dùng dấu nháy đơn"},
    {"{\n  \"a\" 1\n}", "json.missing-colon", "dòng 2, cột 6", "thiếu dấu hai chấm `:`"},
    {"{\"a\": }", "json.missing-value", "dòng 1, cột 5", "thiếu giá trị sau dấu hai chấm"},
    {"{\"a\": 1 // ghi chú\n}", "json.comment", "dòng 1, cột 9", "JSON không cho phép chú thích"},
    {"{\"ty_le\": 41,5}", "json.decimal-comma", "dòng 1, cột 13",
     "số thập phân trong JSON viết bằng dấu chấm (41.5)"},
    {"{\"a\": 007}", "json.bad-number", "dòng 1, cột 7", "không bắt đầu bằng chữ số 0"},
    {"{\"a\": -}", "json.bad-number", "dòng 1, cột 7", "số viết sai"},
    {"{\"path\": \"C:\\Tệp\"}", "json.bad-escape", "dòng 1, cột 13",
     "dấu `\\` trong chuỗi phải đi với"},
    {"{\"a\": \"\\u00G1\"}", "json.bad-escape", "dòng 1, cột 8", "`\\u` phải có đúng bốn chữ số"},
    {"{\"a\":\t\"x\ty\"}", "json.control-char", "dòng 1, cột 9", "ký tự điều khiển U+0009"},
    {"", "json.empty", "dòng 1, cột 1", "tệp không có dữ liệu JSON"},
    {"  \n ", "json.empty", "dòng 2, cột 2", "tệp không có dữ liệu JSON"},
};

static char tmpdir[512];

static const vb_diag *first_error(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR) return vb_diags_get(d, i);
  return NULL;
}

static void check_case(const syntax_case *c) {
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(vb_json_parse(a, c->json, strlen(c->json), "data.json", d) == NULL);
  const vb_diag *g = first_error(d);
  CHECK(g != NULL);
  if (!g) goto out;
  if (!g->rule || strcmp(g->rule, c->rule) != 0 || !g->where || strcmp(g->where, c->where) != 0)
    fprintf(stderr, "case \"%s\":\n  %s\n", c->json, vb_diag_text(g));
  CHECK_STR(g->rule, c->rule);
  CHECK_STR(g->where, c->where);
  CHECK_CONTAINS(g->message, c->message);
  CHECK(g->hint && *g->hint);
  CHECK(strchr(g->message, '\n') == NULL);
  /* The text says it in Vietnamese, with the rule id for searching. */
  char *want = vb_xasprintf("data.json: %s: lỗi: ", c->where);
  CHECK_CONTAINS(vb_diag_text(g), want);
  free(want);
  want = vb_xasprintf(" [%s]\n  gợi ý: ", c->rule);
  CHECK_CONTAINS(vb_diag_text(g), want);
  free(want);
  /* The same text when the file is read a few bytes at a time. */
  char *mem = vb_xstrdup(vb_diag_text(g));
  char *path = vb_xasprintf("%s/data.json", tmpdir);
  CHECK(vb_write_file_atomic(path, c->json, strlen(c->json), d) == 0);
  static const size_t chunks[] = {1, 2, 3, 5, 7};
  for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
    vb_diags *d2 = vb_diags_new();
    int io = 0;
    CHECK(vb_json_parse_file_chunked(a, path, 1 << 20, "data.json", d2, &io, chunks[k]) == NULL);
    const vb_diag *g2 = first_error(d2);
    if (g2 && strcmp(vb_diag_text(g2), mem) != 0)
      fprintf(stderr, "chunk %zu of \"%s\":\n  %s\n  memory: %s\n", chunks[k], c->json,
              vb_diag_text(g2), mem);
    CHECK_STR(g2 ? vb_diag_text(g2) : NULL, mem);
    vb_diags_free(d2);
  }
  unlink(path);
  free(path);
  free(mem);
out:
  vb_diags_free(d);
  vb_arena_free(a);
}

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "%s/vb-json-syntax.XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  if (!mkdtemp(tmpdir)) {
    perror("mkdtemp");
    return 1;
  }
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    check_case(&cases[i]);
  rmdir(tmpdir);
  TEST_MAIN_END();
}
