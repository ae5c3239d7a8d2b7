#!/usr/bin/env bash
# ODT: each sample rendered with the shipped ODT template
# has the Nghị định 30 layout of shared/spec/nd30-layout.md. The same facts
# as for DOCX (tests/fixtures/layout/layout-facts.py resolves automatic and
# common styles, parents and the default style); the page setup and page
# numbers are read from styles.xml/content.xml with xmllint; the PDF made
# by LibreOffice shows no number on page 1 and "2" at the top of page 2.
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
  vb render "$S/$s.json" -o "$WORK/$s.odt"
  assert_rc "render $s.odt" 0
  if "$TOOLS/check-odt" --strict "$WORK/$s.odt" >"$WORK/check.log" 2>&1; then
    pass "$s.odt passes check-odt --strict"
  else
    fail "$s.odt fails check-odt --strict: $(cat "$WORK/check.log")"
  fi
done

# --- raw XML: page setup and page numbers (spec §1) ----------------------------
for s in $HT $TB $DT; do
  d="$WORK/$s.odt"
  PL='//style:page-layout/style:page-layout-properties'
  assert_eq "$s: every page layout is A4 portrait 210×297 mm" \
    "$(xq "$d" styles.xml "count($PL)"):$(xq "$d" styles.xml "count($PL[@fo:page-width=\"210mm\" and @fo:page-height=\"297mm\" and @style:print-orientation=\"portrait\"])")" "2:2"
  assert_eq "$s: every page layout has bottom 20, left 30, right 15 mm" \
    "$(xq "$d" styles.xml "count($PL[@fo:margin-bottom=\"20mm\" and @fo:margin-left=\"30mm\" and @fo:margin-right=\"15mm\"])")" 2
  M='//style:master-page'
  assert_eq "$s: the Standard master: header 10 mm from the top edge, 10 mm high, holding text:page-number only" \
    "$(xq "$d" styles.xml "string(//style:page-layout[@style:name=$M[@style:name=\"Standard\"]/@style:page-layout-name]/style:page-layout-properties/@fo:margin-top)"),$(xq "$d" styles.xml "string(//style:page-layout[@style:name=$M[@style:name=\"Standard\"]/@style:page-layout-name]/style:header-style/style:header-footer-properties/@fo:min-height)"),$(xq "$d" styles.xml "count($M[@style:name=\"Standard\"]/style:header//text:page-number)"),$(xq "$d" styles.xml "normalize-space(string($M[@style:name=\"Standard\"]/style:header))")" \
    "10mm,10mm,1,2"
  assert_eq "$s: the First Page master: a header 10 mm from the top (empty unless a draft), body at 20 mm, followed by Standard" \
    "$(xq "$d" styles.xml "count($M[@style:name=\"First_20_Page\"]/style:header)"),$(xq "$d" styles.xml "string(//style:page-layout[@style:name=$M[@style:name=\"First_20_Page\"]/@style:page-layout-name]/style:page-layout-properties/@fo:margin-top)"),$(xq "$d" styles.xml "string($M[@style:name=\"First_20_Page\"]/@style:next-style-name)")" \
    "1,10mm,Standard"
  assert_eq "$s: no footer anywhere" "$(xq "$d" styles.xml "count(//style:footer)")" 0
  assert_eq "$s: the first element (header table) starts the First Page master" \
    "$(xq "$d" content.xml "string(//style:style[@style:name=(//office:text/table:table)[1]/@table:style-name]/@style:master-page-name)")" "First_20_Page"
  assert_eq "$s: no font other than Times New Roman (style:font-name, fo:font-family)" \
    "$(xq "$d" styles.xml "count(//@style:font-name[.!=\"Times New Roman\"] | //@fo:font-family[.!=\"'Times New Roman'\" and .!=\"Times New Roman\"])"):$(xq "$d" content.xml "count(//@style:font-name[.!=\"Times New Roman\"] | //@fo:font-family[.!=\"'Times New Roman'\" and .!=\"Times New Roman\"])")" "0:0"
done
assert_eq "each appendix heading style starts a First Page page and restarts the numbering at 1" \
  "$(xq "$WORK/$HT.odt" styles.xml 'string(//style:style[@style:name="VB_PhuLucSo"]/@style:master-page-name)'),$(xq "$WORK/$HT.odt" styles.xml 'string(//style:style[@style:name="VB_PhuLucSo"]/style:paragraph-properties/@style:page-number)')" \
  "First_20_Page,1"
assert_eq "Hà Tân: the appendix table repeats its header row (table:table-header-rows)" \
  "$(xq "$WORK/$HT.odt" content.xml 'count(//table:table/table:table-header-rows/table:table-row)')" 1
assert_eq "Đắk Tờ Re: the annex table repeats its header row (table:table-header-rows)" \
  "$(xq "$WORK/$DT.odt" content.xml 'count(//table:table/table:table-header-rows/table:table-row)')" 1
assert_eq "header table columns 65 / 100 mm" \
  "$(xq "$WORK/$HT.odt" content.xml 'string(//style:style[@style:name=(//office:text/table:table)[1]/table:table-column[1]/@table:style-name]/style:table-column-properties/@style:column-width)')/$(xq "$WORK/$HT.odt" content.xml 'string(//style:style[@style:name=(//office:text/table:table)[1]/table:table-column[2]/@table:style-name]/style:table-column-properties/@style:column-width)')" \
  "65mm/100mm"

# --- resolved facts, element by element (spec §2-§4) ----------------------------
for s in $HT $TB $DT; do facts "$WORK/$s.odt" >"$WORK/$s.facts"; done
F_HT=$(cat "$WORK/$HT.facts")
F_TB=$(cat "$WORK/$TB.facts")
F_DT=$(cat "$WORK/$DT.facts")

layout_common odt "$F_HT" bc "" 'ỦY BAN NHÂN DÂN\nXÃ HÀ TÂN' "BÁO CÁO" \
  "Kết quả thực hiện chuyển đổi số 06 tháng đầu năm 2024" "Thực hiện công văn số 2024/UBND-VHTT"
layout_common odt "$F_TB" bc "UBND HUYỆN TRÀ BỒNG" "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ" "BÁO CÁO" \
  "Kết quả triển khai công tác Chuyển đổi số năm 2023" "Thực hiện Chương trình công tác"
layout_common odt "$F_DT" tb "" 'ỦY BAN NHÂN DÂN\nXÃ ĐẮK TỜ RE' "THÔNG BÁO" \
  "Kết luận của đồng chí Phó Chủ tịch UBND xã" "Sáng ngày 02/7/2024"
for s in $HT $TB $DT; do
  f=$(cat "$WORK/$s.facts")
  assert_contains "$f" "master Standard: paper=210x297 orient=portrait margins=20/20/30/15 header=10 headertext=PAGE next=none" \
    "odt $s: pages after the first: A4 portrait, body at 20/20/30/15 mm, number in a header 10 mm from the top"
  assert_contains "$f" "master First_20_Page: paper=210x297 orient=portrait margins=20/20/30/15 header=10 headertext=empty next=Standard" \
    "odt $s: first page: A4 portrait, body at 20/20/30/15 mm, an empty header (no number; DỰ THẢO in a draft)"
  assert_contains "$f" "first-master: First_20_Page" "odt $s: the document starts on the First Page master"
done

assert_para "odt bc: Kính gửi (one addressee) 14 pt upright, centred, 12 pt before" "$F_HT" \
  "Kính gửi: UBND huyện Hà Trung" "body: 14pt normal upright center indent=0.0 before=12.0 rule=no"
assert_eq "odt bc: the Số line is the draft form with blanks" "$(pfacts_prefix "$F_HT" "Số:${NBSP}")" \
  "t1.r2.c1: 13pt normal upright center indent=0.0 before=6.0 rule=no"
assert_contains "$F_HT" "| Hà Tân, ngày${NBSP}${NBSP}${NBSP}${NBSP}${NBSP}${NBSP}tháng 6 năm 2024" "odt bc: draft date with the day left blank"
assert_contains "$F_TB" "| Trà Bồng, ngày 25 tháng 01 năm 2024" "odt bc: date with the zero for January"
# body headings: I. bold, 1. bold, 1.1. bold italic (spec §3.8, practice)
assert_para_prefix "odt bc: 'I.' heading bold upright" "$F_HT" "I. " "body: 14pt bold upright justify indent=12.7 before=6.0 rule=no"
assert_para_prefix "odt bc: '1.' heading bold upright" "$F_HT" "1. " "body: 14pt bold upright justify indent=12.7 before=6.0 rule=no"
assert_para_prefix "odt bc: '1.1.' heading bold italic" "$F_HT" "1.1. " "body: 14pt bold italic justify indent=12.7 before=6.0 rule=no"
assert_contains "$(body_paragraphs "$F_HT" | tail -1)" "./." "odt bc: the body ends with './.'"
assert_contains "$(body_paragraphs "$F_DT" | tail -1)" "./." "odt tb: the body ends with './.'"

layout_appendix odt "$F_HT" "Phụ lục" "DANH MỤC CÁC VĂN BẢN VỀ CHUYỂN ĐỔI SỐ" "12.0/87.0/36.0/30.0"
layout_appendix odt "$F_DT" "PHỤ LỤC" "KẾT QUẢ ĐÁNH GIÁ CHỈ SỐ CHƯA ĐẠT ĐIỂM TỐI ĐA" "12.0/30.0/15.0/66.0/18.0/24.0"
assert_eq "odt: Trà Bồng has no appendix (no page break, no third table)" \
  "$(grep -c ' newpage | \|^table 3:' <<<"$F_TB" || true)" 0

# --- the PDF: page numbers from page 2, in the top margin -----------------------
for s in $HT $TB $DT; do
  if "$TOOLS/render-pdf" "$WORK/$s.odt" "$WORK/pdf" >"$WORK/render.log" 2>&1 && [ -s "$WORK/pdf/$s.pdf" ]; then
    pass "render-pdf converts $s.odt ($(grep '^pages:' "$WORK/render.log"))"
  else
    fail "render-pdf $s.odt: $(cat "$WORK/render.log")"
    continue
  fi
  case $s in
    "$HT") h="Phụ lục" ;;
    "$DT") h="PHỤ LỤC" ;;
    *) h="" ;;
  esac
  layout_pdf "odt $s" "$WORK/pdf/$s.pdf" "$h"
done

finish
