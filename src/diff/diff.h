/* What changed between two computed documents, in Vietnamese. */
#ifndef VB_DIFF_DIFF_H
#define VB_DIFF_DIFF_H
#include "data/value.h"
#include "util/buf.h"

/* Compare two model views. Returns a list of change objects
 * {"loai", "ma", "dong" (the Vietnamese line), and "truoc"/"sau" pairs}:
 * loai is van_ban, noi_dung, chi_tieu, them_chi_tieu, bo_chi_tieu, nhom,
 * diem or chi_so. An indicator line carries its knock-on effects (the
 * assessment it flips, the group summary it moves). Each change also says
 * what changed ("muc": "Tiêu chí 3.2", "Số, ký hiệu") and what follows from
 * it ("he_qua", or null); an indicator's carries its "yeu_cau". */
vb_value *vb_diff_views(vb_arena *a, const vb_value *old_view, const vb_value *new_view);
/* The comparison table (bảng đối chiếu) of these changes, as the view the
 * template "doi-chieu" renders: "van_ban" (the new document's), "tieu_de",
 * "trich_yeu", "kem_theo", "mo_dau", "phu_luc" (appendix: to be attached to
 * the new document) and "dong", one row per change {stt, muc, truoc, sau,
 * he_qua} ("—" where there is nothing). */
vb_value *vb_diff_table(vb_arena *a, const vb_value *new_view, const vb_value *changes,
                        int appendix);
/* One line per change. (As JSON: vb_json_write, VB_JSON_LIST_LINES.) */
void vb_diff_text(const vb_value *changes, vb_buf *out);

#endif
