/* Values that are not text: pictures (`hinh`), links (`lien_ket`), and the
 * keyword arguments of filters — rendered into DOCX and ODT packages built
 * here, asserting on the package: one media entry per distinct picture, the
 * relationships, content types and manifest entries that name them, the
 * drawing's extent in EMU, the hyperlink's markup. */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "data/json.h"
#include "pkg/pkg.h"
#include "rendered.h"
#include "test.h"
#include "tpl/rich.h"
#include "util/buf.h"
#include "util/diag.h"

/* --- pictures made here ----------------------------------------------------------- */

typedef struct mem {
  unsigned char *b;
  size_t len, cap;
} mem;

static void mem_write(png_structp png, png_bytep data, size_t n) {
  mem *m = png_get_io_ptr(png);
  if (m->len + n > m->cap) {
    m->cap = (m->len + n) * 2;
    m->b = realloc(m->b, m->cap);
  }
  memcpy(m->b + m->len, data, n);
  m->len += n;
}

static void mem_flush(png_structp png) { (void)png; }

static mem make_png(unsigned w, unsigned h, unsigned dpi, unsigned char shade) {
  mem m = {0};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &m, mem_write, mem_flush);
  png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (dpi) {
    png_uint_32 ppm = (png_uint_32)(dpi / 0.0254 + 0.5);
    png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  }
  png_write_info(png, info);
  unsigned char *row = malloc(w);
  memset(row, shade, w);
  for (unsigned y = 0; y < h; y++)
    png_write_row(png, row);
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  free(row);
  return m;
}

/* "data:image/png;base64,…" */
static char *data_uri(const mem *m) {
  static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  vb_buf b = VB_BUF_INIT;
  vb_buf_puts(&b, "data:image/png;base64,");
  for (size_t i = 0; i < m->len; i += 3) {
    unsigned v = (unsigned)m->b[i] << 16;
    if (i + 1 < m->len) v |= (unsigned)m->b[i + 1] << 8;
    if (i + 2 < m->len) v |= m->b[i + 2];
    vb_buf_putc(&b, tbl[v >> 18 & 63]);
    vb_buf_putc(&b, tbl[v >> 12 & 63]);
    vb_buf_putc(&b, i + 1 < m->len ? tbl[v >> 6 & 63] : '=');
    vb_buf_putc(&b, i + 2 < m->len ? tbl[v & 63] : '=');
  }
  return vb_buf_detach(&b, NULL);
}

/* --- tests ---------------------------------------------------------------------------- */

static void test_find_links(void) {
  vb_arena *a = vb_arena_new();
  vb_inline_link *l;
  static const char s1[] = "tại địa chỉ https://dichvucong.quangngai.gov.vn/vi/ ; và "
                           "(http://hatan.hatrung.thanhhoa.gov.vn.) cùng www.abc.vn.";
  size_t n = vb_find_links(a, s1, strlen(s1), &l);
  CHECK(n == 3);
  if (n == 3) {
    CHECK(l[0].len == strlen("https://dichvucong.quangngai.gov.vn/vi/"));
    CHECK_STR(l[0].url, "https://dichvucong.quangngai.gov.vn/vi/");
    CHECK_STR(l[1].url, "http://hatan.hatrung.thanhhoa.gov.vn");
    CHECK(s1[l[1].off - 1] == '(');
    CHECK_STR(l[2].url, "http://www.abc.vn");
    CHECK(l[2].len == 10);
  }
  static const char s2[] = "(xem https://vi.wikipedia.org/wiki/A_(B)), thư ai@www.abc.vn, "
                           "http:// và www.x";
  n = vb_find_links(a, s2, strlen(s2), &l);
  CHECK(n == 1);
  if (n == 1) CHECK_STR(l[0].url, "https://vi.wikipedia.org/wiki/A_(B)");
  CHECK(vb_find_links(a, "không có địa chỉ nào", 27, &l) == 0);
  vb_arena_free(a);
}

