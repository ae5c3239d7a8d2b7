/* A template package compiled once and rendered any number of times: the
 * package kept open, one compiled tree per part that has tags, and the tags
 * in document order. Parts without tags are never parsed; a render copies
 * them into the output as their compressed bytes. The public vb_template
 * (src/api) wraps one of these. */
#ifndef VB_TPL_PACKAGE_H
#define VB_TPL_PACKAGE_H
#include "data/value.h"
#include "fmt/document.h"
#include "pkg/pkg.h"
#include "tpl/rich.h"
#include "tpl/tpl.h"

typedef struct vb_tpl_package {
  const char *name; /* the template's name for messages (not owned) */
  const vb_doc_format *doc;
  vb_pkg *pkg;
  vb_arena *arena;     /* IR, expressions, tags */
  vb_part_tpl **parts; /* per package entry: compiled part, or NULL = copy as is */
  vb_tag **tags;       /* every tag, in document order: tags[i]->id == i */
  size_t ntags, tags_cap;
  unsigned first_mark_id; /* above every range id of the template (vb_doc_format.next_mark_id) */
  /* What a document rendered with marks records of what made it (custom
   * properties VB_PROP_*): per package entry, its bytes with the record when
   * the record changes it (or NULL); the part to add when the template has
   * none to hold it. */
  char **recorded;
  size_t *recorded_len;
  char *added_name, *added;
  size_t added_len;
  /* The template's tags in a few characters (a hash of their kinds and
   * expressions, in order; comments and cell markers only as places): two
   * templates with the same tags mark values alike, whatever their format
   * or name. */
  char tags_hash[8];
  /* Pictures the renders read, checked once (tpl/rich.h). */
  vb_media_cache *media;
  long long text_width;  /* EMU, of the main pages: the widest a picture is made by default */
  unsigned first_rel_id; /* added relationships are numbered from here (fmt/additions.h) */
  /* A part turns pages ({% trang %}): the template's page styles part
   * (vb_doc_format.page_styles_part) as it is, or NULL (fmt/pages.h). */
  int turns_pages;
  /* Some part places pictures (hinh): the floating ones may need styles
   * added to the page styles part (vb_doc_format.turn_styles). */
  int places_pictures;
  char *page_styles;
  size_t page_styles_len;
} vb_tpl_package;

/* The custom properties of a document rendered with marks. */
#define VB_PROP_TEMPLATE "vanban.template"
#define VB_PROP_TAGS "vanban.template.tags"
#define VB_PROP_VERSION "vanban.version"
enum { VB_NPROPS = 3 };

/* The properties a document rendered with tp records: the template's file
 * name, its tags (tags_hash) and vanban's version. */
void vb_tpl_package_props(const vb_tpl_package *tp, vb_custom_prop props[VB_NPROPS]);

/* Where the pictures a data file names are: its folder, and whether paths
 * outside it are allowed. NULL: in the current folder, not outside it. */
typedef struct vb_tpl_files {
  const char *base_dir;
  int allow_outside;
} vb_tpl_files;

/* Recognise the format of pkg and compile every template part of it. tp
 * takes pkg over (freed by vb_tpl_package_free, also on failure). 0, or -1
 * with diagnostics. */
int vb_tpl_package_compile(vb_tpl_package *tp, vb_pkg *pkg, const char *name, vb_diags *d);
void vb_tpl_package_free(vb_tpl_package *tp);

/* Render against `root` into a new package writer (VB_TPL_* flags); NULL
 * with diagnostics when a value cannot be rendered. Pictures, links and
 * charts the values put into the text are added to the package (each
 * distinct picture once) with what lists them (fmt/additions.h). */
vb_pkg_writer *vb_tpl_package_render(const vb_tpl_package *tp, const vb_value *root, unsigned flags,
                                     const vb_tpl_files *files, vb_diags *d);

/* Called for every rendered part: its name, its bytes (what a render with
 * the same flags writes) and where each loop item and value is in them (fn
 * may take the trace's arrays over, leaving it empty). 0 to go on, -1 to stop
 * (with diagnostics). */
typedef int (*vb_tpl_traced_fn)(void *ud, const char *part, const char *xml, size_t len,
                                vb_tpl_trace *trace);

/* Render against `root` (VB_TPL_* flags) without writing a package: every
 * rendered part goes to fn with its trace. 0, or -1 with diagnostics. */
int vb_tpl_package_trace(const vb_tpl_package *tp, const vb_value *root, unsigned flags,
                         const vb_tpl_files *files, vb_tpl_traced_fn fn, void *ud, vb_diags *d);

/* The tag with this id, or NULL. */
const vb_tag *vb_tpl_package_tag(const vb_tpl_package *tp, unsigned id);

/* The innermost loop around the value tag with this id, or NULL when the
 * value is in no loop. */
const vb_tag *vb_tpl_package_loop_of(const vb_tpl_package *tp, unsigned id);

#endif
