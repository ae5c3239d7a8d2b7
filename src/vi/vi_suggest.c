/* "Có phải là …?": the known name a mistyped one most likely meant. Names
 * are compared as a person reads them: NFC, without case, tone marks or the
 * marks of ă â ê ô ơ ư (đ as d), so "Ke hoach", "KẾ HOẠCH" and "Kế hoặch"
 * are all "Kế hoạch"; then by edit distance in characters, a swap of two
 * neighbours counting one. */
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

enum { MAX_CHARS = 64 };

/* The folded code points of s, at most MAX_CHARS; returns how many, or -1
 * when s is longer (such names are not typed by hand). */
static int fold(const char *s, UChar32 *out) {
  int32_t len = 0;
  UChar *src = vi_u16_from_utf8(s, (size_t)-1, &len);
  int32_t dlen = 0;
  UChar *nfd = vi_u16_normalize(1, src, len, &dlen);
  int n = 0;
  for (int32_t i = 0; i < dlen;) {
    UChar32 c;
    U16_NEXT(nfd, i, dlen, c);
    if (u_getCombiningClass(c) != 0) continue; /* every mark goes */
    if (c == 0x0110 || c == 0x0111) c = 'd';
    if (n == MAX_CHARS) {
      n = -1;
      break;
    }
    out[n++] = u_tolower(c);
  }
  free(nfd);
  free(src);
  return n;
}

/* Optimal string alignment distance. */
static int distance(const UChar32 *a, int na, const UChar32 *b, int nb) {
  static const int W = MAX_CHARS + 1;
  int *d = malloc(sizeof(int) * (size_t)W * W);
  for (int i = 0; i <= na; i++)
    d[i * W] = i;
  for (int j = 0; j <= nb; j++)
    d[j] = j;
  for (int i = 1; i <= na; i++)
    for (int j = 1; j <= nb; j++) {
      int cost = a[i - 1] != b[j - 1];
      int best = d[(i - 1) * W + j - 1] + cost;
      if (d[(i - 1) * W + j] + 1 < best) best = d[(i - 1) * W + j] + 1;
      if (d[i * W + j - 1] + 1 < best) best = d[i * W + j - 1] + 1;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[(i - 2) * W + j - 2] + 1 < best)
        best = d[(i - 2) * W + j - 2] + 1;
      d[i * W + j] = best;
    }
  int r = d[na * W + nb];
  free(d);
  return r;
}

static int separator(UChar32 c) { return c == '_' || c == ' ' || c == '-' || c == '.'; }

/* a is a whole part of b: b = a + "_…", "…_" + a or "…_" + a + "_…"
 * (hoa_dau in viet_hoa_dau, "Chỉ tiêu" in "Tên chỉ tiêu"). */
static int part_of(const UChar32 *a, int na, const UChar32 *b, int nb) {
  if (na < 3 || na >= nb) return 0;
  for (int at = 0; at + na <= nb; at++) {
    if (at > 0 && !separator(b[at - 1])) continue;
    if (at + na < nb && !separator(b[at + na])) continue;
    if (memcmp(a, b + at, sizeof(UChar32) * (size_t)na) == 0) return 1;
  }
  return 0;
}

const char *vi_suggest(const char *word, const char *const *known) {
  if (!word || !*word || !known) return NULL;
  UChar32 w[MAX_CHARS], k[MAX_CHARS];
  int nw = fold(word, w);
  if (nw <= 0) return NULL;
  int limit = nw <= 4 ? 1 : nw <= 8 ? 2 : 3;
  const char *best = NULL;
  int best_d = limit + 1;
  const char *longer = NULL, *shorter = NULL;
  for (size_t i = 0; known[i]; i++)
    if (strcmp(known[i], word) == 0) return NULL;
  for (size_t i = 0; known[i]; i++) {
    int nk = fold(known[i], k);
    if (nk <= 0) continue;
    int d = nw - nk > limit || nk - nw > limit ? limit + 1 : distance(w, nw, k, nk);
    if (d < best_d) best = known[i], best_d = d;
    if (!longer && part_of(w, nw, k, nk)) longer = known[i];
    /* a known name inside the word: only when it is most of it */
    if (!shorter && 2 * nk >= nw && part_of(k, nk, w, nw)) shorter = known[i];
  }
  return best ? best : longer ? longer : shorter;
}
