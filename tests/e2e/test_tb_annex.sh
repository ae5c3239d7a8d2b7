#!/usr/bin/env bash
# The THÔNG BÁO assignment annex is computed from the score
# sheet. On the Đắk Tờ Re sample and on tests/fixtures/layout/tb-annex.json
# (units starting with A, Â, B, D, Đ, K, T, U, Ư, V given out of order,
# ids 1.9/1.10, decimals, deadlines): sub-criteria at full marks are absent,
# the others are listed in id order with "đạt X/Y điểm" and "=> Giao …",
# index totals are the sums, the per-unit table follows Vietnamese
# collation with each unit's items in id order, and every decimal is
# written with a comma. Outputs pass check-docx/check-odt --strict and
# convert with LibreOffice.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/fixtures/layout/layout-asserts.sh
. "$VB_SOURCE_DIR/tests/fixtures/layout/layout-asserts.sh"

L="$VB_SOURCE_DIR/tests/fixtures/layout"
DT="$VB_SOURCE_DIR/samples/tb-ket-luan-xa-dak-to-re-2024.json"
FX="$L/tb-annex.json"

render_ok() { # DATA OUT
  vb render "$1" -o "$2"
  assert_rc "render $(basename "$2")" 0
  local tool=check-docx
  case "$2" in *.odt) tool=check-odt ;; esac
  if "$TOOLS/$tool" --strict "$2" >"$WORK/check.log" 2>&1; then pass "$(basename "$2") passes $tool --strict"
  else fail "$(basename "$2") fails $tool --strict: $(cat "$WORK/check.log")"; fi
}
# annex_text FACTS — the paragraphs of the appendix before its table, one per line.
annex_text() {
  awk '/^table 3:/ { exit } on && /^para body: / { i = index($0, " | "); print substr($0, i + 3) }
       /^para body: .* newpage \| / { on = 1; i = index($0, " | "); print substr($0, i + 3) }' <<<"$1"
}
# unit_order FACTS — the unit of each group row of the annex table (column 1 is a roman numeral).
unit_order() {
  awk '/^para t3\.r[0-9]+\.c1: / { i = index($0, " | "); t = substr($0, i + 3); split($2, a, "."); if (t ~ /^[IVXLC]+$/) grp[a[2]] = 1 }
       /^para t3\.r[0-9]+\.c2: / { split($2, a, "."); if (a[2] in grp) { i = index($0, " | "); print substr($0, i + 3) } }' <<<"$1"
}
# unit_rows FACTS — "unit<TAB>id" for each data row of the annex table.
unit_rows() {
  awk '/^para t3\.r[0-9]+\.c[23]: / { split($2, a, "."); i = index($0, " | "); cell[substr(a[2], 2) + 0, a[3]] = substr($0, i + 3) }
       END { for (r = 2; r < 1000; r++) if ((r, "c3:") in cell) print cell[r, "c2:"] "\t" cell[r, "c3:"] }' <<<"$1"
}

# --- the fixture, DOCX and ODT -------------------------------------------------
vb check "$FX"
assert_rc "check tb-annex.json: clean" 0
EXPECTED_ANNEX='PHỤ LỤC
GIAO TRÁCH NHIỆM KHẮC PHỤC CÁC TIÊU CHÍ CHƯA ĐẠT ĐIỂM TỐI ĐA
(Kèm theo Thông báo số 07/TB-UBND ngày 05 tháng 3 năm 2024 của UBND xã Thử Nghiệm)

