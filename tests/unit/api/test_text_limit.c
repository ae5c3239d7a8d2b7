/* Limits that readers share: no run of character data longer than
 * VB_XML_TEXT_MAX is ever written. A line of the data that long is refused
 * when the data is loaded (by its JSON path); text a template puts together
 * that long is refused when rendering (by the tag and the value's place);
 * at the limit, split by line breaks, or kept in a run of its own by a mark,
 * the document is written. DOCX and ODT, marks on and off. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fragment.h"
#include "test.h"
#include "util/diag.h"
#include "xml/xml.h"

static char *all_diags(vb_diags *d) {
  static char buf[8192];
  buf[0] = '\0';
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    strncat(buf, vb_diag_text(vb_diags_get(d, i)), sizeof buf - strlen(buf) - 2);
    strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
  }
  return buf;
}

/* n letters that do not compress much (the reader's zip bomb check would
 * refuse a million times the same letter). */
static void fill(vb_buf *b, size_t n) {
  static unsigned x = 12345;
  for (size_t i = 0; i < n; i++) {
    x = x * 1103515245u + 12345u;
    vb_buf_putc(b, (char)('a' + (x >> 16) % 26));
  }
}

/* {"t": "…" (n letters), "l": [items strings of m letters], "lines": lines} */
static vb_data *data_with(size_t n, size_t items, size_t m, const char *lines, vb_diags *d) {
  vb_buf j = VB_BUF_INIT;
  vb_buf_puts(&j, "{\"t\": \"");
  fill(&j, n);
  vb_buf_puts(&j, "\", \"l\": [");
  for (size_t k = 0; k < items; k++) {
    vb_buf_puts(&j, k ? ", \"" : "\"");
    fill(&j, m);
    vb_buf_putc(&j, '"');
  }
  vb_buf_printf(&j, "], \"lines\": \"%s\"}", lines ? lines : "");
  vb_data *data = vb_data_load_memory(j.data, j.len, "data.json", VB_DATA_RAW, d);
  vb_buf_free(&j);
  return data;
}

static const char *const para[2] = {"<w:p><w:r><w:t xml:space=\"preserve\">%s</w:t></w:r></w:p>",
                                    "<text:p>%s</text:p>"};

static vb_template *tpl(int odt, const char *text, vb_diags *d) {
  vb_buf b = VB_BUF_INIT;
  vb_buf_printf(&b, para[odt], text);
  vb_template *t = frag_template(odt, b.data, d);
  vb_buf_free(&b);
  return t;
}

/* Render; the body's length, or -1 when refused. */
static long render_len(int odt, const char *text, const vb_data *data, unsigned flags,
                       vb_diags *d) {
  vb_template *t = tpl(odt, text, d);
  char *body = t ? frag_render(odt, t, data, flags, d) : NULL;
  long n = body ? (long)strlen(body) : -1;
  free(body);
  vb_template_free(t);
  return n;
}

static void test_one_value(int odt) {
  const unsigned marks[2] = {0, VB_RENDER_NO_MARKS};
  vb_diags *d = vb_diags_new();
  vb_data *at = data_with(VB_XML_TEXT_MAX, 0, 0, NULL, d);
  CHECK(at && vb_diags_count(d) == 0);
  for (int k = 0; k < 2; k++) {
    CHECK(render_len(odt, "{{ t }}", at, marks[k], d) > (long)VB_XML_TEXT_MAX);
    CHECK_STR(all_diags(d), "");
  }
  /* A longer line is refused when the data is loaded, by its JSON path. */
  vb_data *over = data_with(VB_XML_TEXT_MAX + 1, 0, 0, NULL, d);
  CHECK(over == NULL);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(all_diags(d), "data.json: $.t (dòng 1, cột 7): lỗi: một dòng dài 100.001 byte, quá "
                               "giới hạn 100.000 byte cho một đoạn chữ liền");
  vb_diags_clear(d);
  vb_data_free(at);
  vb_diags_free(d);
}

