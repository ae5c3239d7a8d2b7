#include "util/arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

typedef struct block {
  struct block *next;
  size_t size, used;
  alignas(max_align_t) unsigned char data[];
} block;

struct vb_arena {
  block *head;
  size_t total;
};

enum { BLOCK_MIN = 64 * 1024 };
/* Blocks double up to this size and stay at it, so that huge data makes a
 * bounded number of blocks without ever asking for absurd sizes at once. */
#define BLOCK_MAX ((size_t)64 * 1024 * 1024)

vb_arena *vb_arena_new(void) { return vb_xcalloc(1, sizeof(vb_arena)); }

void *vb_arena_alloc_raw(vb_arena *a, size_t n, size_t align) {
  block *b = a->head;
  /* Every block's data is aligned for any type, so aligning the offset
   * aligns the address. */
  size_t off = b ? (b->used + align - 1) & ~(align - 1) : 0;
  if (!b || off > b->size || b->size - off < n) {
    size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
    /* Grow geometrically so huge arrays do not produce thousands of blocks. */
    if (b) {
      size_t grown = b->size < BLOCK_MAX / 2 ? b->size * 2 : BLOCK_MAX;
      if (size < grown) size = grown;
    }
    block *nb = vb_xmalloc(sizeof(block) + size);
    nb->size = size;
    nb->used = 0;
    nb->next = b;
    a->head = b = nb;
    off = 0;
  }
  void *p = b->data + off;
  a->total += off + n - b->used;
  b->used = off + n;
  return p;
}

void *vb_arena_alloc(vb_arena *a, size_t n) {
  void *p = vb_arena_alloc_raw(a, n, alignof(max_align_t));
  memset(p, 0, n);
  return p;
}

char *vb_arena_strndup(vb_arena *a, const char *s, size_t n) {
  char *p = vb_arena_alloc_raw(a, n + 1, 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *vb_arena_strdup(vb_arena *a, const char *s) { return vb_arena_strndup(a, s, strlen(s)); }

vb_arena_mark vb_arena_save(const vb_arena *a) {
  vb_arena_mark m = {a->head, a->head ? a->head->used : 0, a->total};
  return m;
}

void vb_arena_rewind(vb_arena *a, vb_arena_mark m) {
  while (a->head && a->head != (block *)m.block) {
    block *n = a->head->next;
    free(a->head);
    a->head = n;
  }
  if (a->head) a->head->used = m.used;
  a->total = m.total;
}

void vb_arena_reset(vb_arena *a) {
  if (!a->head) return;
  /* Keep the largest-so-far (most recent) block, drop the others. */
  block *keep = a->head, *b = keep->next;
  while (b) {
    block *n = b->next;
    free(b);
    b = n;
  }
  keep->next = NULL;
  keep->used = 0;
  a->total = 0;
}

size_t vb_arena_used(const vb_arena *a) { return a->total; }

void vb_arena_free(vb_arena *a) {
  if (!a) return;
  block *b = a->head;
  while (b) {
    block *n = b->next;
    free(b);
    b = n;
  }
  free(a);
}
