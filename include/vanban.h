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

/* Every function of this API is marked VB_API: the shared library exports
 * these and nothing else (it is built with -fvisibility=hidden). */
#ifndef VB_API
#if defined(__GNUC__) || defined(__clang__)
#define VB_API __attribute__((visibility("default")))
#else
#define VB_API
#endif
#endif

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
  /* A stable English id of the rule ("json.trailing-comma") for searching
   * and for programs. Every diagnostic the library gives has one, and is
   * worded in Vietnamese, and so is its text's frame (lỗi, cảnh báo, gợi ý). */
  const char *rule;
} vb_diag;

typedef struct vb_diags vb_diags;

/* Create an empty diagnostics list. */
VB_API vb_diags *vb_diags_new(void);
/* Number of diagnostics (errors and warnings). */
VB_API size_t vb_diags_count(const vb_diags *d);
/* Number of errors only. */
VB_API size_t vb_diags_errors(const vb_diags *d);
/* The i-th diagnostic, in the order they were found; NULL past the end. */
VB_API const vb_diag *vb_diags_get(const vb_diags *d, size_t i);
/* Status of the first error, or VB_OK when there is none. */
VB_API vb_status vb_diags_status(const vb_diags *d);
/* Remove every diagnostic. */
VB_API void vb_diags_clear(vb_diags *d);
VB_API void vb_diags_free(vb_diags *d);
/* Its text: "FILE: WHERE: lỗi: MESSAGE [RULE]" (or "cảnh báo: " for a
 * warning) and "\n  gợi ý: HINT" when there is a hint. The string is owned by the diagnostic and
 * stays valid as long as its list. */
VB_API const char *vb_diag_text(const vb_diag *diag);

/* ---- templates ---------------------------------------------------------- */

typedef struct vb_template vb_template;

typedef enum vb_format_kind { VB_FORMAT_DOCX = 1, VB_FORMAT_ODT = 2 } vb_format_kind;

/* Open a DOCX or ODT template and compile it: find every tag (also tags that
 * Word or LibreOffice split across runs), check the syntax and the nesting
 * of loops and conditions. Returns NULL with every problem found in d.
 * flags: reserved, pass 0. A compiled template is immutable: any number of
 * threads may render it (vb_render_*, vb_update_file) at the same time, so
 * a batch or a server compiles it once; only vb_template_free must wait
 * until every render is done. */
VB_API vb_template *vb_template_open(const char *path, unsigned flags, vb_diags *d);
/* Same from memory; the bytes are copied. `name` names it in messages. */
VB_API vb_template *vb_template_open_memory(const void *data, size_t len, const char *name,
                                            unsigned flags, vb_diags *d);
/* One of the templates shipped with vanban, laid out as Nghị định 30
 * requires: name "bao-cao" or "thong-bao" (what vb_data_template_name gives),
 * in either format. They are compiled into the library, so no file is read
 * and nothing depends on where vanban was built or installed. NULL with an
 * error listing the shipped ones when there is no such template. */
VB_API vb_template *vb_template_open_shipped(const char *name, vb_format_kind format,
                                             unsigned flags, vb_diags *d);
/* The i-th shipped template, to list them or to start a template of one's
 * own from one: its name, format and package bytes (owned by the library;
 * the file `vanban pack templates/NAME/FORMAT` writes). Each pointer may be
 * NULL. 0 ok, -1 past the end. */
VB_API int vb_shipped_template(size_t i, const char **name, vb_format_kind *format,
                               const void **bytes, size_t *len);
VB_API vb_format_kind vb_template_format(const vb_template *t);
VB_API void vb_template_free(vb_template *t);

/* One tag of a template, as `vanban fields` lists it. Strings belong to the
 * template. */
typedef struct vb_field {
  const char *kind;  /* "value", "for", "endfor", "if", "elif", "else", "endif", "set", "comment" */
  const char *text;  /* the tag as written, e.g. "{{ don_vi.ten | hoa }}" */
  const char *where; /* "word/document.xml, bảng 1, hàng 2, ô 3, đoạn 14" */
  const char *excerpt; /* the paragraph's text around the tag */
} vb_field;

