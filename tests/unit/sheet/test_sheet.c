/* Spreadsheet readers and the Vietnamese number reading: workbooks built in
 * memory (so every malformed case is exact), checked cell by cell and
 * message by message. Files written by real spreadsheet programs are
 * tested in tests/e2e/test_sheet.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pkg/pkg.h"
#include "sheet/sheet.h"
#include "test.h"
#include "util/diag.h"
#include "util/fileio.h"

/* ---- helpers ------------------------------------------------------------------ */

static char *all_diags(vb_diags *d) {
  static char buf[8192];
  buf[0] = '\0';
  for (size_t i = 0; i < vb_diags_count(d); i++) {
    strncat(buf, vb_diag_text(vb_diags_get(d, i)), sizeof buf - strlen(buf) - 2);
    strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
  }
  return buf;
}

typedef struct part {
  const char *name, *text;
} part;

static void *zip_of(const part *parts, size_t *len) {
  vb_pkg_writer *w = vb_pkg_writer_new(-1);
  for (const part *p = parts; p->name; p++)
    vb_pkg_writer_add(w, p->name, p->text, strlen(p->text), 0);
  void *out = NULL;
  vb_diags *d = vb_diags_new();
  vb_pkg_writer_finish_memory(w, &out, len, d);
  vb_pkg_writer_free(w);
  vb_diags_free(d);
  return out;
}

#define WB                                                                                         \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                 \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"               \
  "<sheets><sheet name=\"Phụ lục 02\" sheetId=\"1\" r:id=\"rId1\"/>"                           \
  "<sheet name=\"Khác\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>"
#define WB_RELS                                                                                    \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"         \
  "<Relationship Id=\"rId1\" Type=\"http://x/worksheet\" Target=\"worksheets/sheet1.xml\"/>"       \
  "<Relationship Id=\"rId2\" Type=\"http://x/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"   \
  "<Relationship Id=\"rId3\" Type=\"http://x/sharedStrings\" Target=\"sharedStrings.xml\"/>"       \
  "<Relationship Id=\"rId4\" Type=\"http://x/styles\" Target=\"styles.xml\"/></Relationships>"
#define STYLES                                                                                     \
  "<styleSheet><numFmts><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/>"                            \
  "<numFmt numFmtId=\"165\" formatCode=\"dd/mm/yyyy\"/>"                                           \
  "<numFmt numFmtId=\"166\" formatCode=\"&quot;d&quot;0\"/></numFmts>"                             \
  "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/>"                        \
  "<xf numFmtId=\"14\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/></cellXfs></styleSheet>"
#define SST                                                                                        \
  "<sst><si><t>TT</t></si><si><r><t>Kết quả </t></r><r><t>đạt được</t></r>"             \
  "<rPh><t>x</t></rPh></si></sst>"
#define SHEET(rows, extra) "<worksheet><sheetData>" rows "</sheetData>" extra "</worksheet>"

static vb_book *xlsx(const char *sheet1, const char *sst, vb_diags *d) {
  part parts[] = {
      {"xl/workbook.xml", WB},
      {"xl/_rels/workbook.xml.rels", WB_RELS},
      {"xl/styles.xml", STYLES},
      {"xl/worksheets/sheet1.xml", sheet1},
      {"xl/worksheets/sheet2.xml", SHEET("<row r=\"3\"><c r=\"B3\"><v>7</v></c></row>", "")},
      {sst ? "xl/sharedStrings.xml" : NULL, sst},
      {NULL, NULL}};
  size_t len;
  void *z = zip_of(parts, &len);
  vb_book *b = vb_xlsx_read("t.xlsx", z, len, d);
  if (b)
    for (size_t i = 0; i < b->nsheets; i++)
      vb_sheet__finish(b->sheets[i]);
  free(z);
  return b;
}

