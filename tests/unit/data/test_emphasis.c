/* Inline emphasis markup (data/emphasis.h): each text is read back as the
 * text without markup with its spans written [b:…] [i:…] [bi:…], or as the
 * refusal's message and column. Asterisks that cannot open or close stay as
 * typed, so the bullets and footnote marks of real reports are not markup. */
#include <stdlib.h>
#include <string.h>

#include "data/emphasis.h"
#include "test.h"
#include "util/buf.h"

/* "plain [b:bold] plain", or "ERROR col N: message". Malloc'd. */
static char *read_back(const char *s) {
  vb_emphasis e = {0};
  vb_emph_error err;
  vb_buf b = VB_BUF_INIT;
  if (vb_emphasis_parse(s, strlen(s), &e, &err) != 0) {
    vb_buf_printf(&b, "ERROR col %zu: %s", err.column, err.message);
  } else {
    static const char *const tag[4] = {NULL, "b", "i", "bi"};
    for (size_t i = 0; i < e.nspans; i++) {
      const vb_emph_span *sp = &e.spans[i];
      if (sp->style) vb_buf_printf(&b, "[%s:", tag[sp->style]);
      vb_buf_put(&b, e.text.data + sp->off, sp->len);
      if (sp->style) vb_buf_putc(&b, ']');
    }
    /* The spans cover the text, in order. */
    size_t at = 0;
    for (size_t i = 0; i < e.nspans; i++) {
      CHECK(e.spans[i].off == at && e.spans[i].len > 0);
      at += e.spans[i].len;
    }
    CHECK(at == e.text.len);
    int styled = 0;
    for (size_t i = 0; i < e.nspans; i++)
      styled |= e.spans[i].style != 0;
    CHECK(styled == e.styled);
  }
  vb_emphasis_free(&e);
  return vb_buf_detach(&b, NULL);
}

#define READS(in, want)                                                                            \
  do {                                                                                             \
    char *got_ = read_back(in);                                                                    \
    CHECK_STR(got_, want);                                                                         \
    free(got_);                                                                                    \
  } while (0)

#define REFUSES(in, col, part)                                                                     \
  do {                                                                                             \
    char *got_ = read_back(in);                                                                    \
    char want_[64];                                                                                \
    snprintf(want_, sizeof want_, "ERROR col %d: ", col);                                          \
    CHECK(strncmp(got_, want_, strlen(want_)) == 0);                                               \
    CHECK_CONTAINS(got_, part);                                                                    \
    free(got_);                                                                                    \
  } while (0)

static void test_spans(void) {
  READS("", "");
  READS("Không có định dạng.", "Không có định dạng.");
  READS("**đậm**", "[b:đậm]");
  READS("*nghiêng*", "[i:nghiêng]");
  READS("***đậm nghiêng***", "[bi:đậm nghiêng]");
  READS("*Ứng dụng chữ ký số:* 100% cơ quan đã triển khai.",
        "[i:Ứng dụng chữ ký số:] 100% cơ quan đã triển khai.");
  READS("Kết quả **đạt** và *vượt* chỉ tiêu", "Kết quả [b:đạt] và [i:vượt] chỉ tiêu");
  /* Nested and overlapping: the emphasis in force is a set, runs are flat. */
  READS("**đậm *và nghiêng***", "[b:đậm ][bi:và nghiêng]");
  READS("***a** b*", "[bi:a][i: b]");
  READS("**a *b** c*", "[b:a ][bi:b][i: c]");
  /* Inside a word, and after an opening bracket or quote. */
  READS("chữ**đậm**giữa", "chữ[b:đậm]giữa");
  READS("(**ghi chú**)", "([b:ghi chú])");
  READS("“*trích*”", "“[i:trích]”");
  /* Line breaks stay inside the spans. */
  READS("**dòng 1\ndòng 2**", "[b:dòng 1\ndòng 2]");
}

static void test_literal(void) {
  /* Bullets, footnote marks, a lone asterisk: as typed. */
  READS("* Mỗi người dân có một danh tính số:", "* Mỗi người dân có một danh tính số:");
  READS("*. Mục tiêu", "*. Mục tiêu");
  READS("Ghi chú (*): số liệu ước", "Ghi chú (*): số liệu ước");
  READS("a * b ** c *** d", "a * b ** c *** d");
  READS("*", "*");
  READS("****", "****");
  /* Escapes: \* an asterisk, \\ a backslash; other backslashes stay. */
  READS("\\*không nghiêng\\*", "*không nghiêng*");
  READS("\\**nghiêng*", "*[i:nghiêng]");
  READS("C:\\\\data và C:\\x", "C:\\data và C:\\x");
  READS("kết thúc \\", "kết thúc \\");
}

static void test_refusals(void) {
  REFUSES("**Ứng dụng chữ ký số: đã triển khai", 1,
          "chữ đậm mở bằng \"**\" ở ký tự thứ 1 không được đóng");
  REFUSES("Đã *triển khai", 4, "chữ nghiêng mở bằng \"*\" ở ký tự thứ 4 không được đóng");
  REFUSES("***a", 1, "chữ đậm nghiêng mở bằng \"***\"");
  /* Closed after a blank: the closing asterisks are typed text, the span stays open. */
  REFUSES("**đậm **", 1, "không được đóng");
  REFUSES("x *a *b*", 6, "đứng sau khoảng trắng nên không đóng được chữ nghiêng mở ở ký tự thứ 3");
  REFUSES("kết quả 5*", 10, "đóng chữ nghiêng chưa được mở");
  REFUSES("a****b", 2, "có 4 dấu * liền nhau");
  /* Columns count characters, not bytes. */
  REFUSES("Điều***", 5, "đóng chữ đậm nghiêng chưa được mở");
}

int main(void) {
  test_spans();
  test_literal();
  test_refusals();
  CHECK(vb_emphasis_may_have("a*b", 3) && vb_emphasis_may_have("a\\b", 3));
  CHECK(!vb_emphasis_may_have("Không có dấu sao", 19));
  TEST_MAIN_END();
}
