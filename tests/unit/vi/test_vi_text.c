/* Case mapping, UTF-8 validation, NFC and tone-mark placement styles. */
#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"

static vb_buf out = VB_BUF_INIT;

typedef void text_fn(vb_buf *out, const char *s);

static const char *apply(text_fn *fn, const char *s) {
  vb_buf_clear(&out);
  fn(&out, s);
  return vb_buf_cstr(&out);
}

static const char *nfc(const char *s, size_t n) {
  vb_buf_clear(&out);
  vi_nfc(&out, s, n);
  return vb_buf_cstr(&out);
}

static const char *styled(const char *s, vi_tone_style style) {
  vb_buf_clear(&out);
  vi_set_tone_style(&out, s, style);
  return vb_buf_cstr(&out);
}

/* The offset of the first bad byte, or -1 if s is valid. */
static long bad_at(const char *s, size_t n) {
  size_t offset = 12345;
  if (vi_utf8_check(s, n, &offset) == 0) return offset == 12345 ? -1 : -2;
  return (long)offset;
}

static vi_tone_style style_of(const char *word) {
  return vi_tone_style_of_word(word, strlen(word));
}

/* NFD spellings: the base letter followed by its combining marks. */
#define NFD_HOA_OLD                                                                                \
  "ho\xcc\x80"                                                                                     \
  "a"                                   /* h o U+0300 a */
#define NFD_HOA_NEW "hoa\xcc\x80"       /* h o a U+0300 */
#define NFD_VIET "Vie\xcc\xa3\xcc\x82t" /* V i e U+0323 U+0302 t */

