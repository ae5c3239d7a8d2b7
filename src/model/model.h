/* The domain model: validates a data file (BÁO CÁO or THÔNG BÁO) and computes
 * everything a template prints — numbers, dates, summaries, rates,
 * assessments, section numbering, score totals and appendix tables. The
 * contract (input fields and the view they become) is docs/data-model.md.
 * Knows nothing of XML or of the output format. */
#ifndef VB_MODEL_MODEL_H
#define VB_MODEL_MODEL_H
#include "data/value.h"
#include "vanban.h"

enum {
  VB_MODEL_ISSUED = 1,             /* fill number and day even when van_ban.du_thao */
  VB_MODEL_NORMALIZE_TONE_NEW = 2, /* rewrite every string to the new tone style (hoà, thuỷ) */
  VB_MODEL_NORMALIZE_TONE_OLD = 4, /* rewrite every string to the old tone style (hòa, thủy) */
  VB_MODEL_DRAFT = 8 /* a draft: errors of rules with `draft` set are warnings; view "nhap": true */
};

/* What a draft appends to the message of an error it renders past (a
 * warning then): " (in trong bản dự thảo)". */
extern const char vb_model_draft_note[];

/* Validate `input` (a JSON object loaded from src_name) and return the VIEW
 * tree: a deep copy of the input, allocated in a, plus every computed field of
 * docs/data-model.md section 2. Problems go to d: errors (VB_EDATA) stop
 * rendering, warnings don't. Every diagnostic's `where` is the JSON path and
 * the line, e.g. "$.nhom_chi_tieu[2].chi_tieu[8].ket_qua (dòng 212, cột 9)"; its
 * file is src_name; the message is plain Vietnamese and the hint says what to
 * do. Returns NULL only when there are errors. */
vb_value *vb_model_build(vb_arena *a, const vb_value *input, const char *src_name, unsigned flags,
                         vb_diags *d);

/* The shipped template for this data, "bao-cao" or "thong-bao" (from "loai"),
 * or NULL when loai is missing or unknown. */
const char *vb_model_template_name(const vb_value *input);

/* The model's checks (model_rules.c): every diagnostic of vb_model_build
 * carries one of these ids, at the rule's level. Rules the input lists in
 * "_vanban_ignore" (an id or a family, "du-lieu") are not reported. */
const vb_rule_info *vb_model_rules(size_t *n);
const vb_rule_info *vb_model_rule_find(const char *id);

#endif
