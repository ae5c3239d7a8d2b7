/* Values that are not text: the filters `hinh` (a picture), `lien_ket`
 * (text whose web addresses become links) and `bieu_do` (a chart) make
 * VB_EXT values (data/value.h) holding one of the payloads below. The
 * renderer writes them through the format (fmt/inline.h) after asking the
 * render's package session (tpl/package.c) for the references the part
 * needs: a picture's media entry, a link's or a chart's relationship. */
#ifndef VB_TPL_RICH_H
#define VB_TPL_RICH_H
#include <pthread.h>

#include "data/value.h"
#include "fmt/inline.h"
#include "media/media.h"
#include "tpl/expr.h"

typedef enum vb_rich_type {
  VB_RICH_PICTURE = 1,
  VB_RICH_LINKS = 2,
  VB_RICH_CHART = 3
} vb_rich_type;

/* A checked picture, held by the template's cache (below) for as long as
 * the template: renders of many documents share it. */
typedef struct vb_media_item {
  unsigned char *bytes;
  size_t len;
  vb_media_info info;
  unsigned long crc; /* of the bytes: the cache's and the document's key */
} vb_media_item;

typedef struct vb_rich_picture {
  vb_ext_text text; /* "": a picture has no text */
  const vb_media_item *item;
  vb_inline_picture place; /* size, floating; ref, id and name are the renderer's */
} vb_rich_picture;

typedef struct vb_rich_links {
  vb_ext_text text; /* the whole text */
  vb_inline_link *links;
  size_t nlinks;
} vb_rich_links;

typedef struct vb_rich_chart {
  vb_ext_text text; /* "": a chart has no text */
  vb_chart chart;
  long long cx, cy;
} vb_rich_chart;

/* The pictures a template's renders have read, checked once: a logo in a
 * thousand documents is decoded once. Files are known by path, size, time
 * and inode (a file changed between two renders is read again), inline
 * pictures by their bytes. Renders on several threads share it. */
typedef struct vb_media_cache vb_media_cache;
vb_media_cache *vb_media_cache_new(void);
void vb_media_cache_free(vb_media_cache *c);

/* What the rich filters need from the render (vb_eval.rich). */
typedef struct vb_rich_env {
  const char *base_dir; /* relative picture paths are relative to this (the data file's folder) */
  int allow_outside;    /* paths outside base_dir are allowed */
  vb_media_cache *cache;
  long long text_width; /* EMU: a picture without a size is capped to this */
  vb_arena *keep;       /* lives as long as the render (the evaluation arena is rewound per item) */
} vb_rich_env;

/* The render's package session: what the document will hold besides its
 * parts (tpl/package.c). Each call returns how `part` names the thing. */
typedef struct vb_render_pkg vb_render_pkg;
const char *vb_render_pkg_picture(vb_render_pkg *rp, const char *part, const vb_media_item *m);
const char *vb_render_pkg_link(vb_render_pkg *rp, const char *part, const char *url);
const char *vb_render_pkg_chart(vb_render_pkg *rp, const char *part, const vb_chart *c);
/* A number unique among the document's drawings. */
unsigned vb_render_pkg_drawing_id(vb_render_pkg *rp);

/* A length argument of `hinh` and `bieu_do` (tpl/picture.c): "30mm",
 * "3 cm", "85pt", "1.5in", "2,5cm", or a number of millimetres, as EMU into
 * *out (0 when v is absent). -1 when it cannot be read or is over 2 m. */
int vb_rich_length(const vb_value *v, long long *out);

/* Web addresses in text (tpl/links.c): each http://, https:// or www.
 * address, without the punctuation that ends a sentence around it. Returns
 * how many were found; *links is allocated in the arena. */
size_t vb_find_links(vb_arena *a, const char *s, size_t n, vb_inline_link **links);

#endif
