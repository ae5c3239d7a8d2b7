/* Shared state and helpers of the model's files (model*.c). Not installed. */
#ifndef VB_MODEL_INTERNAL_H
#define VB_MODEL_INTERNAL_H
#include <stdarg.h>
#include <stddef.h>

#include "data/value.h"
#include "model/model.h"
#include "util/buf.h"
#include "vanban.h"

/* Six NO-BREAK SPACES (U+00A0): the blank left for a number or a day in drafts. */
#define MDL_BLANK "\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0\xC2\xA0"

/* Kinds of heading in a numbering ladder (docs/data-model.md, "Sections"). */
typedef enum mdl_level { MDL_LA_MA, MDL_SO, MDL_SO_CON, MDL_CHU } mdl_level;

/* A target as written (model_figures.c): a structured object or a typed string. */
typedef enum mdl_target_kind {
  MDL_T_NONE,
  MDL_T_RATE,  /* a percentage */
  MDL_T_COUNT, /* a number, with or without a unit */
  MDL_T_YESNO, /* "Có" */
  MDL_T_TEXT   /* words only: "Triển khai sử dụng"; cannot decide an assessment */
} mdl_target_kind;

typedef struct mdl_target {
  mdl_target_kind kind;
  double value;
  const char *op, *sym; /* ">=" / "≥" (the default when none is written) */
  const char *text;     /* as printed: typed text, or the figure ("≥ 70%", "100%") */
} mdl_target;

typedef enum mdl_result_kind {
  MDL_R_NONE,
  MDL_R_FRACTION, /* tu/mau */
  MDL_R_VALUE,    /* a number; a percentage when `percent` */
  MDL_R_BOUND,    /* a number with a comparison: "> 90%" */
  MDL_R_YESNO,
  MDL_R_TEXT
} mdl_result_kind;

typedef struct mdl_result {
  mdl_result_kind kind;
  double tu, mau, value;
  int yes, percent;
  const char *op;   /* MDL_R_BOUND: ">", ">=", "<", "<=", "=" */
  const char *text; /* the string as typed, or NULL for the object forms (and a text result) */
} mdl_result;

/* One indicator of nhom_chi_tieu, with what model_indicators.c computed. */
typedef struct mdl_indicator {
  vb_value *v; /* the indicator object in the view */
  const char *path;
  const char *ma, *ten, *yeu_cau, *don_vi;
  const char *key;           /* the id for block and row identities: ma, or "<group>/<ma>" when
                                another group has an indicator with the same ma */
  const char *ten_given;     /* the name as written, or NULL */
  const char *ket_qua_text;  /* "2.335/3.986", "" when there is no result */
  const char *ty_le_text;    /* "58,6%", "" without a rate */
  const char *ket_qua_bang;  /* "2.335/3.986 (58,6%)": result with its rate, for tables */
  const char *muc_tieu_text; /* "≥ 70%", "" without a target */
  const char *ket_qua_dong;  /* the body's result with its target: "132/150 hộ (88%)",
                                "95,5%, chỉ tiêu ≥ 90%"; "" when there is no result */
  const char *danh_gia;      /* final: "Đạt" / "Chưa đạt", "" when unknown */
  const char *ly_do;         /* NULL or the reason shown after the assessment */
  const char *ghi_chu, *kho_khan, *don_vi_thuc_hien; /* "" when absent */
  vb_value *thuyet_minh; /* list of strings (placeholders filled) or NULL */
  vb_value *minh_chung;  /* list of strings or NULL */
  int dat;
  /* Neither the figures nor the data give an assessment: an error only where
   * one is printed (mdl_check_assessments). */
  int no_assessment;
  int no_yeu_cau; /* no requirement text: an error where the body prints it */
} mdl_indicator;

typedef struct mdl_group {
  vb_value *v;
  const char *path;
  const char *ma, *ten;
  mdl_indicator *items;
  size_t n;
  int so_dat, so_dang_trien_khai, so_khong_hoan_thanh;
  const char *tom_tat[3]; /* the three summary lines */
  int assessed;           /* the body or a table prints its indicators' assessments */
  int in_body;            /* inserted in the body ("a) Yêu cầu tiêu chí: …") */
} mdl_group;

