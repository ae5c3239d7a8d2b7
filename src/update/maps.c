/* Open addressing with linear probing; the tables double at half full. */
#include "update/maps.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

static size_t hash_bytes(const char *s, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
  return (size_t)(h ^ (h >> 29));
}

static size_t hash_ptr(const void *p) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x;
}

static void str_grow(upd_strmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 256;
  struct upd_strslot *slots = vb_xcalloc(cap, sizeof *slots);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slots[i].key) continue;
    size_t k = hash_bytes(m->slots[i].key, m->slots[i].len) & (cap - 1);
    while (slots[k].key)
      k = (k + 1) & (cap - 1);
    slots[k] = m->slots[i];
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
}

size_t upd_strmap_add(upd_strmap *m, const char *key, size_t len, size_t val) {
  if (2 * (m->n + 1) > m->cap) str_grow(m);
  size_t k = hash_bytes(key, len) & (m->cap - 1);
  for (; m->slots[k].key; k = (k + 1) & (m->cap - 1))
    if (m->slots[k].len == len && memcmp(m->slots[k].key, key, len) == 0) return m->slots[k].val;
  m->slots[k].key = key;
  m->slots[k].len = len;
  m->slots[k].val = val;
  m->n++;
  return val;
}

size_t upd_strmap_get(const upd_strmap *m, const char *key, size_t len) {
  if (!m->cap) return SIZE_MAX;
  size_t k = hash_bytes(key, len) & (m->cap - 1);
  for (; m->slots[k].key; k = (k + 1) & (m->cap - 1))
    if (m->slots[k].len == len && memcmp(m->slots[k].key, key, len) == 0) return m->slots[k].val;
  return SIZE_MAX;
}

void upd_strmap_free(upd_strmap *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}

static void ptr_grow(upd_ptrmap *m) {
  size_t cap = m->cap ? m->cap * 2 : 1024;
  struct upd_ptrslot *slots = vb_xcalloc(cap, sizeof *slots);
  for (size_t i = 0; i < m->cap; i++) {
    if (!m->slots[i].key) continue;
    size_t k = hash_ptr(m->slots[i].key) & (cap - 1);
    while (slots[k].key)
      k = (k + 1) & (cap - 1);
    slots[k] = m->slots[i];
  }
  free(m->slots);
  m->slots = slots;
  m->cap = cap;
}

void upd_ptrmap_set(upd_ptrmap *m, const void *key, size_t val) {
  if (2 * (m->n + 1) > m->cap) ptr_grow(m);
  size_t k = hash_ptr(key) & (m->cap - 1);
  for (; m->slots[k].key; k = (k + 1) & (m->cap - 1))
    if (m->slots[k].key == key) {
      m->slots[k].val = val;
      return;
    }
  m->slots[k].key = key;
  m->slots[k].val = val;
  m->n++;
}

size_t upd_ptrmap_get(const upd_ptrmap *m, const void *key) {
  if (!m->cap) return SIZE_MAX;
  size_t k = hash_ptr(key) & (m->cap - 1);
  for (; m->slots[k].key; k = (k + 1) & (m->cap - 1))
    if (m->slots[k].key == key) return m->slots[k].val;
  return SIZE_MAX;
}

void upd_ptrmap_clear(upd_ptrmap *m) {
  if (m->slots) memset(m->slots, 0, m->cap * sizeof *m->slots);
  m->n = 0;
}

void upd_ptrmap_free(upd_ptrmap *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}
