#!/usr/bin/env bash
# update's findings for a person: a heading typed again (its marks lost by
# editing) is told apart from an item the data adds — refused, named by its
# paragraph and text, in Vietnamese with a rule id, nothing written, and
# never printed twice — and the hint works: deleting the retyped paragraph
# and running update again puts it back, marked. A value changed by hand is
# named by its paragraph's first words, not by a template tag. DOCX and ODT.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
FIXED="$S/corrections/bc-xa-ha-tan-6thang-2024.json"
UNMARK="$VB_SOURCE_DIR/tests/fixtures/update/unmark.py"
cd "$WORK"

text_part() { if [ "$1" = docx ]; then part "$2" word/document.xml; else part "$2" content.xml; fi; }

for ext in docx odt; do
  vb render "$S/bc-xa-ha-tan-6thang-2024.json" -o "gen.$ext" -q
  assert_rc "$ext: render" 0
  check "$ext: the heading is typed again (its marks lost)" \
    python3 "$UNMARK" "gen.$ext" "retyped.$ext" "3.4. Tiêu chí số 3.4"
  printf 'old' >"out.$ext"
  vb update "retyped.$ext" "$FIXED" -o "out.$ext"
  assert_rc "$ext: refused" 1
  p=$([ $ext = docx ] && echo word/document.xml || echo content.xml)
  assert_contains "$ERR" "retyped.$ext: $p, đoạn " "$ext: names the part and paragraph"
  assert_contains "$ERR" "lỗi: đoạn \"3.4. Tiêu chí số 3.4\" đã mất dấu (bookmark) của vanban khi sửa tay" \
    "$ext: says the marks were lost by editing, with the paragraph's text"
  assert_contains "$ERR" "dữ liệu không thêm mục mới" "$ext: and that the data adds nothing"
  assert_contains "$ERR" "[update.mat-dau]" "$ext: rule id"
  assert_count "$ext: said once" "$ERR" "[update.mat-dau]" 1
  assert_not_contains "$ERR" "update.them-muc" "$ext: not taken for an added item"
  assert_not_contains "$ERR" "{{ k.text }}" "$ext: no template tag as a place"
  assert_contains "$ERR" "gợi ý: xóa đoạn gõ lại đó rồi chạy update lần nữa" "$ext: what to do"
  assert_eq "$ext: nothing written" "$(cat "out.$ext")" "old"

  # The hint works: without the retyped paragraph, update puts the item back.
  check "$ext: the retyped paragraph deleted" \
    python3 "$UNMARK" "retyped.$ext" "deleted.$ext" "3.4. Tiêu chí số 3.4" --delete
  vb update "deleted.$ext" "$FIXED" -o "out.$ext"
  assert_rc "$ext: then update goes through" 0
  assert_count "$ext: the heading is there once" "$(text_part $ext "out.$ext")" "Tiêu chí số 3.4<" 1
  vb update "out.$ext" "$FIXED" -o "again.$ext"
  assert_rc "$ext: and is marked again (a second update changes nothing)" 0
  assert_not_contains "$ERR" "update." "$ext: nothing to report the second time"
done
check "docx: check-docx --strict" "$TOOLS/check-docx" --strict out.docx
check "odt: check-odt --strict" "$TOOLS/check-odt" --strict out.odt
for ext in docx odt; do
  mkdir -p "pdf-$ext"
  check "$ext: converts to PDF" "$TOOLS/render-pdf" "out.$ext" "pdf-$ext" >/dev/null
  assert_count "$ext PDF: the item once" "$(pdftotext -layout "pdf-$ext/out.pdf" -)" "3.4. Tiêu chí số 3.4" 1
done

finish
