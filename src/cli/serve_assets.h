/* Files compiled into `vanban serve` (cmake/embed-files.cmake): the page
 * (web/) and the samples an officer can start from. */
#ifndef VB_CLI_SERVE_ASSETS_H
#define VB_CLI_SERVE_ASSETS_H
#include <stddef.h>

typedef struct serve_asset {
  const char *name; /* "web/index.html", "samples/bc-xa-ha-tan-6thang-2024.json" */
  const unsigned char *data;
  size_t len;
} serve_asset;

/* Every embedded file, ended by an entry whose name is NULL. */
extern const serve_asset serve_assets[];

#endif
