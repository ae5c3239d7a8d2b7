/* Regression tests for bugs that hostile input once triggered, each fixed;
 * the test keeps it fixed and names where the bug was.
 *
 *  1. The JSON path in the "control character(s) … were removed" warning is
 *     wrong for anything nested: parent keys vanish and parent array indices
 *     are one too high ({"ds": [{"ten": "\u000b"}]} says "$[1].ten"), because
 *     path_of (src/data/json.c) read the parent frames after attach() has
 *     cleared their key and advanced their index.
 *  2. Object KEYS are not cleaned: a key with U+000B is kept as is, without a
 *     warning, and `{{ obj | items }}` (or a `for k, v in obj.items()` loop)
 *     writes it into the document, which is then not well-formed XML.
 *  3. Numbers beyond the range of int/long: JSON 1e400 becomes inf and prints
 *     as "inf" / "∞"; 1e19 | la_ma prints "-2147483648"; round(1e19) prints
 *     "-nan". The casts in src/tpl/expr.c (index_value: (long)x) and
 *     src/tpl/filters.c, filters_vi.c ((int) of a double) are undefined
 *     behaviour for such values (clang's UBSan aborts: fuzz regressions in
 *     tests/fuzz/regressions/tags/; GCC's -fsanitize=undefined does not
 *     include float-cast-overflow, so only the visible garbage is checked
 *     here).
 *  4. yajl's error message ends in blank lines, so the one-line diagnostic
 *     "invalid JSON: parse error: premature EOF" spans three lines. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "test.h"
#include "xml/xml.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char *warning_where(vb_diags *d, size_t i) {
  const vb_diag *g = vb_diags_get(d, i);
  return g && g->where ? g->where : "";
}

/* 1 */
static void test_warning_paths(void) {
  static const struct {
    const char *json, *where;
  } cases[] = {
      {"{\"ds\": [{\"ten\": \"a\\u000b\"}]}", "$.ds[0].ten (dòng 1, cột 17)"},
      {"{\"a\": {\"b\": \"\\u000b\"}}", "$.a.b (dòng 1, cột 13)"},
      {"{\"x\": 1, \"ds\": [\"ok\", \"\\u000b\"]}", "$.ds[1] (dòng 1, cột 23)"},
      {"[{\"t\": \"\\u000b\"}]", "$[0].t (dòng 1, cột 8)"},
      {"{\"ds\": [[1, \"\\u000b\"]]}", "$.ds[0][1] (dòng 1, cột 13)"},
      {"{\"top\": \"\\u000b\"}", "$.top (dòng 1, cột 9)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    vb_value *v = vb_json_parse(a, cases[i].json, strlen(cases[i].json), "data.json", d);
    CHECK(v != NULL);
    CHECK(vb_diags_count(d) == 1);
    CHECK_STR(warning_where(d, 0), cases[i].where);
    vb_diags_free(d);
    vb_arena_free(a);
  }
}

/* Render {{ … }} text in a one-paragraph DOCX against json (raw, lenient);
 * return word/document.xml (malloc'd) or NULL when the render failed. */
static char *render(const char *text, const char *json, vb_diags *d) {
  static const char ct[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/><Override "
      "PartName=\"/word/document.xml\" "
      "ContentType=\"application/"
      "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
  vb_buf doc = VB_BUF_INIT;
  vb_buf_printf(&doc,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W_NS "><w:body>"
                "<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:body></w:document>",
                text);
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "[Content_Types].xml", ct, sizeof ct - 1, 0);
  vb_pkg_writer_add(w, "word/document.xml", doc.data, doc.len, 0);
  vb_buf_free(&doc);
  void *zip = NULL;
  size_t zlen = 0;
  vb_pkg_writer_finish_memory(w, &zip, &zlen, d);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, zlen, "t.docx", 0, d);
  free(zip);
  vb_data *data = vb_data_load_memory(json, strlen(json), "data.json", VB_DATA_RAW, d);
  char *xml = NULL;
  void *out = NULL;
  size_t olen = 0;
  if (t && data && vb_render_memory(t, data, VB_RENDER_LENIENT, &out, &olen, d) == VB_OK) {
    vb_pkg *p = vb_pkg_open_memory(out, olen, "out.docx", NULL, d);
    long i = vb_pkg_find(p, "word/document.xml");
    size_t xlen;
    if (i >= 0) vb_pkg_read(p, (size_t)i, &xml, &xlen, d);
    vb_pkg_free(p);
    free(out);
  }
  vb_template_free(t);
  vb_data_free(data);
  return xml;
}

