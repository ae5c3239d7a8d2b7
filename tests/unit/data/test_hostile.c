/* Hostile and broken data at the API level, beyond what test_pkg
 * and test_xml cover: every kind of invalid UTF-8 is reported with its byte
 * offset, line and column; characters XML cannot carry are removed from
 * strings (escaped or not) with a warning naming the field, and whatever
 * survives renders to well-formed XML; nesting is bounded exactly at
 * VB_JSON_MAX_DEPTH; syntax errors, empty files and NUL bytes are errors with
 * a place, never a crash. Known bugs found while writing these are asserted
 * in test_hostile_bugs.c. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"
#include "xml/xml.h"

/* The text of the first diagnostic of severity sev, or "". */
static const char *first(vb_diags *d, vb_severity sev) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == sev) return vb_diag_text(vb_diags_get(d, i));
  return "";
}

static vb_value *parse(vb_arena *a, const char *json, size_t len, vb_diags *d) {
  return vb_json_parse(a, json, len, "data.json", d);
}

/* ---- invalid UTF-8 --------------------------------------------------------- */

typedef struct bad_case {
  const char *json;
  size_t len; /* 0: strlen */
  const char *where;
  const char *byte;
} bad_case;

static void test_bad_utf8(void) {
  static const bad_case cases[] = {
      {"{\"a\": \"\xC0\x80\"}", 0, "dòng 1, cột 8 (byte 7)", "0xC0"},         /* overlong NUL */
      {"{\"a\": \"\xE0\x80\xAF\"}", 0, "dòng 1, cột 8 (byte 7)", "0xE0"},     /* overlong '/' */
      {"{\"a\": \"\xED\xA0\x80\"}", 0, "dòng 1, cột 8 (byte 7)", "0xED"},     /* UTF-16 surrogate */
      {"{\"a\": \"\xF4\x90\x80\x80\"}", 0, "dòng 1, cột 8 (byte 7)", "0xF4"}, /* above U+10FFFF */
      {"{\"a\": \"\xF8\x88\x80\x80\x80\"}", 0, "dòng 1, cột 8 (byte 7)", "0xF8"},
      {"{\"a\": \"x\x80\"}", 0, "dòng 1, cột 9 (byte 8)", "0x80"},        /* stray continuation */
      {"{\"a\": \"\xE1\x80", 0, "dòng 1, cột 8 (byte 7)", "0xE1"},        /* cut at the end */
      {"{\"a\": \"Hà\xE1\x80\"}", 0, "dòng 1, cột 10 (byte 10)", "0xE1"}, /* cut before a quote */
      {"\xFF\xFE{\"a\": 1}", 0, "dòng 1, cột 1 (byte 0)", "0xFF"},        /* UTF-16 BOM */
      {"{\"Đơn vị\": \"Hà Tân\",\n \"Tỉnh\":\n  \"Quảng \xFF\"}", 0, "dòng 3, cột 10 (byte 49)",
       "0xFF"},
      {"{\"a\":\r\n\"\xC3\"}", 0, "dòng 2, cột 2 (byte 8)", "0xC3"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const bad_case *c = &cases[i];
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = parse(a, c->json, c->len ? c->len : strlen(c->json), d);
    CHECK(v == NULL);
    CHECK(vb_diags_status(d) == VB_EDATA);
    const char *msg = first(d, VB_SEV_ERROR);
    char want[128];
    snprintf(want, sizeof want, "data.json: %s: lỗi: byte %s không hợp lệ trong UTF-8", c->where,
             c->byte);
    if (!strstr(msg, want)) fprintf(stderr, "case %zu:\n", i);
    CHECK_CONTAINS(msg, want);
    vb_diags_free(d);
    vb_arena_free(a);
  }
}

/* ---- characters XML cannot carry --------------------------------------------- */

static void test_forbidden_chars(void) {
  /* Escaped and raw: \u0000, \u0001, \u000b, \u001f, DEL is allowed in XML
   * (kept), U+FFFE, U+FFFF; tab, LF, CR are kept (CR as LF). */
  static const char json[] = "{\"ds\": [{\"ten\": \"a\\u0000b\\u0001c\\u000bd\\u001fe\"},"
                             " {\"ten\": \"f\\ufffeg\\uffffh\xEF\xBF\xBEi\"}],"
                             " \"ok\": \"t\\tl\\nr\\r\\nx\\u007f\"}";
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  vb_value *v = parse(a, json, sizeof json - 1, d);
  CHECK(v != NULL);
  CHECK(vb_diags_errors(d) == 0);
  CHECK(vb_diags_count(d) == 2);
  if (v) {
    vb_value *ds = vb_obj_get(v, "ds");
    CHECK_STR(vb_obj_get(ds->u.arr.items[0], "ten")->u.str.s, "abcde");
    CHECK(vb_obj_get(ds->u.arr.items[0], "ten")->u.str.len == 5);
    CHECK_STR(vb_obj_get(ds->u.arr.items[1], "ten")->u.str.s, "fghi");
    CHECK_STR(vb_obj_get(v, "ok")->u.str.s, "t\tl\nr\nx\x7f");
  }
  /* Each warning names the field (line:column of the value; its JSON path is
   * checked in test_hostile_bugs.c) and what was done. */
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 0)),
                 ".ten (dòng 1, cột 17): cảnh báo: đã bỏ 4 ký tự điều khiển");
  CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 0)), "[json.control-char-removed]");
  if (vb_diags_count(d) > 1)
    CHECK_CONTAINS(vb_diag_text(vb_diags_get(d, 1)),
                   ".ten (dòng 1, cột 59): cảnh báo: đã bỏ 3 ký tự điều khiển");
  vb_diags_free(d);
  vb_arena_free(a);
}

