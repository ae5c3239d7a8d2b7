#!/usr/bin/env bash
# A generated report is edited in LibreOffice (a paragraph of the
# officer's own, a rewritten heading), saved as DOCX and as ODT; `vanban
# update` then puts corrected figures in and keeps every manual edit. Also:
# refusal when the correction adds an indicator, --force, --in-place with
# .bak, stable regeneration, and `vanban diff` on the same correction.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
OLD="$S/bc-xa-ha-tan-6thang-2024.json"
FIXED="$S/corrections/bc-xa-ha-tan-6thang-2024.json" # figures changed + indicator 4.9 added
cd "$WORK"

# The correction without the added indicator: what update can apply in place.
/usr/bin/python3 - "$FIXED" figures.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for g in d["nhom_chi_tieu"]:
    g["chi_tieu"] = [c for c in g["chi_tieu"] if c["ma"] != "4.9"]
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
EOF

odt_text() { # one line per text:p/text:h of content.xml, as a reader sees it
  unzip -p "$1" content.xml | /usr/bin/python3 -c '
import re, sys
x = sys.stdin.read()
x = re.sub(r"<text:bookmark[^>]*>", "", x)
x = re.sub(r"<text:s text:c=\"(\d+)\"/>", lambda m: " " * int(m.group(1)), x).replace("<text:s/>", " ")
x = x.replace("<text:line-break/>", "\\n").replace("<text:tab/>", "\t")
for p in re.findall(r"<text:(?:p|h)\b[^>]*>(.*?)</text:(?:p|h)>", x, re.S):
    print(re.sub(r"<[^>]+>", "", p))'
}
docx_text() { /usr/bin/python3 "$VB_SHARED/compat/docxtpl/extract-text" "$1"; }

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

# 3. A person edits the report in LibreOffice, saves DOCX and ODT.
check "LibreOffice edits and saves the report" \
  timeout 300 /usr/bin/python3 "$VB_SOURCE_DIR/tests/fixtures/update/lo-edit.py" "$WORK/lo" gen.docx edited.docx edited.odt

for f in edited.docx edited.odt; do
  ext=${f##*.}
  vb update "$f" figures.json -o "updated.$ext"
  assert_rc "update $f" 0
  assert_contains "$ERR" "was changed by hand to \"Công tác lãnh đạo, chỉ đạo và điều hành.\": kept" \
    "$ext: the rewritten heading is reported, not clobbered"
  if [ "$ext" = docx ]; then t=$(docx_text updated.docx); else t=$(odt_text updated.odt); fi
  # Every corrected value is there …
  assert_contains "$t" "Đến thời điểm hiện tại có 4.956/5.022 người được tạo lập hồ sơ sức khỏe điện tử đạt 98,7%" "$ext: 1.8 corrected"
  assert_contains "$t" "1.120/3.986 Độ tuổi trưởng thành có chữ ký số hoặc chữ ký điện tử, đạt tỷ lệ 28,1%." "$ext: 3.10 corrected"
  assert_contains "$t" "1.250/3.986 dân số trưởng thành dùng dịch vụ công trực tuyến, đạt tỷ lệ 31,4%." "$ext: 3.11 corrected"
  assert_contains "$t" "Chỉ tiêu đạt: 06/12 chỉ tiêu, đạt 50%" "$ext: group summary follows"
  assert_not_contains "$t" "44.956" "$ext: the wrong figure is gone"
  assert_not_contains "$t" "997/3.986" "$ext: the old 3.11 figure is gone"
  # … and every manual edit too.
  assert_contains "$t" "Đoạn văn do cán bộ thêm bằng tay." "$ext: the officer's paragraph is kept"
  assert_contains "$t" "Công tác lãnh đạo, chỉ đạo và điều hành." "$ext: the rewritten heading is kept"
  assert_order "$ext: edits and values in place" "$t" "ỦY BAN NHÂN DÂN" "Công tác lãnh đạo" \
    "Ngay từ đầu năm" "Đoạn văn do cán bộ thêm bằng tay." "4.956/5.022" "1.250/3.986"
  if [ "$ext" = docx ]; then
    check "$ext: passes check-docx" "$TOOLS/check-docx" updated.docx
  else
    check "$ext: passes check-odt" "$TOOLS/check-odt" updated.odt
  fi
  check "$ext: converts with LibreOffice" "$TOOLS/render-pdf" "updated.$ext" "pdf-$ext"
  # A second round on the updated file finds its marks again.
  vb update "updated.$ext" figures.json -o "again.$ext" -q
  assert_rc "$ext: update of an updated document" 0
done

# 4. --force also replaces the value changed by hand.
vb update edited.docx figures.json -o forced.docx --force -q
assert_rc "update --force" 0
t=$(docx_text forced.docx)
assert_contains "$t" "I. Công tác chỉ đạo, điều hành." "--force restores the generated heading"
assert_contains "$t" "Đoạn văn do cán bộ thêm bằng tay." "--force keeps text outside values"

# 5. The correction adds indicator 4.9: refused, naming the loop; nothing written.
echo previous > refused.docx
vb update edited.docx "$FIXED" -o refused.docx
assert_rc "an added indicator is refused" 1
assert_contains "$ERR" "the new data adds to {% for k in khoi %}" "the message names the loop"
assert_contains "$ERR" "Tiêu chí số 4.9" "the message shows the new item"
assert_eq "the existing output is untouched" "$(cat refused.docx)" "previous"
# Removing an item is refused the same way.
vb render "$FIXED" -o with49.docx -q
vb update with49.docx figures.json -o removed.docx
assert_rc "a removed indicator is refused" 1
assert_contains "$ERR" "that the new data no longer has" "removal names what is stale"
[ ! -e removed.docx ] && pass "no output after a refusal" || fail "output written after a refusal"

# 6. --in-place keeps a .bak identical to the document before.
cp edited.docx inplace.docx
vb update inplace.docx figures.json --in-place -q
assert_rc "update --in-place" 0
check "the .bak is the previous version" cmp -s inplace.docx.bak edited.docx
assert_contains "$(docx_text inplace.docx)" "1.250/3.986" "the file itself is updated"

# 7. diff tells the same correction in Vietnamese.
vb diff "$OLD" "$FIXED"
assert_rc "diff" 0
assert_contains "$VOUT" "Tiêu chí 3.11: 997/3.986 (25,0%) → 1.250/3.986 (31,4%); đánh giá: Chưa đạt → Đạt; nhóm Xã hội số: 5/12 → 6/12 đạt"
assert_contains "$VOUT" "Thêm tiêu chí 4.9: 950/1.396 (68,1%); đánh giá: Đạt; nhóm Hạ tầng số: 8/8 → 9/9 đạt"
assert_contains "$VOUT" "Tiêu chí 1.8: 44.956/5.022 (895,2%) → 4.956/5.022 (98,7%)"
vb diff --json "$OLD" "$FIXED"
assert_contains "$VOUT" '"loai": "them_chi_tieu", "ma": "4.9"' "diff --json lists the added indicator"

finish
