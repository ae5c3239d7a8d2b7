#!/usr/bin/env bash
# Inline emphasis ({{ x | dinh_dang }}, data/emphasis.h) in real documents:
# the shipped templates print the body's text with it, a report whose
# narrative has a lead-in in italics, bold words and a bold-italic figure
# (and an indicator's explanation with a lead-in, and a name with an
# asterisk that is not markup), rendered as DOCX and ODT (marks on and
# off): the outputs pass
# check-docx/check-odt --strict, the emphasised runs carry w:b/w:i (DOCX) or
# a span whose automatic style is bold/italic (ODT) and keep the template's
# run properties, LibreOffice converts them, and the PDF text has the words
# without a single asterisk. Unbalanced markup is refused by render and by
# check — exit 1, the field's JSON path and line, what to write — and
# nothing is written.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
S="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"

# The shipped BÁO CÁO prints the body's text with {{ k.text | dinh_dang }};
# a copy without the filter, to compare with.
for fmt in docx odt; do
  main=$([ $fmt = docx ] && echo word/document.xml || echo content.xml)
  assert_eq "the shipped $fmt BÁO CÁO prints k.text with dinh_dang" \
    "$(grep -o '{{ k\.text[^}]*}}' "$VB_SOURCE_DIR/templates/bao-cao/$fmt/$main" | sort -u)" '{{ k.text | dinh_dang }}'
  cp -r "$VB_SOURCE_DIR/templates/bao-cao/$fmt" "tpl-$fmt"
  sed -i 's/{{ k\.text | dinh_dang }}/{{ k.text }}/g' "tpl-$fmt/$main"
  vb pack "tpl-$fmt" "plain.$fmt"
  assert_rc "the $fmt template without dinh_dang packs" 0
done

# The sample with officers' emphasis in its narrative (and no literal asterisk).
/usr/bin/python3 - "$S" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["mo_dau"] = ["*Ứng dụng chữ ký số:* 100% văn bản đi được **ký số** trên môi trường điện tử, "
               "đạt ***100%*** kế hoạch; ký hiệu \\*\\*\\* được gõ như thế."]
