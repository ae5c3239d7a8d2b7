#!/usr/bin/env bash
# vanban diff -o: the comparison table (bảng đối chiếu) that goes out with a
# corrected report, as DOCX and ODT, standalone (the new report's header,
# title, the table, Nơi nhận and signature) and as an appendix (--phu-luc:
# "Phụ lục", title, "(Kèm theo Báo cáo số …)", the table). For the
# correction sample every changed figure is a row, old → new, with what
# follows (assessment, group summary); a THÔNG BÁO's scores too. Every
# output passes check-docx/check-odt --strict, converts with LibreOffice
# and shows the rows in the PDF; the same input gives the same bytes; wrong
# arguments are refused and write nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
OLD="$S/bc-xa-ha-tan-6thang-2024.json"
FIXED="$S/corrections/bc-xa-ha-tan-6thang-2024.json"
TEXT="$VB_SOURCE_DIR/tests/fixtures/update/doc-text.py"
cd "$WORK"

# (a no-break space between two words — generated place names such as "UBND
# xã Hà Tân" are joined so — reads as a space; the blanks left for the
# number and day are runs of them and stay)
doc_text() {
  /usr/bin/python3 "$TEXT" "$1" |
    /usr/bin/python3 -c 'import re,sys; sys.stdout.write(re.sub(r"(?<=\S)\u00a0(?=\S)", " ", sys.stdin.read()))'
}
valid() {
  if [ "${1##*.}" = docx ]; then "$TOOLS/check-docx" --strict "$1"; else "$TOOLS/check-odt" --strict "$1"; fi
}

# The sample is a draft: its number and day are six no-break spaces.
B=$'\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0'
REF="Báo cáo số$B/BC-UBND ngày${B}tháng 6 năm 2024 của UBND xã Hà Tân"
ROWS=("TT" "Nội dung điều chỉnh" "Số liệu cũ" "Số liệu mới" "Ảnh hưởng"
  "1" "Tiêu chí 1.8: Khai thác, sử dụng các cơ sở dữ liệu chuyên ngành, phần mềm, nền tảng ứng dụng dùng chung từ Trung ương đến địa phương đảm bảo thông suốt, hiệu quả"
  "44.956/5.022 (895,2%)" "4.956/5.022 (98,7%)" "—"
  "2" "Tiêu chí 3.10: Tỷ lệ dân số ở độ tuổi trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân đạt theo các chỉ tiêu giao hàng năm 40%"
  "1.058/3.986 (26,5%)" "1.120/3.986 (28,1%)" "—"
  "3" "Tiêu chí 3.11: Tỷ lệ dân số trưởng thành có sử dụng dịch vụ công trực tuyến đạt theo các chỉ tiêu giao hàng năm 30%"
  "997/3.986 (25,0%)" "1.250/3.986 (31,4%)" "Đánh giá: Chưa đạt → Đạt; nhóm Xã hội số: 5/12 → 6/12 đạt"
  "4" "Thêm tiêu chí 4.9: Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang đạt theo các chỉ tiêu giao hàng năm 60%"
  "—" "950/1.396 (68,1%)" "Đánh giá: Đạt; nhóm Hạ tầng số: 8/8 → 9/9 đạt")
rows=$(printf '%s\n' "${ROWS[@]}")

for ext in docx odt; do
  # 1. Standalone: the new report's header and signature around the table.
  vb diff "$OLD" "$FIXED" -o "doi-chieu.$ext"
  assert_rc "$ext: diff -o" 0
  assert_contains "$ERR" "vanban: đã ghi doi-chieu.$ext" "$ext: says what it wrote"
  assert_eq "$ext: nothing on stdout" "$VOUT" ""
  check "$ext: the comparison passes --strict" valid "doi-chieu.$ext"
  t=$(doc_text "doi-chieu.$ext")
  assert_order "$ext: header, title, opening, table, signature" "$t" "ỦY BAN NHÂN DÂN / XÃ HÀ TÂN" \
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Hà Tân, ngày${B}tháng 6 năm 2024" \
    "BẢNG ĐỐI CHIẾU SỐ LIỆU ĐIỀU CHỈNH" "Số liệu điều chỉnh của $REF" \
    "Số liệu của $REF được điều chỉnh như sau (4 mục); các nội dung khác giữ nguyên." \
    "Ảnh hưởng" "Nơi nhận:" "KT. CHỦ TỊCH" "Nguyễn Văn Trình"
  assert_contains "$t" "$rows" "$ext: every change is a row: what, old, new, what follows"
  assert_not_contains "$t" "Kèm theo" "$ext: standalone, not an appendix"
  check "$ext: converts with LibreOffice" "$TOOLS/render-pdf" "doi-chieu.$ext" "pdf-$ext"
  pdf=$(tr -s ' \n' ' ' <"pdf-$ext/doi-chieu.txt" 2>/dev/null || true)
  assert_contains "$pdf" "BẢNG ĐỐI CHIẾU SỐ LIỆU ĐIỀU CHỈNH" "$ext: the PDF shows the title"
  assert_contains "$pdf" "1.250/3.986" "$ext: the PDF shows the new figure"
  vb diff "$OLD" "$FIXED" -o "again.$ext"
  check "$ext: the same input gives the same bytes" cmp -s "doi-chieu.$ext" "again.$ext"

  # 2. As an appendix to attach to the corrected report.
  vb diff "$OLD" "$FIXED" -o "phu-luc.$ext" --phu-luc
  assert_rc "$ext: diff -o --phu-luc" 0
  check "$ext: the appendix passes --strict" valid "phu-luc.$ext"
  t=$(doc_text "phu-luc.$ext")
  assert_order "$ext: appendix heading and reference" "$t" "Phụ lục" \
    "BẢNG ĐỐI CHIẾU SỐ LIỆU ĐIỀU CHỈNH" "(Kèm theo $REF)"
  assert_contains "$t" "$rows" "$ext: the appendix has the same rows"
  assert_not_contains "$t" "CỘNG HÒA" "$ext: no header in an appendix"
  assert_not_contains "$t" "Nơi nhận" "$ext: no signature in an appendix"
  check "$ext: the appendix converts with LibreOffice" "$TOOLS/render-pdf" "phu-luc.$ext" "pdf-pl-$ext"

  # 3. Nothing changed: a table without rows says so.
  vb diff "$OLD" "$OLD" -o "same.$ext"
  assert_rc "$ext: diff -o of the same data" 0
  assert_contains "$(doc_text "same.$ext")" "Số liệu của $REF không thay đổi." "$ext: says nothing changed"
  assert_not_contains "$(doc_text "same.$ext")" "Số liệu cũ" "$ext: no table"
  check "$ext: passes --strict" valid "same.$ext"