VB_API size_t vb_template_field_count(const vb_template *t);
/* Fill *out with the i-th tag in document order; 0 on success, -1 past the end. */
VB_API int vb_template_field(const vb_template *t, size_t i, vb_field *out);
/* Call fn once for every top-level data name the template reads (loop
 * variables and `loop` excluded), sorted, without duplicates. */
VB_API void vb_template_variables(const vb_template *t, void (*fn)(void *ud, const char *name),
                                  void *ud);

/* ---- packing a template from its files ------------------------------------ */

/* Pack the files under dir (an unpacked DOCX or ODT) into a package, the way
 * the shipped templates are built from their sources in git: entries sorted
 * by name, "mimetype" first and stored, fixed timestamps, so the same files
 * always give the same bytes. *out is malloc'd (free it). */
VB_API vb_status vb_pack_memory(const char *dir, void **out, size_t *out_len, vb_diags *d);
/* Same, written atomically to out_path. */
VB_API vb_status vb_pack_file(const char *dir, const char *out_path, vb_diags *d);

/* ---- data ----------------------------------------------------------------- */

typedef struct vb_data vb_data;

/* Load a JSON data file. Syntax errors name line:column; strings are
 * NFC-normalized. When the data is a vanban document (it has "loai"), the
 * document model is validated and computed (rates, assessments, numbering):
 * its errors fail the load, its warnings are added to d. */
VB_API vb_data *vb_data_load_file(const char *path, unsigned flags, vb_diags *d);
VB_API vb_data *vb_data_load_memory(const char *json, size_t len, const char *name, unsigned flags,
                                    vb_diags *d);
/* The shipped template kind the data asks for ("bao-cao", "thong-bao"), or NULL. */
VB_API const char *vb_data_template_name(const vb_data *data);
VB_API void vb_data_free(vb_data *data);

/* Flags for vb_data_load_*. */
enum {
  VB_DATA_ISSUED = 1,   /* fill the document number and day even in a draft */
  VB_DATA_RAW = 2,      /* do not apply the document model, use the JSON as it is */
  VB_DATA_TONE_OLD = 4, /* rewrite tone marks to the traditional placement (hòa, thủy) */
  VB_DATA_TONE_NEW = 8, /* rewrite tone marks to the new placement (hoà, thuỷ) */
  /* A draft (render --nhap): the errors that only stop a document from
   * being signed (an impossible figure, a blank "…" left to fill; rules
   * with `draft` set, vb_rule_get) become warnings, and the view gets
   * "nhap": true, which the shipped templates print as "DỰ THẢO" at the
   * top of the first page. */
  VB_DATA_DRAFT = 16
};

/* ---- starting a data file from a spreadsheet ---------------------------------- */

enum {
  VB_INIT_WRITE = 1, /* also write the data file to data_path, atomically */
  /* "nhom_chi_tieu" holds the sheet's rows themselves (groups and
   * indicators, as a render reads them) instead of a reference to the sheet:
   * a data file that no longer needs the sheet (the web page edits it);
   * "_vanban_cells" then maps each such value's JSON path to its cell
   * ("Chỉ tiêu!F13"), for findings to name it */
  VB_INIT_INLINE = 2,
  /* The kind of document, when the workbook holds the tables of both (by
   * default a THÔNG BÁO when a sheet is a score sheet, else a BÁO CÁO) */
  VB_INIT_BAO_CAO = 4,
  VB_INIT_THONG_BAO = 8
};