/* A lone surrogate escape must not turn into invalid UTF-8 in the tree. */
static void test_lone_surrogates(void) {
  static const char *const cases[] = {"[\"\\ud800\"]", "[\"a\\udc00b\"]", "[\"\\ud800\\ud800\"]",
                                      "[\"\\udbff\\udfff\"]", "[\"\\ud83d\"]"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = parse(a, cases[i], strlen(cases[i]), d);
    if (v) {
      CHECK(v->kind == VB_ARR && v->u.arr.len == 1);
      const vb_value *s = v->u.arr.items[0];
      size_t bad = 0;
      CHECK(s->kind == VB_STR && vi_utf8_check(s->u.str.s, s->u.str.len, &bad) == 0);
    } else {
      CHECK(vb_diags_status(d) == VB_EDATA);
    }
    vb_diags_free(d);
    vb_arena_free(a);
  }
}

/* ---- structure ------------------------------------------------------------------ */

static char *nested(size_t depth, char open, char close) {
  char *s = malloc(2 * depth + 1);
  memset(s, open, depth);
  memset(s + depth, close, depth);
  s[2 * depth] = '\0';
  return s;
}

static void test_depth(void) {
  for (size_t depth = VB_JSON_MAX_DEPTH - 1; depth <= VB_JSON_MAX_DEPTH + 1; depth++) {
    char *s = nested(depth, '[', ']');
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = parse(a, s, strlen(s), d);
    if (depth <= VB_JSON_MAX_DEPTH) {
      CHECK(v != NULL);
      CHECK(vb_diags_count(d) == 0);
    } else {
      CHECK(v == NULL);
      CHECK_CONTAINS(first(d, VB_SEV_ERROR),
                     "data.json: dòng 1, cột 129: lỗi: dữ liệu lồng nhau quá 128 tầng");
    }
    vb_diags_free(d);
    vb_arena_free(a);
    free(s);
  }
  /* Objects count too, and a million levels cost no stack. */
  vb_buf b = VB_BUF_INIT;
  for (int i = 0; i < 1000000; i++)
    vb_buf_puts(&b, "{\"a\":");
  vb_buf_puts(&b, "1");
  for (int i = 0; i < 1000000; i++)
    vb_buf_putc(&b, '}');
  vb_arena *a = vb_arena_new();
  vb_diags *d = vb_diags_new();
  CHECK(parse(a, b.data, b.len, d) == NULL);
  CHECK_CONTAINS(first(d, VB_SEV_ERROR), "dữ liệu lồng nhau quá 128 tầng [json.too-deep]");
  vb_diags_free(d);
  vb_arena_free(a);
  vb_buf_free(&b);
}

typedef struct syntax_case {
  const char *json;
  size_t len;
  const char *want;
} syntax_case;

