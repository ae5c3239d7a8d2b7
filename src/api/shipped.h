/* The shipped templates compiled into the library: a table generated at
 * build time (templates/embed_templates.c) from templates/NAME/FORMAT/. */
#ifndef VB_API_SHIPPED_H
#define VB_API_SHIPPED_H
#include <stddef.h>

#include "vanban.h"

typedef struct vb_shipped {
  const char *name; /* "bao-cao", "thong-bao" */
  vb_format_kind format;
  const unsigned char *bytes; /* the package, as `vanban pack` writes it */
  size_t len;
} vb_shipped;

extern const vb_shipped vb_shipped_templates[];
extern const size_t vb_shipped_count;

#endif
