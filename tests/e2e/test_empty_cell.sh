#!/usr/bin/env bash
# A DOCX table cell must hold a paragraph (w:tc needs block content: Word
# refuses a document with an empty cell). When every paragraph of a cell is
# inside a condition or loop that renders nothing, vanban writes an empty
# paragraph there; when something renders, the cell is left as written.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$WORK"

cell_if='<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>'"$(wp '{%p if ghi_chu %}')$(wp '{{ ghi_chu }}')$(wp '{%p endif %}')"'</w:tc>'
cell_for='<w:tc>'"$(wp '{%p for x in ds %}')$(wp '{{ x }}')$(wp '{%p endfor %}')"'</w:tc>'
mkdocx "$WORK/cells.docx" "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>$(wtc 'Chỉ tiêu')${cell_if}${cell_for}</w:tr></w:tbl>"

# check-docx wants the document's relationships part too (mkdocx is minimal).
mkdir -p rels/word/_rels
printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' \
  >rels/word/_rels/document.xml.rels
(cd rels && zip -q -X "$WORK/cells.docx" word/_rels/document.xml.rels)

printf '{"ghi_chu": "", "ds": []}' >empty.json
printf '{"ghi_chu": "Đạt", "ds": ["Một", "Hai"]}' >full.json
for m in "" --no-marks; do
  vb render empty.json --raw -t cells.docx -o "empty$m.docx" $m -q
  assert_rc "renders with nothing in two cells ${m:-(marks)}" 0
  x=$(part "empty$m.docx" word/document.xml)
  assert_contains "$x" '</w:tcPr><w:p/></w:tc>' "the conditional cell gets an empty paragraph ${m:-(marks)}"
  assert_contains "$x" '<w:tc><w:p/></w:tc>' "the cell of an empty loop gets an empty paragraph ${m:-(marks)}"
  check "empty$m.docx passes check-docx" "$VB_SHARED/tools/check-docx" "empty$m.docx"
done
vb render full.json --raw -t cells.docx -o full.docx -q
assert_rc "renders with content in every cell" 0
x=$(part full.docx word/document.xml)
assert_not_contains "$x" '<w:p/>' "no extra paragraph when the cells have content"
assert_contains "$x" '>Hai</w:t>' "the loop's items are there"
check "full.docx passes check-docx" "$VB_SHARED/tools/check-docx" full.docx
finish
