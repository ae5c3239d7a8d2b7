#!/usr/bin/env bash
# The unit list is reusable across documents — a THÔNG BÁO names
# its unit list file ("don_vi": "don-vi-….json"), and the same file serves
# every notice of the office. Broken references are clear errors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
S="$VB_SOURCE_DIR/samples"
cd "$WORK"

# The sample keeps its units in samples/chung/don-vi-xa-dak-to-re.json.
# (the sample keeps its seed's "Lưu: VP.", which check reports: left out here)
vb check "$S/tb-ket-luan-xa-dak-to-re-2024.json" --ignore the-thuc.luu
assert_rc "the sample with a unit list file checks" 0
vb render "$S/tb-ket-luan-xa-dak-to-re-2024.json" -o tb.docx -q
assert_rc "and renders" 0
t=$(/usr/bin/python3 "$VB_SHARED/compat/docxtpl/extract-text" tb.docx)
assert_contains "$t" "=> Giao Tài chính – Kế toán xã tham mưu khắc phục." "units from the shared list are printed"

# A second document in another folder uses the same list by a relative path.
mkdir -p other
/usr/bin/python3 - "$S/tb-ket-luan-xa-dak-to-re-2024.json" other/tb2.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["don_vi"] = "../don-vi.json"
d["van_ban"]["trich_yeu"] = "Kết luận tại cuộc họp thứ hai"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
PY
cp "$S/chung/don-vi-xa-dak-to-re.json" don-vi.json
vb render other/tb2.json -o tb2.docx -q
assert_rc "another notice reuses the list" 0

# A unit missing from the list is reported against the list.
/usr/bin/python3 - don-vi.json short.json <<'PY'
import json, sys
units = json.load(open(sys.argv[1]))
json.dump(units[1:], open(sys.argv[2], "w"), ensure_ascii=False)
PY
sed 's#"\.\./don-vi\.json"#"../short.json"#' other/tb2.json > other/tb3.json
vb check other/tb3.json
assert_rc "a unit not in the list is an error" 1

# Broken references.
sed 's#"\.\./don-vi\.json"#"../khong-co.json"#' other/tb2.json > other/tb4.json
vb render other/tb4.json -o x.docx
assert_rc "a missing list file is a file error" 3
assert_contains "$ERR" "không đọc được danh sách đơn vị" "says the list cannot be read"
assert_contains "$ERR" "khong-co.json" "names the file"
echo '{"ma": "VHTT"}' > notalist.json
sed 's#"\.\./don-vi\.json"#"../notalist.json"#' other/tb2.json > other/tb5.json
vb render other/tb5.json -o x.docx
assert_rc "a list file that is not a list" 1
assert_contains "$ERR" "không phải một danh sách đơn vị" "says what is wrong"
[ ! -e x.docx ] && pass "no output on errors" || fail "output written on error"
finish
