#!/usr/bin/env bash
# The correction round of samples/corrections/README.md, as a person does it:
# a generated report is edited in LibreOffice (a paragraph of the officer's
# own, a rewritten heading), saved as DOCX and as ODT; `vanban update` then
# puts the corrected figures in, adds indicator 4.9 in its group, and keeps
# every manual edit — the text equals a fresh render of the corrected data
# except for those edits, line by line. Also: a removed item edited by hand
# refused then --force, --in-place with .bak, stable regeneration, and
# `vanban diff` on the same correction.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
OLD="$S/bc-xa-ha-tan-6thang-2024.json"
FIXED="$S/corrections/bc-xa-ha-tan-6thang-2024.json" # figures changed + indicator 4.9 added
TEXT="$VB_SOURCE_DIR/tests/fixtures/update/doc-text.py"
cd "$WORK"

# The correction without the added indicator: figures only.
/usr/bin/python3 - "$FIXED" figures.json <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
for g in d["nhom_chi_tieu"]:
    g["chi_tieu"] = [c for c in g["chi_tieu"] if c["ma"] != "4.9"]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
EOF2

doc_text() { /usr/bin/python3 "$TEXT" "$1"; }

# same_but_edits DESC UPDATED FRESH [--skip-empty]: the body text of UPDATED
# equals FRESH's line by line, except for the two manual edits.
same_but_edits() {
  local desc=$1 got
  got=$(/usr/bin/python3 - "$TEXT" "$2" "$3" "${4:-}" <<'EOF2'
import difflib, subprocess, sys
text, updated, fresh, skip = sys.argv[1:5]
def lines(f):
    out = subprocess.run(["/usr/bin/python3", text, f], capture_output=True, text=True, check=True).stdout
    ls = out.split("\n")
    return [l for l in ls if l.strip()] if skip else ls
a, b = lines(fresh), lines(updated)
for l in difflib.unified_diff(a, b, lineterm="", n=0):
    if l.startswith(("+", "-")) and not l.startswith(("+++", "---")):
        print(l)
EOF2
)
  assert_eq "$desc" "$got" "-I. Công tác chỉ đạo, điều hành.
+I. Công tác lãnh đạo, chỉ đạo và điều hành.
+Đoạn văn do cán bộ thêm bằng tay."
}

# 1. Render, and every value is marked.
vb render "$OLD" -o gen.docx -q
assert_rc "render DOCX" 0
vb render "$OLD" -o gen.odt -q
assert_rc "render ODT" 0
marks=$(part gen.docx word/document.xml | grep -o '<w:bookmarkStart [^>]*w:name="_vb' | wc -l)
[ "$marks" -gt 300 ] && pass "DOCX values are marked ($marks bookmarks)" || fail "only $marks marks in DOCX"
marks=$(part gen.odt content.xml | grep -o '<text:bookmark-start text:name="_vb' | wc -l)
[ "$marks" -gt 300 ] && pass "ODT values are marked ($marks bookmarks)" || fail "only $marks marks in ODT"
check "marked DOCX passes check-docx --strict" "$TOOLS/check-docx" --strict gen.docx
check "marked ODT passes check-odt --strict" "$TOOLS/check-odt" --strict gen.odt

# 2. Stable regeneration: the same data gives the same bytes; corrected data
#    changes the XML only where values changed (same number of lines changed
#    as values changed, nothing else moves).
vb render "$OLD" -o gen2.docx -q
check "same data, same bytes" cmp -s gen.docx gen2.docx
vb render figures.json -o fix.docx -q
part gen.docx word/document.xml | sed 's/></>\n</g' > a.xml
part fix.docx word/document.xml | sed 's/></>\n</g' > b.xml
changed=$(diff a.xml b.xml | grep -c '^>' || true)
[ "$(wc -l < a.xml)" -eq "$(wc -l < b.xml)" ] && pass "corrected figures: same XML structure" \
  || fail "corrected figures changed the XML structure"
[ "$changed" -gt 0 ] && [ "$changed" -lt 40 ] && pass "XML diff confined to the changed values ($changed lines)" \
  || fail "XML diff has $changed changed lines"