ct = d["nhom_chi_tieu"][0]["chi_tieu"][0]
ct["thuyet_minh"] = ["*Cổng dịch vụ công:* đã **kết nối** với hệ thống một cửa."]
d["nhom_chi_tieu"][0]["ten"] = "Chính quyền số*"
json.dump(d, open("nhan.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
d["mo_dau"] = ["Đoạn mở đầu.", "**Ứng dụng chữ ký số: chưa đóng"]
json.dump(d, open("sai.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF

for fmt in docx odt; do
  for marks in marks no-marks; do
    args=(render nhan.json -o "out-$marks.$fmt")
    [ $marks = no-marks ] && args+=(--no-marks)
    vb "${args[@]}"
    assert_rc "$fmt ($marks): renders" 0
    check "$fmt ($marks): check-$fmt --strict" "$TOOLS/check-$fmt" --strict "out-$marks.$fmt"
  done
done

# DOCX: the lead-in is a run with w:i, the words w:b, the figure both; the
# plain text around them stays in runs without either.
X="out-no-marks.docx"
part "$X" word/document.xml >doc.xml
xp() { xmllint --xpath "$1" "$2" 2>/dev/null || true; }
assert_eq "DOCX: the lead-in is italic" "$(xp "count(//*[local-name()='r'][*[local-name()='t']='Ứng dụng chữ ký số:']/*[local-name()='rPr']/*[local-name()='i'])" doc.xml)" 1
assert_eq "DOCX: the lead-in is not bold" "$(xp "count(//*[local-name()='r'][*[local-name()='t']='Ứng dụng chữ ký số:']/*[local-name()='rPr']/*[local-name()='b'])" doc.xml)" 0
assert_eq "DOCX: 'ký số' is bold" "$(xp "count(//*[local-name()='r'][*[local-name()='t']='ký số']/*[local-name()='rPr']/*[local-name()='b'])" doc.xml)" 1
assert_eq "DOCX: '100%' is bold and italic" "$(xp "count(//*[local-name()='r'][*[local-name()='t']='100%']/*[local-name()='rPr'][*[local-name()='b'] and *[local-name()='i']])" doc.xml)" 1
assert_eq "DOCX: the text between is plain" "$(xp "count(//*[local-name()='r'][starts-with(*[local-name()='t'],' 100% văn bản')]/*[local-name()='rPr'])" doc.xml)" 0
assert_contains "$(xp "string(//*[local-name()='p'][.//*[local-name()='t']='ký số'])" doc.xml)" \
  "Ứng dụng chữ ký số: 100% văn bản đi được ký số trên môi trường điện tử, đạt 100% kế hoạch; ký hiệu *** được gõ như thế." \
  "DOCX: the paragraph reads as typed, without markup"
assert_eq "DOCX: an indicator's explanation has its lead-in italic" "$(xp "count(//*[local-name()='r'][*[local-name()='t']='Cổng dịch vụ công:']/*[local-name()='rPr']/*[local-name()='i'])" doc.xml)" 1
assert_eq "DOCX: a group name's asterisk is text (not markup)" "$(xp "count(//*[local-name()='p'][contains(string(.),'Chính quyền số*')])" doc.xml)" 1

# ODT: spans whose automatic styles are italic / bold / both.
part out-no-marks.odt content.xml >content.xml
style_of() { xp "string(//*[local-name()='span'][.='$1']/@*[local-name()='style-name'])" content.xml; }
prop() { xp "string(//*[local-name()='automatic-styles']/*[local-name()='style'][@*[local-name()='name']='$1']/*[local-name()='text-properties']/@*[local-name()='$2'])" content.xml; }
assert_eq "ODT: the lead-in's style is italic" "$(prop "$(style_of 'Ứng dụng chữ ký số:')" font-style)" italic
assert_eq "ODT: the lead-in's style is not bold" "$(prop "$(style_of 'Ứng dụng chữ ký số:')" font-weight)" ""
assert_eq "ODT: 'ký số' is bold" "$(prop "$(style_of 'ký số')" font-weight)" bold
assert_eq "ODT: '100%' is bold" "$(prop "$(style_of '100%')" font-weight)" bold
assert_eq "ODT: '100%' is italic" "$(prop "$(style_of '100%')" font-style)" italic

# LibreOffice: the words are there, no asterisk anywhere.
for fmt in docx odt; do
  if "$TOOLS/render-pdf" "out-no-marks.$fmt" "pdf-$fmt" >/dev/null 2>&1; then
    pass "$fmt: converts with LibreOffice"
    txt=$(tr -s ' \n' ' ' <"pdf-$fmt/out-no-marks.txt")
    assert_contains "$txt" "Ứng dụng chữ ký số: 100% văn bản đi được ký số" "$fmt: PDF has the lead-in and the bold words"
    assert_contains "$txt" "ký hiệu *** được gõ như thế" "$fmt: PDF has the escaped asterisks"
    assert_contains "$txt" "Chính quyền số*" "$fmt: PDF has the group name's asterisk"
    rest=${txt/ký hiệu \*\*\* được/}
    assert_eq "$fmt: PDF has no other asterisk" "$(printf '%s' "${rest//Chính quyền số\*/}" | tr -cd '*' | wc -c)" 0
  else
    fail "$fmt: LibreOffice conversion"
  fi
done

# Text without markup or web address renders as it did without the filter
# (DOCX bytes equal); the sample's addresses, which the filter links
# (test_narrative_links), lose their scheme here.
sed 's#https\?://##g; s#www\.##g' "$S" >khong-dia-chi.json
vb render khong-dia-chi.json -o filter.docx --no-marks
vb render khong-dia-chi.json -t plain.docx -o plain.docx.out.docx --no-marks
assert_eq "DOCX: a body without markup gives the same document.xml with the filter" \
  "$(part filter.docx word/document.xml | sha256sum)" "$(part plain.docx.out.docx word/document.xml | sha256sum)"
vb render khong-dia-chi.json -o filter.odt --no-marks
vb render khong-dia-chi.json -t plain.odt -o plain.odt.out.odt --no-marks
assert_eq "ODT: a body without markup differs only by the three emphasis styles" \
  "$(part filter.odt content.xml | sed 's|<style:style style:name=\"VB_[A-Za-z]*\" style:family=\"text\"><style:text-properties [^>]*/></style:style>||g' | sha256sum)" \
  "$(part plain.odt.out.odt content.xml | sha256sum)"

# Refusals: render and check name the field, its line and what to write.
line=$(grep -n '\*\*Ứng dụng chữ ký số: chưa đóng' sai.json | cut -d: -f1)
for fmt in docx odt; do
  echo old >"sai.$fmt"
  vb render sai.json -o "sai.$fmt"
  assert_rc "$fmt: unbalanced markup is refused" 1
  assert_contains "$ERR" "\$.mo_dau[1] (dòng $line, cột " "$fmt: names the field and its line"
  assert_contains "$ERR" 'chữ đậm mở bằng "**" ở ký tự thứ 1 không được đóng' "$fmt: says what is wrong"
  assert_contains "$ERR" 'hoặc viết \* nếu muốn in dấu * như đã gõ' "$fmt: says what to do"
  assert_eq "$fmt: the existing output is untouched" "$(cat "sai.$fmt")" old
  vb render sai.json -o "new-sai.$fmt"
  check "$fmt: nothing written" test ! -e "new-sai.$fmt"
done
vb check sai.json
assert_rc "check: unbalanced markup is an error" 1
# check prints its findings on stdout, with what to write.
assert_contains "$VOUT" "\$.mo_dau[1] (dòng $line, cột " "check: names the field and its line"
assert_contains "$VOUT" 'hoặc viết \* nếu muốn in dấu * như đã gõ' "check: says what to do"
finish
