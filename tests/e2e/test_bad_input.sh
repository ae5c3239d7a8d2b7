#!/usr/bin/env bash
# Bad input fails cleanly: each case exits with the documented code (1 data,
# 2 template, 3 file, 4 usage), says on stderr which file, where and what,
# writes no output file, and leaves an existing output file byte for byte as
# it was (and no temporary file next to it).
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

T="$WORK/t"
mkdir -p "$T"
mkdocx "$T/missing.docx" "$(wp 'Một')$(wp 'Hai')$(wp 'Kính gửi {{ don_vi.ten }}.')"
mkdocx "$T/missing-cell.docx" "$(wp 'Bảng:')<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>$(wtc STT)$(wtc Tên)</w:tr><w:tr>$(wtc 1)$(wtc '{{ nguoi.ho_ten }}')</w:tr></w:tbl>$(wp 'Hết')"
mkdocx "$T/unclosed.docx" "$(wp 'Mở đầu')$(wp '{% for x in ds %}')$(wp '{{ x }}')"
mkdocx "$T/filter.docx" "$(wp 'Một')$(wp 'Hai {{ x | khong_co }}')"
mkdocx "$T/good.docx" "$(wp 'Xin chào {{ x }}')"
mkodt "$T/missing.odt" '<text:p>Một</text:p><text:p>Gửi <text:span>{{ don_vi</text:span>.ten }}</text:p>'
printf 'Đây là một tệp văn bản, không phải DOCX.\n' >"$T/text.docx"
printf 'xin chào\n' >"$WORK/readme.txt"
(cd "$WORK" && zip -q -X "$T/other.docx" readme.txt && zip -q -X "$T/other.odt" readme.txt)

D="$WORK/d"
mkdir -p "$D"
printf '{"x": "a", "ds": [1, 2], "don_vi": {}, "nguoi": {}}\n' >"$D/ok.json"
# Error on line 3, column 5: an unquoted key.
printf '{\n  "x": "a",\n    loi: 2\n}\n' >"$D/bad.json"
# Truncated: the text ends inside an array on line 3.
printf '{\n  "x": "a",\n  "ds": [1, 2,\n' >"$D/truncated.json"

# expect_fail NAME CODE DATA TEMPLATE OUTEXT [more args] — runs the render
# twice: to a new output path (nothing may appear) and over an existing file
# holding "previous" (it must stay byte for byte). ERR holds stderr after.
expect_fail() {
  local name=$1 code=$2 data=$3 tpl=$4 ext=$5; shift 5
  local o="$WORK/out-$name"
  mkdir -p "$o"
  vb render "$data" --raw -t "$tpl" -o "$o/new.$ext" "$@"
  assert_rc "$name: exit code" "$code"
  if [ -e "$o/new.$ext" ]; then fail "$name: an output file appeared"; else pass "$name: no output file"; fi
  printf 'previous' >"$o/old.$ext"
  cp "$o/old.$ext" "$WORK/reference"
  local before
  before=$(ls -A "$o")
  vb render "$data" --raw -t "$tpl" -o "$o/old.$ext" "$@"
  assert_rc "$name: exit code with an existing output" "$code"
  if cmp -s "$o/old.$ext" "$WORK/reference"; then pass "$name: existing output unchanged"
  else fail "$name: existing output was changed"; fi
  assert_eq "$name: no stray file next to the output" "$(ls -A "$o" | tr '\n' ' ')" "$(printf '%s\n' $before | tr '\n' ' ')"
}

# --- data errors (1) -----------------------------------------------------------
expect_fail malformed-json 1 "$D/bad.json" "$T/good.docx" docx
assert_contains "$ERR" "bad.json: dòng 3, cột 5: lỗi: khoá \`loi\` phải đặt trong dấu ngoặc kép [json.unquoted-key]" \
  "malformed JSON: names the file, line 3, column 5, the cause in Vietnamese and the rule"
assert_contains "$ERR" 'gợi ý: viết "loi":' "malformed JSON: the hint says what to write"

expect_fail truncated-json 1 "$D/truncated.json" "$T/good.docx" docx
assert_contains "$ERR" "truncated.json: dòng " "truncated JSON: names the file and a line"
assert_contains "$ERR" "tệp kết thúc khi danh sách mở bằng \`[\` ở dòng 3, cột 9 chưa được đóng: thiếu \`]\`" \
  "truncated JSON: says the text ended early, which bracket is open and where it opened"
# The text ends on line 3 (after its newline, line 4:1): pointing at the very
# start of the file sends the user to the wrong place.
if printf '%s' "$ERR" | grep -Eq 'truncated\.json: dòng [34],'; then
  pass "truncated JSON: the place is the end of the text (dòng 3 or 4)"
else
  fail "truncated JSON: the place is not the end of the text: $(printf '%s' "$ERR" | head -1)"