static const char *shown(const vb_sheet *s, uint32_t row, uint32_t col) {
  static char buf[256];
  vb_buf b = VB_BUF_INIT;
  vb_cell_display(vb_sheet_cell_merged(s, row, col), &b);
  snprintf(buf, sizeof buf, "%s", vb_buf_cstr(&b));
  vb_buf_free(&b);
  return buf;
}

/* ---- tests ------------------------------------------------------------------------ */

static void test_numbers(void) {
  double v, t, m;
  int pct;
  CHECK(vb_vi_number("2.335", &v, &pct) == 0 && v == 2335 && !pct);
  CHECK(vb_vi_number("1.234.567", &v, &pct) == 0 && v == 1234567);
  CHECK(vb_vi_number("58,6%", &v, &pct) == 0 && v == 58.6 && pct);
  CHECK(vb_vi_number(" 98.7 % ", &v, &pct) == 0 && v == 98.7 && pct);
  CHECK(vb_vi_number("2.335,5", &v, &pct) == 0 && v == 2335.5);
  CHECK(vb_vi_number("1.2345", &v, &pct) == 0 && v == 1.2345);
  CHECK(vb_vi_number("2 335", &v, &pct) == 0 && v == 2335);
  CHECK(vb_vi_number("-4", &v, &pct) == 0 && v == -4);
  CHECK(vb_vi_number("2.33.5", &v, &pct) != 0);
  CHECK(vb_vi_number("abc", &v, &pct) != 0);
  CHECK(vb_vi_number("", &v, &pct) != 0);
  CHECK(vb_vi_fraction("2335/3986", &t, &m) == 0 && t == 2335 && m == 3986);
  CHECK(vb_vi_fraction("2.335 / 3.986", &t, &m) == 0 && t == 2335 && m == 3986);
  CHECK(vb_vi_fraction("2335/", &t, &m) != 0);
  CHECK(vb_vi_looks_numeric("2.33.5") == 1);
  CHECK(vb_vi_looks_numeric("Đã triển khai 3 đợt") == 0);
}

static void test_cellref(void) {
  uint32_t r, c;
  CHECK(vb_cellref_parse("E7", 2, &r, &c) == 0 && r == 6 && c == 4);
  CHECK(vb_cellref_parse("XFD1048576", 10, &r, &c) == 0 && r == 1048575 && c == 16383);
  CHECK(vb_cellref_parse("XFE1", 4, &r, &c) == 1);
  CHECK(vb_cellref_parse("A1048577", 8, &r, &c) == 1);
  CHECK(vb_cellref_parse("A0", 2, &r, &c) == -1);
  CHECK(vb_cellref_parse("7E", 2, &r, &c) == -1);
  CHECK(vb_col_parse("C") == 2 && vb_col_parse("AA") == 26 && vb_col_parse("XFE") == -1);
  vb_buf b = VB_BUF_INIT;
  vb_col_name(26, &b);
  vb_col_name(16383, &b);
  CHECK_STR(vb_buf_cstr(&b), "AAXFD");
  vb_buf_free(&b);
  int y, m, d;
  vb_serial_to_date(45461, &y, &m, &d);
  CHECK(y == 2024 && m == 6 && d == 18);
  CHECK(vb_date_to_serial(2024, 6, 18) == 45461);
  vb_serial_to_date(1, &y, &m, &d);
  CHECK(y == 1900 && m == 1 && d == 1);
}

