/* The columns of the model's tables and the header texts officers write for
 * them, so that a sheet kept for years maps without a "cot" in the data
 * file. Header texts are given as they compare: lower case, one blank
 * between words, no final ":" or ".". */
#include "model/sheet_internal.h"

/* ---- fields and the headers recognised for them ---------------------------- */

static const char *const h_ma[] = {"tt", "stt", "số tt", "mã", "mã số", "số thứ tự", NULL};
static const char *const h_ten[] = {"tên chỉ tiêu", "tên tiêu chí", "chỉ tiêu", "tiêu chí", NULL};
static const char *const h_yeu_cau[] = {"yêu cầu",  "yêu cầu tiêu chí",  "yêu cầu chỉ tiêu",
                                        "nội dung", "nội dung chỉ tiêu", "nội dung tiêu chí",
                                        NULL};
static const char *const h_don_vi[] = {"đơn vị tính", "đvt", "đơn vị", NULL};
/* Plans and results are often headed with their period: "KH năm 2025",
 * "TH quý III", "Kết quả 6 tháng" (the leads, "… *"). */
static const char *const h_muc_tieu[] = {"chỉ tiêu cụ thể",
                                         "mục tiêu",
                                         "chỉ tiêu giao",
                                         "kế hoạch",
                                         "chỉ tiêu kế hoạch",
                                         "kh",
                                         "kh *",
                                         "kế hoạch *",
                                         "chỉ tiêu giao *",
                                         "mục tiêu *",
                                         NULL};
static const char *const h_ket_qua[] = {"kết quả đạt được", "kết quả",   "kết quả thực hiện",
                                        "thực hiện",        "th",        "th *",
                                        "thực hiện *",      "kết quả *", NULL};
static const char *const h_ty_le[] = {"tỷ lệ",       "tỉ lệ", "tỷ lệ *", "tỉ lệ *",
                                      "% thực hiện", "% đạt", NULL};
static const char *const h_tu[] = {"tử số", NULL};
static const char *const h_mau[] = {"mẫu số", NULL};
static const char *const h_danh_gia[] = {"đánh giá", "tự đánh giá", "kết quả đánh giá", NULL};
static const char *const h_ly_do[] = {"lý do", "lí do", NULL};
static const char *const h_thuyet_minh[] = {"thuyết minh", "diễn giải", "giải trình", NULL};
static const char *const h_minh_chung[] = {"minh chứng", "tài liệu minh chứng", NULL};
static const char *const h_kht[] = {"không hoàn thành", NULL};
static const char *const h_ghi_chu[] = {"ghi chú", "ghi chú *", NULL};
static const char *const h_kho_khan[] = {"khó khăn, vướng mắc", "khó khăn vướng mắc",
                                         "khó khăn, vướng mắc (nếu có)", "khó khăn", NULL};
static const char *const h_don_vi_th[] = {"đơn vị thực hiện", "đơn vị chủ trì", "cơ quan thực hiện",
                                          "đơn vị phụ trách", NULL};
static const char *const h_trich_yeu[] = {"trích yếu", "trích yếu nội dung", "tên văn bản",
                                          "nội dung", NULL};
static const char *const h_so_ky_hieu[] = {"số, ký hiệu", "số ký hiệu", "số/ký hiệu", "số hiệu",
                                           "số, kí hiệu", "số kí hiệu", NULL};
static const char *const h_ngay[] = {"ngày",
                                     "ngày ban hành",
                                     "ngày tháng",
                                     "ngày, tháng",
                                     "ngày văn bản",
                                     "ngày, tháng, năm ban hành",
                                     "ngày tháng năm ban hành",
                                     NULL};
static const char *const h_co_quan[] = {"cơ quan ban hành", "cơ quan", "đơn vị ban hành",
                                        "nơi ban hành", NULL};

/* A score sheet (THÔNG BÁO's bang_diem): the index's name and the
 * sub-criterion's text are often one column ("Chỉ số, tiêu chí"), sometimes
 * two; the score is the appraised one when the sheet also keeps the
 * self-assessed one. */