/* A sub-criterion (tiêu chí thành phần) of the THÔNG BÁO score sheet. */
typedef struct mdl_criterion {
  vb_value *v;
  const char *path;
  const char *ma, *noi_dung;
  double diem, toi_da;
  const char *diem_text, *toi_da_text;
  const char *don_vi_ten;    /* responsible unit as printed, or NULL */
  const char *thoi_han_text; /* "31/12/2024" or "" */
  const char *ghi_chu;       /* or "" */
  const struct mdl_index *index;
} mdl_criterion;

typedef struct mdl_index {
  vb_value *v;
  const char *path;
  const char *ma, *ten;
  double toi_da, tong_tinh;
  const char *toi_da_text, *tong_text;
  mdl_criterion *items;
  size_t n;
} mdl_index;

/* An appendix as the text cites it (model_appendix.c). */
typedef struct mdl_appendix {
  const vb_value *v; /* the appendix in the view */
  const char *path;
  const char *id;   /* what @phu_luc:id names, or NULL */
  const char *so;   /* "II", "02", "" when unnumbered */
  const char *cite; /* "Phụ lục II" as running text names it */
  int explicit_so;  /* "so" given in the data */
  int cited;
} mdl_appendix;

/* The model being built. */
typedef struct vb_model {
  vb_arena *a;
  const char *src;
  unsigned flags;
  vb_diags *d;
  size_t errors;
  const vb_value *ignore; /* the input's "_vanban_ignore" */
  int thong_bao;          /* loai == "thong-bao" */
  vb_value *root;         /* the view */
  /* From van_ban, for the opening paragraphs and the appendix references. */
  const char *ten_loai_cau; /* "Báo cáo" */
  const char *so_ngan;      /* "10/BC-UBND", or blank + "/BC-UBND" in drafts */
  const char *ngay_dai;     /* "ngày 20 tháng 6 năm 2024" (blank day in drafts) */
  const char *tham_chieu;   /* "Báo cáo số 10/BC-UBND ngày … của …": what cites it */
  const char *ten_co_quan;  /* "UBND xã Hà Tân" */
  int has_kinh_gui;
  int ngay_y, ngay_m, ngay_d; /* the document's date (0 when unknown) */
  mdl_group *groups;
  size_t ngroups;
  mdl_index *indices;
  size_t nindices;
  int has_scores;
  /* The members an indicator may have: the documented ones and the fields
   * that appendix columns name ("truong"); NULL-terminated. */
  const char **indicator_keys; /* mdl_indicator_keys and the appendix columns' fields */
  mdl_appendix *appendices;
  size_t nappendices;
  int citations_used;
  /* Identity of the blocks being emitted (see mdl_block_scope). */
  const char *block_scope;
  vb_value *block_counts; /* scope → blocks emitted so far */
} vb_model;

/* ---- model_util.c ------------------------------------------------------------ */

const char *mdl_key(vb_model *m, const char *path, const char *key);
const char *mdl_idx(vb_model *m, const char *path, size_t i);
/* Report a problem at path under a rule of model_rules.c, at the rule's
 * level; `at` (may be NULL) gives the line. Returns 1 when it is an error
 * that stops the document (0: a warning, a rule the data ignores, or an
 * error a draft renders past — the caller then goes on with the figures as
 * they are). */