static void test_keyword_args(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = docx_template(
      "<w:p><w:r><w:t>[{{ 2.345 | so(max=1) }}][{{ 3 | so(min=2) }}][{{ 5 | ty_le(mau=8) "
      "}}][{{ 7 | so(1, min=1) }}]</w:t></w:r></w:p>",
      d);
  rendered r = {0};
  CHECK(t && render(t, "{}", "word/document.xml", NULL, &r, d) == 0);
  print_diags(d);
  CHECK_CONTAINS(r.part, "[2,3][3,00][62,5%][7,0]");
  rendered_free(&r);
  vb_template_free(t);
  /* A keyword the filter does not have is a template error that lists the
   * ones it has. */
  vb_diags_clear(d);
  t = docx_template("<w:p><w:r><w:t>{{ 2 | so(do_dai=1) }}</w:t></w:r></w:p>", d);
  CHECK(t == NULL);
  const char *msg = vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "";
  CHECK(strstr(msg, "lỗi: bộ lọc `so` không có tham số `do_dai`"));
  CHECK(strstr(msg, "[tpl.unknown-parameter]"));
  CHECK(strstr(msg, "gợi ý: các tham số của nó: max, min"));
  vb_diags_clear(d);
  t = docx_template("<w:p><w:r><w:t>{{ 2 | so(max=1, max=2) }}</w:t></w:r></w:p>", d);
  CHECK(t == NULL);
  msg = vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "";
  CHECK(strstr(msg, "tham số `max` được cho hai lần") && strstr(msg, "[tpl.parameter-twice]"));
  vb_diags_clear(d);
  t = docx_template("<w:p><w:r><w:t>{{ 2 | so(max=1, 2) }}</w:t></w:r></w:p>", d);
  CHECK(t == NULL);
  msg = vb_diags_count(d) ? vb_diag_text(vb_diags_get(d, 0)) : "";
  CHECK(strstr(msg, "[tpl.positional-after-keyword]"));
  vb_diags_free(d);
}

