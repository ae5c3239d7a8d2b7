#!/usr/bin/env bash
# DOCX: each sample rendered with the shipped template has
# the Nghị định 30 layout of shared/spec/nd30-layout.md, element by element.
# The facts (size, weight, slant, case, alignment, indent, spacing, rules,
# tables, sections) are read from the XML with style inheritance resolved
# (tests/fixtures/layout/layout-facts.py); the raw XML is checked with
# xmllint for the page setup and the page-number field; the PDF made by
# LibreOffice shows no number on page 1 and "2" at the top of page 2.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/fixtures/layout/layout-asserts.sh
. "$VB_SOURCE_DIR/tests/fixtures/layout/layout-asserts.sh"

S="$VB_SOURCE_DIR/samples"
HT=bc-xa-ha-tan-6thang-2024
TB=bc-huyen-tra-bong-2023
DT=tb-ket-luan-xa-dak-to-re-2024

for s in $HT $TB $DT; do
  vb render "$S/$s.json" -o "$WORK/$s.docx"
  assert_rc "render $s.docx" 0
  if "$TOOLS/check-docx" --strict "$WORK/$s.docx" >"$WORK/check.log" 2>&1; then
    pass "$s.docx passes check-docx --strict"
  else
    fail "$s.docx fails check-docx --strict: $(cat "$WORK/check.log")"
  fi
done

# --- raw XML: page setup and page numbers (spec §1) ----------------------------
for s in $HT $TB $DT; do
  d="$WORK/$s.docx"
  nsect=$(xq "$d" word/document.xml 'count(//w:sectPr)')
  assert_eq "$s: every section is A4 portrait 11906×16838 twips" \
    "$(xq "$d" word/document.xml 'count(//w:sectPr[w:pgSz/@w:w="11906" and w:pgSz/@w:h="16838" and not(w:pgSz/@w:orient="landscape")])')" "$nsect"
  assert_eq "$s: every section has margins 20/20/30/15 mm (1134/1134/1701/850) and header 10 mm (567)" \
    "$(xq "$d" word/document.xml 'count(//w:sectPr/w:pgMar[@w:top="1134" and @w:bottom="1134" and @w:left="1701" and @w:right="850" and @w:header="567"])')" "$nsect"
  assert_eq "$s: every section hides the number on its first page (w:titlePg)" \
    "$(xq "$d" word/document.xml 'count(//w:sectPr[w:titlePg])')" "$nsect"
  assert_eq "$s: every section restarts page numbering at 1" \
    "$(xq "$d" word/document.xml 'count(//w:sectPr[w:pgNumType/@w:start="1"])')" "$nsect"
  rels=$(part "$d" word/_rels/document.xml.rels)
  first_id=$(xq "$d" word/document.xml 'string((//w:sectPr)[1]/w:headerReference[@w:type="first"]/@*[local-name()="id"])')
  def_id=$(xq "$d" word/document.xml 'string((//w:sectPr)[1]/w:headerReference[@w:type="default"]/@*[local-name()="id"])')
  first_part=word/$(printf '%s' "$rels" | xmllint --xpath "string(//*[local-name()='Relationship'][@Id='$first_id']/@Target)" -)
  def_part=word/$(printf '%s' "$rels" | xmllint --xpath "string(//*[local-name()='Relationship'][@Id='$def_id']/@Target)" -)
  assert_eq "$s: the default header ($def_part) holds a PAGE field" \
    "$(xq "$d" "$def_part" 'count(//w:instrText[normalize-space(.)="PAGE"] | //w:fldSimple[normalize-space(@w:instr)="PAGE"])')" 1
  assert_eq "$s: the first-page header ($first_part) is empty: no text, no field (DỰ THẢO only in a draft)" \
    "$(xq "$d" "$first_part" 'count(//w:t[string-length(.) > 0] | //w:instrText | //w:fldSimple)')" 0
  assert_eq "$s: no footer at all (the number is in the top margin)" \
    "$(xq "$d" word/document.xml 'count(//w:footerReference)'):$(unzip -Z1 "$d" | grep -c 'footer' || true)" "0:0"
  assert_eq "$s: no run outside Times New Roman (rFonts)" \
    "$(xq "$d" word/document.xml 'count(//w:rFonts[@*[local-name()!="hint" and .!="Times New Roman"]])')" 0
done
# the appendix sections: one per appendix, started on a new page
assert_eq "Hà Tân: 2 sections (body + the appendix), the first ends with a nextPage break" \
  "$(xq "$WORK/$HT.docx" word/document.xml 'count(//w:p/w:pPr/w:sectPr[w:type/@w:val="nextPage"])'):$(xq "$WORK/$HT.docx" word/document.xml 'count(//w:sectPr)')" "1:2"
assert_eq "Trà Bồng (no appendix): one section" "$(xq "$WORK/$TB.docx" word/document.xml 'count(//w:sectPr)')" 1
assert_eq "Hà Tân: the appendix table's header row repeats (w:tblHeader)" \
  "$(xq "$WORK/$HT.docx" word/document.xml 'count(//w:tbl/w:tr[1]/w:trPr/w:tblHeader)')" 1
assert_eq "Đắk Tờ Re: the annex table's header row repeats (w:tblHeader)" \
  "$(xq "$WORK/$DT.docx" word/document.xml 'count(//w:tbl/w:tr[1]/w:trPr/w:tblHeader)')" 1
