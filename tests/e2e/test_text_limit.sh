#!/usr/bin/env bash
# Limits that readers share: a line of text in the data longer than readers
# accept as one piece of text (100,000 bytes: libxml2 refuses 10 MB, and
# LibreOffice needs minutes for a paragraph of 1 MB; src/xml/xml.h) is
# refused by render, check and update — exit 1, a message naming the field
# and the limit, nothing written — and so is text a template or the model
# puts together that long. A document at the limit passes
# check-docx/check-odt and converts with LibreOffice.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
S="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"

# DATA OUT LEN: the sample with ket_thuc[0] one line of LEN bytes of words.
with_line() {
  /usr/bin/python3 - "$S" "$1" "$2" <<'EOF'
import json, random, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
n = int(sys.argv[3])
random.seed(7)
words = ["chuyển", "đổi", "số", "xã", "Hà", "Tân", "kết", "quả", "thực", "hiện", "năm", "2024"]
parts, size = [], 0
while size < n:
    w = random.choice(words)
    parts.append(w)
    size += len(w.encode()) + 1
line = " ".join(parts).encode()[:n - 1].decode("utf-8", "ignore")
line = line + "x" * (n - len(line.encode()))  # never ends with a blank, which would be trimmed
d["ket_thuc"] = [line]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
}

# ---- a 50 MB line: refused by every command that reads the data -------------
with_line huge.json $((50 * 1024 * 1024))
line=$(grep -n '"ket_thuc"' huge.json | cut -d: -f1)
for ext in docx odt; do
  vb render huge.json -o "huge.$ext"
  assert_rc "render $ext: a 50 MB line is refused" 1
  assert_contains "$ERR" "huge.json: \$.ket_thuc[0] (dòng $((line + 1)), cột 3): lỗi: một dòng dài 52.428.800 byte, quá giới hạn 100.000 byte cho một đoạn chữ liền" \
    "render $ext: the message names the field, its place, its length and the limit"
  assert_contains "$ERR" "gợi ý: rút ngắn giá trị, hoặc tách nó thành nhiều dòng" "render $ext: says what to do"
  check "render $ext: nothing written" test ! -e "huge.$ext"
done
vb check huge.json
assert_rc "check refuses it too" 1
assert_contains "$ERR" "\$.ket_thuc[0] (dòng $((line + 1)), cột 3): lỗi: một dòng dài 52.428.800 byte"
vb render "$S" -o sample.docx -q
assert_rc "the sample renders" 0
cp sample.docx sample-before.docx
vb update sample.docx huge.json -o updated.docx
assert_rc "update refuses it" 1
assert_contains "$ERR" "\$.ket_thuc[0] (dòng $((line + 1)), cột 3): lỗi: một dòng dài 52.428.800 byte"
check "update: nothing written" test ! -e updated.docx
check "update: the document is untouched" cmp -s sample.docx sample-before.docx

# ---- text a template puts together: the tag and the value's place -------------
printf '{"so": "%s"}' "$(head -c 99997 /dev/zero | tr '\0' '7')" >so.json
mkdocx "$WORK/so.docx" "$(wp 'Số: {{ so }}')"
mkodt "$WORK/so.odt" '<text:p>Số: {{ so }}</text:p>'
for ext in docx odt; do
  part=$([ $ext = docx ] && echo word/document.xml || echo content.xml)
  vb render --raw so.json -t "so.$ext" --no-marks -o "so-out.$ext"
  assert_rc "$ext, no marks: 'Số: ' and 99,997 bytes make a run over the limit" 1
  assert_contains "$ERR" "so.$ext: $part, đoạn 1: lỗi: {{ so }}: giá trị (so.json, dòng 1, cột 8) làm một đoạn chữ liền (không xuống dòng) dài hơn 100.000 byte"
  check "$ext, no marks: nothing written" test ! -e "so-out.$ext"
  vb render --raw so.json -t "so.$ext" -o "so-out.$ext"
  assert_rc "$ext, marks: the value stands in a run of its own" 0
  check "$ext, marks: check-$ext accepts it" "$TOOLS/check-$ext" "so-out.$ext"
done

# ---- the model's own text counts: "./." ends the last paragraph ----------------
with_line over.json 99998
for ext in docx odt; do
  part=$([ $ext = docx ] && echo word/document.xml || echo content.xml)
  vb render over.json -o "over.$ext"
  assert_rc "render $ext: 99,998 bytes and \"./.\" make a run over the limit" 1
  assert_contains "$ERR" "bao-cao.$ext: $part, đoạn" "render $ext: names the template's paragraph"
  assert_contains "$ERR" "lỗi: {{ k.text | dinh_dang }}: giá trị (over.json, dòng $((line + 1)), cột 3) làm một đoạn chữ liền (không xuống dòng) dài hơn 100.000 byte" \
    "render $ext: names the tag and the data's place"
  check "render $ext: nothing written" test ! -e "over.$ext"
done

# ---- at the limit: every reader takes it ----------------------------------------
with_line limit.json 99997
for ext in docx odt; do
  vb render limit.json -o "limit.$ext" -q
  assert_rc "render $ext: a paragraph of exactly 100,000 bytes is written" 0
  check "limit.$ext passes check-$ext" "$TOOLS/check-$ext" "limit.$ext"
  check "limit.$ext converts with LibreOffice" "$TOOLS/render-pdf" "limit.$ext" "pdf-$ext"
done
finish
