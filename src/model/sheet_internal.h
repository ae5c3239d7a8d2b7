/* What the model's sheet files (sheet_*.c) share. Not installed. */
#ifndef VB_MODEL_SHEET_INTERNAL_H
#define VB_MODEL_SHEET_INTERNAL_H
#include "model/sheet_map.h"

/* ---- words typed in cells (sheet_words.c) ------------------------------------ */

/* "Có", "Đảm bảo", "Đạt", "Đáp ứng", "x", "✓" → 1; "Không", "Chưa", "Chưa đảm
 * bảo", "Chưa đạt", "Không đạt", "Không đáp ứng" → 0; anything else -1. */
int mdl_yesno(const char *s);
/* The assessment a yes/no cell stands for: "Đạt" or "Chưa đạt". */
const char *mdl_assessment_word(int met);
/* A target: optional comparison ("> 90%", "≥ 90%", ">= 90", "trên 90%",
 * "tối thiểu 70%", "dưới 5", "≤ 5", "= 3") then a number. *op gets ">", ">=",
 * "<", "<=" or "="; a bare number means ">=". 0 ok, -1 not a target. */
int mdl_target(const char *s, const char **op, double *value, int *percent);

/* ---- rows (sheet_groups.c, sheet_indicators.c, sheet_appendix.c) ---------------- */

/* An id as printed: numbers in their shortest form ("1.1"), a trailing "."
 * dropped ("I."). */
const char *mdl_sheet_id(const vb_table_reader *t, const vb_cell *c);
/* One indicator row ({ma, ten, muc_tieu, ket_qua, …}); src = "Sheet!A7:G7". */
vb_value *mdl_sheet_indicator(vb_table_reader *t, uint32_t row, uint32_t last_col);
/* One document row ({trich_yeu, so_ky_hieu, ngay}). */
vb_value *mdl_sheet_document(vb_table_reader *t, uint32_t row);
/* A score sheet's indices ({ma, ten, toi_da, tong, tieu_chi: [{ma, noi_dung,
 * diem, toi_da, don_vi, thoi_han, ghi_chu}]}) (sheet_scores.c); skipped (may
 * be NULL) gets a line per row left out (a heading above the indices, a row
 * without a number such as "Tổng cộng"). NULL on error. */
vb_value *mdl_sheet_scores(vb_table_reader *t, vb_buf *skipped);

/* ---- references (sheet_source.c, sheet_indicators.c, sheet_appendix.c) ----------- */

/* Every key of a reference object (at cfg_path) is one a reference has
 * (source, cot, dong_tieu_de) or a comment; each other one is an error.
 * 0 or -1. */
int mdl_sheet_ref_keys(const vb_value *ref, const char *cfg_path, const char *data_name,
                       vb_diags *d);
/* The list a reference object stands for; NULL on error. */
vb_value *mdl_sheet_load(vb_arena *a, vb_sheet_sources *src, const vb_value *ref,
                         vb_model_table kind, const char *cfg_path, int *grouped, vb_diags *d);
/* nhom_chi_tieu as a reference → the groups of indicators. 0 or -1. */
int mdl_sheet_resolve_indicators(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                                 const char *data_name, vb_diags *d);
/* bang_diem as a reference → {"chi_so": the indices}. 0 or -1. */
int mdl_sheet_resolve_scores(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                             const char *data_name, vb_diags *d);
/* phu_luc[i] of kieu van_ban as references → their rows. 0 or -1. */
int mdl_sheet_resolve_appendices(vb_arena *a, vb_sheet_sources *src, vb_value *root,
                                 const char *data_name, vb_diags *d);

#endif