static void test_xlsx(void) {
  vb_diags *d = vb_diags_new();
  vb_book *b = xlsx(
      SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
            "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>1.1</t></is></c>"
            "<c r=\"B4\" s=\"1\"><v>0.586</v></c><c r=\"C4\" s=\"2\"><v>0.7</v></c>"
            "<c r=\"D4\" s=\"3\"><v>45461</v></c><c r=\"E4\" s=\"4\"><v>45292</v></c>"
            "<c r=\"F4\" s=\"5\"><v>3</v></c><c r=\"G4\" t=\"b\"><v>1</v></c>"
            "<c r=\"H4\"><v>2335</v></c><c r=\"I4\" t=\"e\"><v>#DIV/0!</v></c></row>",
            "<mergeCells><mergeCell ref=\"A1:A3\"/></mergeCells>"),
      SST, d);
  CHECK(b != NULL);
  if (b) {
    CHECK(b->nsheets == 2);
    vb_sheet *s = vb_book_sheet(b, "phụ lục 02", d); /* any letter case */
    CHECK(s == b->sheets[0]);
    CHECK_STR(shown(s, 0, 1), "Kết quả đạt được"); /* rich runs joined, phonetic dropped */
    CHECK_STR(shown(s, 2, 0), "TT");               /* merged A1:A3 */
    CHECK(vb_sheet_cell(s, 2, 0) == NULL);
    CHECK_STR(shown(s, 3, 0), "1.1");
    CHECK_STR(shown(s, 3, 1), "58,6%");
    CHECK(vb_sheet_cell(s, 3, 1)->flags & VB_CELL_PERCENT);
    CHECK_STR(shown(s, 3, 2), "70%");
    CHECK(vb_sheet_cell(s, 3, 3)->type == VB_CELL_DATE);
    CHECK_STR(vb_sheet_cell(s, 3, 3)->text, "2024-06-18");
    CHECK_STR(vb_sheet_cell(s, 3, 4)->text, "2024-01-01");
    CHECK(vb_sheet_cell(s, 3, 5)->type == VB_CELL_NUMBER); /* "d"0: quoted d is not a date */
    CHECK_STR(shown(s, 3, 6), "Có");
    CHECK_STR(shown(s, 3, 7), "2.335");
    CHECK_STR(shown(s, 3, 8), "#DIV/0!");
    CHECK(vb_sheet_cell(s, 1, 0) == NULL); /* empty rows are not there */
    CHECK_STR(shown(b->sheets[1], 2, 1), "7");
    CHECK(vb_book_sheet(b, "Sheet9", d) == NULL);
    CHECK_CONTAINS(all_diags(d),
                   "không có trang \"Sheet9\"; các trang là \"Phụ lục 02\", \"Khác\"");
  }
  vb_book_free(b);
  vb_diags_free(d);

  /* No sharedStrings.xml: inline strings still work ... */
  d = vb_diags_new();
  b = xlsx(SHEET("<row><c t=\"inlineStr\"><is><t>TT</t></is></c><c><v>5</v></c></row>", ""), NULL,
           d);
  CHECK(b && vb_diags_count(d) == 0);
  if (b) CHECK_STR(shown(b->sheets[0], 0, 1), "5");
  vb_book_free(b);
  vb_diags_free(d);
  /* ... but a shared-string cell is a clear error. */
  d = vb_diags_new();
  b = xlsx(SHEET("<row r=\"7\"><c r=\"E7\" t=\"s\"><v>3</v></c></row>", ""), NULL, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "t.xlsx: Phụ lục 02!E7 (phần xl/worksheets/sheet1.xml): lỗi: ô "
                               "trỏ đến chuỗi dùng chung 3, nhưng bảng tính không có chuỗi dùng "
                               "chung nào (thiếu xl/sharedStrings.xml)");
  vb_diags_free(d);
  d = vb_diags_new();
  b = xlsx(SHEET("<row r=\"7\"><c r=\"E7\" t=\"s\"><v>9</v></c></row>", ""), SST, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "trỏ đến chuỗi dùng chung 9, nhưng chỉ có 2 chuỗi");
  vb_diags_free(d);
  /* References beyond the sheet. */
  d = vb_diags_new();
  b = xlsx(SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>", ""), SST, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "ô \"XFE1\" nằm ngoài trang tính (cột A đến XFD, "
                               "dòng 1 đến 1048576)");
  vb_diags_free(d);
  d = vb_diags_new();
  b = xlsx(SHEET("<row r=\"1048577\"><c><v>1</v></c></row>", ""), SST, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "dòng \"1048577\" nằm ngoài trang tính");
  vb_diags_free(d);
  d = vb_diags_new();
  b = xlsx(SHEET("", "<mergeCells><mergeCell ref=\"A1:A2000000\"/></mergeCells>"), SST, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "vùng gộp ô \"A1:A2000000\" nằm ngoài trang tính");
  vb_diags_free(d);
  d = vb_diags_new();
  b = xlsx(SHEET("<row><c r=\"B1\"><v>x1</v></c></row>", ""), SST, d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "Phụ lục 02!B1 (phần xl/worksheets/sheet1.xml): lỗi: giá "
                               "trị \"x1\" của ô không phải một số");
  vb_diags_free(d);
}

