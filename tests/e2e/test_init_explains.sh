#!/usr/bin/env bash
# `vanban init` on the workbook an officer keeps (made with openpyxl): a
# title row, a two-row header with merged cells (KH / TH under "Năm 2025"),
# a % formatted Tỷ lệ column, a note column, a column vanban does not know,
# and a result the spreadsheet turned into a date. init reports every column
# (its field, or why it was left out), refuses the date cell naming it and
# why, and writes nothing; fixed, it writes a file that checks and renders
# from any directory, the appendix in the sheet's shape. A sheet without a
# target column gets the exact "cot" line to add; the test adds that line
# and the targets reach the document.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Debian's python3 has python3-openpyxl (scripts/deps.sh); a pyenv shim may not.
PY=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
cd "$WORK"
mkdir -p so-lieu bao-cao

make_book() { # make_book OUT DATE_CELL(0|1)
  "$PY" - "$1" "$2" <<'PYEOF'
import datetime, sys
import openpyxl
out, date_cell = sys.argv[1], sys.argv[2] == "1"
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Chỉ tiêu"
ws["A1"] = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2025"
ws.merge_cells("A1:H1")
for col, text in zip("ABCFGH", ["STT", "Chỉ tiêu", "Đơn vị tính", "Tỷ lệ", "Ghi chú",
                                "Người theo dõi"]):
    ws[col + "2"] = text
    ws.merge_cells(f"{col}2:{col}3")
ws["D2"] = "Năm 2025"
ws.merge_cells("D2:E2")
ws["D3"], ws["E3"] = "KH năm 2025", "TH quý III"
rows = [
    ["I", "CHÍNH QUYỀN SỐ"],
    [1, "Hộ gia đình có địa chỉ số", "hộ", 150, 132, 0.88, "Đang cập nhật", "Anh Bình"],
    [2, "Hồ sơ xử lý trực tuyến", "%", 0.9, 0.95, None, None, "Chị Lan"],
    ["II", "XÃ HỘI SỐ"],
    [1, "Cuộc họp trực tuyến của xã", "cuộc", 6,
     datetime.datetime(2025, 6, 6) if date_cell else 6, 1, None, "Anh Bình"],
]
for r, values in enumerate(rows, start=4):
    for c, v in enumerate(values, start=1):
        ws.cell(row=r, column=c, value=v)
ws["F5"].number_format = ws["F8"].number_format = "0%"
ws["D6"].number_format = ws["E6"].number_format = "0%"
if date_cell:
    ws["E8"].number_format = "d/m"
wb.save(out)
PYEOF
}

# ---- 1. the date cell: every column reported, the cell named, nothing written
make_book so-lieu/chi-tieu.xlsx 1
vb init --from so-lieu/chi-tieu.xlsx -o bao-cao/bc.json
assert_rc "init refuses the date cell" 1
assert_contains "$ERR" 'trang "Chỉ tiêu": bảng chỉ tiêu, dòng tiêu đề 3, có ô không đọc được'
assert_contains "$ERR" 'cột A "STT" → ma: số thứ tự' "STT mapped"
assert_contains "$ERR" 'cột B "Chỉ tiêu" → ten: tên chỉ tiêu' "the name column"
assert_contains "$ERR" 'cột D "KH năm 2025" → muc_tieu: mục tiêu' "KH with its period is the target"
assert_contains "$ERR" 'cột E "TH quý III" → ket_qua: kết quả thực hiện' "TH with its period is the result"
assert_contains "$ERR" 'cột F "Tỷ lệ" → ty_le: tỷ lệ: chỉ để đối chiếu' "Tỷ lệ cross-checked"
assert_contains "$ERR" 'cột G "Ghi chú" → ghi_chu: ghi chú, in ở cột Ghi chú của phụ lục' "the note"
assert_contains "$ERR" 'cột H "Người theo dõi" → bỏ qua: tiêu đề không quen; để dùng, thêm vào "cot" của nhom_chi_tieu dòng "<trường>": "Người theo dõi"' \
  "the unknown column said to be left out, with how to take it in"
assert_contains "$ERR" 'chi-tieu.xlsx: Chỉ tiêu!E8: lỗi: không đọc được kết quả (ket_qua) từ ô có "06/06/2025": ô định dạng ngày tháng [sheet.date-cell]' \
  "the date cell named, with its cause"
