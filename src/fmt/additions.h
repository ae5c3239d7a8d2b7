/* What a render adds to a package besides its rendered parts — pictures,
 * links and charts the values put into the text — and how each format
 * writes them. This is the seam between the template engine and the
 * formats for everything a document holds beyond its text:
 *
 *   while the parts render, tpl/package.c collects a vb_additions (each
 *   distinct picture once, the relationships each part needs, the charts),
 *   naming entries and ids through the rules below so that the XML written
 *   into the parts can refer to them;
 *   after the last part, vb_add_rules.finish writes the new entries and
 *   edits the entries that list a package's parts (DOCX: [Content_Types].xml
 *   and the parts' relationships; ODT: META-INF/manifest.xml), which the
 *   render copied into the writer as they were.
 *
 * Everything is deterministic: names and ids follow the order in which the
 * values were rendered. A render that adds nothing leaves the package as it
 * was. */
#ifndef VB_FMT_ADDITIONS_H
#define VB_FMT_ADDITIONS_H
#include <stddef.h>

#include "fmt/inline.h"
#include "pkg/pkg.h"
#include "util/buf.h"
#include "vanban.h"

/* A picture, stored once per document whatever number of places show it. */
typedef struct vb_added_media {
  const char *name; /* the package entry ("word/media/vb-image1.png") */
  const void *bytes;
  size_t len;
  const char *ext;  /* "png", "jpeg" */
  const char *mime; /* "image/png", "image/jpeg" */
} vb_added_media;

typedef enum vb_rel_kind { VB_REL_IMAGE, VB_REL_HYPERLINK, VB_REL_CHART } vb_rel_kind;

/* A part's reference to something added (formats that name things by
 * relationship; DOCX). */
typedef struct vb_added_rel {
  const char *source; /* the part that refers ("word/document.xml") */
  const char *id;     /* "rIdVb3" */
  vb_rel_kind kind;
  const char *target; /* the entry's name, or the URL (external) */
} vb_added_rel;

typedef struct vb_added_chart {
  const char *name; /* its entry ("word/charts/vb-chart1.xml") or folder ("Object 1") */
  const vb_chart *chart;
} vb_added_chart;

typedef struct vb_additions {
  vb_added_media *media;
  size_t nmedia;
  vb_added_rel *rels;
  size_t nrels;
  vb_added_chart *charts;
  size_t ncharts;
} vb_additions;

/* A template entry the render copied into the writer and finish may give
 * new bytes (vb_pkg_writer_replace_owned). */
typedef struct vb_add_slot {
  size_t entry;      /* index in the template package */
  size_t writer;     /* index in the writer */
  const char *bytes; /* what the writer has, when not the template's bytes
                        (the record of what made the document); else NULL */
  size_t len;
} vb_add_slot;

typedef struct vb_add_rules {
  /* The name of the n-th (1-based) added picture with extension ext, or
   * chart. The caller skips names the template already has. */
  void (*media_name)(vb_buf *out, unsigned n, const char *ext);
  void (*chart_name)(vb_buf *out, unsigned n);
  /* 1: parts refer to what is added by relationship ids (made by the
   * caller as "rIdVb" and a number above those the template uses, see
   * note_ids); 0: by the entry's path or the URL itself. */
  int by_relationship;
  /* Template entries that list the package's parts and may have to change. */
  int (*is_listing)(const char *entry);
  /* At compile time, for every entry: raise ids->next_rel above every
   * "rIdVbN" relationship id and ids->next_drawing above every drawing id
   * the entry uses. */
  void (*note_ids)(const char *entry, const char *xml, size_t len, unsigned *next_rel,
                   unsigned *next_drawing);
  /* The width of the text on the template's main pages, in EMU (a picture
   * without a size is made no wider); 0 when it cannot be told. */
  long long (*text_width)(vb_pkg *tpl, vb_diags *d);
  /* Write the additions into w (nothing added: not called). slots are the
   * listing entries of the template, already in w as copies. 0, or -1 with
   * an error in d. */
  int (*finish)(const vb_additions *adds, vb_pkg *tpl, vb_pkg_writer *w, const vb_add_slot *slots,
                size_t nslots, vb_diags *d);
} vb_add_rules;

extern const vb_add_rules vb_add_rules_docx;
extern const vb_add_rules vb_add_rules_odt;

#endif
