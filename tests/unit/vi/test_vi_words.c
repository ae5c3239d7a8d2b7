/* Amounts in words: the accounting reading of Vietnamese numbers and every flag. */
#include <limits.h>

#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"

static vb_buf out = VB_BUF_INIT;

static const char *words(long long n, unsigned flags) {
  vb_buf_clear(&out);
  vi_spell_number(&out, n, flags);
  return vb_buf_cstr(&out);
}

static const struct {
  long long n;
  const char *want;
} plain[] = {
    {0, "không"},
    {1, "một"},
    {2, "hai"},
    {3, "ba"},
    {4, "bốn"},
    {5, "năm"},
    {6, "sáu"},
    {7, "bảy"},
    {8, "tám"},
    {9, "chín"},
    {10, "mười"},
    {11, "mười một"},
    {14, "mười bốn"},
    {15, "mười lăm"},
    {19, "mười chín"},
    {20, "hai mươi"},
    {21, "hai mươi mốt"},
    {24, "hai mươi tư"},
    {25, "hai mươi lăm"},
    {30, "ba mươi"},
    {41, "bốn mươi mốt"},
    {45, "bốn mươi lăm"},
    {55, "năm mươi lăm"},
    {94, "chín mươi tư"},
    {99, "chín mươi chín"},
    {100, "một trăm"},
    {101, "một trăm linh một"},
    {104, "một trăm linh bốn"},
    {105, "một trăm linh năm"},
    {110, "một trăm mười"},
    {111, "một trăm mười một"},
    {115, "một trăm mười lăm"},
    {121, "một trăm hai mươi mốt"},
    {124, "một trăm hai mươi tư"},
    {125, "một trăm hai mươi lăm"},
    {1000, "một nghìn"},
    {1001, "một nghìn không trăm linh một"},
    {1005, "một nghìn không trăm linh năm"},
    {1010, "một nghìn không trăm mười"},
    {1015, "một nghìn không trăm mười lăm"},
    {1024, "một nghìn không trăm hai mươi tư"},
    {1100, "một nghìn một trăm"},
    {2335, "hai nghìn ba trăm ba mươi lăm"},
    {10000, "mười nghìn"},
    {15000, "mười lăm nghìn"},
    {21000, "hai mươi mốt nghìn"},
    {100000, "một trăm nghìn"},
    {105000, "một trăm linh năm nghìn"},
    {1000000, "một triệu"},
    {1000005, "một triệu không trăm linh năm"},
    {1000100, "một triệu một trăm"},
    {1010000, "một triệu không trăm mười nghìn"},
    {5005005, "năm triệu không trăm linh năm nghìn không trăm linh năm"},
    {100100100, "một trăm triệu một trăm nghìn một trăm"},
    {1000000000, "một tỷ"},
    {1000000005, "một tỷ không trăm linh năm"},
    {2092423000, "hai tỷ không trăm chín mươi hai triệu bốn trăm hai mươi ba nghìn"},
    {1234567891, "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín "
                 "mươi mốt"},
    {1000000000000, "một nghìn tỷ"},
    {1005000000000, "một nghìn không trăm linh năm tỷ"},
    {1000000000005, "một nghìn tỷ không trăm linh năm"},
    {1000000000000000, "một triệu tỷ"},
    {1000000000000000000, "một tỷ tỷ"},
    {LLONG_MAX, "chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba "
                "mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm "
                "linh bảy"},
    {-5, "âm năm"},
    {-1500, "âm một nghìn năm trăm"},
    {-2092423000, "âm hai tỷ không trăm chín mươi hai triệu bốn trăm hai mươi ba nghìn"},
};

int main(void) {
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    const char *got = words(plain[i].n, 0);
    if (strcmp(got, plain[i].want) != 0) fprintf(stderr, "for %lld:\n", plain[i].n);
    CHECK_STR(got, plain[i].want);
  }

  /* The one value RBNF cannot negate is written in digits. */
  CHECK_STR(words(LLONG_MIN, VI_WORDS_DONG), "-9.223.372.036.854.775.808 đồng");
  CHECK_STR(words(-LLONG_MAX, 0),
            "âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba "
            "mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm "
            "linh bảy");

  /* lẻ instead of linh, wherever linh appears. */
  CHECK_STR(words(105, VI_WORDS_LE), "một trăm lẻ năm");
  CHECK_STR(words(1000005, VI_WORDS_LE), "một triệu không trăm lẻ năm");
  CHECK_STR(words(110, VI_WORDS_LE), "một trăm mười");

  /* bốn instead of tư after the tens; 4 and 14 are bốn anyway. */
  CHECK_STR(words(24, VI_WORDS_BON), "hai mươi bốn");
  CHECK_STR(words(124024, VI_WORDS_BON), "một trăm hai mươi bốn nghìn không trăm hai mươi bốn");
  CHECK_STR(words(14, VI_WORDS_BON), "mười bốn");
  CHECK_STR(words(14, 0), "mười bốn");

  /* ngàn instead of nghìn, both in a leading and in an inner group. */
  CHECK_STR(words(1000, VI_WORDS_NGAN), "một ngàn");
  CHECK_STR(words(1001, VI_WORDS_NGAN), "một ngàn không trăm linh một");
  CHECK_STR(words(5005005, VI_WORDS_NGAN),
            "năm triệu không trăm linh năm ngàn không trăm linh năm");
  CHECK_STR(words(1000000000000, VI_WORDS_NGAN), "một ngàn tỷ");

  /* Capital and đồng are applied around ICU's words. */
  CHECK_STR(words(2092423000, VI_WORDS_CAPITAL),
            "Hai tỷ không trăm chín mươi hai triệu bốn trăm hai mươi ba nghìn");
  CHECK_STR(words(-5, VI_WORDS_CAPITAL), "Âm năm");
  CHECK_STR(words(0, VI_WORDS_CAPITAL), "Không");
  CHECK_STR(words(1500000, VI_WORDS_DONG), "một triệu năm trăm nghìn đồng");
  CHECK_STR(words(0, VI_WORDS_DONG), "không đồng");
  CHECK_STR(words(1005, VI_WORDS_CAPITAL | VI_WORDS_DONG | VI_WORDS_LE | VI_WORDS_NGAN),
            "Một ngàn không trăm lẻ năm đồng");
  CHECK_STR(words(1024, VI_WORDS_CAPITAL | VI_WORDS_BON | VI_WORDS_DONG),
            "Một nghìn không trăm hai mươi bốn đồng");

  /* Appending keeps what is already in the buffer. */
  vb_buf_clear(&out);
  vb_buf_puts(&out, "Bằng chữ: ");
  vi_spell_number(&out, 21, VI_WORDS_CAPITAL | VI_WORDS_DONG);
  CHECK_STR(vb_buf_cstr(&out), "Bằng chữ: Hai mươi mốt đồng");

  /* Flags switch between cached formatters: going back gives the default again. */
  CHECK_STR(words(24, 0), "hai mươi tư");

  vb_buf_free(&out);
  vi_cleanup();
  /* The formatters are re-created on demand after a cleanup. */
  CHECK_STR(words(105, 0), "một trăm linh năm");
  vb_buf_free(&out);
  vi_cleanup();
  TEST_MAIN_END();
}