static void test_not_zip_and_limits(void) {
  vb_diags *d = vb_diags_new();
  const char *text = "TT,Tên\n1,a\n";
  CHECK(vb_xlsx_read("x.xlsx", text, strlen(text), d) == NULL);
  CHECK_CONTAINS(all_diags(d), "x.xlsx: lỗi: không phải bảng tính XLSX (không phải tệp zip)");
  CHECK(vb_ods_read("x.ods", text, strlen(text), d) == NULL);
  CHECK_CONTAINS(all_diags(d), "x.ods: lỗi: không phải bảng tính ODS (không phải tệp zip)");
  vb_diags_free(d);

  /* A part whose header declares 1 GiB: refused by the package limits before
   * anything is inflated. */
  part parts[] = {{"xl/workbook.xml", WB}, {NULL, NULL}};
  size_t len;
  unsigned char *z = zip_of(parts, &len);
  for (size_t i = 0; i + 30 < len; i++) {
    if (!memcmp(z + i, "PK\1\2", 4)) { /* central directory: uncompressed size at +24 */
      z[i + 24] = 0, z[i + 25] = 0, z[i + 26] = 0, z[i + 27] = 0x40;
    } else if (!memcmp(z + i, "PK\3\4", 4)) { /* local header: at +22 */
      z[i + 22] = 0, z[i + 23] = 0, z[i + 24] = 0, z[i + 25] = 0x40;
    }
  }
  d = vb_diags_new();
  CHECK(vb_xlsx_read("big.xlsx", (char *)z, len, d) == NULL);
  CHECK_CONTAINS(all_diags(d), "khai 1073741824 byte khi giải nén, tối đa cho một "
                               "mục là 67108864");
  vb_diags_free(d);
  free(z);
}

#define ODS_HEAD                                                                                   \
  "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "    \
  "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "                               \
  "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body>"                    \
  "<office:spreadsheet><table:table table:name=\"Sheet1\">"
#define ODS_TAIL "</table:table></office:spreadsheet></office:body></office:document-content>"

static vb_book *ods(const char *rows, vb_diags *d) {
  char *content = vb_xasprintf("%s%s%s", ODS_HEAD, rows, ODS_TAIL);
  part parts[] = {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                  {"content.xml", content},
                  {NULL, NULL}};
  size_t len;
  void *z = zip_of(parts, &len);
  vb_book *b = vb_ods_read("t.ods", z, len, d);
  if (b) vb_sheet__finish(b->sheets[0]);
  free(z);
  free(content);
  return b;
}