int mdl_report(vb_model *m, const char *rule, const char *path, const vb_value *at,
               const char *hint, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* "$.a.b (dòng 3, cột 5)" as printed in diagnostics. */
const char *mdl_where(vb_model *m, const char *path, const vb_value *at);

char *mdl_printf(vb_model *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Copy the buffer into the arena and clear it. */
char *mdl_take(vb_model *m, vb_buf *b);
char *mdl_trim(vb_model *m, const char *s);
int mdl_blank(const char *s);
char *mdl_upper(vb_model *m, const char *s);
/* Sentence case: "BÁO CÁO" / "báo cáo" -> "Báo cáo". */
char *mdl_sentence(vb_model *m, const char *s);
/* Vietnamese number with at most max_frac decimals: 2335 -> "2.335", 41.29 -> "41,29". */
char *mdl_num(vb_model *m, double x, int max_frac);
char *mdl_percent(vb_model *m, double pct);
/* A count as printed in summaries: 1-9 get a leading zero ("05"), others as is. */
char *mdl_count(vb_model *m, int n);
/* A date "dd/mm/yyyy" from any form vi_parse_date accepts; NULL (with an error) if invalid. */
const char *mdl_date_short(vb_model *m, const vb_value *v, const char *path);
/* The same date as running text writes it, with the decree's zero rule: "02/7/2024",
 * "05/02/2024". */
const char *mdl_date_text(vb_model *m, const vb_value *v, const char *path);
/* Compare ids by their dot-separated parts, numerically where both are numbers: 6.2 < 6.10. */
int mdl_cmp_ma(const char *a, const char *b);

/* Typed access to object members; each reports a wrong type or a missing
 * required value at the member's path and returns NULL. An empty or blank
 * string counts as missing for the required getters. */
const char *mdl_req_str(vb_model *m, const vb_value *obj, const char *path, const char *key);
const char *mdl_opt_str(vb_model *m, const vb_value *obj, const char *path, const char *key);
vb_value *mdl_opt_arr(vb_model *m, const vb_value *obj, const char *path, const char *key);
vb_value *mdl_opt_obj(vb_model *m, const vb_value *obj, const char *path, const char *key);
/* Number member: returns 1 and sets *out when present, 0 when absent, -1 on a type error. */
int mdl_opt_num(vb_model *m, const vb_value *obj, const char *path, const char *key, double *out);
/* Bool member (absent = 0). */
int mdl_opt_bool(vb_model *m, const vb_value *obj, const char *path, const char *key);
/* The id member "ma": a string, or an integer written as a number. */
const char *mdl_req_ma(vb_model *m, const vb_value *obj, const char *path);

/* Append a block {kieu, so, text} to the array out. A block's text is
 * narrative, which may carry inline emphasis (**đậm**, *nghiêng*;
 * data/emphasis.h) that the shipped templates print with dinh_dang: text
 * given here is not narrative (words of the model, names, codes, figures)
 * and is stored escaped, so that it prints as typed, asterisks included. */
vb_value *mdl_block(vb_model *m, vb_value *out, const char *kieu, const char *so, const char *text);
/* A block whose text is the writer's narrative, taken from the input value
 * `from` (markup kept; its place goes with it, see mdl_block_from). The
 * caller checks the markup with mdl_check_emphasis. */
vb_value *mdl_block_text(vb_model *m, vb_value *out, const char *kieu, const char *so,
                         const char *text, const vb_value *from);
/* s written so that dinh_dang prints it as typed (see mdl_block). */
const char *mdl_plain(vb_model *m, const char *s);
/* Blocks get an "id" = scope + "." + their number within the scope, so that
 * an item added to the data (an indicator, a paragraph in one section) does
 * not change the identity of the others: `update` keys generated values by
 * it. Scopes: "md" opening, "s" sections, "g<ma>" a group's heading and
 * summary, "ct<ma>" an indicator, "cs<ma>" an index of the score sheet,
 * "kt" the closing. */
void mdl_block_scope(vb_model *m, const char *kind, const char *ma);
/* The block's text came from the input value from: its place (line, column,
 * file or cell) goes with it, for messages about the rendered text. Returns
 * block. */
vb_value *mdl_block_from(vb_value *block, const vb_value *from);
/* Narrative text may carry inline emphasis (**đậm**, *nghiêng*; data/emphasis.h),
 * which the shipped templates print with the dinh_dang filter: unbalanced
 * markup in v (a string) is an error at path, found here so that `check`
 * names the field before a render does. */
void mdl_check_emphasis(vb_model *m, const char *path, const vb_value *v);
void mdl_set_str(vb_model *m, vb_value *obj, const char *key, const char *s);
void mdl_set_num(vb_model *m, vb_value *obj, const char *key, double x);
void mdl_set_bool(vb_model *m, vb_value *obj, const char *key, int b);
/* End the last block of out with "./." unless it already does. */
void mdl_end_mark(vb_model *m, vb_value *out);
/* s with no-break spaces joining an administrative unit to its name
 * ("UBND xã Tân Lập", "Phó Chủ tịch UBND xã"), so that a generated line does
 * not break a place name; for names the model puts in its own sentences,
 * never for the writer's prose. */
const char *mdl_places(vb_model *m, const char *s);

/* ---- model_figures.c --------------------------------------------------------- */

/* The target of indicator ind (its "muc_tieu"); don_vi is its unit. 0, or -1
 * after an error. */
int mdl_parse_target(vb_model *m, const vb_value *ind, const char *path, const char *don_vi,
                     mdl_target *t);
/* The result of indicator ind (its "ket_qua"). 0, or -1 after an error. */
int mdl_parse_result(vb_model *m, const vb_value *ind, const char *path, mdl_result *r);
/* a <=> b for figures that may carry rounding noise: -1, 0, 1. */
int mdl_cmp_num(double a, double b);
/* Does "c op 0" hold, for c = mdl_cmp_num(x, target)? */
int mdl_holds(const char *op, int c);
/* A result known only as a bound ("> 90") against a target ("≥ 95"): 1 met,
 * 0 not met, -1 the bound does not decide. */
int mdl_bound_meets(const char *result_op, double result, const char *target_op, double target);

/* ---- model_check.c ----------------------------------------------------------- */

/* Warn about every member of obj not in the NULL-terminated list `known`
 * (members whose name starts with "_" are comments and are skipped). */
/* The documented members of an indicator (model_indicators.c), NULL-ended. */
extern const char *const mdl_indicator_keys[];
void mdl_check_keys(vb_model *m, const vb_value *obj, const char *path, const char *const *known);
/* The known name closest to `name` (a likely typo), or NULL. */
const char *mdl_did_you_mean(const char *name, const char *const *known);
/* Mixed tone placement: warn, or rewrite every string when a NORMALIZE flag is set. */
void mdl_tone(vb_model *m);
/* Every string that still holds a blank "…" to fill (du-lieu.cho-trong). */
void mdl_blanks(vb_model *m);

/* ---- one file per part of the document ---------------------------------------- */

void mdl_meta(vb_model *m);       /* model_meta.c: van_ban */
void mdl_indicators(vb_model *m); /* model_indicators.c: nhom_chi_tieu */
void mdl_scores(vb_model *m);     /* model_scores.c: bang_diem, don_vi */
void mdl_meeting(vb_model *m);    /* model_meeting.c: mo_dau from cuoc_hop */
void mdl_sections(vb_model *m);   /* model_sections.c: khoi */
void mdl_appendices(vb_model *m); /* model_appendix.c: phu_luc */

/* model_appendix.c, before any text is read: the appendices' numbers and ids. */
void mdl_appendix_numbers(vb_model *m);
/* s (read at path) with each "@phu_luc:id" replaced by the appendix's name in
 * running text ("Phụ lục II"); "@@phu_luc:" stands for the words themselves.
 * An id no appendix has is an error (s is returned unchanged). */
const char *mdl_cite(vb_model *m, const char *s, const char *path, const vb_value *at);

/* model_appendix_tables.c: the generic table of an appendix (pl.bang), NULL
 * after an error. A document list also gives its rows as before in *legacy. */
vb_value *mdl_doc_table(vb_model *m, vb_value *pl, const char *path, vb_value **legacy);
vb_value *mdl_indicator_table(vb_model *m, vb_value *pl, const char *path);
vb_value *mdl_free_table(vb_model *m, vb_value *pl, const char *path);
vb_value *mdl_assign_generic(vb_model *m, const vb_value *legacy, vb_value *pl, const char *path);
/* bang_chi_tieu: every group and indicator, in the fixed columns of old. */
vb_value *mdl_legacy_indicator_table(vb_model *m);
/* The indicator fields that appendix columns name ({"truong": …}), NULL-terminated, or NULL. */
const char **mdl_indicator_column_fields(vb_model *m);

/* model_sections.c: the blocks of a list of items written like noi_dung (paragraphs,
 * numbered sections from the top of the ladder, inserted groups), appended to out. */
void mdl_content_blocks(vb_model *m, vb_value *out, const vb_value *list, const char *path);
/* model_sections.c: the number of the n-th (1-based) heading of kind lv under parent_so. */
const char *mdl_number(vb_model *m, mdl_level lv, const char *parent_so, int n);
const char *mdl_level_kieu(mdl_level lv);
/* model_indicators.c: the blocks of group g inserted as heading kind lv (the indicators
 * take kind sub, their parts a) b) c)). */
void mdl_group_blocks(vb_model *m, vb_value *out, mdl_group *g, mdl_level lv, mdl_level sub,
                      const char *so);
/* model_indicators.c: after the body and the appendices: an indicator with no
 * assessment (neither the figures nor danh_gia give one) is an error when its
 * group's assessments are printed (mdl_group.assessed), one with no yeu_cau
 * when its group is inserted in the body (mdl_group.in_body). */
void mdl_check_assessments(vb_model *m);
const mdl_group *mdl_find_group(const vb_model *m, const char *ma);
/* model_scores.c: blocks and table of the assignment annex. */
void mdl_assign_blocks(vb_model *m, vb_value *out);
vb_value *mdl_assign_table(vb_model *m);

#endif
