#!/usr/bin/env bash
# Templates made by python-docx (tests/fixtures/e2e/make-pydocx.py, run with
# /usr/bin/python3 where python3-docx lives): tags split across runs on
# purpose, a paragraph loop with a nested loop, if/elif/else, docxtpl's
# {%p %} and {%tr %} markers, a row loop, header and footer tags. The output
# must pass check-docx, open in LibreOffice, and its text must hold every
# value in order with the right repetitions and branches.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

DATA="$FIX/pydocx-data.json"
TPL="$WORK/py.docx"
OUT="$WORK/py-out.docx"

if /usr/bin/python3 "$FIX/make-pydocx.py" "$TPL" >"$WORK/.py.log" 2>&1 && [ -s "$TPL" ]; then
  pass "python-docx builds the template"
else
  fail "python-docx could not build the template: $(cat "$WORK/.py.log")"
  finish; exit 1
fi
check "python-docx template itself passes check-docx" "$TOOLS/check-docx" "$TPL"

# The split-run cases are really in the template.
tdoc=$(part "$TPL" word/document.xml)
if printf '%s' "$tdoc" | grep -Eq '<w:t xml:space="preserve">\{\{ </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ten</w:t></w:r><w:r><w:t xml:space="preserve"> \}\}</w:t>'; then
  pass "template: '{{ ten }}' is split into three runs, the middle one bold"
else
  fail "template: '{{ ten }}' is not split the way make-pydocx.py asked"
fi
assert_contains "$tdoc" '<w:t xml:space="preserve">{% for </w:t></w:r>' "template: '{% for n in nhom %}' starts in a run of its own"
assert_contains "$(part "$TPL" word/header1.xml)" '{{ co_quan</w:t>' "template: header tag split across runs"

vb render "$DATA" --raw -t "$TPL" -o "$OUT"
assert_rc "render" 0
[ -s "$OUT" ] || { fail "no output"; finish; exit 1; }
assert_contains "$ERR" "ký tự điều khiển" "the U+000B in the data is reported"
check "output passes check-docx" "$TOOLS/check-docx" "$OUT"

main=$(part "$OUT" word/document.xml)
assert_contains "$main" "Lê Lợi &amp; Quang Trung" "& is escaped"
assert_contains "$main" "Hàng 1 &lt;quan trọng&gt;" "< and > are escaped"
assert_contains "$main" "<w:br/>" "\\n wrote w:br"
assert_contains "$main" "<w:tab/>" "tab wrote w:tab"
vt=0
for p in word/document.xml word/header1.xml word/footer1.xml; do
  if part "$OUT" "$p" | LC_ALL=C grep -q $'\x0b'; then vt=1; fi
done
assert_eq "no U+000B in any part" "$vt" 0
# The split tag's value sits in the first run of the tag (plain "{{ "), the
# bold run that held "ten" no longer holds tag text.
assert_contains "$main" "Trường THCS Lê Lợi &amp; Quang Trung" "split tag filled"
for t in 'ten }}' 'n in nhom' '{%tr' '{%p'; do assert_not_contains "$main" "$t" "no leftover '$t' in document.xml"; done
tables=$(printf '%s' "$main" | grep -o '<w:tr[ >]' | wc -l)
assert_eq "rows in both tables: 1 header + 4 (Bảng 1) + 2 (Bảng 2)" "$tables" 7

if "$TOOLS/render-pdf" "$OUT" "$WORK/pdf" >"$WORK/.rp.log" 2>&1; then
  pass "render-pdf ($(grep pages: "$WORK/.rp.log"))"
  txt=$(cat "$WORK/pdf/py-out.txt")
  assert_order "body values in order" "$txt" \
    "Tên đơn vị: Trường THCS Lê Lợi & Quang Trung" \
    "BÁO CÁO TỔNG KẾT NĂM HỌC" \
    "Ghi chú: Hàng 1 <quan trọng>" "Hàng 2" "cột 2" \
    "Dán từ Excel: B1 dánB2 dán" \
    "Nhóm 1: Chuyên môn (xong)" \
    "- Việc: Dự giờ" "- Việc: Chấm bài" "- Việc: Họp tổ" \
    "Nhóm 2: Công đoàn (đang làm)" \
    "- Việc: Thăm hỏi" \
    "Xếp loại: KHÁ" \
    "Bảng 1:" "STT" "Họ và tên" "Điểm" \
    "1" "Nguyễn Văn An" "9.5" \
    "2" "Trần Thị Bình" "8" \
    "3" "Lê Hoàng Cường" "7.25" \
    "4" "Phạm Thu Dung" "10" \
    "Bảng 2:" "Kho K1" "12 tấn" "Kho K2" "30 tấn" \
    "HẾT"
  if printf '%s\n' "$txt" | grep -q '^Hàng 2'; then pass "\\n in a value became a line break"
  else fail "\\n in a value did not become a line break"; fi
  assert_contains "$txt" "Đầu trang: Sở Nội vụ tỉnh Thanh Hóa" "header value (tag split across runs)"
  assert_contains "$txt" "Chân trang: Trang do python-docx tạo" "footer value"
  assert_count "outer loop ran 2 times" "$txt" "Nhóm " 2
  assert_count "nested loop ran 3+1 times" "$txt" "- Việc:" 4
  assert_count "row loop: each data row once" "$txt" "Nguyễn Văn An" 1
  assert_count "{%tr %} loop made 2 rows" "$txt" "Kho K" 2
  assert_count "elif chose one branch" "$txt" "Xếp loại" 1
  assert_not_contains "$txt" "phụ lục" "{%p if %} false dropped its paragraph"
  assert_not_contains "$txt" "TỐT" "if-branch dropped"
  assert_not_contains "$txt" "TRUNG BÌNH" "else-branch dropped"
  for t in '{{' '}}' '{%' '%}'; do assert_not_contains "$txt" "$t" "no leftover '$t'"; done
else
  fail "render-pdf: $(cat "$WORK/.rp.log")"
fi

finish
