/* vanban update (update.c) and the value collection it relies on. */
#ifndef VB_UPDATE_UPDATE_H
#define VB_UPDATE_UPDATE_H
#include "vanban.h"

/* Called once per value a render writes (in document order): the tag's
 * number, the mark prefix "_vbTAG_ITEM" that identifies the value, and its
 * text. */
typedef void (*vb_value_sink)(void *ud, unsigned tag_id, const char *prefix, size_t prefix_len,
                              const char *text, size_t len);

/* Render t with data without writing a package, reporting every value. */
vb_status vb_render_collect(const vb_template *t, const vb_data *data, unsigned flags,
                            vb_value_sink sink, void *ud, vb_diags *d);

#endif
