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

/* One indicator of nhom_chi_tieu, with what model_indicators.c computed. */
typedef struct mdl_indicator {
  vb_value *v; /* the indicator object in the view */
  const char *path;
  const char *ma, *ten, *yeu_cau, *don_vi;
  const char *ket_qua_text;  /* "2.335/3.986", "" when there is no result */
  const char *ty_le_text;    /* "58,6%", "" without a rate */
  const char *ket_qua_bang;  /* "2.335/3.986 (58,6%)": result with its rate, for tables */
  const char *muc_tieu_text; /* "≥ 70%", "" without a target */
  const char *danh_gia;      /* final: "Đạt" / "Chưa đạt" */
  const char *ly_do;         /* NULL or the reason shown after the assessment */
  vb_value *thuyet_minh;     /* list of strings (placeholders filled) or NULL */
  vb_value *minh_chung;      /* list of strings or NULL */
  int dat;
} mdl_indicator;

typedef struct mdl_group {
  vb_value *v;
  const char *path;
  const char *ma, *ten;
  mdl_indicator *items;
  size_t n;
  int so_dat, so_dang_trien_khai, so_khong_hoan_thanh;
  const char *tom_tat[3]; /* the three summary lines */
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

/* The model being built. */
typedef struct vb_model {
  vb_arena *a;
  const char *src;
  unsigned flags;
  vb_diags *d;
  size_t errors;
  int thong_bao;  /* loai == "thong-bao" */
  vb_value *root; /* the view */
  /* From van_ban, for the opening paragraphs and the appendix references. */
  const char *ten_loai_cau; /* "Báo cáo" */
  const char *so_ngan;      /* "10/BC-UBND", or blank + "/BC-UBND" in drafts */
  const char *ngay_dai;     /* "ngày 20 tháng 6 năm 2024" (blank day in drafts) */
  const char *tham_chieu;   /* "Báo cáo số 10/BC-UBND ngày … của …": what cites it */
  const char *ten_co_quan;  /* "UBND xã Hà Tân" */
  int has_kinh_gui;
  mdl_group *groups;
  size_t ngroups;
  mdl_index *indices;
  size_t nindices;
  int has_scores;
  /* Identity of the blocks being emitted (see mdl_block_scope). */
  const char *block_scope;
  vb_value *block_counts; /* scope → blocks emitted so far */
} vb_model;

/* ---- model_util.c ------------------------------------------------------------ */

const char *mdl_key(vb_model *m, const char *path, const char *key);
const char *mdl_idx(vb_model *m, const char *path, size_t i);
/* Report a problem at path; `at` (may be NULL) gives the line. */
void mdl_error(vb_model *m, const char *path, const vb_value *at, const char *hint, const char *fmt,
               ...) __attribute__((format(printf, 5, 6)));
void mdl_warn(vb_model *m, const char *path, const vb_value *at, const char *hint, const char *fmt,
              ...) __attribute__((format(printf, 5, 6)));
/* "$.a.b (line 3:5)" as printed in diagnostics. */
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

/* Append a block {kieu, so, text} to the array out. */
vb_value *mdl_block(vb_model *m, vb_value *out, const char *kieu, const char *so, const char *text);
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
void mdl_set_str(vb_model *m, vb_value *obj, const char *key, const char *s);
void mdl_set_num(vb_model *m, vb_value *obj, const char *key, double x);
void mdl_set_bool(vb_model *m, vb_value *obj, const char *key, int b);
/* End the last block of out with "./." unless it already does. */
void mdl_end_mark(vb_model *m, vb_value *out);

/* ---- model_check.c ----------------------------------------------------------- */

/* Warn about every member of obj not in the NULL-terminated list `known`
 * (members whose name starts with "_" are comments and are skipped). */
void mdl_check_keys(vb_model *m, const vb_value *obj, const char *path, const char *const *known);
/* The known name closest to `name` (a likely typo), or NULL. */
const char *mdl_did_you_mean(const char *name, const char *const *known);
/* Mixed tone placement: warn, or rewrite every string when a NORMALIZE flag is set. */
void mdl_tone(vb_model *m);

/* ---- one file per part of the document ---------------------------------------- */

void mdl_meta(vb_model *m);       /* model_meta.c: van_ban */
void mdl_indicators(vb_model *m); /* model_indicators.c: nhom_chi_tieu */
void mdl_scores(vb_model *m);     /* model_scores.c: bang_diem, don_vi */
void mdl_meeting(vb_model *m);    /* model_meeting.c: mo_dau from cuoc_hop */
void mdl_sections(vb_model *m);   /* model_sections.c: khoi */
void mdl_appendices(vb_model *m); /* model_appendix.c: phu_luc */

/* model_sections.c: the number of the n-th (1-based) heading of kind lv under parent_so. */
const char *mdl_number(vb_model *m, mdl_level lv, const char *parent_so, int n);
const char *mdl_level_kieu(mdl_level lv);
/* model_indicators.c: the blocks of group g inserted as heading kind lv (the indicators
 * take kind sub, their parts a) b) c)). */
void mdl_group_blocks(vb_model *m, vb_value *out, const mdl_group *g, mdl_level lv, mdl_level sub,
                      const char *so);
const mdl_group *mdl_find_group(const vb_model *m, const char *ma);
/* model_scores.c: blocks and table of the assignment annex. */
void mdl_assign_blocks(vb_model *m, vb_value *out);
vb_value *mdl_assign_table(vb_model *m);

#endif
