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

vb_arena *vb_arena_new(void) { return vb_xcalloc(1, sizeof(vb_arena)); }

void *vb_arena_alloc(vb_arena *a, size_t n) {
  const size_t align = alignof(max_align_t);
  n = (n + align - 1) & ~(align - 1);
  block *b = a->head;
  if (!b || b->size - b->used < n) {
    size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
    /* Grow geometrically so huge arrays do not produce thousands of blocks. */
    if (b && size < b->size * 2 && b->size * 2 <= 64u * 1024 * 1024) size = b->size * 2;
    block *nb = vb_xmalloc(sizeof(block) + size);
    nb->size = size;
    nb->used = 0;
    nb->next = b;
    a->head = b = nb;
  }
  void *p = b->data + b->used;
  b->used += n;
  a->total += n;
  memset(p, 0, n);
  return p;
}

char *vb_arena_strndup(vb_arena *a, const char *s, size_t n) {
  char *p = vb_arena_alloc(a, n + 1);
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