/* A new BÁO CÁO or THÔNG BÁO data file from a workbook (docs/spreadsheets.md):
 * every van_ban field to fill in ("…"). A BÁO CÁO: the sheet holding an
 * indicator table as "nhom_chi_tieu" and each sheet holding a list of
 * documents as references to the sheets (the path relative to data_path's
 * directory, or to the current one when data_path is NULL; the header row
 * and each field's column as recognised), so that later changes to the
 * sheets reach every render, and each as an appendix in the sheet's shape,
 * cited from the body. A THÔNG BÁO (a score sheet: STT, Chỉ số / Tiêu chí,
 * Điểm tối đa, Điểm, Đơn vị phụ trách, Ghi chú): the score sheet as a
 * "bang_diem" reference and the annex assigning the sub-criteria below their
 * maximum to their units; a workbook holding both kinds needs
 * VB_INIT_BAO_CAO or VB_INIT_THONG_BAO.
 * sheet_name: NULL for every sheet. *json gets the file's text and *summary
 * (may be NULL) lines saying what was recognised (in Vietnamese: each sheet,
 * and each column with the field it was mapped to, or why it was left out
 * and the line of "cot" that would take it in), both malloc'd; *summary is
 * set on failure too, so the columns can be checked. Fails, with
 * nothing written, when no sheet holds a table of the kind, when a cell
 * cannot be read as its field (named in d), or when the file would not load
 * as written (an indicator left without the assessment its table prints, a
 * score above its maximum); VB_EUSAGE with both kind flags. */
VB_API vb_status vb_init_from_sheet(const char *sheet_path, const char *sheet_name,
                                    const char *data_path, unsigned flags, char **json,
                                    char **summary, vb_diags *d);

/* ---- rendering -------------------------------------------------------------- */

/* Flags for vb_render_*. */
enum {
  VB_RENDER_LENIENT = 1, /* a path missing from the data renders empty instead of failing */
  /* Do not mark generated values. By default every value is wrapped in a
   * bookmark named "_vb…" (invisible, kept by Word and LibreOffice) so that
   * `vb_update_file` can find it again after a person edits the document. */
  VB_RENDER_NO_MARKS = 2,
  /* Pictures the data names by a path may be anywhere. By default a path
   * (relative to the data file, or absolute) must lead inside the data
   * file's folder, so that data from elsewhere cannot put any file of the
   * machine into a document. */
  VB_RENDER_PICTURES_ANYWHERE = 4
};

/* Render to memory; *out is malloc'd (free it). The output is byte-identical
 * for identical template and data. */
VB_API vb_status vb_render_memory(const vb_template *t, const vb_data *data, unsigned flags,
                                  void **out, size_t *out_len, vb_diags *d);
/* Render to a file, atomically: on any error nothing is written and an
 * existing file at path is left untouched. */
VB_API vb_status vb_render_file(const vb_template *t, const vb_data *data, const char *path,
                                unsigned flags, vb_diags *d);

/* ---- embedding fonts --------------------------------------------------------- */

/* One font file (TrueType) to embed into a document. */
typedef struct vb_font_face {
  const char *family;   /* the family name inside the file, e.g. "Liberation Serif" */
  const char *replaces; /* a family the document names that this one is metric-compatible
                           with (e.g. "Times New Roman"), or NULL */
  int bold, italic;     /* which face of the family this file is */
  const void *data;     /* the .ttf bytes; only read */
  size_t len;
} vb_font_face;

/* Embed font files into a rendered DOCX or ODT package (the bytes
 * vb_render_memory gives); *out is malloc'd (free it). A reader that lacks the
 * document's fonts then uses the embedded ones, so line breaks and page count
 * stay the same. DOCX: each face becomes word/fonts/fontN.odttf, obfuscated
 * with its w:fontKey (ECMA-376 Part 1, 17.8.1) and referenced from fontTable.xml
 * (w:embedRegular/Bold/Italic/BoldItalic); settings.xml gets
 * w:embedTrueTypeFonts; the entry of a `replaces` family gets w:altName.
 * ODT: each face becomes Fonts/NAME.ttf, listed in the manifest and named by a
 * style:font-face with svg:font-face-src in styles.xml. The keys are derived
 * from the font bytes, so the output stays byte-identical for identical input. */
VB_API vb_status vb_embed_fonts(const void *pkg, size_t pkg_len, const vb_font_face *faces,
                                size_t nfaces, void **out, size_t *out_len, vb_diags *d);

/* ---- batches: one document per unit ----------------------------------------- */

/* A unit list: the data every unit shares and each unit's own fields. */
typedef struct vb_units vb_units;

