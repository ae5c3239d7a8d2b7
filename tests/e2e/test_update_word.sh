#!/usr/bin/env bash
# `vanban update` on documents saved the way Microsoft Word saves them
# (tests/fixtures/update/word-save.py: revision ids on every paragraph and
# run, runs split inside values, w:proofErr and w:lastRenderedPageBreak in
# them, empty runs dropped; with --merge bookmarks that enclose whole runs —
# a value joined to the template's text before it, a paragraph's value
# ending after the paragraph mark; with --track the person's edits as
# tracked changes left unaccepted, one of them inside a value). The
# correction of samples/corrections (figures and indicator 4.9) must put
# every new value in, keep every edit and every tracked change, report the
# value inside a tracked change (named, with its paragraph) and leave it
# alone even with --force; the text equals a fresh render but for the edits,
# line by line; every output passes check-docx and converts with LibreOffice.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
OLD="$S/bc-xa-ha-tan-6thang-2024.json"
FIXED="$S/corrections/bc-xa-ha-tan-6thang-2024.json"
TEXT="$VB_SOURCE_DIR/tests/fixtures/update/doc-text.py"
SAVE="$VB_SOURCE_DIR/tests/fixtures/update/word-save.py"
cd "$WORK"

doc_text() { /usr/bin/python3 "$TEXT" "$1"; }

# text_diff UPDATED FRESH: the lines where UPDATED's text differs from FRESH's.
text_diff() {
  /usr/bin/python3 - "$TEXT" "$1" "$2" <<'EOF'
import difflib, subprocess, sys
text, updated, fresh = sys.argv[1:4]
def lines(f):
    return subprocess.run(["/usr/bin/python3", text, f], capture_output=True, text=True,
                          check=True).stdout.split("\n")
for l in difflib.unified_diff(lines(fresh), lines(updated), lineterm="", n=0):
    if l.startswith(("+", "-")) and not l.startswith(("+++", "---")):
        print(l)
EOF
}

# count_in FILE ELEMENT: how many w:ELEMENT elements word/document.xml has.
count_in() { part "$1" word/document.xml | grep -o "<w:$2[ >/]" | wc -l; }

EDITS="-I. Công tác chỉ đạo, điều hành.
+I. Công tác lãnh đạo, chỉ đạo và điều hành.
+Đoạn văn do cán bộ thêm bằng tay."

vb render "$OLD" -o gen.docx -q
vb render "$FIXED" -o fresh.docx -q
f18="Đến thời điểm hiện tại có 4.956/5.022 người được tạo lập hồ sơ sức khỏe điện tử đạt 98,7%; 100% các trường sử dụng nền tảng Vnedu trong quản lý và liên lạc với phụ huynh."
f310_new="Tính đến nay, toàn xã có 1.120/3.986 Độ tuổi trưởng thành có chữ ký số hoặc chữ ký điện tử, đạt tỷ lệ 28,1%."
f310_person="Tính đến nay, toàn xã có 1.100/3.986 Độ tuổi trưởng thành có chữ ký số hoặc chữ ký điện tử, đạt tỷ lệ 26,5%."

for variant in plain merge track track-merge; do
  opts=()
  case $variant in *track*) opts+=(--track) ;; esac
  case $variant in *merge*) opts+=(--merge) ;; esac
  in="word-$variant.docx"
  out="updated-$variant.docx"
  check "$variant: the Word-saved document is made (${opts[*]:-no options})" \
    /usr/bin/python3 "$SAVE" gen.docx "$in" "${opts[@]}"
  check "$variant: it passes check-docx" "$TOOLS/check-docx" "$in"
  vb update "$in" "$FIXED" -o "$out"
  assert_rc "$variant: update" 0
  t=$(doc_text "$out")
  # The new values …
  assert_contains "$t" "$f18" "$variant: 1.8 corrected"
  assert_contains "$t" "1.250/3.986 dân số trưởng thành dùng dịch vụ công trực tuyến, đạt tỷ lệ 31,4%." \
    "$variant: 3.11 corrected"
  assert_contains "$t" "Chỉ tiêu đạt: 06/12 chỉ tiêu, đạt 50%" "$variant: group summary follows"
  assert_order "$variant: 4.9 added in its group" "$t" "- Chỉ tiêu đạt: 09/09 chỉ tiêu, đạt 100%" \
    "4.8. Tiêu chí số 4.8" "4.9. Tiêu chí số 4.9" \
    "toàn xã có 950/1.396 hộ gia đình có kết nối Internet băng rộng cáp quang, đạt tỷ lệ 68,1%." \
    "III. Các nhiệm vụ 06 tháng cuối năm 2024."
  # … the person's edits, and nothing else changed.
  assert_contains "$ERR" "$in: word/document.xml, đoạn 13 (I. Công tác " \
    "$variant: the rewritten heading is reported with its paragraph and first words"
  case $variant in
    track*) ;; # the heading is in a tracked change: reported as such (below)
    *)
      assert_contains "$ERR" "cảnh báo: giá trị ở đây đã được sửa tay thành" "$variant: what, in Vietnamese"
      assert_contains "$ERR" "[update.sua-tay]" "$variant: with its rule id" ;;
  esac
  case $variant in
    track*)
      assert_contains "$ERR" "nằm trong một thay đổi đang được theo dõi (track changes): không ghi lại, kể cả với --force; văn bản ghi \"… nay, toàn xã có 1.100/3.986" \
        "$variant: the value inside a tracked change is reported"
      assert_contains "$ERR" "dữ liệu mới ghi \"… nay, toàn xã có 1.120/3.986" "$variant: with the new value"
      assert_contains "$ERR" "gợi ý: chấp nhận hoặc từ chối các thay đổi ở đó" "$variant: and what to do"
      assert_eq "$variant: text equals a fresh render but for the edits" "$(text_diff "$out" fresh.docx)" \
        "$EDITS
