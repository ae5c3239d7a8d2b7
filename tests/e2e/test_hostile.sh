#!/usr/bin/env bash
# Hostile and broken input through the CLI. Every malicious file is
# built here. For each refused case the test asserts the exit code, the error
# text, that no output file (and no temporary file) appeared, and that an
# existing output file was left byte for byte as it was.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$WORK"
export PYTHONWARNINGS=ignore # zipfile warns about the duplicate name on purpose

# ---- building blocks ----------------------------------------------------------

mk() { python3 "$VB_SOURCE_DIR/tests/fixtures/hostile/make_package.py" "$1"; }
# text FILE — the document's text (tags stripped: values may sit in bookmarks).
text() { part "$1" word/document.xml | sed 's/<[^>]*>//g'; }

printf '{"ten": "Hà Tân", "n": 3}\n' >data.json
mk good
vb render data.json -t good.docx -o ok.docx
assert_rc "the well-formed control case renders" 0
assert_contains "$(text ok.docx)" "Hà Tân - 3" "control case output"

N=0
# refused DESC RC NEEDLE OUTNAME RENDER-ARGS…
# Renders into an empty directory (nothing may appear there) and over an
# existing file (it must not change); both must fail with RC and NEEDLE.
refused() {
  local desc=$1 want=$2 needle=$3 outname=$4
  shift 4
  N=$((N + 1))
  local dir="$WORK/case$N"
  mkdir -p "$dir/empty" "$dir/existing"
  printf 'previous output of case %s, must survive\n' "$N" >"$dir/existing/$outname"
  cp "$dir/existing/$outname" "$dir/previous"

  vb render "$@" -o "$dir/empty/$outname"
  assert_rc "$desc: exit code" "$want"
  assert_contains "$ERR" "$needle" "$desc: error text"
  assert_eq "$desc: no output file, no temporary file" "$(ls -A "$dir/empty")" ""

  vb render "$@" -o "$dir/existing/$outname"
  assert_rc "$desc (over an existing file): exit code" "$want"
  if cmp -s "$dir/previous" "$dir/existing/$outname"; then
    pass "$desc: the existing output is unchanged"
  else
    fail "$desc: the existing output was changed"
  fi
  assert_eq "$desc: no temporary file next to the existing output" "$(ls -A "$dir/existing")" "$outname"
}

# ---- zip packages -------------------------------------------------------------

mk bomb
size=$(stat -c %s bomb.docx)
if [ "$size" -lt 4000000 ]; then pass "zip bomb is small on disk ($size bytes for 1 GiB)"
else fail "zip bomb is $size bytes"; fi
refused "zip bomb (document.xml inflates to 1 GiB)" 2 \
  'khai 1073741824 byte khi giải nén, tối đa cho một mục là 268435456' \
  out.docx data.json -t bomb.docx
assert_contains "$ERR" 'entry 2 "word/document.xml"' "zip bomb: the entry is named"

mk ratio
refused "compression ratio bomb (100 MiB of zeros in an image)" 2 'bom zip' \
  out.docx data.json -t ratio.docx

mk dotdot
refused "entry named ../evil.xml" 2 \
  "mục \"../evil.xml\" có đoạn đường dẫn '..' trong tên" out.docx data.json -t dotdot.docx

mk absolute
refused "entry with an absolute path" 2 \
  'mục "/tmp/evil.xml" có tên là một đường dẫn tuyệt đối' out.docx data.json -t absolute.docx

mk backslash
refused "entry with a backslash" 2 \
  'có dấu gạch ngược trong tên' out.docx data.json -t backslash.docx

mk duplicate
refused "duplicate entry names" 2 \
  'mục "word/document.xml" có hai lần (cũng là mục 2)' out.docx data.json -t duplicate.docx

mkdir -p enc/word
unzip -q good.docx -d enc
(cd enc && zip -q -P secret ../encrypted.docx '[Content_Types].xml' word/document.xml)
refused "encrypted entries (zip -P)" 2 \
  'được mã hoá (có mật khẩu); vanban không đọc được tệp có mật khẩu' out.docx data.json -t encrypted.docx

# ---- XML parts ------------------------------------------------------------------

mk laughs
refused "billion laughs DOCTYPE in document.xml" 2 \
  'phần của gói không được có DOCTYPE: có thể là tấn công bằng thực thể XML' out.docx data.json -t laughs.docx
assert_not_contains "$ERR" "lollollol" "billion laughs: no entity was expanded"

# (A part with a DOCTYPE but no tag at all: test_hostile_doctype.sh.)

