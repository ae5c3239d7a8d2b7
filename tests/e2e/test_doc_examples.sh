#!/usr/bin/env bash
# README's examples run as shown: every example of the filter table is
# rendered and gives the result the table prints; the indicator table
# example prints no "()" and no "X (X)" for any indicator of the sample; the
# messages block is what vanban prints, line by line, for the cases it
# describes (a trailing comma on line 3, a missing data name in "bảng 1, hàng 3,
# ô 2, đoạn 7").
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$WORK"
README="$VB_SOURCE_DIR/README.md"
EX="$VB_SOURCE_DIR/tests/e2e/doc_examples.py"
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }

# --- the filter table --------------------------------------------------------------
python3 "$EX" filters "$README" >filters.tsv
n=$(wc -l <filters.tsv)
[ "$n" -ge 10 ] && pass "the filter table has $n runnable examples" || fail "only $n filter examples found"
body=""
while IFS=$'\t' read -r tpl _; do body+=$(wp "$(printf '%s' "$tpl" | esc)"); done <filters.tsv
mkdocx "$WORK/filters.docx" "$body"
echo '{}' >empty.json
vb render empty.json --raw --no-marks -t filters.docx -o filters-out.docx
assert_rc "the filter examples render" 0
python3 "$EX" text filters-out.docx >got.txt
i=0
while IFS=$'\t' read -r tpl want; do
  i=$((i + 1))
  assert_eq "README: $tpl" "$(sed -n "${i}p" got.txt)" "$want"
done <filters.tsv

# --- the indicator table ---------------------------------------------------------------
row=$(grep -F '| `{{ loop.index }}` | `{{ ct.ten }}` |' "$README")
cells=$(printf '%s' "$row" | python3 -c '
import re, sys
row = sys.stdin.read().strip()
cells = re.split(r"(?<!\\)\|", row)[1:-1]
print("\n".join(re.search(r"`(.*)`", c).group(1).replace("\\|", "|") for c in cells))')
tc=""
while IFS= read -r c; do tc+=$(wtc "$(printf '%s' "$c" | esc)"); done <<<"$cells"
grid='<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
table="<w:tbl>$grid<w:tr>$(wtc STT)$(wtc 'Tên chỉ tiêu')$(wtc 'Kết quả')</w:tr>"
table+="<w:tr>$(wtc '{% for ct in nhom.chi_tieu %}')$(wtc '')$(wtc '')</w:tr>"
table+="<w:tr>$tc</w:tr><w:tr>$(wtc '{% endfor %}')$(wtc '')$(wtc '')</w:tr></w:tbl>"
mkdocx "$WORK/table.docx" "$(wp '{% for nhom in nhom_chi_tieu %}')$table$(wp '{% endfor %}')"
vb render "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" --no-marks -t table.docx -o table-out.docx
assert_rc "the indicator table example renders the sample" 0
python3 "$EX" text table-out.docx >cells.txt
results=$(awk 'NR % 3 == 0' <(grep -v '^$' cells.txt | tail -n +4))
[ -n "$results" ] && pass "the result cells: $(printf '%s\n' "$results" | wc -l)" || fail "no result cell"
assert_not_contains "$(cat cells.txt)" "()" "no empty brackets in the indicator table"
if grep -Eq '^(.+) \(\1\)$' cells.txt; then fail "a result printed twice: $(grep -E '^(.+) \(\1\)$' cells.txt | head -1)"
else pass "no result printed as 'X (X)'"; fi
assert_contains "$(cat cells.txt)" "/" "fractions are printed with their rate"

# --- the messages block ------------------------------------------------------------------
python3 "$EX" block "$README" 0 >want.txt
printf '{\n  "a": 1,\n  "b": 2,\n}\n' >data.json
mkdocx "$WORK/mau.docx" "$(wp 'Kính gửi')<w:tbl>$grid<w:tr>$(wtc A)$(wtc B)</w:tr><w:tr>$(wtc C)$(wtc D)</w:tr><w:tr>$(wtc E)$(wtc '{{ don_vi.ten }}')</w:tr></w:tbl>"
vb render data.json --raw -t mau.docx -o out.docx
printf '%s\n' "$ERR" >got-msgs.txt
printf '{"don_vi": {"ten_day_du": "UBND xã Hà Tân"}}\n' >data.json
vb render data.json --raw -t mau.docx -o out.docx
printf '%s\n' "$ERR" >>got-msgs.txt
assert_eq "README's messages are what vanban prints" "$(cat got-msgs.txt)" "$(cat want.txt)"

finish