done

# 4. A THÔNG BÁO: a score and the index total it moves.
TB="$VB_SOURCE_DIR/tests/fixtures/model/thong-bao.json"
/usr/bin/python3 - "$TB" tb-new.json <<'EOF'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
assert '"diem": 4,' in t
open(sys.argv[2], "w", encoding="utf-8").write(t.replace('"diem": 4,', '"diem": 9,', 1))
EOF
vb diff "$TB" tb-new.json
line=$(printf '%s\n' "$VOUT" | grep "4/20 → 9/20 điểm" || true)
vb diff "$TB" tb-new.json -o tb.docx
assert_rc "THÔNG BÁO: diff -o" 0
check "THÔNG BÁO: passes --strict" valid tb.docx
t=$(doc_text tb.docx)
assert_contains "$t" "4/20
9/20" "THÔNG BÁO: the score, old and new"
case "$line" in
  *"; "*) assert_contains "$t" "$(printf '%s' "${line#*; }" | sed 's/^./\U&/')" "THÔNG BÁO: the index total it moves" ;;
  *) fail "THÔNG BÁO: the text diff names no index total: $line" ;;
esac
check "THÔNG BÁO: converts with LibreOffice" "$TOOLS/render-pdf" tb.docx pdf-tb

# 4b. The old data as officers had it, without the sample's ignore list: its
# impossible figure is what the correction fixes, so diff reads OLD as a
# draft and shows it; the same figure left in NEW is an error, named.
/usr/bin/python3 - "$OLD" "$FIXED" <<'PYEOF'
import json, sys
for src, dst in ((sys.argv[1], "old-raw.json"), (sys.argv[2], "fixed-raw.json")):
    d = json.load(open(src, encoding="utf-8"))
    d.pop("_vanban_ignore", None)
    json.dump(d, open(dst, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PYEOF
vb diff old-raw.json fixed-raw.json
assert_rc "diff: an impossible figure in OLD is not refused" 0
assert_contains "$VOUT" "44.956/5.022 (895,2%) → 4.956/5.022 (98,7%)" "diff: the corrected figure, old → new"
vb diff fixed-raw.json old-raw.json
assert_rc "diff: the impossible figure in NEW is an error" 1
assert_contains "$ERR" "old-raw.json: \$.nhom_chi_tieu[0].chi_tieu[7].ket_qua" "diff: NEW's figure named by its place"
assert_contains "$ERR" "[du-lieu.vuot-100]" "diff: with its rule"

# 5. Wrong arguments: refused, nothing written.
vb diff "$OLD" "$FIXED" -o out.pdf
assert_rc "-o must be .docx or .odt" 4
assert_contains "$ERR" "bảng đối chiếu phải ghi ra tệp .docx hoặc .odt: out.pdf [usage.output-ext]" "says which formats"
vb diff "$OLD" "$FIXED" -o out.docx --json
assert_rc "--json with -o" 4
vb diff "$OLD" "$FIXED" --phu-luc
assert_rc "--phu-luc without -o" 4
assert_contains "$ERR" "--phu-luc và -t chỉ dùng cùng -o DOICHIEU.(docx|odt) [usage.conflict]" "says what --phu-luc needs"
check "nothing written" test ! -e out.pdf -a ! -e out.docx
echo '{"van_ban": {}}' >bad.json
echo previous >kept.docx
vb diff bad.json "$FIXED" -o kept.docx
assert_rc "a file that is not a vanban document" 4
assert_contains "$ERR" "bad.json: lỗi: không phải văn bản vanban" "names the file"
assert_eq "the existing output is untouched" "$(cat kept.docx)" previous

finish
