/* Template engine: tags split across runs, loops over paragraphs and table
 * rows, conditions, filters, structure checks and errors — on DOCX
 * packages built here, asserting on the rendered XML. */
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "test.h"
#include "tpl/mark.h"
#include "util/diag.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static vb_template *docx_template(const char *body, vb_diags *d) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  vb_pkg_writer_add(w, "[Content_Types].xml", content_types, strlen(content_types), 0);
  char *doc = malloc(strlen(body) + 512);
  sprintf(doc,
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W_NS
          "><w:body>%s<w:sectPr/></w:body></w:document>",
          body);
  vb_pkg_writer_add_owned(w, "word/document.xml", doc, strlen(doc), 0);
  void *zip;
  size_t len;
  vb_pkg_writer_finish_memory(w, &zip, &len, d);
  vb_pkg_writer_free(w);
  vb_template *t = vb_template_open_memory(zip, len, "test.docx", 0, d);
  free(zip);
  return t;
}

static vb_data *raw_data(const char *json, vb_diags *d) {
  vb_data *data = vb_xcalloc(1, sizeof(vb_data));
  data->name = vb_xstrdup("data.json");
  data->arena = vb_arena_new();
  data->root = vb_json_parse(data->arena, json, strlen(json), "data.json", d);
  return data;
}

/* Render and return word/document.xml (malloc'd), or NULL. */
static char *render_docx(vb_template *t, vb_data *data, unsigned flags, vb_diags *d) {
  void *out;
  size_t len;
  if (vb_render_memory(t, data, flags, &out, &len, d) != VB_OK) return NULL;
  vb_pkg *p = vb_pkg_open_memory(out, len, "out.docx", NULL, d);
  char *xml = NULL;
  size_t xlen;
  long i = vb_pkg_find(p, "word/document.xml");
  if (i >= 0) vb_pkg_read(p, (size_t)i, &xml, &xlen, d);
  vb_pkg_free(p);
  free(out);
  return xml;
}

static void free_data(vb_data *data) {
  vb_arena_free(data->arena);
  free(data->name);
  free(data);
}

/* Structure tests read the XML without the bookmarks that mark values
 * (test_marks checks those); pass MARKS to keep them. */
#define MARKS 0x100

static char *run(const char *body, const char *json, unsigned flags, vb_diags *d) {
  vb_template *t = docx_template(body, d);
  if (!t) return NULL;
  vb_data *data = raw_data(json, d);
  unsigned f = flags & MARKS ? flags & ~(unsigned)MARKS : flags | VB_RENDER_NO_MARKS;
  char *xml = render_docx(t, data, f, d);
  vb_template_free(t);
  free_data(data);
  return xml;
}

static void print_diags(vb_diags *d) {
  for (size_t i = 0; i < vb_diags_count(d); i++)
    fprintf(stderr, "  %s\n", vb_diag_text(vb_diags_get(d, i)));
}

static void test_split_runs(void) {
  vb_diags *d = vb_diags_new();
  /* "{{ don_vi.ten }}" split in three runs with a proofErr between, the first brace bold. */
  char *xml = run("<w:p><w:r><w:t xml:space=\"preserve\">Kính gửi: </w:t></w:r>"
                  "<w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
                  "<w:r><w:t xml:space=\"preserve\"> don_vi.</w:t></w:r>"
                  "<w:r><w:rPr><w:i/></w:rPr><w:t>ten }}</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>",
                  "{\"don_vi\": {\"ten\": \"UBND huyện Hà Trung\"}}", 0, d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    /* The value sits in the first (bold) run; the other runs lost the tag text. */
    CHECK_CONTAINS(xml, "<w:b/></w:rPr><w:t xml:space=\"preserve\">UBND huyện Hà Trung</w:t>");
    CHECK(strstr(xml, "don_vi") == NULL);
    CHECK(strstr(xml, "{{") == NULL);
    CHECK_CONTAINS(xml, "<w:t>.</w:t>");
    CHECK_CONTAINS(xml, "Kính gửi: </w:t>");
  }
  free(xml);
  vb_diags_free(d);
}

