#!/usr/bin/env bash
# Web addresses in narrative text are links, with emphasis still working:
# the shipped templates print the body's text with {{ k.text | dinh_dang }},
# which makes each address a link (DOCX w:hyperlink + external
# relationship, ODT text:a) in the text a reader sees after the markup is
# taken out — a bold address is a bold link, an italic lead-in stays an
# italic run. Asserted from the packages (both pass --strict), from
# LibreOffice's PDF (link annotations, no asterisk), and for a template of
# one's own that writes {{ x | lien_ket | dinh_dang }} (the same result).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
S="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"

LEAD='*Cổng dịch vụ công:* hồ sơ nộp tại **https://dichvucong.gov.vn** hoặc '
LEAD+='https://dichvucong.thanhhoa.gov.vn/vi/ (*www.hatan.gov.vn*).'
/usr/bin/python3 - "$S" "$LEAD" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["mo_dau"] = [sys.argv[2]]
json.dump(d, open("lien-ket.json", "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF

for fmt in docx odt; do
  vb render lien-ket.json -o "bc.$fmt"
  assert_rc "$fmt: renders" 0
  check "$fmt: check-$fmt --strict" "$TOOLS/check-$fmt" --strict "bc.$fmt"
  check "$fmt: converts with LibreOffice" "$TOOLS/render-pdf" "bc.$fmt" "pdf-$fmt" >/dev/null
done

# --- DOCX ------------------------------------------------------------------------
part bc.docx word/document.xml >doc.xml
part bc.docx word/_rels/document.xml.rels >rels.xml
xp() { xmllint --xpath "$1" "$2" 2>/dev/null || true; }
W='namespace-uri()="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
P="//*[local-name()=\"p\" and $W][contains(., 'Cổng dịch vụ công:')]"
assert_eq "DOCX: the paragraph has three links" \
  "$(xp "count($P/*[local-name()=\"hyperlink\"])" doc.xml)" 3
assert_eq "DOCX: the bold address is a link whose run is bold and in the Hyperlink style" \
  "$(xp "count($P/*[local-name()=\"hyperlink\"][1]/*[local-name()=\"r\"][*[local-name()=\"rPr\"]/*[local-name()=\"b\"]][*[local-name()=\"rPr\"]/*[local-name()=\"rStyle\"][@*[local-name()=\"val\"]=\"Hyperlink\"]])" doc.xml)" 1
assert_eq "DOCX: its text is the address without the asterisks" \
  "$(xp "string($P/*[local-name()=\"hyperlink\"][1])" doc.xml)" "https://dichvucong.gov.vn"
assert_eq "DOCX: the plain address's link is not bold" \
  "$(xp "count($P/*[local-name()=\"hyperlink\"][2]//*[local-name()=\"b\"])" doc.xml)" 0
assert_eq "DOCX: the italic address's link is italic" \
  "$(xp "count($P/*[local-name()=\"hyperlink\"][3]//*[local-name()=\"i\"])" doc.xml)" 1
assert_eq "DOCX: the italic lead-in is a run of its own, not a link" \
  "$(xp "string($P/*[local-name()=\"r\"][*[local-name()=\"rPr\"]/*[local-name()=\"i\"]][1])" doc.xml)" \
  "Cổng dịch vụ công:"
assert_eq "DOCX: the full stop and the bracket after the last address are not linked" \
  "$(xp "string($P/*[local-name()=\"hyperlink\"][3])" doc.xml)" "www.hatan.gov.vn"
for url in 'https://dichvucong.gov.vn' 'https://dichvucong.thanhhoa.gov.vn/vi/' 'http://www.hatan.gov.vn'; do
  assert_contains "$(cat rels.xml)" "Target=\"$url\" TargetMode=\"External\"" "DOCX: a relationship to $url"
done
assert_contains "$(part bc.docx word/styles.xml)" 'w:styleId="Hyperlink"' "DOCX: the Hyperlink style is there"
assert_not_contains "$(xp "string($P)" doc.xml)" "*" "DOCX: no asterisk in the paragraph"

# --- ODT -------------------------------------------------------------------------
part bc.odt content.xml >content.xml
TP="//*[local-name()=\"p\"][contains(., 'Cổng dịch vụ công:')]"
assert_eq "ODT: the paragraph has three links" "$(xp "count($TP//*[local-name()=\"a\"])" content.xml)" 3
assert_eq "ODT: the bold address is a link holding the bold span" \
  "$(xp "string($TP//*[local-name()=\"a\"][1]/*[local-name()=\"span\"])" content.xml)" "https://dichvucong.gov.vn"
assert_eq "ODT: the link's target" \
  "$(xp "string($TP//*[local-name()=\"a\"][1]/@*[local-name()=\"href\"])" content.xml)" "https://dichvucong.gov.vn"
assert_eq "ODT: www. gets http://" \
  "$(xp "string($TP//*[local-name()=\"a\"][3]/@*[local-name()=\"href\"])" content.xml)" "http://www.hatan.gov.vn"
assert_eq "ODT: the lead-in is a span outside any link" \
  "$(xp "string($TP/*[local-name()=\"span\"][1])" content.xml)" "Cổng dịch vụ công:"

# --- LibreOffice's PDF -----------------------------------------------------------
for fmt in docx odt; do
  urls=$(pdfinfo -url "pdf-$fmt/bc.pdf")
  for url in 'https://dichvucong.gov.vn' 'https://dichvucong.thanhhoa.gov.vn/vi/' 'http://www.hatan.gov.vn'; do
    assert_contains "$urls" "$url" "$fmt PDF: a link annotation to $url"
  done
  txt=$(cat "pdf-$fmt/bc.txt")
  assert_contains "$txt" "Cổng dịch vụ công: hồ sơ nộp tại https://dichvucong.gov.vn" "$fmt PDF: the text as written"
  assert_not_contains "$txt" "**" "$fmt PDF: no markup left"
done

# --- a template of one's own: lien_ket | dinh_dang is the same ----------------------
mkdocx "$WORK/own.docx" "$(wp '{{ t | lien_ket | dinh_dang }}')$(wp '{{ t | dinh_dang }}')$(wp '{{ t | lien_ket }}')"
printf '{"t": "Xem **https://dichvucong.gov.vn**."}\n' >own.json
vb render --raw --no-marks own.json -t own.docx -o own-out.docx
assert_rc "own template: renders" 0
check "own template: check-docx" "$TOOLS/check-docx" own-out.docx
part own-out.docx word/document.xml >own.xml
assert_eq "own template: a link in each paragraph" "$(xp 'count(//*[local-name()="hyperlink"])' own.xml)" 3
assert_eq "own template: lien_ket | dinh_dang and dinh_dang write the same paragraph" \
  "$(xp '(//*[local-name()="p"])[1]' own.xml)" "$(xp '(//*[local-name()="p"])[2]' own.xml)"
assert_contains "$(xp 'string((//*[local-name()="p"])[3])' own.xml)" "**" \
  "own template: lien_ket alone leaves the markup as written"

finish