static void test_ods(void) {
  vb_diags *d = vb_diags_new();
  vb_book *b =
      ods("<table:table-row><table:table-cell office:value-type=\"string\" "
          "table:number-columns-spanned=\"2\"><text:p>Kết quả</text:p></table:table-cell>"
          "<table:covered-table-cell/><table:table-cell office:value-type=\"percentage\" "
          "office:value=\"0.586\"><text:p>58,6%</text:p></table:table-cell></table:table-row>"
          "<table:table-row table:number-rows-repeated=\"3\"><table:table-cell "
          "table:number-columns-repeated=\"1024\"/></table:table-row>"
          "<table:table-row><table:table-cell office:value-type=\"date\" "
          "office:date-value=\"2024-06-18\"><text:p>18/06/2024</text:p></table:table-cell>"
          "<table:table-cell table:number-columns-repeated=\"2\" office:value-type=\"float\" "
          "office:value=\"2335\"><text:p>2.335</text:p></table:table-cell>"
          "<table:table-cell office:value-type=\"string\"><text:p>a<text:s text:c=\"2\"/>b</text:p>"
          "<text:p>dòng 2</text:p><office:annotation><text:p>ghi chú</text:p></office:annotation>"
          "</table:table-cell><table:table-cell office:value-type=\"boolean\" "
          "office:boolean-value=\"false\"/></table:table-row>"
          /* LibreOffice's tail: empty to the last row, never materialised */
          "<table:table-row table:number-rows-repeated=\"1048571\"><table:table-cell "
          "table:number-columns-repeated=\"16384\"/></table:table-row>",
          d);
  CHECK(b != NULL);
  if (b) {
    vb_sheet *s = b->sheets[0];
    CHECK_STR(s->name, "Sheet1");
    CHECK_STR(shown(s, 0, 1), "Kết quả"); /* covered cell → the merge's first cell */
    CHECK(vb_sheet_cell(s, 0, 1) == NULL);
    CHECK_STR(shown(s, 0, 2), "58,6%");
    CHECK_STR(vb_sheet_cell(s, 4, 0)->text, "2024-06-18");
    CHECK_STR(shown(s, 4, 1), "2.335");
    CHECK_STR(shown(s, 4, 2), "2.335");
    CHECK_STR(shown(s, 4, 3), "a  b\ndòng 2");
    CHECK_STR(shown(s, 4, 4), "Không");
    CHECK(b->ncells == 7);
    CHECK(s->max_row == 5);
  }
  vb_book_free(b);
  vb_diags_free(d);

  /* Huge repeats of non-empty content hit the sheet's edge, not memory. */
  d = vb_diags_new();
  b = ods("<table:table-row table:number-rows-repeated=\"2000000000\"><table:table-cell "
          "office:value-type=\"float\" office:value=\"1\"/></table:table-row>",
          d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "một ô có nội dung nằm ngoài trang tính (cột A đến XFD, dòng 1 "
                               "đến 1048576)");
  vb_diags_free(d);
  d = vb_diags_new();
  b = ods("<table:table-row><table:table-cell table:number-columns-repeated=\"4000000000\" "
          "office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row>",
          d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "nằm ngoài trang tính");
  vb_diags_free(d);
  d = vb_diags_new();
  b = ods("<table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell/>"
          "</table:table-row><table:table-row><table:table-cell office:value-type=\"string\">"
          "<text:p>x</text:p></table:table-cell></table:table-row>",
          d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "Sheet1!A1048577 (phần content.xml): lỗi: một ô có nội dung nằm "
                               "ngoài trang tính");
  vb_diags_free(d);
  /* A non-empty row repeated many times: materialised up to the cell limit. */
  d = vb_diags_new();
  b = ods("<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell "
          "table:number-columns-repeated=\"5\" office:value-type=\"float\" office:value=\"1\"/>"
          "</table:table-row>",
          d);
  CHECK(b == NULL);
  CHECK_CONTAINS(all_diags(d), "hơn 4000000 ô có nội dung: không đọc");
  vb_diags_free(d);
}

