# vanban batch: 16 units from a sheet, one broken unit, output names,
# progress modes, determinism across thread counts.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
SAMPLE="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"
python3 "$BFIX/make_shared.py" "$SAMPLE" "$WORK/shared.json"
cd "$WORK"

# ---- 16 units from a CSV sheet --------------------------------------------
vb batch "$BFIX/units-16.csv" --shared shared.json -o 'out/{ma_don_vi}-bao-cao.docx' -j 2
assert_rc "batch of 16 units" 0
assert_contains "$VOUT" "vanban batch: đã ghi 16, " "summary counts 16 written"
assert_contains "$VOUT" " cảnh báo, 0 lỗi — 16 đơn vị, 2 luồng, " "summary counts 0 failed"
assert_eq "16 documents" "$(ls out/*.docx | wc -l)" 16
assert_contains "$VOUT" "16/16 out/" "plain progress lines when not a terminal"
bad=0
for f in out/*.docx; do "$TOOLS/check-docx" "$f" >/dev/null 2>&1 || { bad=$((bad + 1)); echo "invalid: $f"; }; done
assert_eq "every output passes check-docx" "$bad" 0

# Texts differ exactly where the units' data differ: take units 6 and 7 of
# the sheet, replace unit 6's values (as written and upper-cased, and the
# fraction and rate computed from its figure) by unit 7's in unit 6's text:
# the result must be unit 7's text, line for line.
# (No-break spaces, which join generated place names such as "UBND xã Hà
# Tân", are read as spaces: the sheet's values are written with spaces.)
python3 "$BFIX/doctext.py" out/XA06-bao-cao.docx | sed 's/\xc2\xa0/ /g' >a.txt
python3 "$BFIX/doctext.py" out/XA07-bao-cao.docx | sed 's/\xc2\xa0/ /g' >b.txt
ndiff=$(diff a.txt b.txt | grep -c '^[<>]' || true)
check "the two texts differ ($ndiff lines)" test "$ndiff" -gt 0
python3 - "$BFIX/units-16.csv" shared.json a.txt b.txt >subst.txt <<'EOF'
import csv, json, sys
from decimal import Decimal, ROUND_HALF_UP
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
shared = open(sys.argv[2], encoding="utf-8").read()
a, b = rows[5], rows[6]
def vi(n):  # 2342 -> "2.342"
    return f"{n:,}".replace(",", ".")
def rate(tu, mau):
    r = (Decimal(tu) * 100 / Decimal(mau)).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return str(r).replace(".", ",").replace(",0", "") + "%"
pairs = []
for key in ("van_ban.co_quan_ban_hanh", "van_ban.ten_co_quan", "van_ban.dia_danh"):
    for va, vb_ in ((a[key], b[key]), (a[key].upper(), b[key].upper())):
        for sa, sb in ((va, vb_), (va.replace("\n", " / "), vb_.replace("\n", " / "))):
            pairs.append((sa, sb))
for key in ("van_ban.dia_danh",):
    assert a[key] not in shared and b[key] not in shared, "varied names must not occur in the shared data"
tu_a, tu_b = int(a["nhom_chi_tieu.2.chi_tieu.1.ket_qua.tu"]), int(b["nhom_chi_tieu.2.chi_tieu.1.ket_qua.tu"])
mau = 3986
pairs.append((vi(tu_a) + "/" + vi(mau), vi(tu_b) + "/" + vi(mau)))
pairs.append((rate(tu_a, mau), rate(tu_b, mau)))
text = open(sys.argv[3], encoding="utf-8").read()
changed = 0
for sa, sb in sorted(set(pairs), key=lambda p: -len(p[0])):
    if sa in text:
        changed += 1
    text = text.replace(sa, sb)
sys.stdout.write(text)
print(f"{changed} values substituted", file=sys.stderr)
EOF
if diff subst.txt b.txt >subst.diff; then pass "unit 6's text with unit 7's values is unit 7's text"
else fail "texts differ beyond the varied values: $(head -20 subst.diff)"; fi
assert_contains "$(cat a.txt)" "Hà Sơn" "unit 6's text names its commune"
assert_contains "$(cat b.txt)" "2.349/3.986" "unit 7's text has its own figure"
assert_contains "$(cat b.txt)" "58,9%" "unit 7's rate is computed from its figure"

# Same bytes whatever the number of threads.
vb batch "$BFIX/units-16.csv" --shared shared.json -o 'out1/{ma_don_vi}-bao-cao.docx' -j 1 -q
assert_rc "batch with -j 1" 0
same=1
for f in out/*.docx; do cmp -s "$f" "out1/$(basename "$f")" || same=0; done
assert_eq "-j 1 and -j 2 give byte-identical documents" "$same" 1
assert_not_contains "$VOUT" "1/16" "--quiet prints no progress lines"
assert_contains "$VOUT" "đã ghi 16," "--quiet still prints the summary"

# ---- one broken unit ----------------------------------------------------------
vb batch "$BFIX/units-broken.json" --shared shared.json -o 'broken/{ma_don_vi}.docx'
assert_rc "a batch with a broken unit fails" 1
assert_eq "15 documents written" "$(ls broken/*.docx | wc -l)" 15
check "the broken unit's document is not written" test ! -e broken/XA16.docx
assert_contains "$ERR" "vanban: đơn vị 16 (XA16): lỗi: \$.van_ban.ngay" "the message names the 16th unit"
assert_contains "$ERR" "\$.van_ban.ngay" "the message names the field"
assert_contains "$ERR" "2024-13-45" "the message shows the bad value"
assert_contains "$VOUT" "đã ghi 15," "summary: 15 written"
assert_contains "$VOUT" " cảnh báo, 1 lỗi — " "summary: 1 failed"
assert_contains "$VOUT" "  LỖI đơn vị 16 (XA16) → broken/XA16.docx: " "summary lists the failed unit"
assert_not_contains "$ERR" "(dòng 1, cột " "no positions inside the merged JSON"

# ---- output names -------------------------------------------------------------
vb batch "$BFIX/units-16.csv" --shared shared.json -o 'names/{khong_co}.docx'
assert_rc "an unknown pattern field is an error" 1
assert_contains "$ERR" "{khong_co}" "the error names the field"
assert_contains "$ERR" "vanban: batch: chưa ghi gì; sửa các lỗi nêu ở trên rồi chạy lại" "and says nothing was written"
check "no output directory was created" test ! -e names

vb batch "$BFIX/units-16.csv" --shared shared.json -o 'dup/{van_ban.ky_hieu}.docx'
assert_rc "two units with the same output name are an error" 1
assert_contains "$ERR" "sẽ cùng được ghi vào dup/BC-UBND.docx" "the error names the clash"
check "nothing written on a name clash" test ! -e dup

cat >evil.json <<'EOF'
[{"_ma": "../../thoat"}, {"_ma": ".."}, {"_ma": "a/b\\c"}, {"_ma": 7}]
EOF
vb batch evil.json --shared shared.json -o 'safe/{ma}.docx' -q
assert_rc "names from data are sanitised" 0
assert_eq "all four stay in safe/" "$(cd safe && ls *.docx | sort | tr '\n' ' ')" "7.docx __-__-thoat.docx __.docx a-b-c.docx "

vb batch evil.json --shared shared.json -o 'num/{#}-{ma}.odt' -q
assert_rc "ODT outputs, {#} numbering" 0
check "numbered ODT output" test -f num/1-__-__-thoat.odt
check "ODT passes check-odt --strict" "$TOOLS/check-odt" --strict num/4-7.odt

# ---- usage -----------------------------------------------------------------------
vb batch "$BFIX/units-16.csv" -o out/x.pdf
assert_rc "the pattern must end in .docx or .odt" 4
vb batch "$BFIX/units-16.csv"
assert_rc "-o is required" 4
vb batch "$BFIX/units-16.csv" -o 'x/{ma_don_vi}.docx' -j 0
assert_rc "-j 0 is refused" 4
printf '_ma,van_ban.dia_danh\n"XA01,Hà\n' >badq.csv
vb batch badq.csv --shared shared.json -o 'q/{ma}.docx'
assert_rc "an unterminated quote in the sheet is a data error" 1
assert_contains "$ERR" "không được đóng" "the error says what is wrong"

# ---- the progress bar on a terminal ---------------------------------------------
if command -v script >/dev/null 2>&1; then
  script -qec "$VANBAN batch '$BFIX/units-16.csv' --shared shared.json -o 'tty/{ma_don_vi}.docx' -j 2" /dev/null >tty.log 2>&1 || true
  tty=$(tr '\r' '\n' <tty.log)
  assert_contains "$tty" "16/16" "the bar counts to 16/16"
  assert_contains "$tty" " văn bản/giây" "the bar shows the rate"
  assert_contains "$tty" "  còn 0:" "the bar shows the time left"
  assert_not_contains "$tty" "1/16 tty/" "no plain lines on a terminal"
else
  echo "skip: no script(1) for the terminal test"
fi

finish
