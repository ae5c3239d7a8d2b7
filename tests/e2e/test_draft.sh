#!/usr/bin/env bash
# Severity that protects the signature: an impossible figure (a share over
# 100%, a part larger than its whole, a negative count) and a blank "…"
# left by `init` are errors — `render` refuses them, naming the file, the
# JSON path and line, what and what to do, with the rule id, and writes
# nothing — while `render --nhap` renders them as a draft marked "DỰ THẢO"
# at the top of the first page (DOCX and ODT, both shipped templates;
# --strict, PDF). A sample that keeps a seed's mistake on purpose says so
# in its own "_vanban_ignore".
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
cp -r "$S" "$WORK/s"
cd "$WORK"

# strip_ignore IN OUT: the sample without its "_vanban_ignore" (lines kept as they are)
strip_ignore() { grep -v '"_vanban_ignore"' "$1" >"$2"; }

# pdf_page N PDF: the text of page N
pdf_page() { pdftotext -f "$1" -l "$1" -layout "$2" - 2>/dev/null; }

# ---- the Hà Tân sample: 44956/5022 --------------------------------------------
strip_ignore s/bc-xa-ha-tan-6thang-2024.json s/ht.json
line=$(grep -n '"ket_qua": {"tu": 44956' s/ht.json | cut -d: -f1)
for fmt in docx odt; do
  printf 'old' >"ht.$fmt"
  vb render s/ht.json -o "ht.$fmt"
  assert_rc "$fmt: a share over 100% stops render" 1
  assert_contains "$ERR" "s/ht.json: \$.nhom_chi_tieu[0].chi_tieu[7].ket_qua (dòng $line, cột " "$fmt: file, JSON path and line"
  assert_contains "$ERR" "lỗi: tỷ lệ 44956/5022 = 895,2% vượt quá 100%: tử số lớn hơn mẫu số [du-lieu.vuot-100]" "$fmt: what, in Vietnamese, with the rule id"
  assert_contains "$ERR" "gợi ý: kiểm tra lại tử số và mẫu số" "$fmt: what to do"
  assert_contains "$ERR" '`vanban render --nhap` in bản dự thảo có dấu "DỰ THẢO"' "$fmt: the draft is offered"
  assert_contains "$ERR" 'ghi "du-lieu.vuot-100" vào "_vanban_ignore"' "$fmt: and the exception"
  assert_eq "$fmt: nothing written on refusal" "$(cat "ht.$fmt")" "old"
  rm -f "ht.$fmt"
  vb render s/ht.json -o "ht.$fmt" --nhap
  assert_rc "$fmt: --nhap renders it" 0
  assert_contains "$ERR" "cảnh báo: tỷ lệ 44956/5022 = 895,2% vượt quá 100%: tử số lớn hơn mẫu số (in trong bản dự thảo) [du-lieu.vuot-100]" "$fmt: reported as a warning of the draft"
done
assert_contains "$(part ht.docx word/header2.xml)" "DỰ THẢO" "docx: the first page's header says DỰ THẢO"
assert_not_contains "$(part ht.docx word/header1.xml)" "DỰ THẢO" "docx: not the later pages' (page numbers)"
check "docx draft: check-docx --strict" "$TOOLS/check-docx" --strict ht.docx
check "odt draft: check-odt --strict" "$TOOLS/check-odt" --strict ht.odt
styles=$(part ht.odt styles.xml)
assert_contains "$styles" '<style:master-page style:name="First_20_Page"' "odt: first page master"
assert_contains "$styles" '<text:p text:style-name="VB_DuThao">DỰ THẢO</text:p>' "odt: its header says DỰ THẢO"
for fmt in docx odt; do
  mkdir -p "pdf-$fmt"
  check "$fmt draft: converts to PDF" "$TOOLS/render-pdf" "ht.$fmt" "pdf-$fmt" >/dev/null
  p1=$(pdf_page 1 "pdf-$fmt/ht.pdf")
  assert_eq "$fmt PDF: DỰ THẢO is the first line of page 1" "$(printf '%s\n' "$p1" | grep -m1 . | sed 's/^ *//')" "DỰ THẢO"
  assert_not_contains "$(pdf_page 2 "pdf-$fmt/ht.pdf")" "DỰ THẢO" "$fmt PDF: page 2 has only its number"
  assert_contains "$(pdftotext -layout "pdf-$fmt/ht.pdf" - )" "895,2%" "$fmt PDF: the draft shows the figure"
