# --pdf: LibreOffice headless, one process per batch, private profiles; the
# PDF keeps the layout (page count) and every Vietnamese letter.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" "$WORK/bc.json"
cd "$WORK"
if ! command -v soffice >/dev/null 2>&1; then
  # scripts/deps.sh test installs it: its absence is a broken setup, not a pass.
  echo "FAIL: LibreOffice is not installed (scripts/deps.sh test)"; echo "0 passed, 1 failed"; exit 1
fi

# ---- render --pdf of the BÁO CÁO sample -----------------------------------------
vb render bc.json -o bc.docx --pdf -q
assert_rc "render --pdf" 0
check "bc.pdf written next to bc.docx" test -s bc.pdf
pages=$(pdfinfo bc.pdf | awk '/^Pages:/ {print $2}')
mkdir -p ref
ref=$("$TOOLS/render-pdf" bc.docx ref | awk '/^pages:/ {print $2}')
assert_eq "same page count as LibreOffice's own rendering of the DOCX ($ref)" "$pages" "$ref"
pdftotext -enc UTF-8 bc.pdf bc.txt
# Every non-ASCII letter of the input's strings is in the PDF's text (case
# folded: the header upper-cases the agency's name).
missing=$(python3 - bc.json bc.txt <<'EOF'
import json, sys
letters = set()
def walk(v):
    if isinstance(v, str):
        letters.update(c for c in v if ord(c) > 127 and c.isalpha())
    elif isinstance(v, list):
        for x in v: walk(x)
    elif isinstance(v, dict):
        for x in v.values(): walk(x)
walk(json.load(open(sys.argv[1], encoding="utf-8")))
text = open(sys.argv[2], encoding="utf-8").read()
folded = text.casefold()
print(f"{len(letters)} letters:", "".join(sorted(letters)), file=sys.stderr)
print("".join(sorted(c for c in letters if c not in text and c.casefold() not in folded)))
EOF
)
assert_eq "every Vietnamese letter of the input is in the PDF text" "$missing" ""
txt=$(cat bc.txt)
assert_not_contains "$txt" $'\xef\xbf\xbd' "no U+FFFD replacement character"
assert_not_contains "$txt" "□" "no missing-glyph boxes"
q_in=$(python3 -c 'import json,sys;d=json.load(open("bc.json"));print(json.dumps(d,ensure_ascii=False).count("?"))')
q_out=$(tr -cd '?' <bc.txt | wc -c)
check "no '?' replacements ($q_out '?' in the PDF, $q_in in the input)" test "$q_out" -le "$q_in"
fonts=$(pdffonts bc.pdf | tail -n +3)
assert_contains "$fonts" "LiberationSerif" "the PDF uses Liberation Serif (Times New Roman's metric twin)"
notemb=$(printf '%s\n' "$fonts" | awk '$(NF-4) != "yes"' | wc -l)
assert_eq "every font is embedded in the PDF" "$notemb" 0
if command -v fc-match >/dev/null 2>&1; then
  assert_contains "$(fc-match 'Times New Roman')" "Liberation Serif" "fontconfig maps Times New Roman to Liberation Serif"
fi

# ---- batch --pdf: one LibreOffice process per worker, not one per document ---------
cat >soffice-wrap <<EOF
#!/bin/sh
echo run >>"$WORK/soffice-runs"
exec "$(command -v soffice)" "\$@"
EOF
chmod +x soffice-wrap
python3 - "$BFIX/units-16.csv" >units4.csv <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
csv.writer(sys.stdout, lineterminator="\n").writerows(rows[:5])
EOF
rm -f soffice-runs
VANBAN_SOFFICE="$WORK/soffice-wrap" vb batch units4.csv --shared bc.json -o 'pdf/{ma_don_vi}.docx' --pdf -j 1 -q
assert_rc "batch --pdf of 4 units" 0
assert_eq "4 PDFs" "$(ls pdf/*.pdf | wc -l)" 4
assert_eq "one soffice process for the batch (one per worker: -j 1)" "$(wc -l <soffice-runs)" 1
assert_contains "$VOUT" "PDF: đã ghi 4, 0 lỗi" "the summary counts the PDFs"
check "no staging directory left behind" test -z "$(ls -A pdf | grep vanban-pdf || true)"
p1=$(pdftotext -enc UTF-8 pdf/XA02.pdf - | tr '\n' ' ')
assert_contains "$p1" "Hà Bình" "each PDF has its own unit's text"

rm -f soffice-runs
VANBAN_PDF_CHUNK=2 VANBAN_SOFFICE="$WORK/soffice-wrap" vb batch units4.csv --shared bc.json -o 'pdf2/{ma_don_vi}.odt' --pdf -q
assert_rc "batch --pdf of ODT outputs in chunks of 2" 0
assert_eq "4 PDFs from ODT" "$(ls pdf2/*.pdf | wc -l)" 4
assert_eq "one soffice process per chunk" "$(wc -l <soffice-runs)" 2

# Two runs at once do not collide (each has its own profile).
(VANBAN_PROGRESS=plain "$VANBAN" render bc.json -o par1.docx --pdf -q >/dev/null 2>par1.err; echo $? >par1.rc) &
(VANBAN_PROGRESS=plain "$VANBAN" render bc.json -o par2.odt --pdf -q >/dev/null 2>par2.err; echo $? >par2.rc) &
wait
assert_eq "parallel runs: first" "$(cat par1.rc)" 0
assert_eq "parallel runs: second" "$(cat par2.rc)" 0
check "parallel runs: both PDFs" test -s par1.pdf -a -s par2.pdf

# A document LibreOffice cannot open: reported by name, exit 3.
printf 'not a zip' >junk.docx
cat >fake-soffice <<EOF
#!/bin/sh
# Converts nothing, like soffice given a file it cannot read.
exit 0
EOF
chmod +x fake-soffice
VANBAN_SOFFICE="$WORK/fake-soffice" vb render bc.json -o nopdf.docx --pdf -q
assert_rc "a PDF that was not produced is an error" 3
assert_contains "$ERR" "nopdf.docx: lỗi: không có PDF (LibreOffice không mở hoặc không chuyển được văn bản này) [pdf.convert]" "the error names the document"
check "no PDF under the expected name" test ! -e nopdf.pdf

# ---- LibreOffice missing ----------------------------------------------------------
VANBAN_SOFFICE=/nonexistent/soffice vb render bc.json -o miss.docx --pdf
assert_rc "render --pdf without LibreOffice" 3
assert_contains "$ERR" "apt-get install libreoffice-writer-nogui" "the error says how to install it"
check "nothing written when LibreOffice is missing" test ! -e miss.docx
VANBAN_SOFFICE=/nonexistent/soffice vb batch units4.csv --shared bc.json -o 'miss/{ma_don_vi}.docx' --pdf
assert_rc "batch --pdf without LibreOffice" 3
assert_contains "$ERR" "apt-get install libreoffice-writer-nogui" "batch: how to install it"
check "batch: nothing written" test ! -e miss

finish