fi

expect_fail missing-path 1 "$D/ok.json" "$T/missing.docx" docx
assert_contains "$ERR" "missing.docx: word/document.xml, đoạn 3: lỗi: {{ don_vi.ten }}" \
  "missing path: file, part, paragraph 3 and the tag"
assert_contains "$ERR" "dữ liệu không có giá trị cho 'don_vi.ten'" "missing path: names the path"

expect_fail missing-path-cell 1 "$D/ok.json" "$T/missing-cell.docx" docx
assert_contains "$ERR" "word/document.xml, bảng 1, hàng 2, ô 2, đoạn" "missing path in a table: table/row/cell"
assert_contains "$ERR" "{{ nguoi.ho_ten }}" "missing path in a table: the tag"

expect_fail missing-path-odt 1 "$D/ok.json" "$T/missing.odt" odt
assert_contains "$ERR" "missing.odt: content.xml, đoạn 2: lỗi: {{ don_vi.ten }}" \
  "missing path in an ODT (tag split by a span): file, part, paragraph 2, the tag"

# --lenient makes the same renders succeed, with the value empty.
for c in "missing.docx docx word/document.xml" "missing-cell.docx docx word/document.xml" "missing.odt odt content.xml"; do
  set -- $c
  vb render "$D/ok.json" --raw --lenient -t "$T/$1" -o "$WORK/lenient-$1"
  assert_rc "--lenient: $1 renders" 0
  x=$(part "$WORK/lenient-$1" "$3" 2>/dev/null || true)
  assert_not_contains "$x" "{{" "--lenient: $1 has no leftover tag"
done
assert_contains "$(part "$WORK/lenient-missing.docx" word/document.xml)" "Kính gửi .</w:t>" "--lenient: the missing value is empty"

# --- template errors (2) ---------------------------------------------------------
expect_fail unclosed-for 2 "$D/ok.json" "$T/unclosed.docx" docx
assert_contains "$ERR" "unclosed.docx: word/document.xml, đoạn 2: lỗi: vòng lặp không được đóng trong {% for x in ds %}" \
  "unclosed for: file, part, paragraph 2, what"

expect_fail unknown-filter 2 "$D/ok.json" "$T/filter.docx" docx
assert_contains "$ERR" "filter.docx: word/document.xml, đoạn 2: lỗi: không có bộ lọc \`khong_co\`" \
  "unknown filter: file, part, paragraph 2, name"
assert_contains "$ERR" "{{ x | khong_co }}" "unknown filter: the tag"

expect_fail not-a-zip 2 "$D/ok.json" "$T/text.docx" docx
assert_contains "$ERR" "text.docx: lỗi: không phải gói DOCX/ODT (không phải tệp zip)" "not a zip: says so"

expect_fail zip-not-docx 2 "$D/ok.json" "$T/other.docx" docx
assert_contains "$ERR" "other.docx: lỗi: là gói zip nhưng không phải văn bản DOCX hay ODT" "zip, not DOCX: says so"
expect_fail zip-not-odt 2 "$D/ok.json" "$T/other.odt" odt
assert_contains "$ERR" "other.odt: lỗi: là gói zip nhưng không phải văn bản DOCX hay ODT" "zip, not ODT: says so"

# --- file errors (3) ---------------------------------------------------------------
expect_fail missing-template 3 "$D/ok.json" "$T/khong-co.docx" docx
assert_contains "$ERR" "khong-co.docx: lỗi: không mở được tệp: không có tệp hay thư mục này" "missing template: names it"
expect_fail missing-data 3 "$D/khong-co.json" "$T/good.docx" docx
assert_contains "$ERR" "khong-co.json: lỗi: không mở được tệp: không có tệp hay thư mục này" "missing data: names it"

# --- usage errors (4) ---------------------------------------------------------------
expect_fail wrong-out-ext 4 "$D/ok.json" "$T/good.docx" pdf
assert_contains "$ERR" "tệp ra phải có đuôi .docx hoặc .odt" "output extension: says so"
assert_contains "$ERR" "[usage.output-ext]" "output extension: its rule id"
# A DOCX template for an .odt output is converted (tests/e2e/test_convert.sh);
# a template that is neither is refused.
cp "$T/good.docx" "$WORK/good.dotx"
expect_fail format-mismatch 4 "$D/ok.json" "$WORK/good.dotx" odt
assert_contains "$ERR" "khác định dạng với mẫu" ".dotx template, .odt output: says so"

# The good template really renders (so the failures above are the input's).
vb render "$D/ok.json" --raw --no-marks -t "$T/good.docx" -o "$WORK/good-out.docx"
assert_rc "control: the good template renders" 0
assert_contains "$(part "$WORK/good-out.docx" word/document.xml)" "Xin chào a" "control: value filled"

finish
