/* Every rule `vanban check` knows: its id, the level of its findings, a
 * one-line title and an example of its message. docs/check.md lists the
 * same rules; `vanban check --rules` prints this table. */
#include <string.h>

#include "proof/proof.h"

#define E VB_LEVEL_ERROR
#define W VB_LEVEL_WARNING
#define H VB_LEVEL_HINT

static const proof_rule rules[] = {
    /* ---- form: Nghị định 30/2020, Phụ lục I ---- */
    {{"the-thuc.kho-giay", E, "Khổ giấy A4 (210 × 297 mm), trang đứng",
      "khổ giấy 215,9 × 279,4 mm, không phải A4 (210 × 297 mm)", 0, 0}},
    {{"the-thuc.le", E, "Lề trang: trên 20–25, dưới 20–25, trái 30–35, phải 15–20 mm",
      "lề trái 25 mm, ngoài khoảng 30–35 mm", 0, 0}},
    {{"the-thuc.phong-chu", E, "Phông chữ Times New Roman",
      "chữ Arial trong 12 đoạn; Nghị định 30 quy định phông Times New Roman", 0, 0}},
    {{"the-thuc.quoc-hieu", E,
      "Quốc hiệu in hoa, đậm, cỡ 12–13; Tiêu ngữ đậm, cỡ 13–14, dạng \"Độc lập - Tự do - Hạnh "
      "phúc\"",
      "Quốc hiệu cỡ 14, ngoài khoảng 12–13", 0, 0}},
    {{"the-thuc.co-quan", E,
      "Tên cơ quan in hoa, cỡ 12–13; cơ quan chủ quản không đậm, cơ quan ban hành đậm; "
      "đặt ngang hàng với Quốc hiệu",
      "tên cơ quan ban hành \"XÃ HÀ TÂN\" không in đậm", 0, 0}},
    {{"the-thuc.duong-ke", W, "Đường kẻ dưới tên cơ quan ban hành, dưới Tiêu ngữ và dưới trích yếu",
      "thiếu đường kẻ dưới Tiêu ngữ", 0, 0}},
    {{"the-thuc.so-ky-hieu", E,
      "\"Số: 05/BC-UBND\": chữ \"Số\", dấu hai chấm, số có số 0 trước 1–9, ký hiệu in hoa "
      "không dấu cách, cỡ 13",
      "số 5 cần viết 05", 1, 0}},
    {{"the-thuc.dia-danh-ngay", E,
      "\"Hà Tân, ngày 05 tháng 3 năm 2024\": in nghiêng, cỡ 13–14, số 0 trước ngày 1–9 và "
      "tháng 1–2",
      "\"tháng 03\": tháng 3–12 viết không có số 0", 0, 0}},
    {{"the-thuc.ten-loai", E, "Tên loại và trích yếu in đậm, cỡ 13–14, căn giữa",
      "tên loại \"BÁO CÁO\" không in đậm", 0, 0}},
    {{"the-thuc.kinh-gui", W, "\"Kính gửi:\" cỡ 13–14, có dấu hai chấm",
      "\"Kính gửi\" thiếu dấu hai chấm", 0, 0}},
    {{"the-thuc.noi-dung", W,
      "Nội dung: cỡ 13–14, căn đều hai lề, thụt đầu dòng 1–1,27 cm, cách đoạn tối thiểu 6 pt, "
      "giãn dòng 1–1,5",
      "42 đoạn nội dung cỡ 12, ngoài khoảng 13–14", 0, 0}},
    {{"the-thuc.ket-thuc", H, "Nội dung kết thúc bằng dấu \"./.\"",
      "đoạn cuối của nội dung không kết thúc bằng \"./.\"", 0, 0}},
    {{"the-thuc.noi-nhan", W,
      "\"Nơi nhận:\" đậm nghiêng cỡ 12; danh sách cỡ 11, mỗi dòng bắt đầu \"- \" và kết thúc "
      "\";\"; \"Như trên\" khi có Kính gửi",
      "dòng nơi nhận không bắt đầu bằng \"- \"", 0, 0}},
    {{"the-thuc.luu", E, "Dòng cuối nơi nhận là \"- Lưu: VT, <đơn vị soạn thảo>.\"",
      "\"Lưu: VP.\" thiếu \"VT\" (văn thư)", 1, 0}},
    {{"the-thuc.chu-ky", W,
      "Chức vụ người ký in hoa, đậm, cỡ 13–14, dạng \"KT. CHỦ TỊCH\"; họ tên in đậm",
      "\"KT.CHỦ TỊCH\": cần một dấu cách sau \"KT.\"", 0, 0}},
    {{"the-thuc.so-trang", E,
      "Số trang ở giữa lề trên (đầu trang), từ trang 2, không đánh số trang 1, cỡ 13–14",
      "trang 1 có số trang", 0, 0}},
    {{"the-thuc.phu-luc", W,
      "Phụ lục: \"Phụ lục I\" đậm cỡ 14, tên phụ lục in hoa đậm, dòng \"(Kèm theo …)\" in nghiêng; "
      "từ hai phụ lục đánh số La Mã",
      "phụ lục thiếu dòng \"(Kèm theo Báo cáo số … ngày … của …)\"", 0, 0}},
    /* ---- numbers in prose ---- */
    {{"so-lieu.ty-le", E, "Tỷ lệ phần trăm ghi kèm phân số phải đúng với phân số",
      "2.106/4.210 = 50,0% nhưng văn bản ghi 5,1%", 1, 0}},
    {{"so-lieu.vuot-100", E, "Tỷ lệ (phần của một tổng) không vượt quá 100%",
      "44956/5022: tử số lớn hơn mẫu số, tỷ lệ 895,2% vượt quá 100%", 1, 1}},
    {{"so-lieu.tong", W,
      "Các phần liệt kê (\"gồm\", \"trong đó\", tóm tắt chỉ tiêu) cộng lại "
      "khớp với tổng đã nêu",
      "8 + 1 + 0 = 9 chỉ tiêu, nhưng tổng ghi 8", 1, 0}},
    {{"so-lieu.danh-gia", E,
      "Đánh giá \"Đạt\"/\"Chưa đạt\" của một tiêu chí khớp với mục tiêu và kết quả của nó",
      "đánh giá \"Đạt\" mâu thuẫn với số liệu: 233/236 = 98,7%, mục tiêu ≥ 100%", 0, 0}},
    {{"so-lieu.hai-gia-tri", W, "Cùng một số liệu không được ghi hai giá trị khác nhau",
      "\"tiếp nhận … hồ sơ trực tuyến\": 375 ở đoạn 40 nhưng 357 ở đoạn 52", 1, 0}},
    {{"so-lieu.dinh-dang", H,
      "Số viết theo cách Việt Nam: dấu phẩy thập phân (7,47%), dấu chấm phân cách hàng nghìn",
      "\"98.7%\": dấu thập phân viết là dấu phẩy (98,7%)", 1, 0}},
    /* ---- consistency ---- */
    {{"nhat-quan.ten-rieng", W,
      "Địa danh (sau xã, huyện, tỉnh, phường, thị trấn…, và ở dòng địa danh, ngày tháng) viết "
      "thống nhất, so không dấu và không phân biệt hoa thường",
      "\"Hà Tân\" (12 lần) và \"Hà Tấn\" (1 lần, đoạn 30)", 1, 0}},
    {{"nhat-quan.dau-thanh", W, "Một kiểu đặt dấu thanh (hòa/hoà, thủy/thuỷ) trong cả văn bản",
      "kiểu cũ \"hòa\" (5 lần) và kiểu mới \"hoà\" (2 lần)", 0, 0}},
    {{"nhat-quan.danh-so", W,
      "Số thứ tự đề mục liên tục, không trùng, không nhảy; dòng nhắc lại số đề mục (\"(1.9. Tài "
      "liệu minh chứng …)\") ghi đúng số của đề mục chứa nó",
      "sau \"2.2.\" là \"2.4.\": thiếu 2.3", 0, 0}},
    {{"nhat-quan.phu-luc", E, "Số phụ lục không trùng, theo thứ tự; phụ lục được dẫn chiếu phải có",
      "nội dung dẫn \"Phụ lục 03\" nhưng văn bản không có phụ lục 03", 1, 0}},
    {{"nhat-quan.ngay-danh-muc", W, "Ngày trong danh mục văn bản theo thứ tự và trong kỳ báo cáo",
      "33/TB-UBND ngày 09/02/2024 đứng sau 28/TB-UBND ngày 20/02/2024", 0, 0}},
    {{"nhat-quan.dong-trung", W, "Không có hai dòng trùng nhau trong một bảng",
      "dòng 7 trùng dòng 5 của bảng 2", 0, 0}},
};

#undef E
#undef W
#undef H

const proof_rule *proof_rules(size_t *n) {
  *n = sizeof rules / sizeof rules[0];
  return rules;
}

const proof_rule *proof_rule_find(const char *id) {
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (!strcmp(rules[i].info.id, id)) return &rules[i];
  return NULL;
}