static void test_docx_pictures(void) {
  vb_diags *d = vb_diags_new();
  mem a = make_png(200, 100, 0, 0x40), b = make_png(96, 96, 0, 0xC0);
  char *ua = data_uri(&a), *ub = data_uri(&b);
  vb_buf json = VB_BUF_INIT;
  vb_buf_printf(&json,
                "{\"logo\": \"%s\", \"hai\": \"%s\", \"ds\": [{\"h\": \"%s\"}, {\"h\": \"%s\"}, "
                "{\"h\": \"%s\"}], \"rong\": \"%s\"}",
                ua, ub, ua, ua, ub, "");
  vb_template *t =
      docx_template("<w:p><w:r><w:t>A {{ logo | hinh(rong=\"30mm\") }} B</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>{{ hai | hinh }}</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>{{ rong | hinh }}</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>{% for x in ds %}</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>{{ x.h | hinh(cao=\"1cm\", mo_ta=\"Ảnh &amp; &lt;x&gt;\") "
                    "}}</w:t></w:r></w:p>"
                    "<w:p><w:r><w:t>{% endfor %}</w:t></w:r></w:p>",
                    d);
  rendered r = {0};
  print_diags(d);
  CHECK(t && render(t, vb_buf_cstr(&json), "word/document.xml", "word/_rels/document.xml.rels", &r,
                    d) == 0);
  print_diags(d);
  /* Two distinct pictures, five places: two media entries, two
   * relationships, five drawings. */
  CHECK(count(r.names, "word/media/") == 2);
  CHECK_CONTAINS(r.names, "word/media/vb-image1.png\nword/media/vb-image2.png\n");
  CHECK(count(r.part2, "relationships/image\"") == 2);
  CHECK(count(r.part, "<w:drawing>") == 5);
  CHECK(count(r.part, "r:embed=\"rIdVb1\"") == 3);
  CHECK(count(r.part, "r:embed=\"rIdVb2\"") == 2);
  /* 30 mm wide = 1080000 EMU, the height by the picture's aspect (2:1). */
  CHECK_CONTAINS(r.part, "<wp:extent cx=\"1080000\" cy=\"540000\"/>");
  /* Its own size: 96 px at 96 dpi (assumed: the file states none) is an
   * inch. */
  CHECK_CONTAINS(r.part, "<wp:extent cx=\"914400\" cy=\"914400\"/>");
  /* 1 cm high: 360000 EMU, and 720000 wide for the 2:1 picture. */
  CHECK_CONTAINS(r.part, "<wp:extent cx=\"720000\" cy=\"360000\"/>");
  CHECK_CONTAINS(r.part, "descr=\"Ảnh &amp; &lt;x&gt;\"");
  /* The text around the picture stays in its run. */
  CHECK_CONTAINS(r.part, "<w:t xml:space=\"preserve\">A </w:t><w:drawing>");
  CHECK_CONTAINS(r.part, "</w:drawing><w:t xml:space=\"preserve\"> B</w:t>");
  /* An empty value places nothing. */
  CHECK(count(r.part, "docPr id=") == 5);
  rendered_free(&r);
  CHECK(t && render(t, vb_buf_cstr(&json), "[Content_Types].xml", NULL, &r, d) == 0);
  CHECK_CONTAINS(r.part, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
  rendered_free(&r);
  /* A picture without a size is no wider than the text (11906 − 1701 −
   * 850 = 9355 twips = 5940425 EMU). */
  mem wide = make_png(2000, 100, 72, 0x80);
  char *uw = data_uri(&wide);
  vb_buf_clear(&json);
  vb_buf_printf(&json, "{\"logo\": null, \"hai\": \"%s\", \"ds\": [], \"rong\": null}", uw);
  CHECK(t && render(t, vb_buf_cstr(&json), "word/document.xml", NULL, &r, d) == 0);
  CHECK_CONTAINS(r.part, "<wp:extent cx=\"5940425\" cy=\"297021\"/>");
  CHECK(count(r.part, "<w:drawing>") == 1);
  rendered_free(&r);
  vb_template_free(t);

  /* Refusals name the picture, where the data wrote it, and why; nothing
   * is written. */
  vb_diags_clear(d);
  t = docx_template("<w:p><w:r><w:t>{{ logo | hinh }}</w:t></w:r></w:p>", d);
  CHECK(t && render(t, "{\"logo\": \"data:image/png;base64,SGVsbG8=\"}", NULL, NULL, &r, d) != 0);
  print_diags(d);
  CHECK(vb_diags_count(d) == 1 && strstr(vb_diag_text(vb_diags_get(d, 0)),
                                         "lỗi: {{ logo | hinh }}: ảnh "
                                         "'data:image/png;base64,SGVsbG8=' (logo, data.json, "
                                         "dòng 1, cột 10) không phải ảnh PNG hay JPEG (dù tên "
                                         "tệp ghi gì) [picture.not-picture]\n  gợi ý: "));
  vb_diags_clear(d);
  CHECK(t && render(t, "{\"logo\": \"khong-co.png\"}", NULL, NULL, &r, d) != 0);
  CHECK(vb_diags_count(d) == 1 && strstr(vb_diag_text(vb_diags_get(d, 0)),
                                         "'khong-co.png' (logo, data.json, dòng 1, cột 10) không "
                                         "có [picture.missing]"));
  vb_diags_clear(d);
  CHECK(t && render(t, "{\"logo\": \"/etc/hostname\"}", NULL, NULL, &r, d) != 0);
  CHECK(vb_diags_count(d) == 1 &&
        strstr(vb_diag_text(vb_diags_get(d, 0)), "nằm ngoài thư mục của tệp dữ liệu "
                                                 "[picture.outside-folder]"));
  vb_diags_clear(d);
  CHECK(t && render(t, "{\"logo\": 5}", NULL, NULL, &r, d) != 0);
  CHECK(vb_diags_count(d) == 1 && strstr(vb_diag_text(vb_diags_get(d, 0)), "[picture.bad-value]"));
  vb_template_free(t);
  vb_diags_clear(d);
  t = docx_template("<w:p><w:r><w:t>{{ hai | hinh(rong=\"ba mm\") }}</w:t></w:r></w:p>", d);
  CHECK(t && render(t, vb_buf_cstr(&json), NULL, NULL, &r, d) != 0);
  CHECK(vb_diags_count(d) == 1 &&
        strstr(vb_diag_text(vb_diags_get(d, 0)), "hinh: rong (chiều rộng) phải là một "
                                                 "độ dài, tối đa 2 m [picture.bad-size]"));
  vb_template_free(t);

  free(ua);
  free(ub);
  free(uw);
  free(a.b);
  free(b.b);
  free(wide.b);
  vb_buf_free(&json);
  vb_diags_free(d);
}

static void test_odt_pictures(void) {
  vb_diags *d = vb_diags_new();
  mem a = make_png(200, 100, 0, 0x40);
  char *ua = data_uri(&a);
  vb_buf json = VB_BUF_INIT;
  vb_buf_printf(&json, "{\"ds\": [\"%s\", \"%s\"], \"u\": \"xem https://a.vn/x.\"}", ua, ua);
  vb_template *t = odt_template("<text:p>{% for x in ds %}</text:p><text:p>Ảnh {{ x | "
                                "hinh(rong=\"40mm\", mo_ta=\"Logo\") }}</text:p><text:p>{% endfor "
                                "%}</text:p><text:p>{{ u | lien_ket }}</text:p>",
                                d);
  rendered r = {0};
  CHECK(t && render(t, vb_buf_cstr(&json), "content.xml", "META-INF/manifest.xml", &r, d) == 0);
  print_diags(d);
  CHECK(count(r.names, "Pictures/") == 1);
  CHECK(count(r.part2, "manifest:full-path=\"Pictures/vb-image1.png\" "
                       "manifest:media-type=\"image/png\"") == 1);
  CHECK(count(r.part, "xlink:href=\"Pictures/vb-image1.png\"") == 2);
  CHECK_CONTAINS(r.part, "svg:width=\"40.000mm\" svg:height=\"20.000mm\" "
                         "text:anchor-type=\"as-char\"");
  CHECK_CONTAINS(r.part, "<svg:desc>Logo</svg:desc>");
  /* The space before the link ends a piece of text: ODF would drop it as a
   * plain space, so it is text:s. */
  CHECK_CONTAINS(r.part,
                 "xem<text:s/><text:a xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                 "xlink:type=\"simple\" xlink:href=\"https://a.vn/x\">https://a.vn/x</text:a>.");
  rendered_free(&r);
  vb_template_free(t);
  free(ua);
  free(a.b);
  vb_buf_free(&json);
  vb_diags_free(d);
}

static void test_docx_links(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = docx_template(
      "<w:p><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t>{{ a | lien_ket }}</w:t></w:r></w:p>"
      "<w:p><w:hyperlink w:anchor=\"x\"><w:r><w:t>{{ a | lien_ket "
      "}}</w:t></w:r></w:hyperlink></w:p>"
      "<w:p><w:r><w:t>{{ b | lien_ket }}</w:t></w:r></w:p>",
      d);
  rendered r = {0};
  CHECK(t &&
        render(t,
               "{\"a\": \"Cổng https://dichvucong.gov.vn/ và www.abc.vn.\", \"b\": \"không có\"}",
               "word/document.xml", "word/_rels/document.xml.rels", &r, d) == 0);
  print_diags(d);
  /* The run is closed, the link holds a run of the same properties with the
   * link's look, then the run goes on. */
  CHECK_CONTAINS(r.part, "<w:t xml:space=\"preserve\">Cổng </w:t></w:r><w:hyperlink "
                         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                         "relationships\" r:id=\"rIdVb1\" w:history=\"1\"><w:r><w:rPr>"
                         "<w:rStyle w:val=\"Hyperlink\"/><w:b/>"
                         "<w:color w:val=\"0563C1\"/><w:sz w:val=\"28\"/><w:u w:val=\"single\"/>"
                         "</w:rPr><w:t xml:space=\"preserve\">https://dichvucong.gov.vn/</w:t>"
                         "</w:r></w:hyperlink><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t "
                         "xml:space=\"preserve\"> và </w:t>");
  /* Inside a link already: the text only. */
  CHECK_CONTAINS(r.part, "<w:hyperlink w:anchor=\"x\"><w:r><w:t xml:space=\"preserve\">Cổng "
                         "https://dichvucong.gov.vn/ và www.abc.vn.</w:t>");
  CHECK_CONTAINS(r.part, "không có");
  CHECK(count(r.part2, "TargetMode=\"External\"") == 2);
  /* The template has no styles part: one is made with the Hyperlink style
   * (LibreOffice exports a DOCX link to PDF only when its style exists),
   * and the document is related to it. */
  CHECK_CONTAINS(r.names, "word/styles.xml\n");
  CHECK_CONTAINS(r.part2, "Id=\"rIdVbStyles\" Type=\"http://schemas.openxmlformats.org/"
                          "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"");
  CHECK_CONTAINS(r.part2,
                 "Id=\"rIdVb2\" Type=\"http://schemas.openxmlformats.org/"
                 "officeDocument/2006/relationships/hyperlink\" Target=\"http://www.abc.vn\"");
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
}

/* Narrative text ({{ x | dinh_dang }}): its web addresses are links, found
 * after the emphasis markup is taken out, and a link keeps the emphasis of
 * its text; an address whose emphasis changes part-way is two links to the
 * same relationship. */
static void test_emphasis_links(void) {
  vb_diags *d = vb_diags_new();
  vb_template *t = docx_template("<w:p><w:r><w:t>{{ a | dinh_dang }}</w:t></w:r></w:p>"
                                 "<w:p><w:r><w:t>{{ b | lien_ket | dinh_dang }}</w:t></w:r></w:p>",
                                 d);
  rendered r = {0};
  CHECK(t && render(t,
                    "{\"a\": \"*Cổng:* **https://dichvucong.gov.vn**.\", "
                    "\"b\": \"xem https://a.vn/**x**y\"}",
                    "word/document.xml", "word/_rels/document.xml.rels", &r, d) == 0);
  print_diags(d);
  CHECK_CONTAINS(r.part, "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Cổng:"
                         "</w:t></w:r>");
  CHECK_CONTAINS(r.part, "r:id=\"rIdVb1\" w:history=\"1\"><w:r><w:rPr><w:rStyle "
                         "w:val=\"Hyperlink\"/><w:b/><w:bCs/><w:color w:val=\"0563C1\"/><w:u "
                         "w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">"
                         "https://dichvucong.gov.vn</w:t></w:r></w:hyperlink><w:r><w:t "
                         "xml:space=\"preserve\">.</w:t>");
  CHECK(count(r.part, "r:id=\"rIdVb2\"") == 3); /* https://a.vn/ | x (bold) | y */
  CHECK_CONTAINS(r.part, "<w:b/><w:bCs/><w:color w:val=\"0563C1\"/><w:u w:val=\"single\"/></w:rPr>"
                         "<w:t xml:space=\"preserve\">x</w:t>");
  CHECK(count(r.part, "*") == 0);
  CHECK(count(r.part2, "TargetMode=\"External\"") == 2);
  CHECK_CONTAINS(r.part2, "Target=\"https://a.vn/xy\"");
  rendered_free(&r);
  vb_template_free(t);
  vb_diags_free(d);
}

int main(void) {
  test_find_links();
  test_keyword_args();
  test_docx_pictures();
  test_odt_pictures();
  test_docx_links();
  test_emphasis_links();
  TEST_MAIN_END();
}
