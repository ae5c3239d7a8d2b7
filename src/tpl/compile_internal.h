/* What the parts of the template compiler share (compile.c drives; tag.c
 * parses tags, lift.c lifts structural tags, emit.c serializes the tree into
 * literal bytes cut at tags, ir.c nests the tags). Private to src/tpl. */
#ifndef VB_TPL_COMPILE_INTERNAL_H
#define VB_TPL_COMPILE_INTERNAL_H
#include <libxml/tree.h>

#include "tpl/scan.h"
#include "tpl/tpl.h"
#include "util/buf.h"

typedef struct el_rename {
  xmlNode *elem;
  const char *alt;
  vb_tag *tags[6]; /* if/else/endif around the start tag, then around the end tag */
} el_rename;

struct vb_mk {
  vb_arena *a;
  const vb_format *fmt;
  const char *pkg_name, *part_name;
  vb_diags *d;
  int errors;
  vb_scan sc;
  vb_tag **tags; /* this part's tags in document order */
  size_t ntags;
  /* serialization */
  vb_buf lit;
  struct token {
    size_t off, len;
    vb_tag *tag;
  } * toks;
  size_t ntoks, tcap;
  size_t unescaped; /* docxtpl escapes replaced: the part changed even without tags */
  /* docxtpl cell markers */
  vb_tag *marker; /* the marker being applied: synthetic tags borrow its location */
  el_rename *renames;
  size_t nrenames, rcap;
  int fix_tables;
  int fix_pages; /* a {% trang %} put a page mark into the part */
};
typedef struct vb_mk compiler;

/* compile.c */
/* Append the containers of this kind under n (and its siblings), in
 * document order, to *out (grown with realloc). */
void vb_mk_collect(xmlNode *n, const vb_format *fmt, vb_container kind, xmlNode ***out, size_t *len,
                   size_t *cap);

/* lift.c: lift every structural tag (in document order), after pairing the
 * block tags. */
void vb_mk_lift(compiler *c);
/* A docxtpl cell marker ({% colspan %}, {% cellbg %}, {% vm %}, {% hm %}). */
int vb_mk_is_marker(const vb_tag *t);

/* tag.c */
/* A template error at tag t, with a rule id: "MESSAGE trong TAG (gần "EXCERPT")". */
void vb_mk_tag_error_rule(compiler *c, vb_tag *t, const char *rule, const char *hint,
                          const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void vb_mk_parse_tag(compiler *c, vb_tag *t);

/* emit.c */
int vb_mk_is_placeholder(const xmlNode *n);
void vb_mk_serialize(compiler *c, xmlNode *n, unsigned h, unsigned depth);
void vb_mk_apply_trims(compiler *c);

/* ir.c: nest the token stream into pt->root (errors go to c->errors). */
void vb_mk_build_ir(compiler *c, vb_part_tpl *pt);

#endif