1. Chỉ số nhận thức số: đạt 49,47/100 điểm
- Mục 1.3 Văn bản điều hành về chuyển đổi số đạt 4,5/20 điểm.
=> Giao Văn phòng tham mưu khắc phục.
- Mục 1.9 Phổ cập kỹ năng số đạt 4,04/20 điểm.
=> Giao Đoàn Thanh niên tham mưu khắc phục.
- Mục 1.10 Tỷ lệ người có tài khoản ngân hàng đạt 0,93/20 điểm.
=> Giao Ứng dụng CNTT tham mưu khắc phục.
2. Chỉ số hạ tầng số: đạt 24,75/50 điểm
- Mục 2.1 Hộ có điện thoại thông minh đạt 7,25/8 điểm.
=> Giao Ấp Bình An tham mưu khắc phục.
- Mục 2.2 Internet cáp quang đến thôn đạt 0/8 điểm.
=> Giao Ban Văn hóa tham mưu khắc phục.
- Mục 2.3 Điểm truy cập công cộng đạt 5/8 điểm.
=> Giao Dân quân tham mưu khắc phục.
- Mục 2.4 Số hóa hộ tịch đạt 2/8 điểm.
=> Giao Tư pháp tham mưu khắc phục.
- Mục 2.5 Đài truyền thanh thông minh đạt 7,5/8 điểm.
=> Giao Ủy ban MTTQ xã tham mưu khắc phục.
- Mục 2.6 Camera an ninh kết nối đạt 3/10 điểm.
=> Giao An ninh tham mưu khắc phục.'
# The reference line is generated: the agency's place name is joined by no-break spaces.
NB=$'\u00a0'
EXPECTED_ANNEX=${EXPECTED_ANNEX//"UBND xã Thử Nghiệm)"/"UBND${NB}xã${NB}Thử${NB}Nghiệm)"}
# Vietnamese order: a < ă < â, d < đ, u < ư; a byte or ASCII-folding sort puts them elsewhere.
EXPECTED_UNITS='An ninh
Ấp Bình An
Ban Văn hóa
Dân quân
Đoàn Thanh niên
Tư pháp
Ủy ban MTTQ xã
Ứng dụng CNTT
Văn phòng'
for fmt in docx odt; do
  render_ok "$FX" "$WORK/annex.$fmt"
  f=$(facts "$WORK/annex.$fmt")
  # 1.2 (10/10) is at full marks: absent; 1.9 comes before 1.10; the empty
  # paragraph is the rule under the heading.
  assert_eq "fixture $fmt: the annex lists exactly the sub-criteria below maximum, in id order, with computed totals" \
    "$(annex_text "$f")" "$EXPECTED_ANNEX"
  assert_not_contains "$f" "Tiêu chí đạt điểm tối đa" "fixture $fmt: the full-mark sub-criterion 1.2 is nowhere in the document"
  assert_eq "fixture $fmt: per-unit table in Vietnamese collation order (Kinh tế, with only a full-mark item, absent)" \
    "$(unit_order "$f")" "$EXPECTED_UNITS"
  assert_eq "fixture $fmt: each unit's rows: its sub-criteria below maximum" "$(unit_rows "$f")" \
    "$(printf '%s\n' 'An ninh	2.6' 'Ấp Bình An	2.1' 'Ban Văn hóa	2.2' 'Dân quân	2.3' 'Đoàn Thanh niên	1.9' 'Tư pháp	2.4' 'Ủy ban MTTQ xã	2.5' 'Ứng dụng CNTT	1.10' 'Văn phòng	1.3')"
  assert_contains "$f" "| 4,5/20" "fixture $fmt: table score 4,5/20"
  assert_contains "$f" "| 31/12/2024" "fixture $fmt: deadline 31/12/2024 in the table"
  assert_contains "$f" "| 30/06/2024" "fixture $fmt: deadline 30/06/2024 in the table"
  if grep -Eq '[0-9]\.[0-9]+/[0-9]|[^0-9.][0-9]+\.[0-9]{1,2}( |$)' <<<"$(grep '^para \(body\|t3\)' <<<"$f" | sed 's/.* | //; s/Mục [0-9.]*//; s/^[0-9.]* //; s/^[0-9]\+\.[0-9]\+$//')"; then
    fail "fixture $fmt: a decimal with a point: $(grep -E '[0-9]\.[0-9]+/' <<<"$f" | head -3)"
  else
    pass "fixture $fmt: no decimal written with a point (ids aside)"
  fi
done
# numbers, not ids: the same data sorted as plain text would put 1.10 before 1.9
assert_order "fixture: ids compared as numbers (1.3 < 1.9 < 1.10)" "$(annex_text "$(facts "$WORK/annex.docx")")" \
  "Mục 1.3 " "Mục 1.9 " "Mục 1.10 "
if "$TOOLS/render-pdf" "$WORK/annex.odt" "$WORK/pdf" >"$WORK/render.log" 2>&1 && [ -s "$WORK/pdf/annex.txt" ]; then
  pass "fixture: LibreOffice converts annex.odt ($(grep '^pages:' "$WORK/render.log"))"
  pdf=$(tr -s ' ' <"$WORK/pdf/annex.txt")
  assert_order "fixture PDF: units in collation order" "$pdf" "I An ninh" "II Ấp Bình An" "III Ban Văn hóa" \
    "IV Dân quân" "V Đoàn Thanh niên" "VI Tư pháp" "VII Ủy ban MTTQ xã" "VIII Ứng dụng CNTT" "IX Văn phòng"
else
  fail "render-pdf annex.odt: $(cat "$WORK/render.log")"
fi

# --- the Đắk Tờ Re sample -------------------------------------------------------
render_ok "$DT" "$WORK/dt.docx"
f=$(facts "$WORK/dt.docx")
annex=$(annex_text "$f")
# Expected values from the data, computed here independently of vanban.
python3 - "$DT" >"$WORK/expect.txt" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
def key(ma): return [int(p) for p in ma.split(".")]
def num(x):
    s = ("%.2f" % x).rstrip("0").rstrip(".")
    return s.replace(".", ",")
for x in d["bang_diem"]["chi_so"]:
    items = x["tieu_chi"]
    total = sum(c["diem"] for c in items) + x["toi_da"] - sum(c["toi_da"] for c in items)
    print("TOTAL\t%s. %s: đạt %s/%s điểm" % (x["ma"], x["ten"], num(total), num(x["toi_da"])))
    for c in sorted(items, key=lambda c: key(c["ma"])):
        kind = "FULL" if round(c["diem"] * 100) == round(c["toi_da"] * 100) else "BELOW"
        print("%s\t- Mục %s %s đạt %s/%s điểm." % (kind, c["ma"], c["noi_dung"].rstrip("."), num(c["diem"]), num(c["toi_da"])))
PY
n_full=0; n_below=0; below_lines=()
while IFS=$'\t' read -r kind line; do
  case $kind in
    TOTAL) assert_contains "$annex" "$line" "sample: index total is the sum: ${line%%:*}" ;;
    FULL) n_full=$((n_full + 1)); assert_not_contains "$annex" "${line%% đạt *}" "sample: full marks, absent: ${line:0:40}" ;;
    BELOW) n_below=$((n_below + 1)); below_lines+=("$line") ;;
  esac