/* Read a unit list (docs/batch.md): path is .json (a list of objects, or
 * {"chung": {shared data}, "don_vi": [units]}) or a sheet (.csv, .tsv, .xlsx,
 * .ods, .fods: a first row of field paths such as van_ban.dia_danh, then one
 * row per unit; a workbook's first sheet). shared_path (NULL: none) is a JSON
 * object merged under the file's own "chung". Every unit is checked here;
 * a CSV file is then not held in memory but kept open, and each unit read
 * again from it when asked for (vb_units_data, vb_batch_new, the run). NULL
 * with the errors in d; warnings about the file are added to d either way. */
VB_API vb_units *vb_units_load(const char *path, const char *shared_path, vb_diags *d);
VB_API size_t vb_units_count(const vb_units *u);
/* Unit i's data: the shared data with the unit's fields merged over it in
 * memory (objects member by member, a member set to null removed, an object
 * of list indexes {"2": …} patching list items, anything else replaced),
 * then loaded as vb_data_load_file loads a file (flags VB_DATA_*; the model
 * applied, its warnings added to d). `name` names the data in messages.
 * Any number of threads may call this on one vb_units at once. */
VB_API vb_data *vb_units_data(const vb_units *u, size_t i, const char *name, unsigned flags,
                              vb_diags *d);
VB_API void vb_units_free(vb_units *u);

typedef struct vb_batch vb_batch;

/* Plan a batch before anything is written: every unit is merged and its
 * output named from `pattern`, e.g. "out/{ma_don_vi}-bao-cao.docx" ({field}
 * is a field of the unit's merged data, also found as _field; {#} the unit's
 * number; the extension, .docx or .odt, chooses the format). Refused, with
 * every problem in d: a pattern field a unit lacks, two units with the same
 * output, and, when t is NULL, a unit whose "loai" names no shipped template.
 * t: one template for every unit, or NULL for the shipped template of each
 * unit's "loai" in the pattern's format. u and t must outlive the batch. */
VB_API vb_batch *vb_batch_new(const vb_units *u, const char *pattern, const vb_template *t,
                              vb_diags *d);
VB_API size_t vb_batch_count(const vb_batch *b);
/* Unit i's output path, and its name in messages: "đơn vị 3 (XA03)" (the
 * pattern's first field). Owned by the batch. */
VB_API const char *vb_batch_output(const vb_batch *b, size_t i);
VB_API const char *vb_batch_label(const vb_batch *b, size_t i);

/* Options, before vb_batch_run: VB_DATA_* and VB_RENDER_* flags; the number
 * of worker threads (0, the default: one per CPU; never more than units);
 * font files to embed in every document (vb_embed_fonts; the bytes must
 * stay valid until the run ends). */
VB_API void vb_batch_set_flags(vb_batch *b, unsigned data_flags, unsigned render_flags);
VB_API void vb_batch_set_jobs(vb_batch *b, unsigned jobs);
VB_API void vb_batch_set_fonts(vb_batch *b, const vb_font_face *faces, size_t nfaces);

/* One finished unit, as the progress callback sees it. */
typedef struct vb_batch_unit {
  size_t index;          /* 0-based, in the order of the units file */
  const char *label;     /* "đơn vị 3 (XA03)" */
  const char *output;    /* the path: written if status is VB_OK, untouched otherwise */
  vb_status status;      /* VB_OK, or why this unit failed */
  const vb_diags *diags; /* this unit's errors and warnings */
  size_t done, total;    /* units finished so far (this one included), units this run renders
                            (not those of other shards, nor those resume kept) */
} vb_batch_unit;

/* Called once for every finished unit, on the worker thread that rendered
 * it, never two at a time. Return non-zero to stop the batch: units not
 * started yet are then not rendered. The unit's strings live until the
 * call returns. */
typedef int (*vb_batch_progress_fn)(void *ud, const vb_batch_unit *unit);
VB_API void vb_batch_set_progress(vb_batch *b, vb_batch_progress_fn fn, void *ud);

