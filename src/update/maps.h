/* Two small hash maps the update needs on documents of thousands of marks:
 * byte strings (mark names, item keys) to numbers, and nodes to numbers. */
#ifndef VB_UPDATE_MAPS_H
#define VB_UPDATE_MAPS_H
#include <stddef.h>

/* Keys are not copied: they must outlive the map. */
typedef struct upd_strmap {
  struct upd_strslot {
    const char *key;
    size_t len;
    size_t val;
  } * slots;
  size_t n, cap;
} upd_strmap;

/* Add key → val unless key is there already; returns the value now stored. */
size_t upd_strmap_add(upd_strmap *m, const char *key, size_t len, size_t val);
/* The value of key, or SIZE_MAX. */
size_t upd_strmap_get(const upd_strmap *m, const char *key, size_t len);
void upd_strmap_free(upd_strmap *m);

typedef struct upd_ptrmap {
  struct upd_ptrslot {
    const void *key;
    size_t val;
  } * slots;
  size_t n, cap;
} upd_ptrmap;

/* Set key → val (replacing). */
void upd_ptrmap_set(upd_ptrmap *m, const void *key, size_t val);
/* The value of key, or SIZE_MAX. */
size_t upd_ptrmap_get(const upd_ptrmap *m, const void *key);
void upd_ptrmap_clear(upd_ptrmap *m);
void upd_ptrmap_free(upd_ptrmap *m);

#endif
