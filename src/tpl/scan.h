/* Paragraph scanning (scan.c), shared with the compiler (compile.c). */
#ifndef VB_TPL_SCAN_H
#define VB_TPL_SCAN_H
#include <libxml/tree.h>

#include "fmt/format.h"
#include "util/arena.h"
#include "vanban.h"

typedef struct vb_found_tag {
  const char *text, *excerpt, *where;
  xmlNode *para; /* the paragraph it was found in */
  xmlNode *node; /* its placeholder element */
  size_t start, end;
} vb_found_tag;

typedef struct vb_para_info {
  xmlNode *para;
  size_t visible; /* characters outside tags that are not blanks, plus objects */
  size_t ntags;
} vb_para_info;

typedef struct vb_scan {
  vb_arena *a;
  const vb_format *fmt;
  const char *pkg_name;
  vb_diags *d;
  vb_found_tag *found;
  size_t nfound, cap;
  vb_para_info *paras;
  size_t nparas, pcap;
} vb_scan;

/* Scan one paragraph: find its tags, replace each by a placeholder, record
 * how much visible text remains. Returns the number of errors reported. */
int vb_scan_paragraph(vb_scan *sc, xmlNode *para, const char *where);
vb_found_tag *vb_scan_push(vb_scan *sc);
void vb_scan_para_info(vb_scan *sc, xmlNode *para, size_t visible, size_t ntags);
/* The recorded info of a paragraph, or NULL. */
const vb_para_info *vb_scan_find_para(const vb_scan *sc, const xmlNode *para);

#endif