/* Render every unit on worker threads that share one compiled template:
 * the output directories are made, each output is written atomically, and
 * one unit's failure (bad data) fails that unit only. The bytes are the same
 * whatever the number of threads. Returns VB_OK when every unit was
 * written, otherwise the status of the first failed unit in unit order; d
 * gets only what stops the whole batch (a directory that cannot be made),
 * each unit's own diagnostics go to the progress callback. */
VB_API vb_status vb_batch_run(vb_batch *b, vb_diags *d);
/* The number of worker threads the last run used. */
VB_API size_t vb_batch_threads(const vb_batch *b);
VB_API void vb_batch_free(vb_batch *b);

/* ---- batches at province scale: shards, the manifest, resume ---------------- */

/* Unit i's key: its output path less the pattern's leading directory
 * ("out/{ma}.docx" gives "XA03.docx"). Owned by the batch. */
VB_API const char *vb_batch_key(const vb_batch *b, size_t i);
/* Render only shard `index` of `count` (before vb_batch_run): the units
 * whose key's SHA-256, first 8 bytes as a big-endian number, modulo count is
 * index. A unit's shard depends on its key alone, so adding a unit moves no
 * other; the shards of one unit list together render every unit once. */
VB_API vb_status vb_batch_set_shard(vb_batch *b, size_t index, size_t count, vb_diags *d);
VB_API int vb_batch_in_shard(const vb_batch *b, size_t i);

enum {
  /* Keep the units the manifest records as done, from the same input, whose
   * outputs on disk still have the recorded SHA-256; render the others.
   * Without it the manifest is started afresh. */
  VB_BATCH_RESUME = 1,
  /* The batch's documents get PDFs (vb_batch_record_pdf): resume keeps a
   * unit's document without its PDF (vb_batch_reused 1) or with it (2). */
  VB_BATCH_PDF = 2
};
/* Write the manifest (docs/batch.md: one JSON line per unit — key, output,
 * SHA-256, warnings, error; NULL: none) as the run goes. Outputs are
 * renamed into place whole but made durable together, at checkpoints (one
 * syncfs per file system every checkpoint_units units, 0: 100, or every
 * second), and a unit's line is appended only after its output is durable:
 * a crash loses at most the units since the last checkpoint, and the
 * manifest says which were kept. */
VB_API vb_status vb_batch_set_manifest(vb_batch *b, const char *path, unsigned flags,
                                       unsigned checkpoint_units);
/* After a run with VB_BATCH_RESUME: 0 rendered (or not in the shard), 1 the
 * document kept from an earlier run, 2 its PDF too. */
VB_API int vb_batch_reused(const vb_batch *b, size_t i);
/* Record unit i's PDF (its document's name with .pdf) in the manifest: its
 * SHA-256, or error (non-NULL) when it could not be made. Thread-safe. */
VB_API vb_status vb_batch_record_pdf(vb_batch *b, size_t i, const char *error);
/* Make everything recorded so far durable and in the manifest now (the run
 * does this when it ends; call it after the last vb_batch_record_pdf). */
VB_API vb_status vb_batch_checkpoint(vb_batch *b, vb_diags *d);

/* What vb_batch_merge_manifests found, unit by unit. */
typedef struct vb_batch_merge_report {
  size_t manifests; /* files read */
  size_t done;      /* recorded, and every output has its recorded SHA-256 */
  size_t missing;   /* recorded by no manifest */
  size_t failed;    /* recorded with an error */
  size_t changed;   /* an output missing or not the recorded bytes */
  size_t pdf_failed;
} vb_batch_merge_report;
/* Read the manifests at paths (files, or directories: their MANIFEST*.jsonl
 * in name order, later lines over earlier), check every unit of b against
 * them (each unit problem an error in d naming the output and the unit),
 * and write the combined manifest to out (NULL: none; one line per unit
 * recorded, in unit order; an existing out is read first, every other
 * manifest over it). VB_OK when every unit is
 * done, VB_EDATA when not, VB_EIO when a manifest cannot be read or out
 * written. */