done

# The sample as shipped keeps the seed's figure on purpose, in its own data.
assert_contains "$(grep '_vanban_ignore' s/bc-xa-ha-tan-6thang-2024.json)" '"du-lieu.vuot-100"' "the sample lists the rule it keeps"
assert_contains "$(grep '_vanban_ignore' s/bc-xa-ha-tan-6thang-2024-xlsx.json)" '"du-lieu.vuot-100"' "so does its spreadsheet twin"
for fmt in docx odt; do
  vb render s/bc-xa-ha-tan-6thang-2024.json -o "sample.$fmt"
  assert_rc "$fmt: the sample renders" 0
  assert_not_contains "$ERR" "vuot-100" "$fmt: nothing said about the figure it keeps"
done
assert_not_contains "$(part sample.docx word/header2.xml)" "DỰ THẢO" "not a draft: no DỰ THẢO"
assert_not_contains "$(part sample.odt styles.xml)" "DỰ THẢO" "not a draft: no DỰ THẢO (odt)"
check "sample: check-docx --strict" "$TOOLS/check-docx" --strict sample.docx
check "sample: check-odt --strict" "$TOOLS/check-odt" --strict sample.odt
# check on the sample's data does not report it either; on another file it is an error
vb check s/bc-xa-ha-tan-6thang-2024.json --json
assert_not_contains "$VOUT" '"rule": "du-lieu.vuot-100"' "check: the data's exception holds"
vb check s/ht.json --json
assert_rc "check: the error without the exception" 1
assert_contains "$VOUT" '"rule": "du-lieu.vuot-100"' "check --json: the rule id"
assert_contains "$VOUT" "\"json_path\": \"\$.nhom_chi_tieu[0].chi_tieu[7].ket_qua\"" "check --json: its path"
vb check s/ht.json --ignore du-lieu.vuot-100 --json
assert_not_contains "$VOUT" '"rule": "du-lieu.vuot-100"' "check --ignore du-lieu.vuot-100"

# ---- a part larger than its whole: a score above its maximum (THÔNG BÁO) -------
python3 - s/tb-ket-luan-xa-dak-to-re-2024.json s/tb.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["bang_diem"]["chi_so"][0]["tieu_chi"][1]["diem"] = 25   # toi_da 20
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
for fmt in docx odt; do
  vb render s/tb.json -o "tb.$fmt"
  assert_rc "$fmt: a score above its maximum stops render" 1
  assert_contains "$ERR" "\$.bang_diem.chi_so[0].tieu_chi[1].diem (dòng " "$fmt: its path"
  assert_contains "$ERR" "lỗi: điểm 25 vượt quá điểm tối đa 20 [du-lieu.vuot-toi-da]" "$fmt: what and the rule"
  check "$fmt: nothing written" test ! -e "tb.$fmt"
  vb render s/tb.json -o "tb.$fmt" --nhap
  assert_rc "$fmt: THÔNG BÁO --nhap" 0
done
assert_contains "$(part tb.docx word/header2.xml)" "DỰ THẢO" "THÔNG BÁO docx: DỰ THẢO"
assert_contains "$(part tb.odt styles.xml)" '<text:p text:style-name="VB_DuThao">DỰ THẢO</text:p>' "THÔNG BÁO odt: DỰ THẢO"
check "THÔNG BÁO draft: check-docx --strict" "$TOOLS/check-docx" --strict tb.docx
check "THÔNG BÁO draft: check-odt --strict" "$TOOLS/check-odt" --strict tb.odt
for fmt in docx odt; do
  mkdir -p "tb-$fmt"
  check "THÔNG BÁO $fmt draft: converts to PDF" "$TOOLS/render-pdf" "tb.$fmt" "tb-$fmt" >/dev/null
  assert_eq "THÔNG BÁO $fmt PDF: DỰ THẢO first on page 1" "$(pdf_page 1 "tb-$fmt/tb.pdf" | grep -m1 . | sed 's/^ *//')" "DỰ THẢO"
done