static void test_csv(void) {
  vb_diags *d = vb_diags_new();
  const char *t = "\xEF\xBB\xBFTT;Tên chỉ tiêu;Kết quả\r\n1.1;\"Dòng một\r\ndòng "
                  "\"\"hai\"\"\";58,6%\r\n\r\n;;\n2;x";
  vb_book *b = vb_csv_read("dir/chi-tieu.csv", t, strlen(t), d);
  CHECK(b != NULL);
  if (b) {
    vb_sheet *s = b->sheets[0];
    vb_sheet__finish(s);
    CHECK_STR(s->name, "chi-tieu");
    CHECK_STR(shown(s, 0, 1), "Tên chỉ tiêu");
    CHECK_STR(shown(s, 1, 1), "Dòng một\ndòng \"hai\"");
    CHECK_STR(shown(s, 1, 2), "58,6%");
    CHECK(vb_sheet_cell(s, 2, 0) == NULL && vb_sheet_cell(s, 3, 0) == NULL);
    CHECK_STR(shown(s, 4, 1), "x");
  }
  vb_book_free(b);
  t = "TT,Tên\n1,\"a,b\"\n";
  b = vb_csv_read("c.csv", t, strlen(t), d);
  CHECK(b && !strcmp(shown(b->sheets[0], 1, 1), "a,b"));
  vb_book_free(b);
  CHECK(vb_diags_count(d) == 0);
  t = "TT,Tên\n1,Ch\xE1u\n";
  CHECK(vb_csv_read("bad.csv", t, strlen(t), d) == NULL);
  CHECK_CONTAINS(all_diags(d), "bad.csv: dòng 2 (byte 12): lỗi: byte UTF-8 sai 0xE1: tệp "
                               "không phải UTF-8");
  t = "TT,Tên\n1,\"open\n";
  CHECK(vb_csv_read("q.csv", t, strlen(t), d) == NULL);
  CHECK_CONTAINS(all_diags(d), "q.csv: dòng 2: lỗi: một ô mở bằng dấu ngoặc kép không được đóng");
  vb_diags_free(d);
}

/* ---- a CSV file record by record ---------------------------------------------- */

static char tmpdir[] = "/tmp/vb-sheet-test.XXXXXX";

static const char *write_tmp(const char *name, const char *text, size_t len) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  vb_diags *d = vb_diags_new();
  CHECK(vb_write_file_atomic(path, text, len, d) == 0);
  vb_diags_free(d);
  return path;
}

/* Every record read from the stream, one by one, is the row vb_csv_read
 * makes of the whole file, cell for cell. */
static void same_as_whole(const char *name, const char *t, size_t len) {
  vb_diags *d = vb_diags_new();
  const char *path = write_tmp(name, t, len);
  vb_book *whole = vb_csv_read_flags(path, t, len, VB_BOOK_EMPTY_QUOTED, d);
  vb_csv_stream *s = vb_csv_stream_open(path, VB_BOOK_EMPTY_QUOTED, d);
  CHECK(whole && s && vb_diags_count(d) == 0);
  if (!whole || !s) {
    vb_book_free(whole);
    vb_csv_stream_close(s);
    vb_diags_free(d);
    return;
  }
  const vb_sheet *w = whole->sheets[0];
  CHECK_STR(vb_csv_stream_sheet(s), w->name);
  vb_csv_pos pos = vb_csv_stream_start(s);
  size_t rows = 0;
  vb_book *b = NULL;
  for (int got; (got = vb_csv_stream_read(s, &pos, &b, d)) == 1; vb_book_free(b)) {
    const vb_sheet *one = b->sheets[0];
    CHECK(one->nrows <= 1);
    if (!one->nrows) continue;
    CHECK(rows < w->nrows);
    if (rows >= w->nrows) continue;
    const vb_srow *x = &w->rows[rows++], *y = &one->rows[0];
    CHECK(x->row == y->row && x->n == y->n);
    for (uint32_t k = 0; k < x->n && k < y->n; k++) {
      CHECK(x->cells[k].col == y->cells[k].col && x->cells[k].flags == y->cells[k].flags);
      CHECK_STR(y->cells[k].text, x->cells[k].text);
    }
  }
  CHECK(rows == w->nrows);
  CHECK(vb_diags_count(d) == 0);
  /* A record is found again from its position, with its row and line. */
  vb_csv_pos p = vb_csv_stream_start(s), seen[64];
  size_t n = 0;
  for (; n < 64; n++) {
    seen[n] = p;
    if (vb_csv_stream_read(s, &p, &b, d) != 1) break;
    vb_book_free(b);
  }
  for (size_t i = n; i-- > 0;) {
    vb_csv_pos q = seen[i];
    CHECK(vb_csv_stream_read(s, &q, &b, d) == 1);
    if (i + 1 < n) CHECK(q.offset == seen[i + 1].offset && q.line == seen[i + 1].line);
    vb_book_free(b);
  }
  vb_csv_stream_close(s);
  vb_book_free(whole);
  vb_diags_free(d);
}

