#!/usr/bin/env bash
# update and values that are more than their text: a value printed with
# lien_ket (its web addresses are links) or hinh (a picture). The marks
# around a value give back its text, not its links, so when the new data
# changes a linked value update keeps the old one as it stands (link
# intact) and says so with update.dinh-dang, instead of writing the new
# text over it and leaving an empty link behind. A picture has no text:
# update leaves it as it is (docs/pictures.md: render again for a new
# picture), never prints its file name. Plain values beside them are
# rewritten as always; an unchanged link is kept without a word. Both
# formats, both validators, LibreOffice's PDF of the result.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
cp "$VB_SOURCE_DIR/samples/mau-rieng/logo-xa.png" "$VB_SOURCE_DIR/samples/mau-rieng/anh/gao-nep.jpg" .

mkdocx "$WORK/tpl.docx" "$(wp '{{ t | lien_ket }}')$(wp 'Số: {{ u }}')$(wp '{{ logo | hinh(rong="20mm") }}')$(wp '{{ k | lien_ket }}')"
mkodt "$WORK/tpl.odt" '<text:p>{{ t | lien_ket }}</text:p><text:p>Số: {{ u }}</text:p><text:p>{{ logo | hinh(rong="20mm") }}</text:p><text:p>{{ k | lien_ket }}</text:p>'
cat >a.json <<'EOF'
{"t": "Xem https://dichvucong.gov.vn nhé.", "u": "một", "logo": "logo-xa.png",
 "k": "Cổng https://hatan.gov.vn."}
EOF
cat >b.json <<'EOF'
{"t": "Xem https://dvc.thanhhoa.gov.vn nhé.", "u": "hai", "logo": "gao-nep.jpg",
 "k": "Cổng https://hatan.gov.vn."}
EOF

xp() { xmllint --xpath "$1" "$2" 2>/dev/null || true; }
for fmt in docx odt; do
  vb render --raw a.json -t "tpl.$fmt" -o "a.$fmt"
  assert_rc "$fmt: renders" 0
  vb update "a.$fmt" b.json -t "tpl.$fmt" -o "b.$fmt"
  assert_rc "$fmt: update runs" 0
  assert_contains "$ERR" 'giữ "Xem https://dichvucong.gov.vn nhé."; dữ liệu mới ghi "Xem https://dvc.thanhhoa.gov.vn nhé." [update.dinh-dang]' \
    "$fmt: the changed linked value is kept and reported"
  assert_eq "$fmt: nothing else is reported" "$(grep -c '\[update\.' <<<"$ERR")" 1
  check "$fmt: check-$fmt" "$TOOLS/check-$fmt" "b.$fmt"
  check "$fmt: converts with LibreOffice" "$TOOLS/render-pdf" "b.$fmt" "pdf-$fmt" >/dev/null
  txt=$(cat "pdf-$fmt/b.txt")
  assert_contains "$txt" "Số: hai" "$fmt: the plain value is rewritten"
  assert_contains "$txt" "Xem https://dichvucong.gov.vn nhé." "$fmt: the linked value reads as before"
  assert_not_contains "$txt" "gao-nep.jpg" "$fmt: no picture name printed as text"
  urls=$(pdfinfo -url "pdf-$fmt/b.pdf")
  assert_contains "$urls" "https://dichvucong.gov.vn" "$fmt PDF: the kept value is still a link"
  assert_contains "$urls" "https://hatan.gov.vn" "$fmt PDF: the unchanged value is still a link"
  assert_eq "$fmt PDF: one picture" "$(pdfimages -list "pdf-$fmt/b.pdf" | awk 'NR>2 && $3=="image"' | wc -l)" 1
done

part b.docx word/document.xml >doc.xml
assert_eq "DOCX: two links, each with its text" \
  "$(xp 'count(//*[local-name()="hyperlink"][normalize-space(.)!=""])' doc.xml)" 2
assert_eq "DOCX: no empty link left" \
  "$(xp 'count(//*[local-name()="hyperlink"][normalize-space(.)=""])' doc.xml)" 0
assert_eq "DOCX: one picture" "$(xp 'count(//*[local-name()="drawing"])' doc.xml)" 1
part b.odt content.xml >content.xml
assert_eq "ODT: two links, each with its text" \
  "$(xp 'count(//*[local-name()="a"][normalize-space(.)!=""])' content.xml)" 2
assert_eq "ODT: one picture" "$(xp 'count(//*[local-name()="frame"])' content.xml)" 1

finish