int main(void) {
  /* Case mapping. */
  CHECK_STR(apply(vi_upper, "Ủy ban nhân dân xã Hà Tân"), "ỦY BAN NHÂN DÂN XÃ HÀ TÂN");
  CHECK_STR(apply(vi_upper, "đ"), "Đ");
  CHECK_STR(apply(vi_upper, "ă â ê ô ơ ư ạ ặ ậ ệ ộ ợ ự ỵ ữ ẵ"), "Ă Â Ê Ô Ơ Ư Ạ Ặ Ậ Ệ Ộ Ợ Ự Ỵ Ữ Ẵ");
  CHECK_STR(apply(vi_upper, "báo cáo số 12/BC-UBND"), "BÁO CÁO SỐ 12/BC-UBND");
  CHECK_STR(apply(vi_lower, "ĐOÀN THANH NIÊN"), "đoàn thanh niên");
  CHECK_STR(apply(vi_lower, "ỦY BAN NHÂN DÂN"), "ủy ban nhân dân");
  CHECK_STR(apply(vi_lower, "Ư Ơ Ặ Ỵ"), "ư ơ ặ ỵ");
  CHECK_STR(apply(vi_upper, ""), "");
  CHECK_STR(apply(vi_capitalize_first, "ủy ban nhân dân"), "Ủy ban nhân dân");
  CHECK_STR(apply(vi_capitalize_first, "đoàn thanh niên"), "Đoàn thanh niên");
  CHECK_STR(apply(vi_capitalize_first, "(đã ký)"), "(Đã ký)");
  CHECK_STR(apply(vi_capitalize_first, "âm NHẠC"), "Âm NHẠC");
  CHECK_STR(apply(vi_capitalize_first, "Đã có"), "Đã có");
  CHECK_STR(apply(vi_capitalize_first, "123"), "123");
  CHECK_STR(apply(vi_capitalize_first, ""), "");
  CHECK_STR(apply(vi_capitalize_first, "u\xcc\x9b\xcc\x81t"), "U\xcc\x9b\xcc\x81t"); /* NFD ứt */

  /* UTF-8 validation. */
  CHECK(bad_at("Hà Nội", strlen("Hà Nội")) == -1);
  CHECK(bad_at("", 0) == -1);
  CHECK(bad_at("a\0b", 3) == -1);
  CHECK(bad_at("\xF0\x9F\x98\x80", 4) == -1); /* U+1F600 */
  CHECK(bad_at("\xEF\xBF\xBF", 3) == -1);     /* U+FFFF is well-formed */
  CHECK(bad_at("\xF4\x8F\xBF\xBF", 4) == -1); /* U+10FFFF */
  CHECK(bad_at("\xC0\xAF", 2) == 0);          /* overlong "/" */
  CHECK(bad_at("\xC1\xBF", 2) == 0);          /* overlong */
  CHECK(bad_at("ab\xE0\x80\xAF", 5) == 2);    /* overlong 3-byte */
  CHECK(bad_at("\xF0\x80\x80\xAF", 4) == 0);  /* overlong 4-byte */
  CHECK(bad_at("x\xED\xA0\x80", 4) == 1);     /* surrogate U+D800 */
  CHECK(bad_at("\xED\xBF\xBF", 3) == 0);      /* surrogate U+DFFF */
  CHECK(bad_at("\xF4\x90\x80\x80", 4) == 0);  /* U+110000 */
  CHECK(bad_at("\xF5\x80\x80\x80", 4) == 0);
  CHECK(bad_at("\xFF", 1) == 0);
  CHECK(bad_at("Hà\x80", 4) == 3);       /* lone continuation byte */
  CHECK(bad_at("a\xE1\xBB", 3) == 1);    /* truncated "ộ" */
  CHECK(bad_at("\xE1\xBB\x99", 2) == 0); /* n cuts the sequence */
  CHECK(bad_at("\xC3"
               "a",
               2) == 0); /* lead byte, no continuation */
  CHECK(vi_utf8_check("\xC0", 1, NULL) == -1);

  /* NFC. */
  CHECK_STR(nfc(NFD_HOA_OLD, strlen(NFD_HOA_OLD)), "hòa");
  CHECK_STR(nfc(NFD_VIET, strlen(NFD_VIET)), "Việt");
  CHECK_STR(nfc("Việt Nam", 6), "Việt"); /* only the first n bytes */
  CHECK_STR(nfc("a\xFF"
                "b",
                3),
            "a\xEF\xBF\xBD"
            "b");
  CHECK_STR(nfc("", 0), "");
  CHECK(vi_is_nfc("Việt Nam", strlen("Việt Nam")) == 1);
  CHECK(vi_is_nfc(NFD_VIET, strlen(NFD_VIET)) == 0);
  CHECK(vi_is_nfc("a\xFF", 2) == 0);
  CHECK(vi_is_nfc("", 0) == 1);

  /* Which style a syllable shows. */
  CHECK(style_of("hòa") == VI_TONE_OLD);
  CHECK(style_of("hoà") == VI_TONE_NEW);
  CHECK(style_of("HÒA") == VI_TONE_OLD);
  CHECK(style_of("Hoà") == VI_TONE_NEW);
  CHECK(style_of("thủy") == VI_TONE_OLD);
  CHECK(style_of("thuỷ") == VI_TONE_NEW);
  CHECK(style_of("khỏe") == VI_TONE_OLD);
  CHECK(style_of("khoẻ") == VI_TONE_NEW);
  CHECK(style_of("Ủy") == VI_TONE_OLD);
  CHECK(style_of("Uỷ") == VI_TONE_NEW);
  CHECK(style_of("lóa") == VI_TONE_OLD);
  CHECK(style_of("tuỳ") == VI_TONE_NEW);
  CHECK(style_of("nguỵ") == VI_TONE_NEW);
  CHECK(style_of(NFD_HOA_OLD) == VI_TONE_OLD);
  CHECK(style_of(NFD_HOA_NEW) == VI_TONE_NEW);
  CHECK(style_of("hoàng") == VI_TONE_NONE); /* closed syllable */
  CHECK(style_of("huỳnh") == VI_TONE_NONE);
  CHECK(style_of("quý") == VI_TONE_NONE); /* qu is the consonant */
  CHECK(style_of("Quỳ") == VI_TONE_NONE);
  CHECK(style_of("hoa") == VI_TONE_NONE); /* no tone */
  /* Ruled out from the last two letters alone (no conversion): */
  CHECK(style_of("chính") == VI_TONE_NONE);
  CHECK(style_of("số") == VI_TONE_NONE);
  CHECK(style_of("Ba") == VI_TONE_NONE);
  CHECK(style_of("xoè") == VI_TONE_NEW);
  CHECK(style_of("XÒE") == VI_TONE_OLD);
  CHECK(style_of("huế") == VI_TONE_NONE); /* uê: fixed place */
  CHECK(style_of("khuya") == VI_TONE_NONE);
  CHECK(style_of("thuở") == VI_TONE_NONE);
  CHECK(style_of("hòa bình") == VI_TONE_NONE); /* not one syllable */
  CHECK(style_of("") == VI_TONE_NONE);

  /* Rewriting a text to one style. */
  CHECK_STR(styled("Hoà Bình", VI_TONE_OLD), "Hòa Bình");
  CHECK_STR(styled("Hòa Bình", VI_TONE_NEW), "Hoà Bình");
  CHECK_STR(styled("Hòa Bình", VI_TONE_OLD), "Hòa Bình");
  CHECK_STR(styled("thủy lợi", VI_TONE_NEW), "thuỷ lợi");
  CHECK_STR(styled("thuỷ lợi", VI_TONE_OLD), "thủy lợi");
  CHECK_STR(styled("khỏe", VI_TONE_NEW), "khoẻ");
  CHECK_STR(styled("khoẻ", VI_TONE_OLD), "khỏe");
  CHECK_STR(styled("hoàng", VI_TONE_OLD), "hoàng");
  CHECK_STR(styled("hoàng", VI_TONE_NEW), "hoàng");
  CHECK_STR(styled("quý", VI_TONE_OLD), "quý");
  CHECK_STR(styled("quý", VI_TONE_NEW), "quý");
  CHECK_STR(styled("HOÀ BÌNH", VI_TONE_OLD), "HÒA BÌNH");
  CHECK_STR(
      styled("Uỷ ban nhân dân xã Hoà Bình: tuỳ hoàn cảnh, sức khoẻ, quý, thuỷ lợi.", VI_TONE_OLD),
      "Ủy ban nhân dân xã Hòa Bình: tùy hoàn cảnh, sức khỏe, quý, thủy lợi.");
  CHECK_STR(
      styled("Ủy ban nhân dân xã Hòa Bình: tùy hoàn cảnh, sức khỏe, quý, thủy lợi.", VI_TONE_NEW),
      "Uỷ ban nhân dân xã Hoà Bình: tuỳ hoàn cảnh, sức khoẻ, quý, thuỷ lợi.");
  CHECK_STR(styled(NFD_HOA_NEW " " NFD_VIET, VI_TONE_OLD), "hòa Việt"); /* NFD in, NFC out */
  CHECK_STR(styled(NFD_HOA_NEW, VI_TONE_NONE), "hoà");
  CHECK_STR(styled("", VI_TONE_OLD), "");

  vb_buf_free(&out);
  vi_cleanup();
  TEST_MAIN_END();
}