mk xxe
refused "XXE against /etc/passwd (DOCX)" 2 \
  'phần của gói không được có DOCTYPE: có thể là tấn công bằng thực thể XML' out.docx data.json -t xxe.docx
assert_not_contains "$ERR${VOUT:-${OUT:-}}" "root:" "XXE (DOCX): /etc/passwd never shows"

mk xxe-odt
refused "XXE against /etc/passwd (ODT)" 2 \
  'phần của gói không được có DOCTYPE' out.odt data.json -t xxe.odt
assert_not_contains "$ERR${VOUT:-${OUT:-}}" "root:" "XXE (ODT): /etc/passwd never shows"

# ---- data -------------------------------------------------------------------------

printf '{"ten": "Hà Tân",\n "n": "ab\xffcd"}\n' >bad-utf8.json
refused "invalid UTF-8 in the JSON" 1 'byte 0xFF không hợp lệ trong UTF-8' out.docx bad-utf8.json -t good.docx
assert_contains "$ERR" 'dòng 2, cột 10 (byte 29)' "invalid UTF-8: line, column and byte offset"

printf '{"ten": "Hà\\u000bTân", "n": 1}\n' >vt.json
vb render vt.json -t good.docx -o vt.docx
assert_rc "U+000B in a string renders" 0
assert_contains "$ERR" 'vt.json: $.ten (dòng 1, cột 9): cảnh báo:' "U+000B: the warning names the field"
assert_contains "$ERR" 'đã bỏ 1 ký tự điều khiển' "U+000B: the warning says what was removed"
assert_contains "$(text vt.docx)" "HàTân - 1" "U+000B: the text around it is kept"
if part vt.docx word/document.xml | LC_ALL=C grep -q "$(printf '\013')"; then
  fail "U+000B: the control character reached the output"
else
  pass "U+000B: the output does not contain the control character"
fi

python3 -c '
import json
open("long.json", "w", encoding="utf-8").write(
    json.dumps({"ten": "Hà Tân " * (10 * 1024 * 1024 // 9), "n": 1}, ensure_ascii=False))'
vb render long.json -t good.docx -o long.docx
if [ "$RC" -eq 0 ]; then
  n=$(part long.docx word/document.xml | wc -c)
  if [ "$n" -gt 10000000 ]; then pass "10 MB string renders whole ($n bytes of XML)"
  else fail "10 MB string: the document has only $n bytes"; fi
else
  assert_contains "$ERR" "long.json" "10 MB string refused with a message"
  [ ! -e long.docx ] && pass "10 MB string refused: no output" || fail "10 MB string: output left behind"
fi

python3 -c '
open("deep.json", "w").write("{\"ten\": \"x\", \"n\": " + "[" * 100000 + "]" * 100000 + "}")'
refused "100000 nested arrays" 1 'dữ liệu lồng nhau quá 128 tầng' out.docx deep.json -t good.docx
assert_contains "$ERR" 'deep.json: dòng 1, cột ' "deep nesting: the place is named"

python3 -c '
import json
open("huge.json", "w").write(json.dumps({"ten": "x", "n": 2, "bang": list(range(1000000))}))'
vb render huge.json -t good.docx -o huge.docx
assert_rc "an unused array of 1,000,000 elements is fine" 0
assert_contains "$(text huge.docx)" "x - 2" "huge array: the document is rendered"

mk missing
refused "a value missing from the data (render error)" 1 'khong_co' out.docx data.json -t missing.docx

# ---- paths ------------------------------------------------------------------------

mkdir -p dir-template.docx
refused "template path is a directory" 3 'dir-template.docx: lỗi: không đọc được tệp' \
  out.docx data.json -t dir-template.docx

vb render data.json -t good.docx -o "$WORK/no/such/dir/out.docx"
assert_rc "output in a non-existent directory" 3
assert_contains "$ERR" "no/such/dir/out.docx: lỗi: không tạo được tệp tạm bên cạnh tệp kết quả: không có tệp hay thư mục này" \
  "non-existent directory: error text"
[ ! -e "$WORK/no" ] && pass "non-existent directory: nothing was created" || fail "non-existent directory: something was created"

mkdir -p outdir/taken.docx
touch outdir/taken.docx/keep
vb render data.json -t good.docx -o outdir/taken.docx
assert_rc "output path is a directory" 3
assert_eq "output path is a directory: it is untouched" "$(ls -A outdir/taken.docx)" "keep"
assert_eq "output path is a directory: no temporary file" "$(ls -A outdir)" "taken.docx"

finish
