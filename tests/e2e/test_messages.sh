#!/usr/bin/env bash
# Messages an officer can act on: each one in Vietnamese with its rule id,
# the cause where it is knowable and the right place (JSON syntax, template
# syntax), "có phải là …?" for data names, filters, tags, commands and
# options; the exit statuses of --help and README agree; update --in-place
# and init without -o say what they did on one line each; batch says what it
# did (each unit, the summary, the failed units with their rule ids) in Vietnamese.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$WORK"

# --- JSON syntax ------------------------------------------------------------------
T="$WORK/t"
mkdir -p "$T"
mkdocx "$T/p.docx" "$(wp '{{ a }}')"

printf '{\n  "a": 1,\n  "b": [1, 2],\n}\n' >trailing.json
vb render trailing.json --raw -t "$T/p.docx" -o out.docx
assert_rc "trailing comma: a data error" 1
assert_eq "trailing comma: the line, the column of the comma, the cause and the rule" \
  "$(printf '%s\n' "$ERR" | head -1)" \
  "vanban: trailing.json: dòng 3, cột 14: lỗi: dấu phẩy thừa trước \`}\`: sau phần tử cuối của đối tượng không có dấu phẩy [json.trailing-comma]"
assert_contains "$ERR" "gợi ý: xoá dấu phẩy này" "trailing comma: the hint"
[ ! -e out.docx ] && pass "trailing comma: nothing written" || fail "trailing comma: out.docx written"

printf '{\n  "a": 1\n  "b": 2\n}\n' >missing.json
vb check missing.json
assert_rc "missing comma: check fails" 1
assert_contains "$ERR" "missing.json: dòng 2, cột 9: lỗi: thiếu dấu phẩy \`,\` sau giá trị này, trước \"b\" ở dòng 3, cột 3 [json.missing-comma]" \
  "missing comma: points after the value on line 2, not at line 3"

printf '{\n  "a": "Hà Tân,\n  "b": 2\n}\n' >quote.json
vb check quote.json
assert_contains "$ERR" "quote.json: dòng 2, cột 8: lỗi: chuỗi mở bằng dấu \" ở đây không được đóng trên dòng của nó [json.unclosed-string]" \
  "unclosed quote: at the quote that opened it"

printf '{\n  "ds": [1, 2\n' >open.json
vb check open.json
assert_contains "$ERR" "lỗi: tệp kết thúc khi danh sách mở bằng \`[\` ở dòng 2, cột 9 chưa được đóng: thiếu \`]\` (và 1 dấu ngoặc mở trước nó cũng chưa đóng) [json.unclosed-bracket]" \
  "unclosed bracket: which one, where it opened, how many more"

printf '{"ty_le": 41,5}\n' >comma.json
vb check comma.json
assert_contains "$ERR" "comma.json: dòng 1, cột 13: lỗi: số thập phân trong JSON viết bằng dấu chấm (41.5), không bằng dấu phẩy (41,5) [json.decimal-comma]" \
  "decimal comma: said as such"

# --- template syntax --------------------------------------------------------------------
mkdocx "$T/brace.docx" "$(wp 'Một')$(wp 'Số: {{ van_ban.so }/{{ van_ban.ky_hieu }}')"
printf '{"van_ban": {"so": 5, "ky_hieu": "BC-UBND"}}\n' >vb.json
vb render vb.json --raw -t "$T/brace.docx" -o out.docx
assert_rc "one closing brace: a template error" 2
assert_contains "$ERR" "brace.docx: word/document.xml, đoạn 2: lỗi: thiếu \`}\`: một thẻ giá trị đóng bằng \`}}\` trong {{ van_ban.so }/{{ van_ban.ky_hieu }}" \
  "one closing brace: thiếu \`}\`, the paragraph and the tag"
assert_contains "$ERR" "[tpl.missing-brace]" "one closing brace: the rule id"
assert_contains "$ERR" "gợi ý: viết \`}}\` ở cuối giá trị" "one closing brace: the hint"

mkdocx "$T/filter.docx" "$(wp '{{ ten | hoa_dau }}')"
printf '{"ten": "hà tân"}\n' >ten.json
vb render ten.json --raw -t "$T/filter.docx" -o out.docx
assert_rc "unknown filter: a template error" 2
assert_contains "$ERR" "lỗi: không có bộ lọc \`hoa_dau\` trong {{ ten | hoa_dau }}" "unknown filter: named"
assert_contains "$ERR" "gợi ý: có phải là \`viet_hoa_dau\`?" "unknown filter: hoa_dau → viet_hoa_dau"
assert_contains "$ERR" "[tpl.unknown-filter]" "unknown filter: the rule id"

mkdocx "$T/tag.docx" "$(wp '{% for x in ds %}{{ x }}{% endfro %}')"
vb fields "$T/tag.docx"
assert_rc "unknown tag: a template error" 2
assert_contains "$ERR" "lỗi: không có thẻ khối \`endfro\`" "unknown tag: named"
assert_contains "$ERR" "có phải là \`endfor\`?" "unknown tag: endfro → endfor"