# ---- a negative count ----------------------------------------------------------
python3 - s/corrections/bc-xa-ha-tan-6thang-2024.json s/neg.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["nhom_chi_tieu"][0]["chi_tieu"][7]["ket_qua"] = {"tu": -5, "mau": 5022}
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
vb render s/neg.json -o neg.docx
assert_rc "a negative figure stops render" 1
assert_contains "$ERR" "lỗi: tử số và mẫu số không được âm [du-lieu.so-am]" "negative: what and the rule"
assert_contains "$ERR" "\$.nhom_chi_tieu[0].chi_tieu[7].ket_qua (dòng " "negative: where"
check "negative: nothing written" test ! -e neg.docx
vb render s/neg.json -o neg.docx --nhap
assert_rc "negative: --nhap renders it" 0

# ---- a share over 100% typed into the prose -------------------------------------
python3 - s/corrections/bc-xa-ha-tan-6thang-2024.json s/prose.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["mo_dau"] = ["Toàn xã có 5.120/4.980 hộ gia đình đã có địa chỉ số, đạt tỷ lệ 102,8%."] + d.get("mo_dau", [])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
vb render s/prose.json -o prose.docx
assert_rc "prose: a share over 100% stops render" 1
assert_contains "$ERR" "[so-lieu.vuot-100]" "prose: the proofreading rule's id"
assert_contains "$ERR" "\$.mo_dau[0]" "prose: its path"
assert_contains "$ERR" "--nhap" "prose: the draft is offered"
check "prose: nothing written" test ! -e prose.docx
vb render s/prose.json -o prose.docx --nhap
assert_rc "prose: --nhap renders it" 0
assert_contains "$ERR" "(in trong bản dự thảo) [so-lieu.vuot-100]" "prose: a warning of the draft"

# ---- the blanks init leaves ------------------------------------------------------
vb init --from s/bc-xa-ha-tan-6thang-2024-chi-tieu.xlsx -o s/init.json
assert_rc "init writes a skeleton" 0
vb check s/init.json
assert_rc "check: blanks are errors" 1
assert_contains "$VOUT" '$.van_ban.dia_danh (dòng ' "check: the blank's path"
assert_contains "$VOUT" 'còn chỗ để trống "…": "…" [du-lieu.cho-trong]' "check: a bare blank"
assert_contains "$VOUT" 'còn chỗ để trống "…": "UBND huyện …" [du-lieu.cho-trong]' "check: a blank after words"
assert_contains "$VOUT" '$.ket_thuc[0] (dòng ' "check: the closing paragraph's blank"
n=$(count "$VOUT" "[du-lieu.cho-trong]")
check "check: every blank of the skeleton ($n)" test "$n" -ge 7
vb render s/init.json -o init.docx
assert_rc "render: blanks stop it" 1
assert_contains "$ERR" "lỗi: còn chỗ để trống" "render: says why"
check "render: nothing written" test ! -e init.docx
python3 - s/init.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["_vanban_ignore"] = ["du-lieu.vuot-100"]   # the sheet keeps the seed's figure
json.dump(d, open(sys.argv[1], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
for fmt in docx odt; do
  vb render s/init.json -o "init.$fmt" --nhap
  assert_rc "$fmt: the skeleton renders as a draft" 0
  assert_contains "$ERR" "(in trong bản dự thảo) [du-lieu.cho-trong]" "$fmt: its blanks as warnings"
done
check "skeleton draft: check-docx --strict" "$TOOLS/check-docx" --strict init.docx
check "skeleton draft: check-odt --strict" "$TOOLS/check-odt" --strict init.odt
assert_contains "$(part init.docx word/header2.xml)" "DỰ THẢO" "skeleton draft: DỰ THẢO"
# an ellipsis written after a word is the text's own
python3 - s/corrections/bc-xa-ha-tan-6thang-2024.json s/ell.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["mo_dau"] = ["Các phần mềm dùng chung, hộ tịch, bảo trợ xã hội… đều được sử dụng."] + d.get("mo_dau", [])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
vb check s/ell.json
assert_not_contains "$VOUT" "du-lieu.cho-trong" "an ellipsis after a word is no blank"

# ---- a template of one's own must print the mark -------------------------------
mkdocx "$WORK/own.docx" "$(wp '{{ van_ban.trich_yeu }}')"
printf 'old' >own-out.docx
vb render s/ht.json -t own.docx -o own-out.docx --nhap
assert_rc "--nhap with a template that prints no DỰ THẢO" 4
assert_contains "$ERR" "{{ nhap }}" "it says what to add"
assert_eq "nothing written" "$(cat own-out.docx)" "old"
vb render --help
assert_contains "$VOUT" "--nhap" "render --help lists --nhap"

finish
