#!/usr/bin/env bash
# `vanban fields` lists every tag of a LibreOffice-made template (DOCX and
# ODT) with its part, table/row/cell and paragraph — a tag split across runs
# is listed once, whole — and `--variables` lists the top-level data names.
# On a template with a syntax error it prints the error with its place and
# exits 2.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$WORK/tpl"
for fmt in docx odt; do
  lo_convert "$FIX/lo-template.fodt" "$fmt" "$WORK/tpl" ||
    fail "soffice could not convert the FODT to $fmt: $(cat "$WORK/.lo.log")"
done

# Tags in the source (outside the XML comment): every "{{" and "{%" is one field.
ntags=$(sed '/<!--/,/-->/d' "$FIX/lo-template.fodt" | grep -o '{{\|{%' | wc -l)

# One field per line: "KIND TAG @ PLACE: "EXCERPT"".
fields_joined() { printf '%s\n' "$1" | paste -d '|' - - | sed 's/ *| *ở / @ /'; }

for fmt in docx odt; do
  vb fields "$WORK/tpl/lo-template.$fmt"
  assert_rc "$fmt: fields" 0
  f=$(fields_joined "$VOUT")
  # LibreOffice writes a text box twice in a DOCX (the DrawingML box and its
  # VML fallback for old readers), so the text box's one tag is found twice.
  want=$ntags
  [ "$fmt" = docx ] && want=$((ntags + 1))
  assert_eq "$fmt: one field per tag of the template" "$(printf '%s\n' "$f" | grep -c ' @ ')" "$want"
  if [ "$fmt" = docx ]; then
    main=word/document.xml
    assert_contains "$f" "{{ don_vi.viet_tat }} @ word/header1.xml, đoạn 1:" "$fmt: header tag in word/header1.xml"
    assert_contains "$f" "{{ chan_trang }} @ word/footer1.xml, đoạn 1:" "$fmt: footer tag in word/footer1.xml"
    assert_contains "$f" "{{ chu_thich }} @ word/footnotes.xml, đoạn" "$fmt: footnote tag in word/footnotes.xml"
  else
    main=content.xml
    assert_contains "$f" "{{ don_vi.viet_tat }} @ styles.xml, đoạn 1:" "$fmt: header tag in styles.xml"
    assert_contains "$f" "{{ chan_trang }} @ styles.xml, đoạn 2:" "$fmt: footer tag in styles.xml"
    assert_contains "$f" "{{ chu_thich }} @ content.xml, đoạn" "$fmt: footnote tag in content.xml"
  fi
  # The split tag ("{{" bold + rest plain) is one field, whole.
  assert_contains "$f" "value   {{ don_vi.ten | hoa }} @ $main, đoạn 1: \"{{ don_vi.ten | hoa }}\"" \
    "$fmt: the tag split across runs is listed whole, paragraph 1"
  assert_contains "$f" "for     {% for ct in chi_tieu %} @ $main, đoạn" "$fmt: outer loop listed"
  assert_contains "$f" "for     {% for mc in ct.minh_chung %} @ $main, đoạn" "$fmt: nested loop listed"
  assert_contains "$f" "if      {% if ct.dat %} @ $main, đoạn" "$fmt: inline if listed"
  # The table's row 1 is the header row; the loop tags are in rows 2 and 4.
  assert_contains "$f" "for     {% for r in bang %} @ $main, bảng 1, hàng 2, ô 1, đoạn" "$fmt: row loop at bảng 1, hàng 2, ô 1"
  assert_contains "$f" "{{ r.ten }} @ $main, bảng 1, hàng 3, ô 2, đoạn" "$fmt: row value at bảng 1, hàng 3, ô 2"
  assert_contains "$f" "endfor  {% endfor %} @ $main, bảng 1, hàng 4, ô 1, đoạn" "$fmt: row endfor at bảng 1, hàng 4, ô 1"
  assert_order "$fmt: body fields in document order" "$f" \
    "{{ don_vi.ten | hoa }}" "{{ ky_bao_cao }}" "{{ nguoi_nhan }}" "{{ ghi_chu }}" "{% for ct in chi_tieu %}" \
    "{% for mc in ct.minh_chung %}" "{% if ket_luan.dat %}" "{% for r in bang %}" "{{ noi_nhan | join"

  vb fields --variables "$WORK/tpl/lo-template.$fmt"
  assert_rc "$fmt: fields --variables" 0
  assert_eq "$fmt: --variables lists the top-level names, loop variables excluded" \
    "$(printf '%s\n' "$VOUT" | sort | tr '\n' ' ')" \
    "bang chan_trang chi_tieu chu_thich don_vi ghi_chu hop_chu ket_luan ky_bao_cao nguoi_nhan noi_nhan o_excel so_hieu "
done

# --- syntax errors -------------------------------------------------------------------
T="$WORK/t"
mkdir -p "$T"
mkdocx "$T/if-cell.docx" "$(wp 'Mở đầu')<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>$(wtc A)$(wtc B)</w:tr><w:tr>$(wtc 'x')$(wtc '{% if dat %}Đạt')</w:tr></w:tbl>"
vb fields "$T/if-cell.docx"
assert_rc "unclosed if in a table cell: fields" 2
assert_contains "$ERR" "if-cell.docx: word/document.xml, bảng 1, hàng 2, ô 2, đoạn 5: lỗi:" \
  "unclosed if: file, part, table/row/cell, paragraph"
assert_contains "$ERR" "{% if dat %}" "unclosed if: the tag"

mkdocx "$T/tag.docx" "$(wp 'Một')$(wp 'Hai')$(wp 'Kính gửi {{ don_vi.ten ')"
vb fields "$T/tag.docx"
assert_rc "unclosed {{: fields" 2
assert_contains "$ERR" "tag.docx: word/document.xml, đoạn 3: lỗi:" "unclosed {{: file, part, paragraph 3"
assert_contains "$ERR" "không được đóng trong đoạn này: thiếu \`}}\`" "unclosed {{: says what is missing"

mkodt "$T/endfor.odt" '<text:p>Một</text:p><text:p>{% endfor %}</text:p>'
vb fields "$T/endfor.odt"
assert_rc "stray endfor in an ODT: fields" 2
assert_contains "$ERR" "endfor.odt: content.xml, đoạn 2: lỗi:" "stray endfor: file, part, paragraph 2"
assert_contains "$ERR" "{% endfor %}" "stray endfor: the tag"

finish
