#!/usr/bin/env bash
# Each sample reproduces its seed (shared/seeds/*.txt) line
# for line, apart from the differences listed and justified in
# samples/README.md. The rendered DOCX gives one line per paragraph
# (tests/fixtures/layout/doc-lines.py: line breaks split, data-table rows
# joined by TAB like the seed's tables, whitespace and the seed's markdown
# leftovers normalised); its differences from the seed's non-empty lines
# must be exactly those in tests/fixtures/layout/allowed-<sample>.txt (a
# new difference fails, and so does a listed one that went away). The PDF
# that LibreOffice makes of the DOCX must hold the same words. `vanban
# check` reports exactly the seeds' own inconsistencies.
set -euo pipefail
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
L="$VB_SOURCE_DIR/tests/fixtures/layout"
SEEDS="$VB_SHARED/seeds"
HT=bc-xa-ha-tan-6thang-2024
TB=bc-huyen-tra-bong-2023
DT=tb-ket-luan-xa-dak-to-re-2024

for s in $HT $TB $DT; do
  vb render "$S/$s.json" -o "$WORK/$s.docx"
  assert_rc "render $s (warnings do not stop it)" 0
  [ -s "$WORK/$s.docx" ] || { fail "$s.docx not written"; continue; }
  # --- text vs seed, line for line -----------------------------------------
  if python3 "$L/doc-lines.py" diff "$WORK/$s.docx" "$SEEDS/$s.txt" "$L/allowed-$s.txt" >"$WORK/diff.txt"; then
    pass "$s: text = seed apart from the listed differences ($(tail -1 "$WORK/diff.txt"))"
  else
    fail "$s: differences from the seed not in allowed-$s.txt:"
    cat "$WORK/diff.txt"
  fi
  # every allowed group names its README item, and that item exists
  while IFS= read -r ref; do
    sec=${ref%% *}
    items=$(sed -E 's/^§[0-9] items? //; s/[^0-9]+/ /g' <<<"${ref#* }")
    for it in $items; do
      awk -v sec="## ${sec#§}." -v it="$it" '
        index($0, sec) == 1 { on = 1; next }
        /^## / { on = 0 }
        on && $0 ~ "^" it "\\. " { found = 1 }
        END { exit !found }' "$S/README.md" || fail "$s: allowed list cites README $sec item $it, which samples/README.md does not have"
    done
  done < <(grep -o '^# README §[0-9] items\? [0-9, -]*[0-9]' "$L/allowed-$s.txt" | sed 's/^# README //')
  assert_eq "$s: every group of allowed differences cites samples/README.md" \
    "$(awk '/^[-+] / && !cited { n++ } /^# README §/ { cited = 1 } END { print n + 0 }' "$L/allowed-$s.txt")" 0
  # --- the PDF holds the same text ---------------------------------------------
  if "$TOOLS/render-pdf" "$WORK/$s.docx" "$WORK/pdf" >"$WORK/render.log" 2>&1 && [ -s "$WORK/pdf/$s.txt" ]; then
    if python3 "$L/doc-lines.py" pdf "$WORK/$s.docx" "$WORK/pdf/$s.txt" >"$WORK/pdf.txt"; then
      pass "$s: the LibreOffice PDF has the same words as the document ($(tail -1 "$WORK/pdf.txt"))"
    else
      fail "$s: PDF text differs from the document: $(head -20 "$WORK/pdf.txt")"
    fi
  else
    fail "render-pdf $s.docx: $(cat "$WORK/render.log")"
  fi
done