static void test_syntax(void) {
  static const syntax_case cases[] = {
      {"", 0, "data.json: dòng 1, cột 1: lỗi: tệp không có dữ liệu JSON [json.empty]"},
      {" \n\t ", 0, "lỗi: tệp không có dữ liệu JSON [json.empty]"},
      {"\xEF\xBB\xBF", 0, "data.json: dòng 1, cột 1: lỗi: tệp không có dữ liệu JSON"}, /* a BOM */
      {"{\"a\": 1} x", 0, "data.json: dòng 1, cột 10: lỗi: còn nội dung sau khi dữ liệu đã đóng"},
      {"{\"a\": 1,}", 0, "data.json: dòng 1, cột 8: lỗi: dấu phẩy thừa trước `}`"},
      {"{\"a\": [1, 2}", 0, "data.json: dòng 1, cột 12: lỗi: `}` không khớp với `[` mở ở dòng 1"},
      {"{\"a\": \"x\x00y\"}", 12, "data.json: dòng 1, cột 9: lỗi: ký tự điều khiển U+0000"},
      {"{\"a\": 1}\x00", 9, "data.json: dòng 1, cột 9: lỗi: còn nội dung"}, /* NUL after it */
      {"{\"a\": 1, \"a\": 2}", 0, "data.json: dòng 1, cột 10: lỗi: khoá \"a\" xuất hiện"},
      {"/* c */ {}", 0, "data.json: dòng 1, cột 1: lỗi: JSON không cho phép chú thích"},
      {"{\"a\": NaN}", 0, "data.json: dòng 1, cột 7: lỗi: `NaN` không phải giá trị JSON"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const syntax_case *c = &cases[i];
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = parse(a, c->json, c->len ? c->len : strlen(c->json), d);
    if (v != NULL || vb_diags_status(d) != VB_EDATA) fprintf(stderr, "syntax case %zu\n", i);
    CHECK(v == NULL);
    CHECK(vb_diags_status(d) == VB_EDATA);
    CHECK_CONTAINS(first(d, VB_SEV_ERROR), c->want);
    vb_diags_free(d);
    vb_arena_free(a);
  }
}

/* ---- end to end in memory: what survives the cleaning renders to valid XML --------- */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static void test_render_well_formed(void) {
  static const char ct[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
      "PartName=\"/word/document.xml\" "
      "ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  static const char doc[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>"
      "<w:p><w:r><w:t>{{ a }}|{{ b | hoa }}|{{ c }}|{{ k | items }}</w:t></w:r></w:p>"
      "</w:body></w:document>";
  static const char json[] =
      "{\"a\": \"\\u0000\\u0001<&>\\\"'\\u000b\\ufffe\\uffff]]>\", \"b\": \"\\u001fđ\\u0008\","
      " \"c\": \"\\r\\n\\t  x\\r\", \"k\": {\"khóa\": \"\\u0002v\"}}";
  vb_diags *d = vb_diags_new();
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "[Content_Types].xml", ct, sizeof ct - 1, 0);
  vb_pkg_writer_add(w, "word/document.xml", doc, sizeof doc - 1, 0);
  void *zip = NULL;
  size_t zlen = 0;
  CHECK(vb_pkg_writer_finish_memory(w, &zip, &zlen, d) == 0);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, zlen, "t.docx", 0, d);
  free(zip);
  vb_data *data = vb_data_load_memory(json, sizeof json - 1, "data.json", VB_DATA_RAW, d);
  CHECK(t != NULL);
  CHECK(data != NULL);
  CHECK(vb_diags_errors(d) == 0);
  if (t && data) {
    void *out = NULL;
    size_t olen = 0;
    CHECK(vb_render_memory(t, data, 0, &out, &olen, d) == VB_OK);
    vb_pkg *p = out ? vb_pkg_open_memory(out, olen, "out.docx", NULL, d) : NULL;
    long i = p ? vb_pkg_find(p, "word/document.xml") : -1;
    char *xml = NULL;
    size_t xlen = 0;
    if (i >= 0 && vb_pkg_read(p, (size_t)i, &xml, &xlen, d) == 0) {
      xmlDocPtr x = vb_xml_parse(xml, xlen, "out.docx", "word/document.xml", VB_EINTERNAL, d);
      CHECK(x != NULL);
      if (!x) fprintf(stderr, "  %s\n  %s\n", first(d, VB_SEV_ERROR), xml);
      xmlFreeDoc(x);
      CHECK_CONTAINS(xml, "&lt;&amp;&gt;");
      CHECK(strchr(xml, '\v') == NULL && strchr(xml, '\x01') == NULL &&
            strchr(xml, '\x1f') == NULL);
      CHECK(strstr(xml, "\xEF\xBF\xBE") == NULL && strstr(xml, "\xEF\xBF\xBF") == NULL);
    } else {
      CHECK(0);
    }
    free(xml);
    vb_pkg_free(p);
    free(out);
  }
  for (size_t i = 0; i < vb_diags_count(d); i++)
    if (vb_diags_get(d, i)->severity == VB_SEV_ERROR)
      fprintf(stderr, "  %s\n", vb_diag_text(vb_diags_get(d, i)));
  vb_template_free(t);
  vb_data_free(data);
  vb_diags_free(d);
}

int main(void) {
  test_bad_utf8();
  test_forbidden_chars();
  test_lone_surrogates();
  test_depth();
  test_syntax();
  test_render_well_formed();
  TEST_MAIN_END();
}