VB_API vb_status vb_batch_merge_manifests(const vb_batch *b, const char *const *paths,
                                          size_t npaths, const char *out, vb_batch_merge_report *r,
                                          vb_diags *d);

/* ---- regenerating an edited document ----------------------------------------- */

enum { VB_UPDATE_FORCE = 1 /* also replace values a person changed by hand */ };

/* A document rendered by vanban and then edited in Word or LibreOffice gets
 * the values of corrected data, keeping every manual edit. `t` is the
 * template it was rendered from, `new_data` the corrected data. Values a
 * person overwrote are kept and reported as warnings (VB_UPDATE_FORCE
 * replaces them). When the new data adds or removes an item of a loop, or a
 * condition now shows other content, nothing is written and the error names
 * the loop. The result is written atomically to out_path, which may be
 * edited_path itself. */
VB_API vb_status vb_update_file(const vb_template *t, const vb_data *new_data,
                                const char *edited_path, const char *out_path, unsigned flags,
                                vb_diags *d);

/* ---- comparing two versions of the data ----------------------------------- */

enum {
  VB_DIFF_JSON = 1,    /* JSON instead of text lines */
  VB_DIFF_APPENDIX = 2 /* vb_data_diff_render: an appendix to attach to the new document */
};

/* What changed from old_data to new_data, as a document reader sees it:
 * every changed figure with what follows from it, e.g.
 *   Tiêu chí 3.2: 2.335/3.986 (58,6%) → 2.510/3.986 (63,0%); đánh giá: Chưa đạt → Đạt;
 *   nhóm Xã hội số: 5/12 → 6/12 đạt
 * Both must be vanban documents (loaded with the model). *out is malloc'd;
 * it is empty when nothing changed. */
VB_API vb_status vb_data_diff(const vb_data *old_data, const vb_data *new_data, unsigned flags,
                              char **out, vb_diags *d);

/* The same changes as a short document to send with the corrected one: the
 * comparison table (bảng đối chiếu) — every changed figure, old → new, and
 * what follows from it — under the new document's header and signature, or
 * with VB_DIFF_APPENDIX as an appendix ("Kèm theo Báo cáo số …"). t is the
 * shipped template "doi-chieu" in the format wanted (or one that reads the
 * same variables); written atomically to out_path. */
VB_API vb_status vb_data_diff_render(const vb_template *t, const vb_data *old_data,
                                     const vb_data *new_data, unsigned flags, const char *out_path,
                                     vb_diags *d);

/* ---- files ---------------------------------------------------------------- */

/* Read a whole file into *data (malloc'd, with a NUL byte after the *len
 * bytes); a file over max_len bytes is refused unread. VB_EIO naming the file
 * on any failure. */
VB_API vb_status vb_file_read(const char *path, size_t max_len, char **data, size_t *len,
                              vb_diags *d);
/* Write a file atomically, as every output of vanban is written: a temporary
 * file next to it, flushed to disk, renamed over path; on any failure nothing
 * changes at path (VB_EIO naming the file). */
VB_API vb_status vb_file_write(const char *path, const void *data, size_t len, vb_diags *d);

/* "Có phải là …?": the name of the NULL-terminated list `known` that `word`
 * most likely mistypes, or NULL (also when word is one of them). Names are
 * compared as a person reads them: NFC, without case or tone marks, by edit
 * distance; a name that has the word as a whole part (hoa_dau in
 * viet_hoa_dau) also counts. The result is one of the pointers of known. */
VB_API const char *vb_suggest(const char *word, const char *const *known);

/* ---- proofreading ------------------------------------------------------------ */

/* How serious a finding is: lỗi (an error a reader or the decree would
 * object to), cảnh báo (probably wrong), gợi ý (worth a look). */
typedef enum vb_level { VB_LEVEL_ERROR = 0, VB_LEVEL_WARNING = 1, VB_LEVEL_HINT = 2 } vb_level;