# --- check: the seeds' own inconsistencies, exactly ------------------------------
# check_findings SAMPLE RC EXPECTED — every finding as "level rule path: message"
# (each must have its line:column) equals EXPECTED, and the exit status is RC.
check_findings() {
  local s=$1 rc=$2 expected=$3 got
  vb check "$S/$s.json" --json
  assert_rc "check $s: exit status" "$rc"
  got=$(printf '%s' "$VOUT" | python3 -c '
import json, sys
for f in json.load(sys.stdin)["findings"]:
    loc = f["location"]
    if not (loc["json_path"] and loc["line"] and loc["column"]):
        print("NO LINE:", f["place"])
    print(f["level"], f["rule"], loc["json_path"] + ":", f["message"])')
  assert_eq "check $s: exactly the expected findings" "$got" "$expected"
}
# (1.8's 44956/5022 is kept on purpose: the sample lists du-lieu.vuot-100 in
# its "_vanban_ignore"; tests/e2e/test_draft.sh checks it without that line)
check_findings $HT 0 'warning du-lieu.dau-thanh $.nhom_chi_tieu[0].chi_tieu[0].thuyet_minh[4]: cách đặt dấu thanh không thống nhất: "khoá" (kiểu mới) ở $.nhom_chi_tieu[0].chi_tieu[0].thuyet_minh[4] (dòng 150, cột 13) nhưng "Ủy" (kiểu cũ) ở $.van_ban.co_quan_ban_hanh (dòng 6, cột 25)
warning du-lieu.danh-gia $.nhom_chi_tieu[0].chi_tieu[4].danh_gia: đánh giá "Đạt" mâu thuẫn với số liệu: 233/236 = 98,7%, mục tiêu 100%; văn bản ghi "Chưa đạt" theo số liệu
warning du-lieu.tom-tat $.nhom_chi_tieu[0].tom_tat: tóm tắt không khớp: 11 đạt + 0 đang triển khai + 0 không hoàn thành = 11 chỉ tiêu, nhưng nhóm "Chính quyền số" có 10 chỉ tiêu (tính từ số liệu: 9 đạt, 1 đang triển khai, 0 không hoàn thành)
warning du-lieu.tom-tat $.nhom_chi_tieu[3].tom_tat: tóm tắt không khớp: 8 đạt + 1 đang triển khai + 0 không hoàn thành = 9 chỉ tiêu, nhưng nhóm "Hạ tầng số" có 8 chỉ tiêu (tính từ số liệu: 8 đạt, 0 đang triển khai, 0 không hoàn thành)'
# Trà Bồng: the hand-computed rates and counts of the narrative (§2 "Figures")
check_findings $TB 1 'warning du-lieu.dau-thanh $.noi_dung[4].noi_dung[2].noi_dung[1].gach: cách đặt dấu thanh không thống nhất: "xoá" (kiểu mới) ở $.noi_dung[4].noi_dung[2].noi_dung[1].gach (dòng 281, cột 22) nhưng "ủy" (kiểu cũ) ở $.van_ban.noi_nhan[1] (dòng 14, cột 7)
error so-lieu.ty-le $.noi_dung[1].noi_dung[3].noi_dung[2].cong: 42694/42829 = 99,7% nhưng văn bản ghi 99,5%
hint so-lieu.dinh-dang $.noi_dung[1].noi_dung[3].noi_dung[2].cong: 3 số từ năm chữ số không có dấu chấm phân cách hàng nghìn (như "42694/42829")
error so-lieu.ty-le $.noi_dung[1].noi_dung[3].noi_dung[3].cong: 25.684/26.517 = 96,9% nhưng văn bản ghi 94,4%
error so-lieu.ty-le $.noi_dung[1].noi_dung[3].noi_dung[7].cong: 52.727/52.747 = 99,96% nhưng văn bản ghi 99,88%
error so-lieu.ty-le $.noi_dung[1].noi_dung[3].noi_dung[9].cong: 3798/4301 = 88,31% nhưng văn bản ghi 88,12%
warning so-lieu.tong $.noi_dung[1].noi_dung[7].noi_dung[2].cong: các phần 48 + 3 = 51, nhiều hơn tổng 41'
# Đắk Tờ Re: "Lưu: VP." (§3 item 12) and index 7 (§3 item 6)
check_findings $DT 1 'warning du-lieu.tong-diem $.bang_diem.chi_so[6].tong: tổng điểm ghi 40 nhưng tính được 50: các tiêu chí liệt kê đạt 50/150 điểm
error the-thuc.luu $.van_ban.luu: "Lưu: VP." thiếu "VT": bản lưu đầu tiên là của Văn thư'

# The rendered figures follow the figures, not the seed's typed claims.
txt=$(python3 "$L/doc-lines.py" docx "$WORK/$HT.docx")
assert_contains "$txt" "đạt 895,2%" "Hà Tân 1.8: 44956/5022 printed as computed (895,2%), kept on purpose (_vanban_ignore)"
assert_contains "$txt" "233/236 hồ sơ đạt 98,7%" "Hà Tân 1.5: 98,7% with a decimal comma"
assert_not_contains "$txt" "98.7%" "Hà Tân: no decimal point in a rate"
assert_contains "$txt" "- Chỉ tiêu đạt: 09/10 chỉ tiêu, đạt 90%" "Hà Tân group 1: summary computed (1.5 is Chưa đạt by its figures)"
assert_contains "$txt" "- Chỉ tiêu đạt: 05/12 chỉ tiêu, đạt 41,7%" "Hà Tân group 3: 5/12 = 41,7% (half-up)"
txt=$(python3 "$L/doc-lines.py" docx "$WORK/$DT.docx")
assert_contains "$txt" "7. Hoạt động kinh tế số: đạt 50/150 điểm" "Đắk Tờ Re index 7: the computed total (50), not the seed's 40"
assert_contains "$txt" "Sáng ngày 02/7/2024, UBND xã đã tổ chức" "Đắk Tờ Re: meeting date as the seed writes it (no zero for July)"

finish