-$f18
+$f18 Số liệu đã rà soát.
-$f310_new
+$f310_person
-Trích yếu nội dung
+Trích yếu"
      # The tracked changes are all still there, unaccepted.
      assert_eq "$variant: every insertion kept" "$(count_in "$out" ins)" "$(count_in "$in" ins)"
      assert_eq "$variant: every deletion kept" "$(count_in "$out" del)" "$(count_in "$in" del)"
      x=$(part "$out" word/document.xml)
      assert_contains "$x" '<w:delText xml:space="preserve"> nội dung</w:delText>' "$variant: the deleted words are kept as a deletion"
      assert_contains "$x" '<w:delText>1.058</w:delText>' "$variant: the overwritten figure is kept as a deletion"
      assert_contains "$x" '<w:t>1.100</w:t></w:r></w:ins>' "$variant: the person's figure is kept as an insertion"
      check "$variant: the sentence after a value is kept as an insertion" /usr/bin/python3 -c '
import re, sys
sys.exit(not re.search(r"<w:ins [^>]*><w:r [^>]*><w:t xml:space=\"preserve\"> Số liệu đã</w:t>",
                      open(sys.argv[1], encoding="utf-8").read()))' <(printf '%s' "$x")
      vb update "$in" "$FIXED" -o "forced-$variant.docx" --force -q
      assert_rc "$variant: update --force" 0
      assert_contains "$(doc_text "forced-$variant.docx")" "$f310_person" "$variant: --force leaves the tracked value alone"
      assert_contains "$(doc_text "forced-$variant.docx")" "I. Công tác lãnh đạo, chỉ đạo và điều hành." \
        "$variant: --force leaves the heading rewritten with tracking on alone" ;;
    *)
      assert_eq "$variant: text equals a fresh render but for the edits" "$(text_diff "$out" fresh.docx)" "$EDITS" ;;
  esac
  case $variant in
    *merge*)
      assert_not_contains "$ERR" "Kính gửi" "$variant: a value joined to the template's text is not taken for an edit"
      assert_not_contains "$ERR" "Triển khai đầy đủ" "$variant: a value ending after its paragraph is not taken for an edit"
      x=$(part "$out" word/document.xml)
      assert_contains "$x" '<w:t xml:space="preserve">Kính gửi: </w:t></w:r><w:bookmarkStart' \
        "$variant: the template's text is outside the mark again" ;;
  esac
  check "$variant: the result passes check-docx" "$TOOLS/check-docx" "$out"
  check "$variant: the result converts with LibreOffice" "$TOOLS/render-pdf" "$out" "pdf-$variant"
  assert_contains "$(cat "pdf-$variant/updated-$variant.txt" 2>/dev/null || true)" "Tiêu chí số 4.9" \
    "$variant: the PDF shows 4.9"
  # A second round finds every mark again and changes nothing.
  vb update "$out" "$FIXED" -o "again-$variant.docx"
  assert_rc "$variant: update of the updated document" 0
  assert_eq "$variant: a second round gives the same text" "$(doc_text "again-$variant.docx")" "$(doc_text "$out")"
  # Tracked: the rewritten heading, the overwritten 3.10 and the appendix
  # header cell with a tracked deletion (column headers are values of the
  # document-list table, so that change is a value's and stays reported).
  assert_eq "$variant: a second round reports only what stays edited" \
    "$(printf '%s\n' "$ERR" | grep -c "$out: word/document.xml" || true)" \
    "$(case $variant in track*) echo 3 ;; *) echo 1 ;; esac)"
  case $variant in track*)
    assert_contains "$ERR" "bảng 3, hàng 1, ô 2" "$variant: the header cell's tracked deletion is named by its cell" ;;
  esac
done

finish