static const char *const h_sc_ten[] = {"chỉ số", "tên chỉ số", "chỉ số chính", "nhóm chỉ số", NULL};
static const char *const h_sc_noi_dung[] = {"tiêu chí",
                                            "tiêu chí thành phần",
                                            "chỉ số thành phần",
                                            "tên tiêu chí",
                                            "tiêu chí đánh giá",
                                            "nội dung",
                                            "nội dung đánh giá",
                                            "nội dung tiêu chí",
                                            "chỉ số, tiêu chí",
                                            "chỉ số/tiêu chí",
                                            "chỉ số / tiêu chí",
                                            "chỉ số / tiêu chí thành phần",
                                            "chỉ số, tiêu chí thành phần",
                                            "chỉ số/tiêu chí thành phần",
                                            "chỉ số, tiêu chí đánh giá",
                                            NULL};
static const char *const h_sc_toi_da[] = {"điểm tối đa",   "thang điểm",   "điểm chuẩn", "tối đa",
                                          "điểm tối đa *", "thang điểm *", NULL};
static const char *const h_sc_diem[] = {
    "điểm",    "điểm đạt",          "điểm đạt được",    "điểm thẩm định", "điểm đánh giá",
    "điểm số", "kết quả chấm điểm", "điểm thẩm định *", "điểm đạt *",     NULL};
static const char *const h_sc_tu_cham[] = {
    "điểm tự chấm", "tự chấm", "điểm tự đánh giá", "điểm tự chấm *", "điểm tự đánh giá *", NULL};
static const char *const h_sc_don_vi[] = {"đơn vị chịu trách nhiệm",
                                          "đơn vị phụ trách",
                                          "đơn vị tham mưu",
                                          "đơn vị thực hiện",
                                          "đơn vị chủ trì",
                                          "bộ phận phụ trách",
                                          "bộ phận chịu trách nhiệm",
                                          "bộ phận tham mưu",
                                          "công chức phụ trách",
                                          "người phụ trách",
                                          "phụ trách",
                                          "đơn vị",
                                          NULL};
static const char *const h_sc_thoi_han[] = {"thời hạn", "thời hạn hoàn thành", "hạn hoàn thành",
                                            "thời gian hoàn thành", NULL};

static const vb_table_field indicator_fields[] = {{"ma", h_ma},
                                                  {"ten", h_ten},
                                                  {"yeu_cau", h_yeu_cau},
                                                  {"don_vi", h_don_vi},
                                                  {"muc_tieu", h_muc_tieu},
                                                  {"ket_qua", h_ket_qua},
                                                  {"tu", h_tu},
                                                  {"mau", h_mau},
                                                  {"ty_le", h_ty_le},
                                                  {"thuyet_minh", h_thuyet_minh},
                                                  {"minh_chung", h_minh_chung},
                                                  {"danh_gia", h_danh_gia},
                                                  {"ly_do", h_ly_do},
                                                  {"khong_hoan_thanh", h_kht},
                                                  {"ghi_chu", h_ghi_chu},
                                                  {"kho_khan", h_kho_khan},
                                                  {"don_vi_thuc_hien", h_don_vi_th},
                                                  {NULL, NULL}};

static const vb_table_field document_fields[] = {
    {"ma", h_ma},     {"trich_yeu", h_trich_yeu}, {"so_ky_hieu", h_so_ky_hieu},
    {"ngay", h_ngay}, {"co_quan", h_co_quan},     {"ghi_chu", h_ghi_chu},
    {NULL, NULL}};

static const vb_table_field score_fields[] = {{"ma", h_ma},
                                              {"ten", h_sc_ten},
                                              {"noi_dung", h_sc_noi_dung},
                                              {"toi_da", h_sc_toi_da},
                                              {"diem", h_sc_diem},
                                              {"tu_cham", h_sc_tu_cham},
                                              {"don_vi", h_sc_don_vi},
                                              {"thoi_han", h_sc_thoi_han},
                                              {"ghi_chu", h_ghi_chu},
                                              {NULL, NULL}};

const vb_table_field *vb_model_sheet_fields(vb_model_table kind) {
  return kind == VB_MODEL_TABLE_INDICATORS ? indicator_fields
         : kind == VB_MODEL_TABLE_SCORES   ? score_fields
                                           : document_fields;
}

int vb_model_sheet_columns(const vb_sheet *s, vb_model_table kind, const vb_value *cot,
                           uint32_t header_row_1based, vb_table_cols *out, const char *data_name,
                           const char *cfg_path, vb_diags *d) {
  return vb_table_find(s, vb_model_sheet_fields(kind), cot, header_row_1based, out, data_name,
                       cfg_path, d);
}