assert_eq "header table: grid 3685/5670 twips (65/100 mm)" \
  "$(xq "$WORK/$HT.docx" word/document.xml 'string((//w:tbl)[1]/w:tblGrid/w:gridCol[1]/@w:w)')/$(xq "$WORK/$HT.docx" word/document.xml 'string((//w:tbl)[1]/w:tblGrid/w:gridCol[2]/@w:w)')" "3685/5670"

# --- resolved facts, element by element (spec §2-§4) ----------------------------
for s in $HT $TB $DT; do facts "$WORK/$s.docx" >"$WORK/$s.facts"; done
F_HT=$(cat "$WORK/$HT.facts")
F_TB=$(cat "$WORK/$TB.facts")
F_DT=$(cat "$WORK/$DT.facts")

layout_common docx "$F_HT" bc "" 'ỦY BAN NHÂN DÂN\nXÃ HÀ TÂN' "BÁO CÁO" \
  "Kết quả thực hiện chuyển đổi số 06 tháng đầu năm 2024" "Thực hiện công văn số 2024/UBND-VHTT"
layout_common docx "$F_TB" bc "UBND HUYỆN TRÀ BỒNG" "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ" "BÁO CÁO" \
  "Kết quả triển khai công tác Chuyển đổi số năm 2023" "Thực hiện Chương trình công tác"
layout_common docx "$F_DT" tb "" 'ỦY BAN NHÂN DÂN\nXÃ ĐẮK TỜ RE' "THÔNG BÁO" \
  "Kết luận của đồng chí Phó Chủ tịch UBND xã" "Sáng ngày 02/7/2024"

assert_para "docx bc: Kính gửi (one addressee) 14 pt upright, centred, 12 pt before" "$F_HT" \
  "Kính gửi: UBND huyện Hà Trung" "body: 14pt normal upright center indent=0.0 before=12.0 rule=no"
assert_eq "docx bc: the Số line is the draft form with blanks" "$(pfacts_prefix "$F_HT" "Số:${NBSP}")" \
  "t1.r2.c1: 13pt normal upright center indent=0.0 before=6.0 rule=no"
assert_contains "$F_HT" "| Hà Tân, ngày${NBSP}${NBSP}${NBSP}${NBSP}${NBSP}${NBSP}tháng 6 năm 2024" "docx bc: draft date with the day left blank"
assert_contains "$F_TB" "| Trà Bồng, ngày 25 tháng 01 năm 2024" "docx bc: date with the zero for January"
# body headings: I. bold, 1. bold, 1.1. bold italic (spec §3.8, practice)
assert_para_prefix "docx bc: 'I.' heading bold upright" "$F_HT" "I. " "body: 14pt bold upright justify indent=12.7 before=6.0 rule=no"
assert_para_prefix "docx bc: '1.' heading bold upright" "$F_HT" "1. " "body: 14pt bold upright justify indent=12.7 before=6.0 rule=no"
assert_para_prefix "docx bc: '1.1.' heading bold italic" "$F_HT" "1.1. " "body: 14pt bold italic justify indent=12.7 before=6.0 rule=no"
assert_contains "$(body_paragraphs "$F_HT" | tail -1)" "./." "docx bc: the body ends with './.'"
assert_contains "$(body_paragraphs "$F_DT" | tail -1)" "./." "docx tb: the body ends with './.'"

layout_appendix docx "$F_HT" "Phụ lục" "DANH MỤC CÁC VĂN BẢN VỀ CHUYỂN ĐỔI SỐ" "12.0/87.0/36.0/30.0"
layout_appendix docx "$F_DT" "PHỤ LỤC" "KẾT QUẢ ĐÁNH GIÁ CHỈ SỐ CHƯA ĐẠT ĐIỂM TỐI ĐA" "12.0/30.0/15.0/66.0/18.0/24.0"
assert_eq "docx: Trà Bồng has no appendix (no page break, no third table)" \
  "$(grep -c ' newpage | \|^table 3:' <<<"$F_TB" || true)" 0
for s in $HT $TB $DT; do
  assert_eq "docx $s: every section A4 portrait 20/20/30/15, header 10 mm, number in the default header only" \
    "$(grep '^section ' "$WORK/$s.facts" | grep -vc 'paper=210x297 orient=portrait margins=20/20/30/15 header=10 titlePg=yes type=nextPage restart=1 first=empty default=PAGE$' || true)" 0
done

# --- the PDF: page numbers from page 2, in the top margin -----------------------
for s in $HT $TB $DT; do
  if "$TOOLS/render-pdf" "$WORK/$s.docx" "$WORK/pdf" >"$WORK/render.log" 2>&1 && [ -s "$WORK/pdf/$s.pdf" ]; then
    pass "render-pdf converts $s.docx ($(grep '^pages:' "$WORK/render.log"))"
  else
    fail "render-pdf $s.docx: $(cat "$WORK/render.log")"
    continue
  fi
  case $s in
    "$HT") h="Phụ lục" ;;
    "$DT") h="PHỤ LỤC" ;;
    *) h="" ;;
  esac
  layout_pdf "docx $s" "$WORK/pdf/$s.pdf" "$h"
done

finish
