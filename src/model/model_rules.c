/* Every check of the data model: its id (family "du-lieu"), the level of its
 * diagnostics, a one-line title and an example. docs/data-model.md §3 lists
 * the same rules (a test compares them); `vanban check --rules` prints them
 * after the proofreading rules. A rule marked `draft` is an error that
 * stops a document from being signed but not from being read: `render
 * --nhap` renders past it, as a draft marked "DỰ THẢO". */
#include <string.h>

#include "model/model_internal.h"

#define E VB_LEVEL_ERROR
#define W VB_LEVEL_WARNING

static const vb_rule_info rules[] = {
    {"du-lieu.loai", E, "Có \"loai\": \"bao-cao\" hoặc \"thong-bao\"", "thiếu loại văn bản (loai)",
     1, 0},
    {"du-lieu.thieu-truong", E, "Có đủ các trường bắt buộc, không để trống",
     "thiếu trường bắt buộc yeu_cau", 1, 0},
    {"du-lieu.kieu", E, "Mỗi trường đúng kiểu (chuỗi, số, danh sách, đối tượng)",
     "cần một danh sách, gặp số", 1, 0},
    {"du-lieu.dinh-dang", E, "Chữ đậm, nghiêng trong lời văn đóng mở đúng (**đậm**, *nghiêng*)",
     "dấu \"**\" mở chữ đậm chưa được đóng", 1, 0},
    {"du-lieu.truong-la", W, "Trường không có trong mô hình dữ liệu (kèm gợi ý tên gần nhất)",
     "trường không xác định \"kinh_gu\"", 1, 0},
    {"du-lieu.bo-qua", W, "Phần không dùng cho loại văn bản này, hoặc không in ra gì",
     "cuoc_hop chỉ dùng cho THÔNG BÁO; phần này bị bỏ qua", 1, 0},
    {"du-lieu.cho-trong", E, "Không còn chỗ để trống \"…\" (mẫu do vanban init tạo)",
     "còn chỗ để trống \"…\": \"UBND huyện …\"", 1, 1},
    {"du-lieu.ngay", E, "Ngày hợp lệ", "ngày không hợp lệ: 2024-02-30", 1, 0},
    {"du-lieu.ngay-sau", W, "Văn bản nêu trong phụ lục ban hành trước văn bản này",
     "ngày 25/6/2024 sau ngày của văn bản này", 1, 0},
    {"du-lieu.so", E, "Số văn bản là số nguyên dương (hoặc null khi chưa có số)",
     "số văn bản không hợp lệ", 1, 0},
    {"du-lieu.ban-hanh", W, "Văn bản ban hành (--issued) có số và ngày",
     "văn bản ban hành nhưng chưa có số", 1, 0},
    {"du-lieu.ky-hieu", W, "Ký hiệu viết liền, không có khoảng trắng",
     "ký hiệu \"BC - UBND\" có khoảng trắng", 1, 0},
    {"du-lieu.kinh-gui", E, "THÔNG BÁO không có \"Kính gửi\"",
     "THÔNG BÁO không có phần \"Kính gửi\"", 1, 0},
    {"du-lieu.nhu-tren", W, "Có \"Kính gửi\" thì Nơi nhận bắt đầu bằng \"Như trên\", và ngược lại",
     "văn bản có \"Kính gửi\" nên dòng đầu của Nơi nhận phải là \"- Như trên;\"", 1, 0},
    {"du-lieu.chu-ky", W,
     "Quyền hạn ký ghép đúng (TM. rồi KT., TL. rồi KT., hoặc một tiền tố) và có chức vụ",
     "không ghép được \"KT.\" sau \"TL.\"", 1, 0},
    {"du-lieu.cau-truc", E,
     "Mục, nhóm chỉ tiêu và nội dung đặt đúng chỗ (đủ cấp đánh số, nhóm có thật, có nội dung)",
     "mục lồng quá sâu: văn bản này chỉ có 4 cấp đánh số", 1, 0},
    {"du-lieu.ket-qua", E,
     "Mục tiêu và kết quả ghi đúng dạng: một dạng kết quả, mẫu số khác 0, mục tiêu tỷ lệ trong "
     "0–100, kết quả so được với mục tiêu",
     "mẫu số bằng 0: không tính được tỷ lệ 5/0", 1, 0},
    {"du-lieu.vuot-100", E, "Tỷ lệ không vượt quá 100%: tử số không lớn hơn mẫu số",
     "tỷ lệ 44956/5022 = 895,2% vượt quá 100%: tử số lớn hơn mẫu số", 1, 1},
    {"du-lieu.so-am", E, "Số liệu không âm (tử số, mẫu số, kết quả, điểm)",
     "tử số và mẫu số không được âm", 1, 1},
    {"du-lieu.danh-gia", W,
     "Đánh giá ghi tay khớp với số liệu (văn bản in đánh giá tính từ số liệu)",
     "đánh giá \"Đạt\" mâu thuẫn với số liệu: 233/236 = 98,7%, mục tiêu ≥ 100%", 1, 0},
    {"du-lieu.can-danh-gia", E,
     "Có đánh giá \"Đạt\"/\"Chưa đạt\" khi số liệu không tự đánh giá được",
     "số liệu không đủ để tự đánh giá: cần đánh giá thủ công (danh_gia)", 1, 0},
    {"du-lieu.tom-tat", W, "Tóm tắt nhóm (tom_tat) khớp với số liệu",
     "tóm tắt ghi tỷ lệ đạt 41,6% nhưng 5/12 = 41,7%", 1, 0},
    {"du-lieu.cho-so-lieu", E,
     "Chỗ điền số liệu {{ … }} trong lời văn đúng tên, có giá trị, đóng bằng }}",
     "không biết \"{{ ty_lee }}\"", 1, 0},
    {"du-lieu.trung-ma", E, "Mã chỉ tiêu, nhóm, chỉ số, đơn vị, số và mã phụ lục không trùng",
     "mã chỉ tiêu \"1.5\" trùng với $.nhom_chi_tieu[0].chi_tieu[4]", 1, 0},
    {"du-lieu.vuot-toi-da", E,
     "Điểm không vượt quá điểm tối đa; điểm tối đa các tiêu chí không vượt điểm tối đa của chỉ số",
     "điểm 6 vượt quá điểm tối đa 5", 1, 1},
    {"du-lieu.day-du", E,
     "Chỉ số ghi đủ tiêu chí (day_du) thì điểm tối đa cộng lại bằng của chỉ số",
     "chỉ số ghi đủ tiêu chí (day_du) nhưng điểm tối đa của chúng cộng lại là 40, khác 50", 1, 0},
    {"du-lieu.tong-diem", W, "Tổng điểm ghi (tong) khớp với điểm tính được",
     "tổng điểm ghi 40 nhưng tính được 50", 1, 0},
    {"du-lieu.don-vi", E,
     "Tiêu chí chưa đạt điểm tối đa có đơn vị phụ trách, và đơn vị đó có trong don_vi",
     "đơn vị phụ trách \"VHXH\" không có trong danh sách don_vi", 1, 0},
    {"du-lieu.phu-luc", E,
     "Phụ lục đúng kiểu, có số liệu nó cần (nhom_chi_tieu, bang_diem) và có nội dung",
     "phụ lục chỉ tiêu nhưng không có nhom_chi_tieu", 1, 0},
    {"du-lieu.bang", E,
     "Bảng của phụ lục đúng dạng: cột có sẵn hoặc lấy từ một trường, tiêu đề và ô gộp khớp "
     "các cột, mỗi dòng đủ số cột, độ rộng và cách căn hợp lệ",
     "dòng 2 có 3 cột, bảng có 4 cột", 1, 0},
    {"du-lieu.dan-chieu", E, "Dẫn chiếu @phu_luc:mã trỏ đến một phụ lục có mã đó",
     "dẫn chiếu đến phụ lục không có: @phu_luc:van-bna", 1, 0},
    {"du-lieu.chua-dan-chieu", W, "Phụ lục có mã (id) được nội dung nhắc đến bằng @phu_luc:mã",
     "không đoạn nào dẫn chiếu đến Phụ lục II (mã \"van-ban\")", 1, 0},
    {"du-lieu.dau-thanh", W, "Một kiểu đặt dấu thanh (hòa/hoà, thủy/thuỷ) trong cả dữ liệu",
     "cách đặt dấu thanh không thống nhất", 1, 0},
};

#undef E
#undef W

const vb_rule_info *vb_model_rules(size_t *n) {
  *n = sizeof rules / sizeof rules[0];
  return rules;
}

const vb_rule_info *vb_model_rule_find(const char *id) {
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (!strcmp(rules[i].id, id)) return &rules[i];
  return NULL;
}
