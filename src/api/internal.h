/* Definitions shared by the public API's implementation files. */
#ifndef VB_API_INTERNAL_H
#define VB_API_INTERNAL_H
#include "data/value.h"
#include "pkg/pkg.h"
#include "tpl/package.h"
#include "vanban.h"

struct vb_template {
  char *name;
  char *bytes; /* owned copy when opened from memory (the package refers to it) */
  vb_tpl_package tp;
};

struct vb_data {
  char *name;
  char *sheet_base; /* what sheet paths are relative to when their value has no file, or NULL */
  vb_arena *arena;
  vb_value *root;       /* what templates see (the computed view for vanban documents) */
  vb_value *input;      /* the data as read (sheets and unit lists resolved), for checks */
  const char *tpl_name; /* shipped template asked for, or NULL */
  unsigned flags;       /* VB_DATA_* it was loaded with */
  char *dir;            /* the data file's folder: pictures it names are looked for there */
};

/* A checked file (api/check.c; pages, JSON and annotation in check_*.c). */
struct vb_check {
  struct vb_proof *proof; /* the rules' run: the document view and the findings */
  vb_arena *a;
  vb_finding *out; /* what the API hands out, one per finding */
  size_t n;
  long *para_of; /* for each out[i], the view's paragraph, or -1 */
  int is_doc;
  const char *file;
  const char *kind; /* "docx", "odt", "data" */
};

/* Internal flags of vb_data_load_* for `check` (api/check.c): keep the data
 * when the model finds errors (the check lists them), and do not add the
 * prose checks' warnings (the check reports them as findings). */
enum { VB_DATA_KEEP_ON_ERROR = 1u << 30, VB_DATA_NO_PROOF = 1u << 29 };
vb_data *vb_data_load_for_check(const char *path, unsigned flags, vb_diags *d, int *model_ok);

/* The proofreading checks of a loaded data file (api/check.c): their
 * findings as warnings in d (render shows them; check reports them itself). */
void vb_data_proof_warnings(const vb_data *data, vb_diags *d);

/* Loading data from a tree instead of a file (a batch unit's merged data):
 * make the vb_data, build the input tree in data->arena, then finish, which
 * does what loading a file does once it is parsed (sheets, unit list, the
 * model; errors counts d's errors before, to judge only new ones) and frees
 * data on failure. */
vb_data *vb_data__new(const char *name);
vb_data *vb_data__finish(vb_data *data, vb_value *input, size_t errors, unsigned flags,
                         vb_diags *d);

#endif