/* One problem found by `vb_check_file`. Strings belong to the vb_check. */
typedef struct vb_finding {
  const char *rule; /* the rule's id, e.g. "so-lieu.ty-le" (see vb_rule_get) */
  vb_level level;
  const char *message;  /* what is wrong, in Vietnamese */
  const char *expected; /* what the text should say or be, or NULL */
  const char *excerpt;  /* the text concerned, or NULL */
  const char *hint;     /* what to do, when the message does not say, or NULL */
  /* Where, for a person: "đoạn 47 (Đến thời điểm hiện tại có…)", "bảng 2, dòng 14,
   * ô 4", "đầu trang (header1.xml)", "phần 1 (trang khổ A4)", or for data
   * "$.van_ban.luu (dòng 40, cột 12)". With pages known, "trang 3, " comes first. */
  const char *place;
  /* The same, field by field (0 / NULL when it does not apply). */
  const char *area;      /* "body", "header", "footer", "section", "document"; NULL for data */
  int paragraph;         /* as in the place: body paragraphs outside tables with text */
  int table, row, cell;  /* 1-based */
  int section;           /* 1-based */
  int page;              /* known after vb_check_set_pages */
  const char *json_path; /* data files */
  unsigned line, column; /* data files */
  int count;             /* how many places this finding stands for (>= 1) */
} vb_finding;

typedef struct vb_check vb_check;

typedef struct vb_check_options {
  /* Rule ids to leave out, or the start of ids ("so-lieu" leaves out the
   * whole family); NULL-terminated; may be NULL. A data file may also list
   * them in its top-level "_vanban_ignore". */
  const char *const *ignore;
  unsigned data_flags; /* VB_DATA_* flags for data files (VB_DATA_TONE_OLD/NEW) */
} vb_check_options;

/* Proofread a file: a DOCX or ODT report (any, not only vanban's; told
 * apart by content) against the layout rules of Nghị định 30/2020, its
 * numbers in prose and its consistency; or a JSON data file (the model's
 * checks, the checks of prose and the layout rules the data decides).
 * Returns NULL when the file cannot be read at all (the reason is in d);
 * otherwise every finding, in document order. opt may be NULL. */
VB_API vb_check *vb_check_file(const char *path, const vb_check_options *opt, vb_diags *d);
VB_API size_t vb_check_count(const vb_check *c);
VB_API const vb_finding *vb_check_get(const vb_check *c, size_t i);
/* How many findings of a level. */
VB_API size_t vb_check_level_count(const vb_check *c, vb_level level);
/* 1 when the checked file was a document (DOCX/ODT), 0 for data. */
VB_API int vb_check_is_document(const vb_check *c);
/* Page numbers for the findings of a document, from the text of its
 * rendering with a form feed between pages (pdftotext's output): each
 * finding's paragraph is looked up in page order. Returns how many
 * findings got a page. */
VB_API size_t vb_check_set_pages(vb_check *c, const char *pages_text, size_t len);
/* Write the checked document with every finding as a comment anchored at
 * the text concerned (DOCX w:comment, ODT office:annotation), author
 * "vanban"; nothing else changes. The output's format is the input's;
 * written atomically. Only for documents. */
VB_API vb_status vb_check_annotate(const vb_check *c, const char *out_path, vb_diags *d);
/* The findings as JSON (schema in docs/check.md); malloc'd. */
VB_API char *vb_check_json(const vb_check *c);
VB_API void vb_check_free(vb_check *c);

/* Every rule, for `vanban check --rules`: the proofreading rules of
 * docs/check.md, then the data model's checks (ids "du-lieu.…",
 * docs/data-model.md §3). */
typedef struct vb_rule_info {
  const char *id;      /* "the-thuc.le" */
  vb_level level;      /* the level of its findings (some rules also give hints) */
  const char *title;   /* one line, Vietnamese */
  const char *example; /* an example of its message */
  int on_data;         /* also runs on data files */
  int draft;           /* an error that VB_DATA_DRAFT (render --nhap) renders anyway, as a draft */
} vb_rule_info;
VB_API size_t vb_rule_count(void);
VB_API const vb_rule_info *vb_rule_get(size_t i);

/* Library version, e.g. "0.1.0". */
VB_API const char *vb_version(void);

#ifdef __cplusplus
}
#endif
#endif
