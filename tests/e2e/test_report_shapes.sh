#!/usr/bin/env bash
# Reports other than the seeds: appendices of the shapes real reports use,
# each declaring its kind, rendered with the shipped templates in DOCX and
# ODT. The new samples render, pass check-docx --strict / check-odt --strict
# and LibreOffice; their tables have the shapes asked for, read from the
# XML (tests/fixtures/layout/table-shapes.py: columns and widths, header
# texts, merged header cells, group and item numbers, bold rows), the same in
# both formats; the body cites each appendix by its number; what a report may
# get wrong is refused with the place named and nothing written.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
L="$VB_SOURCE_DIR/tests/fixtures/layout"
DT=bc-huyen-dong-thach-2024
PL=bc-thi-tran-phuoc-lam-2024
PY=${PYTHON:-$( [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)}
cd "$WORK"

# render_both SAMPLE — DOCX and ODT, validated strictly and converted by LibreOffice.
render_both() {
  local s=$1 ext
  for ext in docx odt; do
    vb render "$S/$s.json" -o "$s.$ext"
    assert_rc "$s: render $ext" 0
    if [ "$ext" = docx ]; then
      check "$s.docx passes check-docx --strict" "$TOOLS/check-docx" --strict "$s.docx"
    else
      check "$s.odt passes check-odt --strict" "$TOOLS/check-odt" --strict "$s.odt"
    fi
    if "$TOOLS/render-pdf" "$s.$ext" "pdf-$ext" >render.log 2>&1 && [ -s "pdf-$ext/$s.pdf" ]; then
      pass "$s.$ext: LibreOffice renders it ($(pdfinfo "pdf-$ext/$s.pdf" | awk '/^Pages:/ {print $2}') pages)"
    else
      fail "render-pdf $s.$ext: $(cat render.log)"
    fi
  done
  python3 "$L/table-shapes.py" "$s.docx" >"$s.docx.shapes"
  python3 "$L/table-shapes.py" "$s.odt" >"$s.odt.shapes"
  check "$s: DOCX and ODT tables have the same shapes" cmp -s "$s.docx.shapes" "$s.odt.shapes"
}

# table N FILE — the lines of table N of a shapes listing.
table() { awk -v n="$1" '/^table / { on = ($2 == n ":") } on' "$2"; }

# ---- 0. the shipped templates: the same tags in DOCX and ODT ----------------------------
# Marks name a value by its tag's place in the template, so a document
# rendered as DOCX and saved as ODT (or the reverse) can be updated only when
# both templates have their tags in the same order. The one difference
# allowed: where the DOCX spans a continued cell with {% hm %}, the ODT
# writes covered cells and holds a comment.
for k in bao-cao thong-bao; do
  for ext in docx odt; do
    vb pack "$VB_SOURCE_DIR/templates/$k/$ext" "$k.$ext"
    vb fields "$k.$ext"
    printf '%s\n' "$VOUT" | awk '/^[a-z]/ { print $1 }' | sed 's/^hm$/comment/' >"$k.$ext.tags"
  done
  check "$k: DOCX and ODT templates have the same tags in the same order ($(wc -l <"$k.docx.tags") tags)" \
    cmp -s "$k.docx.tags" "$k.odt.tags"
done

# ---- 1. a district year-end report with four appendices of four kinds --------------
render_both $DT
sh="$DT.docx.shapes"
assert_eq "$DT: four appendix tables" "$(grep -c '^table ' "$sh")" 4

# Phụ lục I: a document list grouped by kind, numbering restarting in each
# group, the columns chosen and ordered (Số, ký hiệu before the title), a
# heading renamed, a date typed d/m/yyyy printed as typed.
t=$(table 1 "$sh")
assert_eq "I: five columns, widths" "$(head -1 <<<"$t")" \
  "table 1: cols=5 widths=12/36/30/51/36"
assert_eq "I: headers in the order chosen, one renamed" "$(sed -n 2p <<<"$t")" \
  "head: *STT* | *Số, ký hiệu văn bản* | *Ngày ban hành* | *Trích yếu nội dung* | *Cơ quan ban hành*"
assert_eq "I: group rows I-IV, bold, the name across four columns" \
  "$(grep '^row: \*' <<<"$t" | cut -d'|' -f1,2 | tr '\n' ';')" \
  "row: *I* | *Nghị quyết, chỉ thị*[c4];row: *II* | *Kế hoạch*[c4];row: *III* | *Quyết định*[c4];row: *IV* | *Văn bản chỉ đạo khác*[c4];"
assert_eq "I: numbering restarts in each group" \
  "$(grep '^row: [0-9]' <<<"$t" | awk -F' [|] ' '{ sub(/^row: /, "", $1); printf "%s ", $1 }')" \
  "1 2 3 1 2 3 4 1 2 3 1 2 3 4 "
assert_contains "$t" "row: 3 | 77/KH-UBND | 18/6/2024 |" "I: a date typed 18/6/2024 printed as typed"
assert_contains "$t" "row: 1 | 05-NQ/HU | 15/01/2024 |" "I: an ISO date printed dd/mm/yyyy"

# Phụ lục II: plan against result, Arabic group numbers, items numbered in
# each group, text targets and results as typed, no Đánh giá column.
t=$(table 2 "$sh")
assert_eq "II: columns" "$(head -1 <<<"$t")" "table 2: cols=5 widths=12/78/24/27/24"
assert_eq "II: headers" "$(sed -n 2p <<<"$t")" \
  "head: *TT* | *Nội dung* | *Chỉ tiêu giao* | *Kết quả đạt được* | *Ghi chú*"
assert_contains "$t" "row: *1* | *Chính quyền số*[c4]" "II: group 1 (Arabic)"
assert_contains "$t" "row: *2* | *Kinh tế số*[c4]" "II: group 2 (Arabic)"
assert_eq "II: items numbered in each group" \
  "$(grep '^row: [0-9]' <<<"$t" | awk -F' [|] ' '{ sub(/^row: /, "", $1); printf "%s ", $1 }')" \
  "1 2 3 4 5 1 2 3 "
assert_contains "$t" "row: 2 | Ứng dụng chữ ký số trong xử lý văn bản | Triển khai sử dụng | Đã triển khai tại 100% cơ quan, đơn vị |" \
  "II: a text target and a text result"
assert_contains "$t" "row: 3 | Văn bản đi được ký số | 100% | 98,5% |" \
  "II: a plain number target printed as typed (no ≥ added)"
assert_contains "$t" "| ≤ 15 ngày | 12 ngày |" "II: a target with its unit"
assert_contains "$t" "| 3.412/3.950 (86,4%) |" "II: a fraction with its rate, the figure on one line"

# Phụ lục III: one group only, no group rows, numbered 1..n, the data's own
# assessment where the figures cannot decide, the last column Khó khăn.
t=$(table 3 "$sh")
assert_eq "III: seven columns, the last one Khó khăn, vướng mắc" "$(sed -n 2p <<<"$t")" \
  "head: *TT* | *Tên chỉ tiêu* | *Đơn vị tính* | *Chỉ tiêu năm 2024* | *Kết quả đạt được* | *Đánh giá* | *Khó khăn, vướng mắc*"
assert_eq "III: no group row, four indicators of group 3" "$(grep -c '^row: ' <<<"$t")" 4
assert_contains "$t" "row: 1 | Người dân có tài khoản định danh điện tử mức 2 | % | ≥ 80% | > 85% | Đạt |" \
  "III: a bound result '> 85%' meets ≥ 80%"
assert_contains "$t" "| 14.210/17.352 (81,9%) | Chưa đạt | 08 thôn vùng núi" "III: computed Chưa đạt"
assert_contains "$t" "| 100% thôn, khu phố | Đã thành lập 124/124 tổ | Đạt |" \
  "III: the data's own assessment of a text result"

# Phụ lục IV: a free table with a two-level header and a bold total row.
t=$(table 4 "$sh")
assert_eq "IV: columns" "$(head -1 <<<"$t")" "table 4: cols=7 widths=12/45/24/21/21/21/21"
assert_eq "IV: header row 1: three cells spanning two rows, two spanning two columns" \
  "$(sed -n 2p <<<"$t")" \
  "head: *STT*[r2] | *Xã, thị trấn*[r2] | *Số thôn, khu phố*[r2] | *Có cáp quang*[c2] | *Có sóng 4G*[c2]"
assert_eq "IV: header row 2 under the merged cells" "$(sed -n 3p <<<"$t")" \
  "head: ^ | ^ | ^ | *Số lượng* | *Tỷ lệ* | *Số lượng* | *Tỷ lệ*"
assert_eq "IV: total row bold, Tổng cộng across two columns" "$(tail -1 <<<"$t")" \
  "row: *Tổng cộng*[c2] | *124* | *116* | *93,5%* | *121* | *97,6%*"
# Merged header cells as each format writes them.
doc=$(part $DT.docx word/document.xml)
assert_eq "DOCX: three vertical merges restart in the header" \
  "$(grep -o '<w:vMerge w:val="restart"/>' <<<"$doc" | wc -l)" 3
assert_eq "ODT: three cells span two rows" \
  "$(part $DT.odt content.xml | grep -o 'table:number-rows-spanned="2"' | wc -l)" 3
assert_contains "$doc" "Đơn vị tính: thôn, khu phố" "IV: the unit line above the table"

# Headings, numbering I-IV, citations in the body.
lines=$(python3 "$L/doc-lines.py" docx $DT.docx)
for n in I II III IV; do
  assert_eq "appendix heading 'Phụ lục $n'" "$(grep -cx "Phụ lục $n" <<<"$lines")" 1
done
assert_contains "$lines" "(chi tiết tại Phụ lục I)." "body cites Phụ lục I by its id"
assert_contains "$lines" "kết quả thực hiện từng chỉ tiêu tại Phụ lục II." "body cites Phụ lục II"
assert_contains "$lines" "khó khăn, vướng mắc của từng chỉ tiêu tại Phụ lục III." "body cites Phụ lục III"
assert_contains "$lines" "(chi tiết từng xã, thị trấn tại Phụ lục IV)." "body cites Phụ lục IV"
assert_not_contains "$lines" "@phu_luc" "no citation left unresolved"
assert_contains "$lines" "(Kèm theo Báo cáo số 412/BC-UBND ngày 16 tháng 12 năm 2024 của UBND huyện Đông Thạch)" \
  "the (Kèm theo …) line"
vb check "$S/$DT.json"
assert_rc "$DT: check finds nothing" 0
assert_eq "$DT: no warnings" "$(grep -c 'warning' <<<"$ERR" || true)" 0

# ---- 2. a town's report kept in a workbook, started with init ---------------------------
# The sample is what `vanban init` writes from its workbook, filled in by
# hand: init must still write the same references and appendices (titles
# apart, which the writer reworded).
mkdir -p initdir
cp "$S/$PL.xlsx" initdir/
vb init --from initdir/$PL.xlsx -o initdir/$PL.json
assert_rc "init from the town's workbook" 0
assert_contains "$ERR" "trang \"Chỉ tiêu\": bảng chỉ tiêu, dòng tiêu đề 2, 3 nhóm, 9 chỉ tiêu" \
  "init: the indicator sheet recognised"
assert_contains "$ERR" "trang \"Văn bản\": danh mục văn bản, dòng tiêu đề 1, 6 văn bản" \
  "init: the two-column list STT | Tên văn bản is a list of documents, not group rows"
assert_contains "$ERR" "đã ghi initdir/$PL.json"
cat >same.py <<'PYEOF'
import json, sys
new, sample = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for pl in new["phu_luc"] + sample["phu_luc"]:
    pl.pop("tieu_de", None)
assert new["nhom_chi_tieu"] == sample["nhom_chi_tieu"], (new["nhom_chi_tieu"], sample["nhom_chi_tieu"])
assert new["phu_luc"] == sample["phu_luc"][:2], (new["phu_luc"], sample["phu_luc"][:2])
assert [p["kieu"] for p in sample["phu_luc"]] == ["chi_tieu", "van_ban", "noi_dung"]
PYEOF
check "the sample's references and appendices are init's" "$PY" same.py initdir/$PL.json "$S/$PL.json"
vb render initdir/$PL.json -o initdir/$PL.docx
assert_rc "init's file is no document to sign yet: its blanks \"…\" are to fill" 1
assert_contains "$ERR" "[du-lieu.cho-trong]" "render names the blanks"
vb render initdir/$PL.json -o initdir/$PL.docx --nhap
assert_rc "init's file renders as written, as a draft" 0

render_both $PL
sh="$PL.docx.shapes"
t=$(table 1 "$sh")
assert_eq "I: the sheet's columns in the sheet's order, under its headings, the last Khó khăn" \
  "$(sed -n 2p <<<"$t")" \
  "head: *TT* | *Nội dung chỉ tiêu* | *Đơn vị tính* | *Chỉ tiêu giao* | *Kết quả thực hiện* | *Đánh giá* | *Khó khăn, vướng mắc*"
assert_eq "I: groups numbered as the sheet numbers them" \
  "$(grep '^row: \*' <<<"$t" | cut -d'|' -f1 | tr -d ' ' | tr '\n' ' ')" "row:*I* row:*II* row:*III* "
assert_eq "I: indicators numbered 1, 2, 3 in each group" \
  "$(grep '^row: [0-9]' <<<"$t" | awk -F' [|] ' '{ sub(/^row: /, "", $1); printf "%s ", $1 }')" \
  "1 2 3 4 1 2 1 2 3 "
assert_contains "$t" "| Triển khai sử dụng | Đã triển khai | Đạt |" \
  "I: a text target and result from cells, the sheet's assessment"
assert_contains "$t" "| ngày | ≤ 01 ngày | Trả trong ngày | Đạt |" "I: a target with a unit typed in a cell"
assert_contains "$t" "| % | 50% | > 60% | Đạt |" \
  "I: a percent cell printed as the cell shows it; a bound result meets it"
assert_contains "$t" "| hộ | ≥ 200 hộ | 236 hộ | Đạt |" "I: a number result against a typed count target"
assert_contains "$t" "| 2.104/2.389 (88,1%) | Chưa đạt | Khu phố 5" "I: a fraction computed, Chưa đạt"
t=$(table 2 "$sh")
assert_eq "II: two columns, STT and the sheet's heading" "$(sed -n 1,2p <<<"$t" | tr '\n' ';')" \
  "table 2: cols=2 widths=12/153;head: *STT* | *Tên văn bản*;"
assert_eq "II: six documents numbered 1-6, no group row" \
  "$(grep -c '^row: [1-6] | ' <<<"$t"):$(grep -c '^row: ' <<<"$t")" "6:6"
lines=$(python3 "$L/doc-lines.py" docx $PL.docx)
for n in I II III; do
  assert_eq "appendix heading 'Phụ lục $n'" "$(grep -cx "Phụ lục $n" <<<"$lines")" 1
done
assert_contains "$lines" "(danh mục tại Phụ lục II)" "body cites the document list"
assert_contains "$lines" "khó khăn của từng chỉ tiêu tại Phụ lục I." "body cites the indicator table"
assert_contains "$lines" "(giới thiệu tại Phụ lục III)." "body cites the free-text appendix"
assert_order "the free-text appendix: sections numbered from I., the last line ending ./." "$lines" \
  "MỘT SỐ MÔ HÌNH CHUYỂN ĐỔI SỐ TIÊU BIỂU" \
  "I. Chợ Phước Lâm thanh toán không dùng tiền mặt" "II. Khu phố số" \
  "Mô hình được nhân rộng ra toàn thị trấn từ quý III năm 2024./."
assert_eq "the free-text appendix has no table" "$(grep -c '^table ' "$sh")" 2

# init: a list of one column under a usual header, and what init refuses.
printf 'Tên văn bản\nKế hoạch chuyển đổi số năm 2024\nQuyết định kiện toàn Ban Chỉ đạo\n' >initdir/mot-cot.csv
vb init --from initdir/mot-cot.csv -o initdir/mot-cot.json
assert_rc "init: a one-column list" 0
assert_contains "$ERR" "danh mục văn bản, dòng tiêu đề 1, 2 văn bản" \
  "init: every line of a one-column list is a document"
vb render initdir/mot-cot.json -o initdir/mot-cot.docx --nhap
assert_rc "the one-column list renders (a draft: init's blanks are to fill)" 0
python3 "$L/table-shapes.py" initdir/mot-cot.docx >mot-cot.shapes
assert_eq "the one-column list: STT added, two documents" "$(tr '\n' ';' <mot-cot.shapes)" \
  "table 1: cols=2 widths=12/153;head: *STT* | *Tên văn bản*;row: 1 | Kế hoạch chuyển đổi số năm 2024;row: 2 | Quyết định kiện toàn Ban Chỉ đạo;"
# init_refused DESC EDIT EXPECTED… — the town's workbook edited by Python
# (ws is the sheet "Chỉ tiêu"): init exits 1, names the place, writes nothing.
cat >edit.py <<'PYEOF'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Chỉ tiêu"]
exec(sys.argv[3])
wb.save(sys.argv[2])
PYEOF
init_refused() {
  local desc=$1 edit=$2; shift 2
  "$PY" edit.py "$S/$PL.xlsx" initdir/bad.xlsx "$edit"
  rm -f initdir/bad.json
  vb init --from initdir/bad.xlsx -o initdir/bad.json
  assert_rc "init refuses: $desc" 1
  for e in "$@"; do assert_contains "$ERR" "$e" "$desc: says '$e'"; done
  assert_not_contains "$ERR" "đã ghi" "$desc: does not say it wrote"
  check "$desc: nothing written" test ! -e initdir/bad.json
}
init_refused "a result that looks like a figure but is none" 'ws["E13"] = "2.33.5"' \
  'bad.xlsx: Chỉ tiêu!E13: lỗi: không đọc được kết quả (ket_qua) từ ô có "2.33.5"' \
  'gợi ý: ghi kết quả dạng "2.335/3.986", "58,6%"'
init_refused "a text result with no assessment in a table with a Đánh giá column" 'ws["F6"] = None' \
  '$.nhom_chi_tieu[0].chi_tieu[1].danh_gia (Chỉ tiêu!A6:G6): lỗi: số liệu không đủ để tự đánh giá' \
  'chưa ghi gì'
init_refused "a target that looks like a figure but is none" 'ws["D10"] = "≥ 2,0,0"' \
  'Chỉ tiêu!D10: lỗi: không đọc được mục tiêu (muc_tieu) từ ô có "≥ 2,0,0"'
printf 'Họ tên,Chức vụ\nA,B\n' >initdir/khac.csv
vb init --from initdir/khac.csv -o initdir/khac.json
assert_rc "init refuses a sheet with neither table" 1
assert_contains "$ERR" "lỗi: không trang nào chứa bảng chỉ tiêu hay danh sách văn bản"
check "nothing written for it" test ! -e initdir/khac.json

# ---- 3. refusals: the place named, exit 1, nothing written -----------------------------
# refuse DESC JQ_EDIT EXPECTED… — the district sample edited by a Python
# expression on d, then render: exit 1, every EXPECTED line in stderr, no output.
refuse() {
  local desc=$1 edit=$2; shift 2
  python3 - "$S/$DT.json" bad.json "$edit" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
  rm -f bad.docx
  vb render bad.json -o bad.docx
  assert_rc "refused: $desc" 1
  for e in "$@"; do assert_contains "$ERR" "$e" "$desc: says '$e'"; done
  check "$desc: nothing written" test ! -e bad.docx
}
refuse "an unknown column name" \
  'd["phu_luc"][1]["cac_cot"][3] = "ket_qa"' \
  '$.phu_luc[1].cac_cot[3] (dòng ' 'lỗi: không có cột "ket_qa"' 'có phải là "ket_qua"?' '[du-lieu.bang]'
refuse "a citation of an appendix that does not exist" \
  'd["noi_dung"][1]["noi_dung"].append("Xem @phu_luc:ke-hoac.")' \
  '$.noi_dung[1].noi_dung[3] (dòng ' 'lỗi: dẫn chiếu đến phụ lục không có: @phu_luc:ke-hoac' \
  'có phải là "@phu_luc:ke-hoach"?' '[du-lieu.dan-chieu]'
refuse "a heading renamed for a column the table does not have" \
  'd["phu_luc"][2]["tieu_de_cot"] = {"ghi_chu": "Ghi chú"}' \
  '$.phu_luc[2].tieu_de_cot.ghi_chu (dòng ' 'lỗi: không có cột "ghi_chu" trong bảng để đổi tiêu đề'
refuse "a group the appendix shows that does not exist" \
  'd["phu_luc"][2]["nhom_chi_tieu"] = ["4"]' \
  '$.phu_luc[2].nhom_chi_tieu[0] (dòng ' 'lỗi: không có nhóm chỉ tiêu mã "4"'
refuse "a text result with no assessment where the table prints one" \
  'del d["nhom_chi_tieu"][2]["chi_tieu"][3]["danh_gia"]' \
  '$.nhom_chi_tieu[2].chi_tieu[3].danh_gia (dòng ' 'cần đánh giá thủ công (danh_gia)' '[du-lieu.can-danh-gia]'
refuse "a free table's header row that does not cover the columns" \
  'd["phu_luc"][3]["dau"][1] = ["Số lượng", "Tỷ lệ", "Số lượng"]' \
  '$.phu_luc[3].dau[1] (dòng ' 'lỗi: dòng tiêu đề 2 thiếu ô ở cột 7' '[du-lieu.bang]'
refuse "the same indicator id twice in one group" \
  'd["nhom_chi_tieu"][0]["chi_tieu"][1]["ma"] = "1"' \
  '$.nhom_chi_tieu[0].chi_tieu[1].ma (dòng ' 'lỗi: mã chỉ tiêu "1" trùng với $.nhom_chi_tieu[0].chi_tieu[0]'
refuse "an unknown appendix kind" \
  'd["phu_luc"][3]["kieu"] = "bangg"' \
  '$.phu_luc[3].kieu (dòng ' 'lỗi: kiểu phụ lục không hợp lệ: bangg' 'có phải là "bang"?' '[du-lieu.phu-luc]'
# A text result without an assessment is fine where none is printed.
python3 - "$S/$DT.json" ok.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
del d["nhom_chi_tieu"][0]["chi_tieu"][1]["danh_gia"]   # shown only in Phụ lục 02 (no Đánh giá column)
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
EOF
vb render ok.json -o ok.docx
assert_rc "no Đánh giá column: a text result needs no assessment" 0

finish
