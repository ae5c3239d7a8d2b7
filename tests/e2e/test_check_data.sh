#!/usr/bin/env bash
# vanban check on data files: the model's checks, the prose checks and the
# layout rules the data decides, each at its JSON path and line:column;
# "_vanban_ignore" for deliberate exceptions; the same findings as warnings
# when rendering (the document is still written); --json schema fields.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
cd "$WORK"

# Đắk Tờ Re keeps the seed's "Lưu: VP." (samples/README.md §3 item 12)
vb check "$S/tb-ket-luan-xa-dak-to-re-2024.json"
assert_rc "Lưu without VT is an error" 1
assert_contains "$VOUT" '$.van_ban.luu (dòng 21, cột 12): "Lưu: VP." thiếu "VT"' "Lưu: the place and the message"
assert_contains "$VOUT" "[the-thuc.luu]" "Lưu: the rule id"
assert_contains "$VOUT" '$.bang_diem.chi_so[6].tong (dòng 274, cột 17): tổng điểm ghi 40 nhưng tính được 50' \
  "the model's own checks are listed too"

vb check "$S/tb-ket-luan-xa-dak-to-re-2024.json" --json
printf '%s\n' "$VOUT" >tb.json
fields=$(/usr/bin/python3 - tb.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["schema"] == "vanban-check/1" and d["kind"] == "data", d
f = next(f for f in d["findings"] if f["rule"] == "the-thuc.luu")
loc = f["location"]
print(f["level"], loc["json_path"], loc["line"], loc["column"], d["counts"]["error"])
PY
)
assert_eq "--json: level, path, line, column, counts" "$fields" 'error $.van_ban.luu 21 12 1'

# a deliberate exception
/usr/bin/python3 - "$S/tb-ket-luan-xa-dak-to-re-2024.json" ignored.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["_vanban_ignore"] = ["the-thuc.luu"]
d["don_vi"] = sys.argv[1].rsplit("/", 1)[0] + "/" + d["don_vi"] if isinstance(d.get("don_vi"), str) else d.get("don_vi")
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
vb check ignored.json
assert_rc "_vanban_ignore: no error left" 0
assert_not_contains "$VOUT" "the-thuc.luu" "_vanban_ignore: the rule is left out"

# render shows the findings as warnings and still writes the document
vb render "$S/tb-ket-luan-xa-dak-to-re-2024.json" -o tb.docx
assert_rc "render goes on" 0
check "render wrote the document" test -s tb.docx
assert_contains "$ERR" '$.van_ban.luu (dòng 21, cột 12): cảnh báo: "Lưu: VP." thiếu "VT"' "render: the warning"
assert_contains "$ERR" '[the-thuc.luu]' "render: the warning names its rule"
assert_contains "$ERR" 'ghi "the-thuc.luu" vào "_vanban_ignore" nếu cố ý' "render: and how to keep it on purpose"
vb render ignored.json -o tb2.docx
assert_not_contains "$ERR" "the-thuc.luu" "render: _vanban_ignore applies"

# prose in data: Trà Bồng's hand-computed rates (samples/README.md §2 figures)
vb check "$S/bc-huyen-tra-bong-2023.json"
assert_rc "wrong rates are errors" 1
assert_contains "$VOUT" '$.noi_dung[1].noi_dung[3].noi_dung[2].cong (dòng 139, cột 22): 42694/42829 = 99,7% nhưng văn bản ghi 99,5%' \
  "a rate at its JSON path"
assert_contains "$VOUT" 'các phần 48 + 3 = 51, nhiều hơn tổng 41' "parts over their total"

# a data file with a JSON error: the syntax error, as before
printf '{"loai": "bao-cao",\n "x": }\n' >broken.json
vb check broken.json
assert_rc "broken JSON" 1
assert_contains "$ERR" "broken.json: dòng 2, cột 5: lỗi: thiếu giá trị sau dấu hai chấm" "broken JSON: place and cause"
finish