assert_contains "$ERR" 'bảng tính tự đổi những gì gõ như "6/6" thành ngày tháng' "how to fix it"
assert_contains "$ERR" "chưa ghi gì"
[ ! -e bao-cao/bc.json ] && pass "a failed init writes nothing" || fail "bao-cao/bc.json written"

# ---- 2. fixed: written, checked and rendered from another directory -----------------
make_book so-lieu/chi-tieu.xlsx 0
vb init --from so-lieu/chi-tieu.xlsx -o bao-cao/bc.json
assert_rc "init from the fixed sheet" 0
assert_contains "$ERR" 'bảng chỉ tiêu, dòng tiêu đề 3, 2 nhóm, 3 chỉ tiêu'
assert_not_contains "$ERR" "[sheet.rate]" "the sheet's rates agree with the figures"
assert_not_contains "$ERR" "không thấy cột" "every field the table needs was found"
j=$(cat bao-cao/bc.json)
assert_contains "$j" '"source": "../so-lieu/chi-tieu.xlsx#Chỉ tiêu"' "the sheet named relative to the data file"
assert_contains "$j" '"muc_tieu": "KH năm 2025"' "cot names the plan column"
assert_contains "$j" '{"cot": "ghi_chu", "tieu_de": "Ghi chú"}' "the appendix shows the note"
assert_contains "$j" '"phu_luc": [' "the skeleton has the appendix"
# The blanks "…" init leaves are the officer's to fill: until then check names
# each and render refuses the file; filled as they would be, it renders.
vb check bao-cao/bc.json
assert_rc "check: the skeleton's blanks are errors" 1
assert_contains "$VOUT" '$.van_ban.ky.ho_ten (dòng ' "check names the signer's blank"
assert_contains "$VOUT" "[du-lieu.cho-trong]" "check gives the rule"
"$PY" - bao-cao/bc.json <<'PYEOF'
import json, sys
path = sys.argv[1]
d = json.load(open(path, encoding="utf-8"))
v = d["van_ban"]
v.update({"co_quan_chu_quan": "UBND huyện Đông Thạch", "co_quan_ban_hanh": "Ủy ban nhân dân\nxã Tân Lập",
          "ten_co_quan": "UBND xã Tân Lập", "dia_danh": "Tân Lập",
          "trich_yeu": "Kết quả thực hiện chuyển đổi số quý III năm 2025",
          "kinh_gui": ["UBND huyện Đông Thạch"]})
v["ky"]["ho_ten"] = "Nguyễn Văn An"
d["ket_thuc"] = ["Trên đây là báo cáo kết quả thực hiện chuyển đổi số quý III năm 2025 của UBND xã Tân Lập."]
json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PYEOF
assert_not_contains "$(cat bao-cao/bc.json)" "…" "every blank filled"
(cd / && "$VANBAN" check "$WORK/bao-cao/bc.json" >"$WORK/check.out" 2>&1) && rc=0 || rc=$?
[ "$rc" -eq 0 ] && pass "check from another directory (exit 0)" || fail "check from /: exit $rc: $(cat check.out)"
for ext in docx odt; do
  (cd / && "$VANBAN" render "$WORK/bao-cao/bc.json" -o "$WORK/bc.$ext" -q 2>"$WORK/render.err") && rc=0 || rc=$?
  [ "$rc" -eq 0 ] && pass "render $ext from another directory" || fail "render $ext from /: $(cat render.err)"
done
check "the DOCX passes check-docx --strict" "$TOOLS/check-docx" --strict bc.docx
check "the ODT passes check-odt --strict" "$TOOLS/check-odt" --strict bc.odt
x=$(part bc.docx word/document.xml)
for s in "KH năm 2025" "TH quý III" "Hộ gia đình có địa chỉ số" "Đang cập nhật" "132" "150" "CHÍNH QUYỀN SỐ"; do
  assert_contains "$x" "$s" "the appendix shows '$s'"
done
assert_not_contains "$x" "Người theo dõi" "the column left out is not printed"
if "$TOOLS/render-pdf" bc.docx pdf >render.log 2>&1 && [ -s pdf/bc.pdf ]; then
  pass "the DOCX converts with LibreOffice"
  # table cells wrap: the words of a cell are compared with blanks squeezed
  t=$(pdftotext pdf/bc.pdf - | tr -s ' \n' '  ')
  assert_contains "$t" "Đang cập nhật" "the PDF shows the note"
  assert_contains "$t" "KH năm 2025" "the PDF shows the sheet's heading"
