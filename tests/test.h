/* Minimal unit-test harness: CHECK-style assertions that keep going, a
 * summary line ctest and CI can read ("N passed, N failed"), exit status
 * non-zero on any failure. Every assertion is on content, never on "it ran". */
#ifndef VB_TEST_H
#define VB_TEST_H
#include <stdio.h>
#include <string.h>

static int vb_test_passed, vb_test_failed;

#define CHECK(cond)                                                                                \
  do {                                                                                             \
    if (cond) {                                                                                    \
      vb_test_passed++;                                                                            \
    } else {                                                                                       \
      vb_test_failed++;                                                                            \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                     \
    }                                                                                              \
  } while (0)

#define CHECK_STR(got, want)                                                                       \
  do {                                                                                             \
    const char *g_ = (got), *w_ = (want);                                                          \
    if (g_ && w_ && strcmp(g_, w_) == 0) {                                                         \
      vb_test_passed++;                                                                            \
    } else {                                                                                       \
      vb_test_failed++;                                                                            \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s\n  got:  \"%s\"\n  want: \"%s\"\n", __FILE__,   \
              __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");                             \
    }                                                                                              \
  } while (0)

#define CHECK_CONTAINS(hay, needle)                                                                \
  do {                                                                                             \
    const char *h_ = (hay), *n_ = (needle);                                                        \
    if (h_ && n_ && strstr(h_, n_)) {                                                              \
      vb_test_passed++;                                                                            \
    } else {                                                                                       \
      vb_test_failed++;                                                                            \
      fprintf(stderr, "%s:%d: CHECK_CONTAINS failed: \"%s\" not in \"%s\"\n", __FILE__, __LINE__,  \
              n_ ? n_ : "(null)", h_ ? h_ : "(null)");                                             \
    }                                                                                              \
  } while (0)

/* A test program that asserted nothing fails: it proves nothing. */
#define TEST_MAIN_END()                                                                            \
  do {                                                                                             \
    printf("%d passed, %d failed\n", vb_test_passed, vb_test_failed);                              \
    if (vb_test_passed + vb_test_failed == 0)                                                      \
      fprintf(stderr, "no assertion ran\n");                                                       \
    return vb_test_failed || vb_test_passed == 0 ? 1 : 0;                                          \
  } while (0)

#endif