done <"$WORK/expect.txt"
assert_eq "sample: 8 sub-criteria at full marks, 27 below" "$n_full/$n_below" "8/27"
assert_order "sample: the 27 sub-criteria below maximum, each with its score, in id order" "$annex" "${below_lines[@]}"
assert_count "sample: one '=> Giao … tham mưu khắc phục' per listed sub-criterion" "$annex" "=> Giao " 27
assert_contains "$annex" "3. Chỉ số Hạ tầng số: đạt 41,29/100 điểm" "sample: 'đạt 41,29/100 điểm'"
assert_contains "$annex" "7. Hoạt động kinh tế số: đạt 50/150 điểm" "sample: index 7 printed as computed (check warns about the seed's 40)"
for v in "0,93/20" "0,47/20" "4,04/20" "2,72/10" "8,57/30" "1,51/20"; do assert_contains "$annex" "đạt $v điểm" "sample: decimal $v"; done
all_annex="$annex
$(grep '^para t3\.' <<<"$f" | sed 's/.* | //')"
for bad in "0.93" "0.47" "4.04" "41.29" "2.72"; do assert_not_contains "$all_annex" "$bad" "sample: no '$bad' in the annex or its table"; done
assert_eq "sample: per-unit table in Vietnamese collation order" "$(unit_order "$f")" \
  "$(printf '%s\n' "Bưu điện xã" "công chức ĐC-NN-XD&MT" "Một cửa xã" "Tài chính – Kế toán xã" "VHTT" "VP-TK, VHTT xã")"
rows=$(unit_rows "$f")
assert_eq "sample: the per-unit table holds the 27 sub-criteria below maximum" "$(grep -c . <<<"$rows")" 27
bad_order=$(awk -F'\t' '$1 == u { split(p, a, "."); split($2, b, "."); if (a[1] + 0 > b[1] + 0 || (a[1] == b[1] && a[2] + 0 >= b[2] + 0)) print u ": " p " before " $2 } { u = $1; p = $2 }' <<<"$rows")
assert_eq "sample: each unit's sub-criteria in id order (6.2 < 6.10)" "$bad_order" ""

finish