static void test_csv_stream(void) {
  if (!mkdtemp(tmpdir)) {
    CHECK(0);
    return;
  }
  const char *t = "\xEF\xBB\xBFTT;Tên chỉ tiêu;Kết quả\r\n1.1;\"Dòng một\r\ndòng "
                  "\"\"hai\"\"\";58,6%\r\n\r\n;;\n2;x;\"\"";
  same_as_whole("chi-tieu.csv", t, strlen(t));
  /* A record far longer than one read, a quote right at a read's end. */
  vb_buf big = VB_BUF_INIT;
  vb_buf_puts(&big, "a,b\n1,\"");
  for (int i = 0; i < 1021; i++)
    vb_buf_putc(&big, i % 50 ? 'x' : '\n');
  vb_buf_puts(&big, "\"\"\",2\r\n3,\"Hà Nội\"\n\n\n4,5\n");
  same_as_whole("big.csv", big.data, big.len);
  /* Past a check's 64 KiB: a character across the boundary is fine, and a
   * bad byte after it is found with its line and file offset. */
  vb_buf_clear(&big);
  vb_buf_puts(&big, "a\n");
  while (big.len < 65535)
    vb_buf_puts(&big, "x\n");
  vb_buf_puts(&big, "Hà\nĐông\n");
  same_as_whole("long.csv", big.data, big.len);
  size_t lines = 0;
  for (size_t i = 0; i < big.len; i++)
    lines += big.data[i] == '\n';
  size_t at = big.len + 2;
  vb_buf_puts(&big, "Ch\xE1u\n");
  vb_diags *d = vb_diags_new();
  CHECK(vb_csv_stream_open(write_tmp("bad.csv", big.data, big.len), 0, d) == NULL);
  char want[128];
  snprintf(want, sizeof want, "dòng %zu (byte %zu): lỗi: byte UTF-8 sai 0xE1", lines + 1, at);
  CHECK_CONTAINS(all_diags(d), want);
  vb_diags_clear(d);
  /* A truncated character at the very end. */
  CHECK(vb_csv_stream_open(write_tmp("cut.csv", "a\nH\xC3", 4), 0, d) == NULL);
  CHECK_CONTAINS(all_diags(d), "dòng 2 (byte 3): lỗi: byte UTF-8 sai 0xC3");
  vb_diags_clear(d);
  /* An unclosed quote is found where the record is read. */
  const char *q = "TT,Tên\n1,\"open\n";
  vb_csv_stream *s = vb_csv_stream_open(write_tmp("q.csv", q, strlen(q)), 0, d);
  CHECK(s != NULL);
  if (s) {
    vb_csv_pos pos = vb_csv_stream_start(s);
    vb_book *b = NULL;
    CHECK(vb_csv_stream_read(s, &pos, &b, d) == 1);
    vb_book_free(b);
    CHECK(vb_csv_stream_read(s, &pos, &b, d) == -1 && b == NULL);
    CHECK_CONTAINS(all_diags(d), "q.csv: dòng 2: lỗi: một ô mở bằng dấu ngoặc kép không được đóng");
    vb_csv_stream_close(s);
  }
  vb_diags_free(d);
  vb_buf_free(&big);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
}

int main(void) {
  test_numbers();
  test_cellref();
  test_xlsx();
  test_not_zip_and_limits();
  test_ods();
  test_csv();
  test_csv_stream();
  TEST_MAIN_END();
}