else
  fail "render-pdf bc.docx: $(cat render.log)"
fi

# ---- 3. a wrong rate: a warning at its cell -----------------------------------------
"$PY" - so-lieu/chi-tieu.xlsx so-lieu/ty-le.xlsx <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb.active["F5"] = 0.9
wb.save(sys.argv[2])
PYEOF
vb init --from so-lieu/ty-le.xlsx -o ty-le.json
assert_rc "a wrong rate is no error" 0
assert_contains "$ERR" 'Chỉ tiêu!F5: cảnh báo: tỷ lệ trong bảng 90% khác tỷ lệ tính từ số liệu của dòng 88% [sheet.rate]' \
  "the rate that does not match 132/150 is named at its cell"
assert_count "the rate reported once" "$ERR" "[sheet.rate]" 1

# ---- 4. no target column: the exact cot line, applied as told ----------------------
"$PY" - so-lieu/giao.xlsx <<'PYEOF'
import sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Biểu 1"
ws.append(["STT", "Nội dung", "ĐVT", "Thực hiện", "Giao cho"])
ws.append(["1", "Chính quyền số"])
ws.append(["1.1", "Tỷ lệ hồ sơ trực tuyến", "%", "95%", "≥ 90%"])
ws.append(["1.2", "Số cuộc họp trực tuyến", "cuộc", 5, 6])
wb.save(sys.argv[1])
PYEOF
vb init --from so-lieu/giao.xlsx -o giao.json
assert_rc "init without a target column" 0
assert_contains "$ERR" 'cột E "Giao cho" → bỏ qua: tiêu đề không quen'
line=$(printf '%s\n' "$ERR" | sed -n 's/.*không thấy cột muc_tieu .*dòng \("muc_tieu": "[^"]*"\) và.*/\1/p')
assert_eq "the line to add names the column left out" "$line" '"muc_tieu": "Giao cho"'
col=$(printf '%s\n' "$ERR" | sed -n 's/.*không thấy cột muc_tieu .*phụ lục chi-tieu \({.*}\)$/\1/p')
assert_eq "and the appendix column that prints it" "$col" '{"cot": "chi_tieu", "tieu_de": "Giao cho"}'
"$PY" - giao.json "$line" "$col" <<'PYEOF'
import json, sys
path, line, col = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.load(open(path, encoding="utf-8"))
d["nhom_chi_tieu"]["cot"].update(json.loads("{" + line + "}"))
d["phu_luc"][0]["cac_cot"].append(json.loads(col))
json.dump(d, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PYEOF
vb render giao.json -o giao.docx -q --nhap
assert_rc "the file with the added line renders (a draft: init's blanks are still to fill)" 0
x=$(part giao.docx word/document.xml)
assert_contains "$x" "≥ 90%" "the target now reaches the document"

# An impossible figure in the sheet (a share over 100%): init writes the file
# and warns at the cell in its own words — what render will do with it, not
# the draft's "in trong bản dự thảo" — with the way to keep it on purpose.
printf 'TT,Tên chỉ tiêu,Đơn vị tính,Chỉ tiêu giao,Kết quả\nI,Chính quyền số\n1,Hồ sơ trực tuyến,%%,90%%,44956/5022\n' >vuot.csv
vb init --from vuot.csv -o vuot.json
assert_rc "init with a share over 100% writes its file" 0
assert_contains "$ERR" 'vuot.json: $.nhom_chi_tieu[0].chi_tieu[0].ket_qua (vuot!E3): cảnh báo: tỷ lệ 44956/5022 = 895,2% vượt quá 100%' \
  "the impossible figure is named at its cell"
assert_contains "$ERR" '(`vanban render` sẽ từ chối văn bản này; `vanban render --nhap` vẫn in được, thành bản có dấu "DỰ THẢO") [du-lieu.vuot-100]' \
  "init says what render will do with it"
assert_contains "$ERR" 'nếu cố ý giữ như vậy: ghi "du-lieu.vuot-100" vào "_vanban_ignore"' "and how to keep it"
assert_not_contains "$ERR" "in trong bản dự thảo" "not the draft's words"
vb render vuot.json -o vuot.docx -q
assert_rc "render refuses it, as init said" 1
check "nothing written" test ! -e vuot.docx

finish
