/* vi_suggest: the known name a mistyped one most likely meant, compared
 * without case and tone marks, by edit distance, or as a whole part. */
#include "test.h"
#include "vi/vi.h"

static const char *const filters[] = {"hoa",   "thuong",  "viet_hoa_dau", "so",    "phan_tram",
                                      "ty_le", "ngay",    "ngay_ngan",    "chu",   "chu_dong",
                                      "la_ma", "default", "length",       "upper", NULL};
static const char *const headers[] = {"STT",       "Chỉ tiêu", "Đơn vị tính", "Kế hoạch",
                                      "Thực hiện", "Tỷ lệ",    "Ghi chú",     NULL};

int main(void) {
  /* a part of a longer name */
  CHECK_STR(vi_suggest("hoa_dau", filters), "viet_hoa_dau");
  /* one letter off, two swapped, one missing */
  CHECK_STR(vi_suggest("phan_tam", filters), "phan_tram");
  CHECK_STR(vi_suggest("ngya", filters), "ngay");
  CHECK_STR(vi_suggest("defualt", filters), "default");
  CHECK_STR(vi_suggest("lenght", filters), "length");
  CHECK_STR(vi_suggest("chu_dog", filters), "chu_dong");
  /* nothing close */
  CHECK(vi_suggest("xyzzy", filters) == NULL);
  CHECK(vi_suggest("", filters) == NULL);
  CHECK(vi_suggest("hoa", filters) == NULL); /* a known name needs no suggestion */
  CHECK_STR(vi_suggest("Tên chỉ tiêu", headers), "Chỉ tiêu");
  CHECK_STR(vi_suggest("Tiêu chí", (const char *const[]){"Tên tiêu chí", "Điểm", NULL}),
            "Tên tiêu chí");
  /* without tone marks, case or the marks of ê ơ; in NFD too */
  CHECK_STR(vi_suggest("Ke hoach", headers), "Kế hoạch");
  CHECK_STR(vi_suggest("KẾ HOẠCH", headers), "Kế hoạch");
  CHECK_STR(vi_suggest("Thuc hien", headers), "Thực hiện");
  CHECK_STR(vi_suggest("Ghi chu\xcc\x81", headers), "Ghi chú"); /* "chú" decomposed */
  CHECK_STR(vi_suggest("Don vi tinh", headers), "Đơn vị tính");
  CHECK_STR(vi_suggest("Ty le %", headers), "Tỷ lệ");
  CHECK_STR(vi_suggest("Chi tieu", headers), "Chỉ tiêu");
  /* a typo and no tones at once */
  CHECK_STR(vi_suggest("Thuc hein", headers), "Thực hiện");
  CHECK(vi_suggest("Ngân sách", headers) == NULL);
  /* the closest wins */
  static const char *const tags[] = {"for", "endfor", "if", "elif", "else", "endif", "set", NULL};
  CHECK_STR(vi_suggest("endfro", tags), "endfor");
  CHECK_STR(vi_suggest("esle", tags), "else");
  CHECK_STR(vi_suggest("fi", tags), "if");
  static const char *const opts[] = {"--pdf", "--lenient", "--issued", "--no-marks", NULL};
  CHECK_STR(vi_suggest("--pfd", opts), "--pdf");
  CHECK_STR(vi_suggest("--nomarks", opts), "--no-marks");
  CHECK_STR(vi_suggest("--lenien", opts), "--lenient");
  vi_cleanup();
  TEST_MAIN_END();
}