mkdocx "$T/quote.docx" "$(wp '{{ ten | default("chưa có) }}')"
vb fields "$T/quote.docx"
assert_contains "$ERR" "có một chuỗi không được đóng (thiếu dấu nháy)" "unclosed quote in a tag: said as such"
assert_contains "$ERR" "[tpl.unclosed-string]" "unclosed quote in a tag: the rule id"

# --- data names ------------------------------------------------------------------------------
mkdocx "$T/name.docx" "$(wp '{{ van_ban.so_ki_hieu }}')$(wp '{{ don_vj.ten }}')"
printf '{"van_ban": {"so_ky_hieu": "Số: 10/BC-UBND"}, "don_vi": {"ten": "UBND xã Hà Tân"}}\n' >names.json
vb render names.json --raw -t "$T/name.docx" -o out.docx
assert_rc "mistyped data names: a data error" 1
assert_contains "$ERR" "đoạn 1: lỗi: {{ van_ban.so_ki_hieu }}: dữ liệu không có giá trị cho 'van_ban.so_ki_hieu' [tpl.missing-value]" \
  "mistyped name: the tag and the path"
assert_contains "$ERR" "gợi ý: có phải là 'van_ban.so_ky_hieu'?" "mistyped name: so_ki_hieu → so_ky_hieu"
assert_contains "$ERR" "gợi ý: có phải là 'don_vi.ten'?" "mistyped object: don_vj.ten → don_vi.ten"

# --- columns of a sheet -----------------------------------------------------------------------------
printf 'STT,Tên chỉ tiêu,Đơn vị tính,Chỉ tiêu cụ thể,Kết quả đạt được\nI,Nước sạch,,,\n1,Hộ dùng nước sạch,hộ,150,132\n' >ct.csv
vb init --from ct.csv -o ct.json
assert_rc "init from a CSV" 0
python3 - <<'P'
import json
d = json.load(open("ct.json", encoding="utf-8"))
d["nhom_chi_tieu"]["cot"]["ket_qua"] = "Ket qua dat duoc"
json.dump(d, open("ct.json", "w", encoding="utf-8"), ensure_ascii=False)
d["nhom_chi_tieu"]["cot"]["muc_tieux"] = d["nhom_chi_tieu"]["cot"].pop("muc_tieu")
json.dump(d, open("ct2.json", "w", encoding="utf-8"), ensure_ascii=False)
P
vb check ct.json
assert_contains "$ERR" 'lỗi: trang "ct" không có cột nào có tiêu đề "Ket qua dat duoc"' "a header without tone marks: not found"
assert_contains "$ERR" 'gợi ý: có phải là "Kết quả đạt được" (cột E)?' "a header without tone marks: the column it means"
vb check ct2.json
assert_contains "$ERR" 'lỗi: không có trường "muc_tieux" trong bảng cột (cot) [sheet.unknown-field]' "a mistyped field in cot: named"
assert_contains "$ERR" 'gợi ý: có phải là "muc_tieu"?' "a mistyped field in cot: the field it means"

# --- commands and options ------------------------------------------------------------------------
vb render names.json --pfd
assert_rc "unknown option: a usage error" 4
assert_contains "$ERR" "vanban: lỗi: không có tùy chọn '--pfd' (có phải là --pdf?) [usage.unknown-option]" "render --pfd → --pdf, with its rule id"
assert_contains "$ERR" "gợi ý: xem vanban render --help" "unknown option: where to look"
vb init --form x.xlsx
assert_rc "init --form: a usage error" 4
assert_contains "$ERR" "không có tùy chọn '--form' (có phải là --from?)" "init --form → --from"
vb update a.docx b.json --inplace
assert_contains "$ERR" "(có phải là --in-place?)" "update --inplace → --in-place"
vb rendr names.json
assert_rc "unknown command: a usage error" 4
assert_contains "$ERR" "vanban: lỗi: không có lệnh 'rendr' (có phải là render?) [usage.command]" "rendr → render"
vb diff only-one.json
assert_rc "diff with one file: a usage error" 4
assert_contains "$ERR" "vanban: lỗi: cần hai tệp dữ liệu: bản cũ OLD.json và bản mới NEW.json [usage.argument]" "diff: what is missing, in Vietnamese, with its rule id"
vb batch units.json -o 'x/{ma}.pdf'
assert_contains "$ERR" "mẫu tên tệp ra phải có đuôi .docx hoặc .odt: x/{ma}.pdf [usage.output-ext]" "batch: the pattern's extension"
vb render names.json extra.json
assert_contains "$ERR" "đối số thừa 'extra.json'" "render: an extra argument is named"
assert_contains "$ERR" "[usage.argument]" "render: an extra argument's rule id"