# 3. A person edits the report in LibreOffice and saves it (the DOCX as DOCX,
#    the ODT as ODT, and the DOCX also as ODT, as someone who works in
#    LibreOffice would).
vb render "$FIXED" -o fresh.docx -q
vb render "$FIXED" -o fresh.odt -q
check "LibreOffice edits and saves the reports" \
  timeout 300 /usr/bin/python3 "$VB_SOURCE_DIR/tests/fixtures/update/lo-edit.py" "$WORK/lo" \
  gen.docx edited.docx edited-x.odt -- gen.odt edited.odt

for f in edited.docx edited.odt edited-x.odt; do
  ext=${f##*.}
  out="updated-${f%.*}.$ext"
  vb update "$f" "$FIXED" -o "$out"
  assert_rc "$f: update with the correction (figures and indicator 4.9)" 0
  assert_contains "$ERR" "đã được sửa tay thành \"Công tác lãnh đạo, chỉ đạo và điều hành.\": giữ nguyên" \
    "$f: the rewritten heading is reported, not clobbered"
  t=$(doc_text "$out")
  # Every corrected value is there …
  assert_contains "$t" "Đến thời điểm hiện tại có 4.956/5.022 người được tạo lập hồ sơ sức khỏe điện tử đạt 98,7%" "$f: 1.8 corrected"
  assert_contains "$t" "1.120/3.986 Độ tuổi trưởng thành có chữ ký số hoặc chữ ký điện tử, đạt tỷ lệ 28,1%." "$f: 3.10 corrected"
  assert_contains "$t" "1.250/3.986 dân số trưởng thành dùng dịch vụ công trực tuyến, đạt tỷ lệ 31,4%." "$f: 3.11 corrected"
  assert_contains "$t" "Chỉ tiêu đạt: 06/12 chỉ tiêu, đạt 50%" "$f: group summary follows"
  assert_not_contains "$t" "44.956" "$f: the wrong figure is gone"
  assert_not_contains "$t" "997/3.986" "$f: the old 3.11 figure is gone"
  # … indicator 4.9 is a numbered item of group 4, after 4.8, with its rate
  # and assessment, and the group counts it …
  assert_order "$f: 4.9 in its group" "$t" "4. Hạ tầng số" "- Chỉ tiêu đạt: 09/09 chỉ tiêu, đạt 100%" \
    "4.8. Tiêu chí số 4.8" "c) Đánh giá: Đạt." "4.9. Tiêu chí số 4.9" \
    "a) Yêu cầu tiêu chí: Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang" \
    "toàn xã có 950/1.396 hộ gia đình có kết nối Internet băng rộng cáp quang, đạt tỷ lệ 68,1%." \
    "(4.9. Tài liệu minh chứng kèm theo)" "c) Đánh giá: Đạt." "III. Các nhiệm vụ 06 tháng cuối năm 2024."
  assert_not_contains "$t" "08/08 chỉ tiêu" "$f: the old group summary is gone"
  # … and every manual edit too.
  assert_contains "$t" "Đoạn văn do cán bộ thêm bằng tay." "$f: the officer's paragraph is kept"
  assert_contains "$t" "Công tác lãnh đạo, chỉ đạo và điều hành." "$f: the rewritten heading is kept"
  assert_order "$f: edits and values in place" "$t" "ỦY BAN NHÂN DÂN" "Công tác lãnh đạo" \
    "Ngay từ đầu năm" "Đoạn văn do cán bộ thêm bằng tay." "4.956/5.022" "1.250/3.986"
  # The whole text is the fresh render's but for the two edits (LibreOffice
  # adds empty paragraphs when it turns a DOCX into an ODT).
  if [ "$f" = edited-x.odt ]; then
    same_but_edits "$f: text equals a fresh render but for the manual edits" "$out" "fresh.$ext" skip-empty
  else
    same_but_edits "$f: text equals a fresh render but for the manual edits" "$out" "fresh.$ext"
  fi
  if [ "$ext" = docx ]; then
    check "$f: passes check-docx" "$TOOLS/check-docx" "$out"
  else
    check "$f: passes check-odt" "$TOOLS/check-odt" "$out"
  fi
  check "$f: converts with LibreOffice" "$TOOLS/render-pdf" "$out" "pdf-${f%.*}"
  pdf=$(cat "pdf-${f%.*}/${out%.*}.txt" 2>/dev/null || true)
  assert_contains "$pdf" "Tiêu chí số 4.9" "$f: the PDF shows 4.9"
  # A second round on the updated file finds its marks again, and changes nothing.
  vb update "$out" "$FIXED" -o "again.$ext" -q
  assert_rc "$f: update of an updated document" 0
  assert_eq "$f: a second round gives the same text" "$(doc_text "again.$ext")" "$(doc_text "$out")"
done

# The figures alone (no item added) also go in.
vb update edited.docx figures.json -o figures-only.docx -q
assert_rc "update with figures only" 0
assert_not_contains "$(doc_text figures-only.docx)" "Tiêu chí số 4.9" "no 4.9 without it in the data"

# 4. --force also replaces the value changed by hand.
vb update edited.docx figures.json -o forced.docx --force -q
assert_rc "update --force" 0
t=$(doc_text forced.docx)
assert_contains "$t" "I. Công tác chỉ đạo, điều hành." "--force restores the generated heading"
assert_contains "$t" "Đoạn văn do cán bộ thêm bằng tay." "--force keeps text outside values"

# 5. The data no longer has 4.9: its paragraphs go, unless a person edited
#    them — then nothing is written and the item is named; --force removes it.
vb render "$FIXED" -o with49.docx -q
vb update with49.docx figures.json -o removed.docx
assert_rc "an unedited item the data no longer has is removed" 0
assert_not_contains "$(doc_text removed.docx)" "Tiêu chí số 4.9" "4.9 is gone"
assert_eq "the text is a fresh render's" "$(doc_text removed.docx)" "$(doc_text fix.docx)"
/usr/bin/python3 - with49.docx with49-edited.docx <<'EOF2'
import sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        b = z.read(i.filename)
        if i.filename == "word/document.xml":
            old = "đạt tỷ lệ 68,1%.".encode()
            assert old in b
            b = b.replace(old, "đạt tỷ lệ 68,1% (số liệu của VNPT).".encode(), 1)
        o.writestr(i, b)
EOF2
echo previous > refused.docx
vb update with49-edited.docx figures.json -o refused.docx
assert_rc "an edited item the data no longer has is refused" 1
assert_contains "$ERR" "dữ liệu mới không còn mục này của danh sách {% for k in khoi %}" "the message names the loop"
assert_contains "$ERR" "đã được sửa tay" "the message says why"
assert_contains "$ERR" "đoạn" "the message says where"
assert_contains "$ERR" "--force" "the message says what to do"
assert_eq "the existing output is untouched" "$(cat refused.docx)" "previous"
vb update with49-edited.docx figures.json -o forced-removal.docx --force
assert_rc "--force removes it" 0
assert_not_contains "$(doc_text forced-removal.docx)" "số liệu của VNPT" "the edited item is gone"
assert_contains "$ERR" "dù mục đã được sửa tay (--force)" "--force says what it removed"
check "the result passes check-docx" "$TOOLS/check-docx" forced-removal.docx

# 6. --in-place keeps a .bak identical to the document before.
cp edited.docx inplace.docx
vb update inplace.docx figures.json --in-place -q
assert_rc "update --in-place" 0
check "the .bak is the previous version" cmp -s inplace.docx.bak edited.docx
assert_contains "$(doc_text inplace.docx)" "1.250/3.986" "the file itself is updated"

# 7. diff tells the same correction in Vietnamese.
vb diff "$OLD" "$FIXED"
assert_rc "diff" 0
assert_contains "$VOUT" "Tiêu chí 3.11: 997/3.986 (25,0%) → 1.250/3.986 (31,4%); đánh giá: Chưa đạt → Đạt; nhóm Xã hội số: 5/12 → 6/12 đạt"
assert_contains "$VOUT" "Thêm tiêu chí 4.9: 950/1.396 (68,1%); đánh giá: Đạt; nhóm Hạ tầng số: 8/8 → 9/9 đạt"
assert_contains "$VOUT" "Tiêu chí 1.8: 44.956/5.022 (895,2%) → 4.956/5.022 (98,7%)"
vb diff --json "$OLD" "$FIXED"
assert_contains "$VOUT" '"loai": "them_chi_tieu", "ma": "4.9"' "diff --json lists the added indicator"

finish
