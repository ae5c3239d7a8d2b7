/* Vietnamese dictionary order (ICU collator "vi") for lists and person names. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>

#include "vi/vi.h"
#include "vi/vi_internal.h"

/* Comparing is thread-safe on a shared collator, but creating and closing it is not,
 * so every use holds the mutex. The critical sections are short. */
static pthread_mutex_t collate_lock = PTHREAD_MUTEX_INITIALIZER;
static UCollator *collator;

static UCollator *collator_locked(void) {
  if (collator) return collator;
  UErrorCode status = U_ZERO_ERROR;
  collator = ucol_open("vi", &status);
  if (U_FAILURE(status)) vi_icu_fail("ucol_open(vi)", status);
  return collator;
}

void vi_collate_cleanup(void) {
  pthread_mutex_lock(&collate_lock);
  if (collator) ucol_close(collator);
  collator = NULL;
  pthread_mutex_unlock(&collate_lock);
}

static int collate_n(const char *a, size_t an, const char *b, size_t bn) {
  UErrorCode status = U_ZERO_ERROR;
  pthread_mutex_lock(&collate_lock);
  UCollationResult r = ucol_strcollUTF8(collator_locked(), a, (int32_t)an, b, (int32_t)bn, &status);
  pthread_mutex_unlock(&collate_lock);
  if (U_FAILURE(status)) vi_icu_fail("ucol_strcollUTF8", status);
  return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
}

int vi_collate(const char *a, const char *b) { return collate_n(a, strlen(a), b, strlen(b)); }

/* Stable merge sort of n pointers; tmp has room for n. Used instead of qsort, which
 * does not promise stability. */
typedef int item_cmp(const void *a, const void *b);

static void merge_sort(const void **items, const void **tmp, size_t n, item_cmp *cmp) {
  if (n < 2) return;
  size_t half = n / 2;
  merge_sort(items, tmp, half, cmp);
  merge_sort(items + half, tmp, n - half, cmp);
  size_t i = 0, j = half, k = 0;
  while (i < half && j < n)
    tmp[k++] = cmp(items[j], items[i]) < 0 ? items[j++] : items[i++];
  while (i < half)
    tmp[k++] = items[i++];
  while (j < n)
    tmp[k++] = items[j++];
  memcpy(items, tmp, n * sizeof *items);
}

typedef struct keyed_item {
  const char *text;
  uint8_t *key; /* ICU sort key: NUL-terminated, compared bytewise */
} keyed_item;

static int keyed_item_cmp(const void *a, const void *b) {
  return strcmp((const char *)((const keyed_item *)a)->key,
                (const char *)((const keyed_item *)b)->key);
}

void vi_sort(const char **items, size_t n) {
  if (n < 2) return;
  /* Sort keys are computed once per item, so the collator is used n times rather
   * than n log n times. */
  keyed_item *keyed = vb_xcalloc(n, sizeof *keyed);
  const void **order = vb_xcalloc(n, sizeof *order);
  const void **tmp = vb_xcalloc(n, sizeof *tmp);
  for (size_t i = 0; i < n; i++) {
    int32_t len = 0;
    UChar *u = vi_u16_from_utf8(items[i], (size_t)-1, &len);
    pthread_mutex_lock(&collate_lock);
    const UCollator *coll = collator_locked();
    int32_t key_len = ucol_getSortKey(coll, u, len, NULL, 0);
    keyed[i].key = vb_xmalloc((size_t)key_len);
    ucol_getSortKey(coll, u, len, keyed[i].key, key_len);
    pthread_mutex_unlock(&collate_lock);
    free(u);
    keyed[i].text = items[i];
    order[i] = &keyed[i];
  }
  merge_sort(order, tmp, n, keyed_item_cmp);
  for (size_t i = 0; i < n; i++)
    items[i] = ((const keyed_item *)order[i])->text;
  for (size_t i = 0; i < n; i++)
    free(keyed[i].key);
  free(keyed);
  free(order);
  free(tmp);
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* A person name cut into its parts; each part is a byte range of the name. */
typedef struct name_parts {
  const char *family, *middle, *given;
  size_t family_len, middle_len, given_len;
} name_parts;

static name_parts split_name(const char *name) {
  name_parts p = {"", "", "", 0, 0, 0};
  const char *start = name, *end = name + strlen(name);
  while (start < end && is_space(*start))
    start++;
  while (end > start && is_space(end[-1]))
    end--;
  if (start == end) return p;
  const char *first_end = start;
  while (first_end < end && !is_space(*first_end))
    first_end++;
  const char *last_start = end;
  while (last_start > start && !is_space(last_start[-1]))
    last_start--;
  p.given = last_start;
  p.given_len = (size_t)(end - last_start);
  if (first_end == end) return p; /* one word: a given name only */
  p.family = start;
  p.family_len = (size_t)(first_end - start);
  const char *mid = first_end, *mid_end = last_start;
  while (mid < mid_end && is_space(*mid))
    mid++;
  while (mid_end > mid && is_space(mid_end[-1]))
    mid_end--;
  p.middle = mid;
  p.middle_len = (size_t)(mid_end - mid);
  return p;
}

int vi_collate_person(const char *a, const char *b) {
  name_parts pa = split_name(a), pb = split_name(b);
  int r = collate_n(pa.given, pa.given_len, pb.given, pb.given_len);
  if (!r) r = collate_n(pa.family, pa.family_len, pb.family, pb.family_len);
  if (!r) r = collate_n(pa.middle, pa.middle_len, pb.middle, pb.middle_len);
  if (!r) r = vi_collate(a, b);
  return r;
}

static int person_cmp(const void *a, const void *b) { return vi_collate_person(a, b); }

void vi_sort_person(const char **names, size_t n) {
  if (n < 2) return;
  const void **order = vb_xcalloc(n, sizeof *order);
  const void **tmp = vb_xcalloc(n, sizeof *tmp);
  for (size_t i = 0; i < n; i++)
    order[i] = names[i];
  merge_sort(order, tmp, n, person_cmp);
  for (size_t i = 0; i < n; i++)
    names[i] = order[i];
  free(order);
  free(tmp);
}
