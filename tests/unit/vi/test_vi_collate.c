/* Vietnamese dictionary order: letters, tones, unit names and person names. */
#include "test.h"
#include "util/buf.h"
#include "vi/vi.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sort a copy of items and compare it with want, item by item. */
static int sorts_to(const char **items, const char **want, size_t n, int person) {
  const char *copy[64];
  memcpy(copy, items, n * sizeof *items);
  if (person)
    vi_sort_person(copy, n);
  else
    vi_sort(copy, n);
  int same = 1;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(copy[i], want[i]) != 0) {
      fprintf(stderr, "  position %zu: got \"%s\", want \"%s\"\n", i, copy[i], want[i]);
      same = 0;
    }
  }
  return same;
}

int main(void) {
  /* Every base letter of the alphabet, and every tone on a: letters first, tones in
   * the order none, huyền, hỏi, ngã, sắc, nặng. */
  const char *alphabet[] = {"a", "à", "ả", "ã", "á", "ạ", "ă", "â", "b", "c", "d", "đ",
                            "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ",
                            "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"};
  const char *shuffled[] = {"ư", "ạ", "y", "đ", "ô", "b", "ã", "ê", "a", "x", "ơ", "á",
                            "d", "â", "m", "ả", "e", "v", "o", "q", "ă", "à", "u", "k",
                            "t", "g", "c", "s", "h", "n", "i", "r", "p", "l"};
  CHECK(COUNT(alphabet) == COUNT(shuffled));
  CHECK(sorts_to(shuffled, alphabet, COUNT(alphabet), 0));

  /* Tones are a secondary difference: a later letter outweighs them. */
  const char *tones[] = {"ba", "bà", "bả", "bã", "bá", "bạ", "bác", "băm", "bẩm", "bê"};
  const char *tones_shuffled[] = {"bác", "bạ", "bê", "bả", "ba", "bẩm", "bá", "băm", "bà", "bã"};
  CHECK(sorts_to(tones_shuffled, tones, COUNT(tones), 0));

  /* Unit names that start with Vietnamese letters. */
  const char *units[] = {"An ninh", "Ăn uống",         "Âm nhạc",   "Bưu điện",
                         "Dân số",  "Đoàn thanh niên", "Một cửa",   "Tài chính",
                         "Ủy ban",  "Ưu tiên",         "Văn phòng", "Y tế"};
  const char *units_shuffled[] = {"Ưu tiên",   "Văn phòng", "Đoàn thanh niên", "Y tế",
                                  "Tài chính", "Âm nhạc",   "Ủy ban",          "Bưu điện",
                                  "Một cửa",   "Dân số",    "Ăn uống",         "An ninh"};
  CHECK(sorts_to(units_shuffled, units, COUNT(units), 0));

  CHECK(vi_collate("d", "đ") < 0);
  CHECK(vi_collate("đ", "e") < 0);
  CHECK(vi_collate("dz", "đa") < 0);
  CHECK(vi_collate("u", "ư") < 0);
  CHECK(vi_collate("Ủy ban", "Ưu tiên") < 0);
  CHECK(vi_collate("Tài chính", "Ủy ban") < 0);
  CHECK(vi_collate("ơ", "ô") > 0);
  CHECK(vi_collate("Hà", "Hà") == 0);
  /* Canonically equivalent spellings (NFC "ò" and NFD "o" + U+0300) are equal. */
  CHECK(vi_collate("H\xc3\xb2"
                   "a",
                   "Ho\xcc\x80"
                   "a") == 0);

  /* Stable: equal strings keep their input order. */
  char first[] = "Hòa", second[] = "Ho\xcc\x80"
                                   "a";
  const char *stable[] = {"Thủy", first, "An", second};
  vi_sort(stable, COUNT(stable));
  CHECK_STR(stable[0], "An");
  CHECK(stable[1] == first && stable[2] == second);
  CHECK_STR(stable[3], "Thủy");
  const char *stable_rev[] = {second, "Thủy", first};
  vi_sort(stable_rev, COUNT(stable_rev));
  CHECK(stable_rev[0] == second && stable_rev[1] == first);
  vi_sort(NULL, 0);

  /* Person names: given name, then family name, then middle names. */
  CHECK(vi_collate_person("Nguyễn Văn An", "Trần Thị Bình") < 0);
  CHECK(vi_collate_person("Lê Văn Bình", "Trần Thị Bình") < 0);
  CHECK(vi_collate_person("Trần Thị Bình", "Lê Văn Bình") > 0);
  CHECK(vi_collate_person("Nguyễn Thị Hoa", "Nguyễn Văn Hoa") < 0);
  CHECK(vi_collate_person("Đặng Văn Ân", "Lê An") > 0);
  CHECK(vi_collate_person("Bình", "Lê Văn Bình") < 0);
  CHECK(vi_collate_person("Lê Bình", "Lê Văn Bình") < 0);
  CHECK(vi_collate_person("  Lê  Văn Bình ", "Lê Văn Bình") != 0);
  CHECK(vi_collate_person("Lê Văn Bình", "Lê Văn Bình") == 0);
  CHECK(vi_collate_person("", "An") < 0);

  const char *people[] = {"Nguyễn Văn An", "Đặng Thị Ân",   "Lê Văn Bình", "Trần Thị Bình",
                          "Phạm Quốc Đạt", "Hoàng Thị Hoa", "Lê Hoa",      "Nguyễn Thị Hoa",
                          "Võ Văn Ư",      "Bùi Thị Yến"};
  const char *people_shuffled[] = {"Trần Thị Bình", "Nguyễn Thị Hoa", "Võ Văn Ư",    "Bùi Thị Yến",
                                   "Phạm Quốc Đạt", "Lê Hoa",         "Đặng Thị Ân", "Lê Văn Bình",
                                   "Hoàng Thị Hoa", "Nguyễn Văn An"};
  CHECK(sorts_to(people_shuffled, people, COUNT(people), 1));

  vi_cleanup();
  TEST_MAIN_END();
}