/* Text the template adds to a value: refused when rendering, by the tag and
 * the value's place; nothing is written. */
static void test_template_text(int odt) {
  vb_diags *d = vb_diags_new();
  vb_data *data = data_with(VB_XML_TEXT_MAX - 3, 0, 0, NULL, d);
  CHECK(render_len(odt, "Số: {{ t }}", data, VB_RENDER_NO_MARKS, d) == -1);
  CHECK(vb_diags_errors(d) == 1);
  CHECK_CONTAINS(all_diags(d), odt ? "test.odt: content.xml, đoạn 1: lỗi: {{ t }}: "
                                   : "test.docx: word/document.xml, đoạn 1: lỗi: {{ t }}: ");
  CHECK_CONTAINS(all_diags(d), "giá trị (data.json, dòng 1, cột 7) làm một đoạn chữ liền (không xuống "
                               "dòng) dài hơn 100.000 byte");
  CHECK_CONTAINS(all_diags(d), "gợi ý: rút ngắn giá trị, hoặc tách nó thành nhiều dòng");
  vb_diags_clear(d);
  char path[] = "/tmp/vb-text-limit-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  unlink(path);
  vb_template *t = tpl(odt, "Số: {{ t }}", d);
  CHECK(vb_render_file(t, data, path, VB_RENDER_NO_MARKS, d) == VB_EDATA);
  CHECK(access(path, F_OK) != 0);
  vb_diags_clear(d);
  /* With marks the value stands in a run of its own: written. */
  CHECK(vb_render_file(t, data, path, 0, d) == VB_OK);
  CHECK(access(path, F_OK) == 0);
  unlink(path);
  vb_template_free(t);
  /* Exactly the limit. */
  CHECK(render_len(odt, "No {{ t }}", data, VB_RENDER_NO_MARKS, d) > 0);
  CHECK_STR(all_diags(d), "");
  vb_data_free(data);
  vb_diags_free(d);
}

static void test_runs(int odt) {
  vb_diags *d = vb_diags_new();
  vb_data *data;
  /* Items of a loop inside one run: the last item written names its place. */
  data = data_with(1, 4, VB_XML_TEXT_MAX / 3, NULL, d);
  CHECK(render_len(odt, "{% for x in l %}{{ x }}{% endfor %}", data, VB_RENDER_NO_MARKS, d) == -1);
  CHECK(vb_diags_errors(d) == 1);
  char want[128];
  snprintf(want, sizeof want, "{{ x }}: giá trị (data.json, dòng 1, cột %u)",
           (unsigned)(18 + 3 * (VB_XML_TEXT_MAX / 3 + 4)));
  CHECK_CONTAINS(all_diags(d), want);
  vb_diags_clear(d);
  CHECK(render_len(odt, "{% for x in l %}{{ x }}{% endfor %}", data, 0, d) > 0);
  CHECK_STR(all_diags(d), "");
  vb_data_free(data);
  vb_diags_free(d);
}

static void test_lines(int odt) {
  /* Three lines of 60% of the limit: three text nodes, each below it. */
  vb_diags *d = vb_diags_new();
  vb_buf l = VB_BUF_INIT;
  for (int k = 0; k < 3; k++) {
    fill(&l, VB_XML_TEXT_MAX * 6 / 10);
    if (k < 2) vb_buf_puts(&l, "\\n");
  }
  vb_data *data = data_with(1, 0, 0, l.data, d);
  CHECK(render_len(odt, "{{ lines }}", data, VB_RENDER_NO_MARKS, d) >
        (long)(VB_XML_TEXT_MAX * 18 / 10));
  CHECK_STR(all_diags(d), "");
  vb_data_free(data);
  vb_buf_free(&l);
  vb_diags_free(d);
}

int main(void) {
  for (int odt = 0; odt < 2; odt++) {
    test_one_value(odt);
    test_template_text(odt);
    test_runs(odt);
    test_lines(odt);
  }
  TEST_MAIN_END();
}
