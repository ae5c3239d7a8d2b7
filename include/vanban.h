/* vanban — Vietnamese administrative documents (DOCX/ODT) from indicator data.
 *
 * The whole public API. A template is opened and compiled once, then rendered
 * any number of times against different data; every failure comes back as a
 * list of structured diagnostics (code, severity, file, where, message, hint).
 *
 *     vb_diags *d = vb_diags_new();
 *     vb_template *t = vb_template_open("bao-cao.docx", 0, d);
 *     vb_data *data = vb_data_load_file("xa-ha-tan.json", d);
 *     if (t && data) vb_render_file(t, data, "out/bao-cao.docx", 0, d);
 *     for (size_t i = 0; i < vb_diags_count(d); i++)
 *       fprintf(stderr, "%s\n", vb_diag_text(vb_diags_get(d, i)));
 *
 * Strings are UTF-8. Objects returned by the _new, _open and _load calls are freed by the
 * matching *_free, which accepts NULL. Nothing here writes to stdout/stderr.
 */
#ifndef VANBAN_H
#define VANBAN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. They double as the CLI's exit codes. */
typedef enum vb_status {
  VB_OK = 0,
  VB_EDATA = 1,     /* the data is wrong: syntax, a missing value, a failed check */
  VB_ETEMPLATE = 2, /* the template is wrong: not a DOCX/ODT, bad tag, unclosed loop */
  VB_EIO = 3,       /* a file could not be read or written */
  VB_EUSAGE = 4,    /* wrong arguments */
  VB_EINTERNAL = 5  /* a bug in vanban: please report it */
} vb_status;

typedef enum vb_severity { VB_SEV_ERROR = 0, VB_SEV_WARNING = 1 } vb_severity;

/* One diagnostic. All strings belong to the vb_diags list that holds it. */
typedef struct vb_diag {
  vb_status code;
  vb_severity severity;
  const char *file;    /* the file the problem is in, or NULL */
  const char *where;   /* line:column, JSON path, sheet!cell, part and paragraph; or NULL */
  const char *message; /* what is wrong */
  const char *hint;    /* what to do about it, or NULL */
} vb_diag;

typedef struct vb_diags vb_diags;

/* Create an empty diagnostics list. */
vb_diags *vb_diags_new(void);
/* Number of diagnostics (errors and warnings). */
size_t vb_diags_count(const vb_diags *d);
/* Number of errors only. */
size_t vb_diags_errors(const vb_diags *d);
/* The i-th diagnostic, in the order they were found; NULL past the end. */
const vb_diag *vb_diags_get(const vb_diags *d, size_t i);
/* Status of the first error, or VB_OK when there is none. */
vb_status vb_diags_status(const vb_diags *d);
/* Remove every diagnostic. */
void vb_diags_clear(vb_diags *d);
void vb_diags_free(vb_diags *d);
/* One-line text: "FILE: WHERE: error: MESSAGE (HINT)". The string is owned by
 * the diagnostic and stays valid as long as its list. */
const char *vb_diag_text(const vb_diag *diag);

/* Library version, e.g. "0.1.0". */
const char *vb_version(void);

#ifdef __cplusplus
}
#endif
#endif
