/* A bump allocator. Everything a data file or one render allocates lives in
 * one arena and is released at once, which keeps batch memory flat. */
#ifndef VB_UTIL_ARENA_H
#define VB_UTIL_ARENA_H
#include <stddef.h>

typedef struct vb_arena vb_arena;

vb_arena *vb_arena_new(void);
/* Zeroed memory aligned for any type; aborts when out of memory. */
void *vb_arena_alloc(vb_arena *a, size_t n);
/* Memory aligned to align (a power of two, at most alignof(max_align_t)) and
 * NOT zeroed. For the hot paths that fill in everything they allocate (data
 * nodes, strings, right-sized arrays): a 100,000-row data file makes millions
 * of small allocations, and padding each to 16 bytes and clearing it is a
 * measurable share of its memory and load time. */
void *vb_arena_alloc_raw(vb_arena *a, size_t n, size_t align);
/* Copy n bytes and add a NUL (byte-aligned: strings need no alignment). */
char *vb_arena_strndup(vb_arena *a, const char *s, size_t n);
char *vb_arena_strdup(vb_arena *a, const char *s);
/* A position in the arena: everything allocated after it can be released
 * at once with vb_arena_rewind (LIFO, like a stack frame). */
typedef struct vb_arena_mark {
  void *block;
  size_t used, total;
} vb_arena_mark;

vb_arena_mark vb_arena_save(const vb_arena *a);
/* Release everything allocated since m (blocks added since are freed). */
void vb_arena_rewind(vb_arena *a, vb_arena_mark m);

/* Forget everything allocated but keep the first block for reuse. */
void vb_arena_reset(vb_arena *a);
/* Bytes handed out since creation or the last reset. */
size_t vb_arena_used(const vb_arena *a);
void vb_arena_free(vb_arena *a);

#endif