static void test_escape_breaks(void) {
  vb_diags *d = vb_diags_new();
  char *xml =
      run("<w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p>", "{\"a\": \"A & B <c>\\nline2\\tTab\"}", 0, d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml, "A &amp; B &lt;c&gt;</w:t><w:br/><w:t xml:space=\"preserve\">line2</w:t>"
                        "<w:tab/><w:t xml:space=\"preserve\">Tab");
  }
  free(xml);
  vb_diags_free(d);
}

static void test_paragraph_loop(void) {
  vb_diags *d = vb_diags_new();
  char *xml =
      run("<w:p><w:r><w:t>{% for x in ds %}</w:t></w:r></w:p>"
          "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t>{{ loop.index }}. {{ x.ten "
          "}}</w:t></w:r></w:p>"
          "<w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p><w:p><w:r><w:t>end</w:t></w:r></w:p>",
          "{\"ds\": [{\"ten\": \"Một\"}, {\"ten\": \"Hai\"}, {\"ten\": \"Ba\"}]}", 0, d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml, "<w:body><w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t "
                        "xml:space=\"preserve\">1. Một</w:t></w:r></w:p>"
                        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t "
                        "xml:space=\"preserve\">2. Hai</w:t></w:r></w:p>");
    CHECK_CONTAINS(xml, "3. Ba</w:t></w:r></w:p><w:p><w:r><w:t>end</w:t>");
    /* The tag paragraphs are gone: exactly 4 paragraphs remain. */
    int n = 0;
    for (const char *p = xml; (p = strstr(p, "<w:p>")) != NULL; p++)
      n++;
    CHECK(n == 4);
  }
  free(xml);
  vb_diags_free(d);
}

static void test_row_loop_nested_if(void) {
  vb_diags *d = vb_diags_new();
  const char *tbl =
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Tên</w:t></"
      "w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% for g in nhom "
      "%}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{{ loop.index "
      "}}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{ g.ten | hoa "
      "}}</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% for c in g.con "
      "%}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% if c.dat %}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>-</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{ c.ma }} "
      "Đạt</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% else %}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>-</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{ c.ma }} Chưa "
      "đạt</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% endif %}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "</w:tbl>";
  char *xml =
      run(tbl,
          "{\"nhom\": [{\"ten\": \"Chính quyền số\", \"con\": [{\"ma\": \"1.1\", \"dat\": true}, "
          "{\"ma\": \"1.2\", \"dat\": false}]}, {\"ten\": \"đô thị\", \"con\": []}]}",
          0, d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    int rows = 0;
    for (const char *p = xml; (p = strstr(p, "<w:tr>")) != NULL; p++)
      rows++;
    CHECK(rows == 5); /* header + group 1 + 2 items + group 2 */
    CHECK_CONTAINS(xml, "CHÍNH QUYỀN SỐ");
    CHECK_CONTAINS(xml, "ĐÔ THỊ");
    CHECK_CONTAINS(xml, "1.1 Đạt");
    CHECK_CONTAINS(xml, "1.2 Chưa đạt");
    CHECK(strstr(xml, "1.1 Chưa đạt") == NULL);
    CHECK(strstr(xml, "{%") == NULL);
    const char *g1 = strstr(xml, "CHÍNH"), *i1 = strstr(xml, "1.1 Đạt"),
               *g2 = strstr(xml, "ĐÔ THỊ");
    CHECK(g1 && i1 && g2 && g1 < i1 && i1 < g2);
  }
  free(xml);
  vb_diags_free(d);
}

static void test_inline_if(void) {
  vb_diags *d = vb_diags_new();
  char *xml = run(
      "<w:p><w:r><w:t>Đánh giá: {% if dat %}Đạt{% else %}Chưa đạt{% endif %}.</w:t></w:r></w:p>",
      "{\"dat\": false}", 0, d);
  CHECK(xml != NULL);
  if (xml) CHECK_CONTAINS(xml, "Đánh giá: Chưa đạt.</w:t>");
  free(xml);
  vb_diags_free(d);
}

