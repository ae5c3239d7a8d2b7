#!/usr/bin/env bash
# `vanban init` on the score sheet an officer keeps for the THÔNG BÁO kết
# luận (made with openpyxl): a title row, a heading row above the indices
# (I), indices numbered 1, 2 with their sub-criteria 1.1, 1.3, self-assessed
# and appraised scores, the responsible unit, a note, a column vanban does
# not know and a "Tổng cộng" row. init recognises it as a THÔNG BÁO, reports
# every column and every row it leaves out; a score the spreadsheet turned
# into a date and a score that is not a number are refused at their cells
# and nothing is written; a score above its maximum and a negative score are
# warnings at their cells once readable (init reads its file as a draft), and
# errors for check and render. Fixed and its blanks filled, the file checks and renders
# in DOCX and ODT with the shipped template (--strict, LibreOffice), and the
# PDF's annex lists each sub-criterion below its maximum with its unit and
# its note, and none at full marks. The sheet is referred to, not copied: a
# score changed in the sheet reaches the next render. A workbook holding a
# score sheet and an indicator table asks which document to write (--loai).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

# Debian's python3 has python3-openpyxl (scripts/deps.sh); a pyenv shim may not.
PY=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
cd "$WORK"
mkdir -p so-lieu thong-bao

make_book() { # make_book OUT BAD(0|1|2): 1 unreadable cells, 2 scores out of range
  "$PY" - "$1" "$2" <<'PYEOF'
import datetime, sys
import openpyxl
out, bad = sys.argv[1], int(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bảng điểm"
ws["A1"] = "BẢNG ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ XÃ NĂM 2023"
ws.merge_cells("A1:H1")
ws.append(["STT", "Chỉ số, tiêu chí thành phần", "Điểm tối đa", "Điểm tự chấm",
           "Điểm thẩm định", "Đơn vị chịu trách nhiệm", "Ghi chú", "Người nhập"])
rows = [
    ["I", "CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP XÃ"],
    ["1", "Chỉ số nhận thức số", 100, 90, 84],
    ["1.1", "Nghị quyết của Đảng ủy về chuyển đổi số", 80, 80, 80, "VHTT", None, "An"],
    ["1.3", "Văn bản điều hành về chuyển đổi số do Chủ tịch xã trực tiếp ký", 20, 10,
     25 if bad == 2 else 4, "VHTT", "Chủ tịch chưa ký văn bản nào năm 2023", "An"],
    ["2", "Chỉ số hạ tầng số", 100, 60, 52.72],
    ["2.1", "Tỷ lệ dân số trưởng thành có điện thoại thông minh", 10, 5, "2,72", "VHTT",
     "Rà soát lại danh sách theo thôn", "Bình"],
    ["2.2", "Tỷ lệ hộ gia đình có kết nối Internet cáp quang", 10, 0,
     datetime.datetime(2024, 6, 6) if bad == 1 else 0, "Bưu điện xã",
     "Chờ doanh nghiệp viễn thông kéo cáp", "Bình"],
    ["2.3", "Điểm phục vụ bưu chính có Internet băng rộng", 20, 20,
     "x" if bad == 1 else 20, "Bưu điện xã", None, None],
    ["2.4", "Kinh phí chi thường xuyên cho chuyển đổi số", 60, 30, -2 if bad == 2 else 30,
     "Tài chính – Kế toán xã", None, None],
    [None, "Tổng cộng", 200, 150, 136.72],
]
for r, values in enumerate(rows, start=3):
    for c, v in enumerate(values, start=1):
        ws.cell(row=r, column=c, value=v)
if bad == 1:
    ws["E9"].number_format = "d/m"
wb.save(out)
PYEOF
}

# ---- 1. unreadable scores: every column reported, the cells named, nothing written
make_book so-lieu/bang-diem.xlsx 1
vb init --from so-lieu/bang-diem.xlsx -o thong-bao/tb.json
assert_rc "init refuses the unreadable scores" 1
assert_contains "$ERR" 'trang "Bảng điểm": bảng điểm (thông báo kết luận), dòng tiêu đề 2, có ô không đọc được' \
  "recognised as a THÔNG BÁO score sheet by its headers"
assert_contains "$ERR" 'cột A "STT" → ma: số thứ tự: 1, 2 là chỉ số, 1.1, 1.2 là tiêu chí thành phần' "STT"
assert_contains "$ERR" 'cột B "Chỉ số, tiêu chí thành phần" → noi_dung: chỉ số, tiêu chí thành phần' "the name column"
assert_contains "$ERR" 'cột C "Điểm tối đa" → toi_da: điểm tối đa' "the maximum"
assert_contains "$ERR" 'cột D "Điểm tự chấm" → tu_cham: điểm tự chấm: dùng khi bảng không có cột điểm thẩm định' \
  "the self-assessed score, used only without an appraised one"
assert_contains "$ERR" 'cột E "Điểm thẩm định" → diem: điểm đạt được' "the appraised score is the score"
assert_contains "$ERR" 'cột F "Đơn vị chịu trách nhiệm" → don_vi: đơn vị chịu trách nhiệm khắc phục' "the unit"
assert_contains "$ERR" 'cột G "Ghi chú" → ghi_chu: ghi chú, in ở phụ lục giao trách nhiệm' "the note"
assert_contains "$ERR" 'cột H "Người nhập" → bỏ qua: tiêu đề không quen; để dùng, thêm vào "cot" của bang_diem dòng "<trường>": "Người nhập"' \
  "the unknown column said to be left out, with how to take it in"
assert_contains "$ERR" 'dòng 3 "CHỈ SỐ CHUYỂN ĐỔI SỐ CẤP XÃ": bỏ qua, dòng nhóm trên chỉ số' "the heading above the indices"
assert_contains "$ERR" 'dòng 12 "Tổng cộng": bỏ qua, không có số thứ tự' "the total row"
assert_contains "$ERR" 'bang-diem.xlsx: Bảng điểm!E9: lỗi: không đọc được điểm (diem) từ ô có "06/06/2024": ô định dạng ngày tháng [sheet.date-cell]' \
  "the date cell named, with its cause"
assert_contains "$ERR" 'bảng tính tự đổi những gì gõ như "6/6" thành ngày tháng' "how to fix the date cell"
assert_contains "$ERR" 'bang-diem.xlsx: Bảng điểm!E10: lỗi: không đọc được điểm (diem) từ ô có "x"' \
  "the score that is not a number named at its cell"
assert_contains "$ERR" 'ghi điểm bằng số, ví dụ 4 hoặc 2,72' "with what to write"
assert_contains "$ERR" "chưa ghi gì"
[ ! -e thong-bao/tb.json ] && pass "a failed init writes nothing" || fail "thong-bao/tb.json written"

# ---- 2. scores out of range: named at their cells ----------------------------------
# init reads the file it writes as a draft (its blanks are still to fill): a
# score out of range is a warning at its cell, and render refuses the file
# until the sheet is corrected (a draft, --nhap, prints it as given).
make_book so-lieu/bang-diem.xlsx 2
vb init --from so-lieu/bang-diem.xlsx -o thong-bao/tb.json
assert_rc "init writes the file with the scores out of range" 0
assert_contains "$ERR" '(Bảng điểm!E6): cảnh báo: điểm 25 vượt quá điểm tối đa 20' "a score above its maximum, at its cell"
assert_contains "$ERR" 'kiểm tra lại điểm hoặc điểm tối đa' "with what to do"
assert_contains "$ERR" '[du-lieu.vuot-toi-da]' "with its rule"
assert_contains "$ERR" '(Bảng điểm!E11): cảnh báo: điểm không được âm' "a negative score, at its cell"
vb render thong-bao/tb.json -o tb-bad.docx --nhap
assert_contains "$ERR" '(Bảng điểm!E6)' "a draft renders, the score still named at its cell"
vb check thong-bao/tb.json
assert_rc "check: the score out of range is an error for a document to sign" 1
assert_contains "$VOUT" '(Bảng điểm!E6): điểm 25 vượt quá điểm tối đa 20' "check names it at its cell"

# ---- 3. fixed: written, checked, rendered from another directory ---------------------
make_book so-lieu/bang-diem.xlsx 0
vb init --from so-lieu/bang-diem.xlsx -o thong-bao/tb.json --force
assert_rc "init from the fixed sheet" 0
assert_contains "$ERR" 'bảng điểm (thông báo kết luận), dòng tiêu đề 2, 2 chỉ số, 6 tiêu chí thành phần, 4 tiêu chí chưa đạt điểm tối đa'
assert_not_contains "$ERR" "không thấy cột" "every field the sheet needs was found"
assert_not_contains "$ERR" "cảnh báo" "the indices' totals agree with their sub-criteria"
assert_not_contains "$ERR" "warning" "no warning"
j=$(cat thong-bao/tb.json)
assert_contains "$j" '"loai": "thong-bao"' "a THÔNG BÁO"
assert_contains "$j" '"source": "../so-lieu/bang-diem.xlsx#Bảng điểm"' "the sheet named relative to the data file"
assert_contains "$j" '"diem": "Điểm thẩm định"' "cot names the appraised score"
assert_contains "$j" '"kieu": "giao_viec"' "the skeleton has the assignment annex"
assert_contains "$j" '"ho_ten": "…"' "van_ban to fill in"
# The blanks "…" are the officer's to fill (check names each until then).
vb check thong-bao/tb.json
assert_rc "check: the skeleton's blanks are errors" 1
assert_contains "$VOUT" "[du-lieu.cho-trong]" "check names the blanks"
"$PY" - thong-bao/tb.json <<'PYEOF'
import json, sys
path = sys.argv[1]
d = json.load(open(path, encoding="utf-8"))
def fill(v, key=None):
    if isinstance(v, dict):
        return {k: fill(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [fill(x, key) for x in v]
    if isinstance(v, str) and "…" in v:
        return "Nguyễn Văn An" if key == "ho_ten" else v.replace("…", "Tân Lập")
    return v
json.dump(fill(d), open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PYEOF
assert_not_contains "$(cat thong-bao/tb.json)" "…" "every blank filled"
(cd / && "$VANBAN" check "$WORK/thong-bao/tb.json" >"$WORK/check.out" 2>&1) && rc=0 || rc=$?
[ "$rc" -eq 0 ] && pass "check from another directory (exit 0)" || fail "check from /: exit $rc: $(cat check.out)"
for ext in docx odt; do
  (cd / && "$VANBAN" render "$WORK/thong-bao/tb.json" -o "$WORK/tb.$ext" -q 2>"$WORK/render.err") && rc=0 || rc=$?
  [ "$rc" -eq 0 ] && pass "render $ext from another directory" || fail "render $ext from /: $(cat render.err)"
done
check "the DOCX passes check-docx --strict" "$TOOLS/check-docx" --strict tb.docx
check "the ODT passes check-odt --strict" "$TOOLS/check-odt" --strict tb.odt

# annex PDF — the appendix's text from the PDF in reading order (-layout), blanks squeezed (lines wrap)
annex() {
  pdftotext -layout "$1" - | sed -n '/PHỤ LỤC/,$p' | tr -s ' \n' '  '
}
for ext in docx odt; do
  if "$TOOLS/render-pdf" "tb.$ext" "pdf-$ext" >render.log 2>&1 && [ -s "pdf-$ext/tb.pdf" ]; then
    pass "the $ext converts with LibreOffice"
  else
    fail "render-pdf tb.$ext: $(cat render.log)"
    continue
  fi
  t=$(annex "pdf-$ext/tb.pdf")
  assert_contains "$t" "1. Chỉ số nhận thức số: đạt 84/100 điểm" "$ext: the index with its total"
  assert_contains "$t" "- Mục 1.3 Văn bản điều hành về chuyển đổi số do Chủ tịch xã trực tiếp ký đạt 4/20 điểm. Ghi chú: Chủ tịch chưa ký văn bản nào năm 2023. => Giao VHTT tham mưu khắc phục." \
    "$ext: 1.3 with its note and its unit"
  assert_contains "$t" "2. Chỉ số hạ tầng số: đạt 52,72/100 điểm" "$ext: the second index, a decimal total"
  assert_contains "$t" "- Mục 2.1 Tỷ lệ dân số trưởng thành có điện thoại thông minh đạt 2,72/10 điểm. Ghi chú: Rà soát lại danh sách theo thôn. => Giao VHTT tham mưu khắc phục." \
    "$ext: 2.1, a score typed as text with a decimal comma"
  assert_contains "$t" "- Mục 2.2 Tỷ lệ hộ gia đình có kết nối Internet cáp quang đạt 0/10 điểm. Ghi chú: Chờ doanh nghiệp viễn thông kéo cáp. => Giao Bưu điện xã tham mưu khắc phục." \
    "$ext: 2.2 with its note and its unit"
  assert_contains "$t" "- Mục 2.4 Kinh phí chi thường xuyên cho chuyển đổi số đạt 30/60 điểm. => Giao Tài chính – Kế toán xã tham mưu khắc phục" \
    "$ext: 2.4, no note"
  assert_not_contains "$t" "Mục 1.1 " "$ext: a sub-criterion at full marks is not assigned"
  assert_not_contains "$t" "Mục 2.3 " "$ext: nor 2.3"
  assert_not_contains "$t" "Người nhập" "$ext: the column left out is not printed"
  assert_not_contains "$t" "Tổng cộng" "$ext: nor the total row"
done

# ---- 4. the sheet is referred to: a score changed there reaches the render -----------
"$PY" - so-lieu/bang-diem.xlsx <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
ws["E6"] = 20   # 1.3 now at full marks
ws["E4"] = 100
wb.save(sys.argv[1])
PYEOF
vb render thong-bao/tb.json -o tb2.docx -q
assert_rc "render after the sheet changed" 0
x=$(part tb2.docx word/document.xml)
assert_not_contains "$x" "Mục 1.3" "1.3, now at full marks, left the annex"
assert_contains "$x" "Mục 2.2" "the others stay"

# ---- 5. both kinds of sheet: which document? ------------------------------------------
"$PY" - so-lieu/bang-diem.xlsx so-lieu/ca-hai.xlsx <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet("Chỉ tiêu")
ws.append(["STT", "Tên chỉ tiêu", "Chỉ tiêu giao", "Kết quả", "Đánh giá"])
ws.append(["I", "Chính quyền số"])
ws.append(["1", "Hồ sơ trực tuyến", "≥ 80%", "90/100", "Đạt"])
wb.save(sys.argv[2])
PYEOF
vb init --from so-lieu/ca-hai.xlsx -o ca-hai.json
assert_rc "a workbook with both kinds of sheet is not guessed" 1
assert_contains "$ERR" 'không rõ loại văn bản: trang "Bảng điểm" là bảng điểm (thông báo kết luận), trang "Chỉ tiêu" là bảng của báo cáo [init.loai]' \
  "both sheets named"
assert_contains "$ERR" '--loai thong-bao' "the way out"
[ ! -e ca-hai.json ] && pass "nothing written" || fail "ca-hai.json written"
vb init --from so-lieu/ca-hai.xlsx --loai thong-bao -o ca-hai.json
assert_rc "--loai thong-bao" 0
assert_contains "$(cat ca-hai.json)" '"loai": "thong-bao"' "the THÔNG BÁO written"
assert_contains "$ERR" 'trang "Chỉ tiêu": không phải bảng điểm, không dùng trong thông báo' "the other sheet said unused"
vb init --from so-lieu/ca-hai.xlsx --loai bao-cao -o ca-hai-bc.json
assert_rc "--loai bao-cao" 0
assert_contains "$(cat ca-hai-bc.json)" '"loai": "bao-cao"' "the BÁO CÁO written"
assert_contains "$ERR" 'trang "Bảng điểm": bảng điểm, không dùng trong báo cáo' "the score sheet said unused"
vb init --from so-lieu/ca-hai.xlsx --loai bien-ban -o x.json
assert_rc "an unknown --loai is a usage error" 4
assert_contains "$ERR" "--loai là bao-cao hoặc thong-bao"

finish