# --- exit statuses: --help and README say the same -------------------------------------------------
# "Exit status: 0 ok, 1 data error, …." as one item per line
statuses() { tr '\n' ' ' | grep -o 'Exit status:[^.]*' | sed 's/^Exit status: *//; s/  */ /g' | tr ',' '\n' | sed 's/^ *//; s/ *$//'; }
vb --help
help_st=$(printf '%s\n' "$VOUT" | statuses)
readme_st=$(statuses <"$VB_SOURCE_DIR/README.md")
assert_eq "--help and README list the same exit statuses" "$help_st" "$readme_st"
assert_contains "$help_st" "5 internal error" "--help lists exit status 5"

# --- what update --in-place and init without -o say --------------------------------------------------
cp "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" bc.json
vb render bc.json -o bc.docx -q
assert_rc "the sample renders" 0
vb update bc.docx bc.json --in-place
assert_rc "update --in-place" 0
assert_eq "update --in-place: one line, the backup named inside it" "$(printf '%s\n' "$ERR" | tail -1)" \
  "vanban: đã ghi bc.docx (bản trước: bc.docx.bak)"
assert_eq "update --in-place: no stray line" "$(printf '%s\n' "$ERR" | grep -c '^)' || true)" "0"

vb init --from "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024-chi-tieu.xlsx"
assert_rc "init without -o" 0
assert_contains "$VOUT" '"loai": "bao-cao"' "init without -o: the data file on standard output"
assert_contains "$ERR" "tệp dữ liệu đã in ra đầu ra chuẩn (không có -o)" "init without -o: says where it went"
vb init --help
assert_contains "$VOUT" "(default: standard output)" "init --help: the default of -o"

# --- batch: the summary, each unit's line and the rule ids ------------------------
BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" shared.json
python3 "$BFIX/make_units.py" 2 units2.json 2 # unit 2 has an impossible date
VANBAN_PROGRESS=plain vb batch units2.json --shared shared.json -o 'lo/{ma}.docx' -j 1
assert_rc "batch with a bad unit: exit 1" 1
# The timing varies: seconds and documents per second, with a decimal comma.
summary=$(printf '%s\n' "$VOUT" | sed -E 's/, [0-9]+,[0-9]{2} giây, [0-9]+,[0-9] văn bản\/giây$/, … giây, … văn bản\/giây/')
assert_eq "batch: one line per unit, the summary, the failed unit with its rule id" "$summary" \
  "1/2 lo/U001.docx xong, 3 cảnh báo
2/2 lo/U002.docx LỖI
vanban batch: đã ghi 1, 6 cảnh báo, 1 lỗi — 2 đơn vị, 1 luồng, … giây, … văn bản/giây
  LỖI đơn vị 2 (U002) → lo/U002.docx: \$.van_ban.ngay (units2.json): ngày không hợp lệ: 2024-13-45 [du-lieu.ngay]"
assert_contains "$ERR" "vanban: đơn vị 2 (U002): lỗi: \$.van_ban.ngay (units2.json): ngày không hợp lệ: 2024-13-45 [du-lieu.ngay]
  gợi ý: viết ngày dạng 2024-06-20" "batch: the unit's error, named by its unit, with the rule id and the hint"
assert_contains "$ERR" "vanban: đơn vị 1 (U001): cảnh báo: " "batch: a unit's warning, named by its unit"
assert_contains "$ERR" "[du-lieu.tom-tat]" "batch: the warning's rule id"
assert_contains "$ERR" "(cảnh báo này lặp lại ở các đơn vị sau thì không in lại nữa)" "batch: repeated warnings said once"
for w in written warning FAILED "unit " "docs/s" " ok" "error:" "hint:"; do
  assert_not_contains "$VOUT$ERR" "$w" "batch: no English '$w'"
done
vb batch units2.json --shared shared.json -o 'lo/{ma}.docx' --merge-manifests lo
assert_rc "merge with a failed unit: exit 1" 1
assert_eq "merge: the summary" "$VOUT" \
  "vanban batch: đã gộp 1 sổ kết quả: 1 xong, 0 thiếu, 1 lỗi, 0 đã đổi, 0 PDF lỗi — 2 đơn vị; lo/MANIFEST.jsonl"
assert_contains "$ERR" "vanban: lo/U002.docx: đơn vị 2 (U002): lỗi: không tạo được: " "merge: the failed unit by its output and its unit"
assert_contains "$ERR" "[batch.failed]" "merge: with its rule id"
assert_contains "$(cat lo/MANIFEST.jsonl)" '"label":"đơn vị 2 (U002)"' "the manifest names the unit as the messages do"
# --progress=json is for programs: its keys and phases stay as documented.
vb batch units2.json --shared shared.json -o 'pj/{ma}.docx' -j 1 --progress=json
assert_contains "$(printf '%s\n' "$ERR" | grep '^{' | tail -1)" '{"phase":"render","done":2,"total":2,"elapsed_s":' \
  "--progress=json: the keys and the phase unchanged"

finish