/* A condition typed across paragraphs as Word stores it: the tags split
 * over runs with a proofErr, the paragraphs with their own properties. When
 * it is false, the first paragraph (its pPr) goes on with the last one's
 * runs; cut runs keep their properties. A tag inside a hyperlink is not
 * taken out of it: refused, naming both places. */
static void test_blocks_across_paragraphs(void) {
  vb_diags *d = vb_diags_new();
  const char *body =
      "<w:p><w:pPr><w:pStyle w:val=\"A\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
      "Mở đầu {% if </w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>x "
      "%}</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"B\"/></w:pPr><w:r><w:t>giữa"
      "</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val=\"C\"/></w:pPr><w:r><w:rPr><w:b/>"
      "</w:rPr><w:t>{% endif %}</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="
      "\"preserve\"> kết.</w:t></w:r></w:p>";
  char *xml = run(body, "{\"x\": false}", 0, d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(xml,
                   "<w:p><w:pPr><w:pStyle w:val=\"A\"/></w:pPr><w:r><w:t xml:space=\"preserve\">"
                   "Mở đầu </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> "
                   "kết.</w:t></w:r></w:p>");
    CHECK(strstr(xml, "giữa") == NULL && strstr(xml, "w:val=\"C\"") == NULL);
  }
  free(xml);
  xml = run(body, "{\"x\": true}", 0, d);
  CHECK(xml != NULL);
  if (xml) {
    CHECK_CONTAINS(
        xml, "Mở đầu </w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t></w:t></w:r></w:p>");
    CHECK_CONTAINS(xml, ">giữa<");
    CHECK_CONTAINS(xml, "<w:pStyle w:val=\"C\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t "
                        "xml:space=\"preserve\"></w:t></w:r>"
                        "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"> kết.</w:t></w:r>");
  }
  free(xml);
  vb_diags_clear(d);
  vb_template *t =
      docx_template("<w:p><w:r><w:t xml:space=\"preserve\">Xem {% if x %}</w:t></w:r></w:p>"
                    "<w:p><w:hyperlink w:anchor=\"a\"><w:r><w:t>{% endif %} "
                    "trang</w:t></w:r></w:hyperlink></w:p>",
                    d);
  CHECK(t == NULL);
  CHECK(vb_diags_errors(d) == 1);
  if (vb_diags_count(d)) {
    CHECK_CONTAINS(vb_diags_get(d, 0)->message,
                   "{% if x %} (ở word/document.xml, đoạn 1) và {% endif %} nằm ở "
                   "hai chỗ khác nhau");
    CHECK_STR(vb_diags_get(d, 0)->where, "word/document.xml, đoạn 2");
  }
  vb_template_free(t);
  vb_diags_free(d);
}

static void test_errors(void) {
  vb_diags *d = vb_diags_new();
  /* Missing path: error names the tag and where it is. */
  char *xml =
      run("<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:r><w:t>Gửi {{ don_vi.ten }}</w:t></w:r></w:p>",
          "{\"don_vi\": {}}", 0, d);
  CHECK(xml == NULL);
  CHECK(vb_diags_errors(d) == 1);
  if (vb_diags_count(d)) {
    const vb_diag *g = vb_diags_get(d, 0);
    CHECK_CONTAINS(g->message, "{{ don_vi.ten }}");
    CHECK_CONTAINS(g->message, "dữ liệu không có giá trị cho 'don_vi.ten'");
    CHECK_STR(g->where, "word/document.xml, đoạn 2");
    CHECK(g->code == VB_EDATA);
  }
  vb_diags_clear(d);
  /* --lenient renders it empty. */
  xml = run("<w:p><w:r><w:t>Gửi {{ don_vi.ten }}!</w:t></w:r></w:p>", "{}", VB_RENDER_LENIENT, d);
  CHECK(xml != NULL);
  if (xml) CHECK_CONTAINS(xml, ">Gửi !</w:t>");
  free(xml);
  vb_diags_clear(d);
  /* Unclosed loop. */
  vb_template *t = docx_template(
      "<w:p><w:r><w:t>{% for x in xs %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ x }}</w:t></w:r></w:p>",
      d);
  CHECK(t == NULL);
  CHECK(vb_diags_count(d) >= 1);
  if (vb_diags_count(d)) {
    CHECK_CONTAINS(vb_diags_get(d, 0)->message, "vòng lặp không được đóng");
    CHECK_CONTAINS(vb_diags_get(d, 0)->where, "đoạn 1");
    CHECK(vb_diags_get(d, 0)->code == VB_ETEMPLATE);
  }
  vb_diags_clear(d);
  /* Unknown filter. */
  t = docx_template("<w:p><w:r><w:t>{{ x | khong_co }}</w:t></w:r></w:p>", d);
  CHECK(t == NULL);
  if (vb_diags_count(d)) CHECK_CONTAINS(vb_diags_get(d, 0)->message, "không có bộ lọc `khong_co`");
  vb_diags_clear(d);
  /* A loop opened in a table cell and closed outside it. */
  t = docx_template(
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x {% for a in b %}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
      "<w:p><w:r><w:t>{% endfor %} y</w:t></w:r></w:p>",
      d);
  CHECK(t == NULL);
  if (vb_diags_count(d)) CHECK_CONTAINS(vb_diags_get(d, 0)->message, "hai chỗ khác nhau");
  vb_diags_clear(d);
  /* An unclosed tag. */
  t = docx_template("<w:p><w:r><w:t>{{ ten </w:t></w:r></w:p>", d);
  CHECK(t == NULL);
  if (vb_diags_count(d))
    CHECK_CONTAINS(vb_diags_get(d, 0)->message, "không được đóng trong đoạn này: thiếu `}}`");
  vb_diags_free(d);
}

static void test_expressions(void) {
  vb_diags *d = vb_diags_new();
  char *xml = run(
      "<w:p><w:r><w:t>{{ a + b * 2 }}|{{ \"x\" ~ n }}|{{ n is defined }}|{{ m is defined }}|"
      "{{ xs | length }}|{{ xs | join(\", \") }}|{{ 7 // 2 }}|{{ 1.5 }}|{{ m | default(\"—\") }}|"
      "{{ 'có' if ok else 'không' }}|{{ xs[1] }}|{{ o['k'] }}|{{ not ok }}|{{ 3 in xs "
      "}}</w:t></w:r></w:p>",
      "{\"a\": 1, \"b\": 2, \"n\": 5, \"xs\": [1, 2, 3], \"ok\": true, \"o\": {\"k\": \"v\"}}", 0,
      d);
  print_diags(d);
  CHECK(xml != NULL);
  if (xml) CHECK_CONTAINS(xml, ">5|x5|true|false|3|1, 2, 3|3|1.5|—|có|2|v|false|true</w:t>");
  free(xml);
  vb_diags_free(d);
}

/* The body of a rendered document.xml, between <w:body> and <w:sectPr/>
 * (malloc'd), or NULL. */
static char *body_of(const char *xml) {
  const char *from = xml ? strstr(xml, "<w:body>") : NULL;
  const char *to = from ? strstr(from, "<w:sectPr/>") : NULL;
  if (!to) return NULL;
  from += strlen("<w:body>");
  return vb_xstrndup(from, (size_t)(to - from));
}

/* The mark name vanban gives a value (src/tpl/mark.h), as a string. */
static char *mark_name(unsigned tag, const char *item_key, const char *value) {
  vb_buf b = VB_BUF_INIT;
  vb_mark_name(&b, tag, item_key, strlen(item_key), value, strlen(value));
  return vb_buf_detach(&b, NULL);
}

/* A value inside a wider mark is found by its hash, at character
 * boundaries, with the least text before it; not when nothing is around it
 * or too much is. */
static void test_mark_find(void) {
  const char *value = "06/12 chỉ tiêu, đạt 50%";
  uint32_t h = vb_mark_hash(value, strlen(value));
  const char *wide = " Chỉ tiêu đạt: 06/12 chỉ tiêu, đạt 50% (đã rà soát)";
  size_t from = 0, to = 0;
  CHECK(vb_mark_find(wide, strlen(wide), h, 200, &from, &to) == 1);
  CHECK(from == strlen(" Chỉ tiêu đạt: "));
  CHECK(to == from + strlen(value));
  CHECK(vb_mark_find(value, strlen(value), h, 200, &from, &to) == 0); /* nothing around */
  CHECK(vb_mark_find(wide, strlen(wide), h, 10, &from, &to) == 0);    /* too much around */
  CHECK(vb_mark_find(wide, strlen(wide), h + 1, 200, &from, &to) == 0);
  const char *newline = "Tỷ lệ\n";
  h = vb_mark_hash("Tỷ lệ", strlen("Tỷ lệ"));
  CHECK(vb_mark_find(newline, strlen(newline), h, 200, &from, &to) == 1);
  CHECK(from == 0 && to == strlen("Tỷ lệ"));
}

/* By default every value is wrapped in a bookmark "_vbTAG_ITEM_VALUE" for
 * `vanban update`; the run is closed before it and reopened with the same
 * properties after it, and a value at the start of its run leaves no empty
 * run before the bookmark. Bookmark ids start above the template's own. */
static void test_marks(void) {
  vb_diags *d = vb_diags_new();
  char *xml =
      run("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Gửi {{ a }} nhé</w:t></w:r>"
          "<w:bookmarkStart w:id=\"41\" w:name=\"own\"/><w:bookmarkEnd w:id=\"41\"/></w:p>"
          "<w:p><w:r><w:t>{% for x in xs %}</w:t></w:r></w:p>"
          "<w:p><w:r><w:t>{{ x.ten }}</w:t></w:r></w:p>"
          "<w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p>",
          "{\"a\": \"Hà Tân\", \"xs\": [{\"id\": \"u1\", \"ten\": \"Một\"}, {\"ten\": \"Hai\"}]}",
          MARKS, d);
  CHECK(xml != NULL);
  /* The names are spelled as they always were: earlier documents still update. */
  char *n0 = mark_name(0, "", "Hà Tân"), *n1 = mark_name(2, "/u1", "Một"),
       *n2 = mark_name(2, "/#1", "Hai");
  if (xml) {
    vb_buf want = VB_BUF_INIT;
    vb_buf_printf(
        &want,
        "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Gửi </w:t></w:r>"
        "<w:bookmarkStart w:id=\"42\" w:name=\"%s\"/><w:r><w:rPr><w:b/></w:rPr><w:t "
        "xml:space=\"preserve\">Hà Tân</w:t></w:r><w:bookmarkEnd w:id=\"42\"/><w:r><w:rPr>"
        "<w:b/></w:rPr><w:t xml:space=\"preserve\"> nhé</w:t></w:r>",
        n0);
    CHECK_CONTAINS(xml, vb_buf_cstr(&want));
    /* Loop values: the item key makes the names differ; no empty run first. */
    vb_buf_clear(&want);
    vb_buf_printf(&want, "<w:p><w:bookmarkStart w:id=\"43\" w:name=\"%s\"/>", n1);
    CHECK_CONTAINS(xml, vb_buf_cstr(&want));
    vb_buf_clear(&want);
    vb_buf_printf(&want, "<w:p><w:bookmarkStart w:id=\"44\" w:name=\"%s\"/>", n2);
    CHECK_CONTAINS(xml, vb_buf_cstr(&want));
    vb_buf_free(&want);
  }
  free(n0);
  free(n1);
  free(n2);
  free(xml);
  vb_diags_free(d);
}

/* A value that ends its run: the run is closed before the mark ends, and
 * nothing is reopened after it (it left an empty run per value); a value
 * that starts its run opens none before its mark. Without marks the output
 * is what it always was. */
static void test_marks_run_edges(void) {
  vb_diags *d = vb_diags_new();
  static const char body[] =
      "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{ a }}</w:t></w:r><w:r><w:t xml:space=\"preserve\">"
      " và </w:t></w:r><w:r w:rsidR=\"00A1\"><w:rPr><w:i/></w:rPr><w:t>{{ b }}</w:t></w:r>"
      "<w:r><w:t>{{ c }}</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>{{ missing }}</w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>";
  static const char json[] = "{\"a\": \"A\", \"b\": \"B & b\", \"c\": 3}";
  char *plain = run(body, json, VB_RENDER_LENIENT, d);
  char *marked = run(body, json, VB_RENDER_LENIENT | MARKS, d);
  char *pb = body_of(plain), *mb = body_of(marked);
  CHECK_STR(pb, "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">A</w:t></w:r>"
                "<w:r><w:t xml:space=\"preserve\"> và </w:t></w:r><w:r w:rsidR=\"00A1\"><w:rPr>"
                "<w:i/></w:rPr><w:t xml:space=\"preserve\">B &amp; b</w:t></w:r><w:r><w:t "
                "xml:space=\"preserve\">3</w:t></w:r></w:p><w:p><w:r><w:t "
                "xml:space=\"preserve\"></w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>");
  char *na = mark_name(0, "", "A"), *nb = mark_name(1, "", "B & b"), *nc = mark_name(2, "", "3");
  vb_buf want = VB_BUF_INIT;
  vb_buf_printf(
      &want,
      "<w:p><w:bookmarkStart w:id=\"1\" w:name=\"%s\"/><w:r><w:rPr><w:b/></w:rPr><w:t "
      "xml:space=\"preserve\">A</w:t></w:r><w:bookmarkEnd w:id=\"1\"/><w:r><w:t "
      "xml:space=\"preserve\"> và </w:t></w:r><w:bookmarkStart w:id=\"2\" w:name=\"%s\"/><w:r>"
      "<w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">B &amp; b</w:t></w:r><w:bookmarkEnd "
      "w:id=\"2\"/><w:bookmarkStart w:id=\"3\" w:name=\"%s\"/><w:r><w:t "
      "xml:space=\"preserve\">3</w:t></w:r><w:bookmarkEnd w:id=\"3\"/></w:p>"
      /* A missing value has no mark: its run is written as without marks. */
      "<w:p><w:r><w:t xml:space=\"preserve\"></w:t></w:r><w:r><w:t>.</w:t></w:r></w:p>",
      na, nb, nc);
  CHECK_STR(mb, vb_buf_cstr(&want));
  CHECK(mb && !strstr(mb, "\"/><w:r><w:t xml:space=\"preserve\"></w:t></w:r>"));
  vb_buf_free(&want);
  free(na);
  free(nb);
  free(nc);
  free(pb);
  free(mb);
  free(plain);
  free(marked);
  vb_diags_free(d);
}

/* A table cell must hold a paragraph (w:tc needs block content). When every
 * paragraph of a cell sits in a condition or a loop that renders nothing,
 * the cell gets an empty paragraph; otherwise the cell is left as written. */
static void test_cell_never_empty(void) {
  vb_diags *d = vb_diags_new();
  static const char body[] =
      "<w:tbl><w:tr>"
      "<w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr><w:p><w:r><w:t>{%p if show %}</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>shown</w:t></w:r></w:p><w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>{%p for x in xs %}</w:t></w:r></w:p><w:p><w:r><w:t>{{ x }}</w:t>"
      "</w:r></w:p><w:p><w:r><w:t>{%p endfor %}</w:t></w:r></w:p></w:tc>"
      "</w:tr></w:tbl>";
  char *empty = run(body, "{\"show\": false, \"xs\": []}", 0, d);
  char *eb = body_of(empty);
  CHECK_STR(eb, "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w=\"100\"/></w:tcPr><w:p/></w:tc>"
                "<w:tc><w:p/></w:tc></w:tr></w:tbl>");
  char *full = run(body, "{\"show\": true, \"xs\": [\"a\"]}", 0, d);
  char *fb = body_of(full);
  CHECK(fb && !strstr(fb, "<w:p/>"));
  CHECK_CONTAINS(fb, ">shown</w:t>");
  CHECK_CONTAINS(fb, ">a</w:t>");
  free(eb);
  free(fb);
  free(empty);
  free(full);
  vb_diags_free(d);
}

int main(void) {
  test_marks();
  test_mark_find();
  test_marks_run_edges();
  test_cell_never_empty();
  test_split_runs();
  test_escape_breaks();
  test_paragraph_loop();
  test_row_loop_nested_if();
  test_inline_if();
  test_blocks_across_paragraphs();
  test_errors();
  test_expressions();
  TEST_MAIN_END();
}