/* 2 */
static void test_control_char_in_key(void) {
  vb_diags *d = vb_diags_new();
  char *xml = render("[{{ k | items }}]", "{\"k\": {\"a\\u000bb\": 1}}", d);
  CHECK(xml != NULL);
  if (xml) {
    xmlDocPtr x = vb_xml_parse(xml, strlen(xml), "out.docx", "word/document.xml", VB_EINTERNAL, d);
    CHECK(x != NULL); /* the rendered part must be well-formed XML */
    xmlFreeDoc(x);
    CHECK(strchr(xml, '\v') == NULL);
  }
  free(xml);
  /* … and the loader says so, naming the field. */
  vb_arena *a = vb_arena_new();
  vb_diags *d2 = vb_diags_new();
  static const char json[] = "{\"k\": {\"a\\u000bb\": 1}}";
  vb_value *v = vb_json_parse(a, json, sizeof json - 1, "data.json", d2);
  CHECK(v != NULL);
  CHECK(vb_diags_count(d2) == 1);
  if (vb_diags_count(d2) >= 1) CHECK_CONTAINS(vb_diags_get(d2, 0)->message, "ký tự điều khiển");
  vb_diags_free(d2);
  vb_arena_free(a);
  vb_diags_free(d);
}

/* 3: either a data error naming the problem, or text without these. */
static void test_out_of_range_numbers(void) {
  static const struct {
    const char *text, *json;
  } cases[] = {
      {"[{{ x }}]", "{\"x\": 1e400}"},          {"[{{ x | so }}]", "{\"x\": 1e400}"},
      {"[{{ x | so(1) }}]", "{\"x\": -1e400}"}, {"[{{ x | la_ma }}]", "{\"x\": 1e19}"},
      {"[{{ x | chu_cai }}]", "{\"x\": 1e19}"}, {"[{{ 2.5 | round(x) }}]", "{\"x\": 1e19}"},
      {"[{{ 2.5 | so(x) }}]", "{\"x\": 1e19}"}, {"[{{ ds[x] }}]", "{\"x\": 1e19, \"ds\": [1, 2]}"},
  };
  static const char *const garbage[] = {"inf",         "nan",        "\xE2\x88\x9E" /* ∞ */,
                                        "-2147483648", "2147483647", "-9223372036854775808"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_diags *d = vb_diags_new();
    char *xml = render(cases[i].text, cases[i].json, d);
    if (xml) {
      /* The body's text only (values may be wrapped in bookmarks). */
      vb_buf txt = VB_BUF_INIT;
      const char *body = strstr(xml, "<w:body>");
      for (int in_tag = 0; body && *body; body++) {
        if (*body == '<')
          in_tag = 1;
        else if (*body == '>')
          in_tag = 0;
        else if (!in_tag)
          vb_buf_putc(&txt, *body);
      }
      const char *p = vb_buf_cstr(&txt);
      for (size_t g = 0; g < sizeof garbage / sizeof garbage[0]; g++) {
        if (strstr(p, garbage[g])) {
          fprintf(stderr, "  %s with %s renders as: %.60s\n", cases[i].text, cases[i].json, p);
          CHECK(0);
          break;
        }
      }
      vb_buf_free(&txt);
    } else {
      CHECK(vb_diags_status(d) == VB_EDATA);
    }
    free(xml);
    vb_diags_free(d);
  }
}

/* 4 */
static void test_one_line_messages(void) {
  static const char *const cases[] = {"", "{\"a\": ", "{\"a\": 1,}", "[1 2]", "{\"a\": tru}"};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    vb_arena *a = vb_arena_new();
    vb_diags *d = vb_diags_new();
    CHECK(vb_json_parse(a, cases[i], strlen(cases[i]), "data.json", d) == NULL);
    const vb_diag *g = vb_diags_get(d, 0);
    CHECK(g != NULL);
    if (g) {
      if (strchr(g->message, '\n')) fprintf(stderr, "  multi-line message: \"%s\"\n", g->message);
      CHECK(strchr(g->message, '\n') == NULL);
    }
    vb_diags_free(d);
    vb_arena_free(a);
  }
}

int main(void) {
  test_warning_paths();
  test_control_char_in_key();
  test_out_of_range_numbers();
  test_one_line_messages();
  TEST_MAIN_END();
}
