# vanban batch --pdf at scale: one LibreOffice per worker (-j 2: two
# soffice processes with profiles of their own), every PDF recorded in the
# manifest; resume converts only what is missing; a LibreOffice that hangs
# is killed and its documents converted again by a new one; one that
# crashes every time leaves the documents without PDFs, recorded as failed
# in the manifest, and the batch goes on. Staging and profile folders a
# killed run left are removed by the next run, unless another run holds them.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" "$WORK/shared.json"
cd "$WORK"
python3 "$BFIX/make_units.py" 4 units.json
stats() { python3 "$BFIX/manifest_stats.py" "$@"; }
REAL=$(command -v soffice)

# A soffice that records each start (its profile) and then runs the real one.
cat >spy.sh <<EOF
#!/bin/sh
for a in "\$@"; do case "\$a" in -env:UserInstallation=*) echo "\$a" >>"$WORK/starts.log" ;; esac; done
exec "$REAL" "\$@"
EOF
chmod +x spy.sh
VANBAN_SOFFICE="$WORK/spy.sh" vb batch units.json --shared shared.json -o 'p/{ma}.docx' -q --pdf -j 2
assert_rc "batch --pdf -j 2" 0
assert_contains "$VOUT" "PDF: đã ghi 4, 0 lỗi" "four PDFs"
assert_eq "two LibreOffice processes, one per worker" "$(wc -l <starts.log)" 2
assert_eq "with two profiles" "$(sort -u starts.log | wc -l)" 2
assert_eq "the manifest records 4 documents and 4 PDFs" "$(stats p/MANIFEST.jsonl)" "4 0 4 0"
assert_contains "$(grep '"key":"U002.docx","pdf"' p/MANIFEST.jsonl)" "\"pdf_sha256\":\"$(sha256sum p/U002.pdf | cut -c1-64)\"" \
  "a PDF's line has its SHA-256"
for f in p/U001 p/U002 p/U003 p/U004; do
  check "$f.docx passes check-docx" "$TOOLS/check-docx" "$f.docx"
  check "$f.pdf has pages" test "$(pdfinfo "$f.pdf" | awk '/^Pages:/ {print $2}')" -ge 10
done
# Resuming: nothing to render, nothing to convert.
: >starts.log
VANBAN_SOFFICE="$WORK/spy.sh" vb batch units.json --shared shared.json -o 'p/{ma}.docx' -q --pdf -j 2 --resume
assert_contains "$VOUT" "giữ lại 4" "resume keeps the documents with their PDFs"
assert_eq "and starts no LibreOffice" "$(wc -l <starts.log)" 0
rm p/U003.pdf
VANBAN_SOFFICE="$WORK/spy.sh" vb batch units.json --shared shared.json -o 'p/{ma}.docx' -q --pdf -j 2 --resume
assert_contains "$VOUT" "đã ghi 0," "a missing PDF: its document is kept"
assert_contains "$VOUT" "PDF: đã ghi 1," "and only its PDF is made again"
check "U003.pdf is back" test -s p/U003.pdf

# What a run killed during conversion leaves: its staging folder next to the
# documents and its profile folder under TMPDIR, their locks free. A resumed
# run removes them, even with nothing left to convert; a staging folder whose
# lock another run holds (a shard still converting into the same folder) and
# one made a moment ago stay.
mkdir -p lotmp p/.vanban-pdf.dead01/sub p/.vanban-pdf.busy01 p/.vanban-pdf.new001 \
  p/.vanban-pdf.nolock lotmp/vanban-lo.dead01/worker-0
: >p/.vanban-pdf.dead01/.lock
: >p/.vanban-pdf.dead01/U001.pdf
: >p/.vanban-pdf.busy01/.lock
: >p/.vanban-pdf.new001/.lock
: >lotmp/vanban-lo.dead01/.lock
touch -d '1 hour ago' p/.vanban-pdf.dead01 p/.vanban-pdf.busy01 p/.vanban-pdf.nolock \
  lotmp/vanban-lo.dead01
flock p/.vanban-pdf.busy01/.lock sleep 600 &
HOLDER=$!
sleep 0.5
VANBAN_SOFFICE="$WORK/spy.sh" vb batch units.json --shared shared.json -o 'p/{ma}.docx' -q --pdf -j 2 --resume
assert_rc "resume with stale staging folders" 0
assert_contains "$ERR" "đã xoá 2 thư mục tạm PDF do một lần chạy bị dừng để lại" "the stale folders are reported"
check "a killed run's staging folder is removed" test ! -e p/.vanban-pdf.dead01
check "one without a lock file, old, too" test ! -e p/.vanban-pdf.nolock
check "one another run holds stays" test -d p/.vanban-pdf.busy01
check "one made a moment ago stays" test -d p/.vanban-pdf.new001
rm p/U002.pdf
TMPDIR="$WORK/lotmp" VANBAN_SOFFICE="$WORK/spy.sh" vb batch units.json --shared shared.json -o 'p/{ma}.docx' -q --pdf -j 2 --resume
assert_contains "$VOUT" "PDF: đã ghi 1," "a PDF is made again"
check "a killed run's profile folder is removed" test ! -e lotmp/vanban-lo.dead01
assert_eq "and this run's own is gone too" "$(ls -A lotmp)" ""
check "the held staging folder still stays" test -d p/.vanban-pdf.busy01
kill "$HOLDER" 2>/dev/null || true
wait "$HOLDER" 2>/dev/null || true
rm -rf p/.vanban-pdf.busy01 p/.vanban-pdf.new001

# A LibreOffice that hangs the first time: killed when it makes no PDF for
# VANBAN_PDF_STALL seconds, and the documents converted by a new one.
cat >hang.sh <<EOF
#!/bin/sh
if mkdir "$WORK/hung" 2>/dev/null; then sleep 1000; fi
exec "$REAL" "\$@"
EOF
chmod +x hang.sh
VANBAN_SOFFICE="$WORK/hang.sh" VANBAN_PDF_STALL=60 vb batch units.json --shared shared.json -o 'h/{ma}.docx' -q --pdf -j 1
assert_rc "a hung LibreOffice is recovered" 0
assert_contains "$ERR" "bị treo, đã dừng nó [pdf.stall]" "the hang is reported"
assert_contains "$ERR" "chuyển lại 4 văn bản đó một lần nữa" "and the retry"
assert_contains "$VOUT" "PDF: đã ghi 4, 0 lỗi" "every PDF is made"
assert_eq "the manifest records 4 PDFs" "$(stats h/MANIFEST.jsonl)" "4 0 4 0"
check "h/U002.pdf has pages" test "$(pdfinfo h/U002.pdf | awk '/^Pages:/ {print $2}')" -ge 10
assert_eq "no sleeping LibreOffice is left" "$(pgrep -f "$WORK/hang.sh" | wc -l)" 0

# A LibreOffice that crashes every time: recorded, the batch goes on.
printf '#!/bin/sh\nkill -SEGV $$\n' >crash.sh
chmod +x crash.sh
VANBAN_SOFFICE="$WORK/crash.sh" vb batch units.json --shared shared.json -o 'c/{ma}.docx' -q --pdf -j 2
assert_rc "failed PDFs fail the batch" 3
assert_contains "$VOUT" "đã ghi 4," "the documents are written"
assert_contains "$VOUT" "PDF: đã ghi 0, 4 lỗi" "the PDFs are reported as failed"
assert_contains "$VOUT" "  LỖI PDF của c/U001.docx [pdf.convert]" "each failed PDF is named, with its rule id"
assert_contains "$ERR" "chuyển lại 2 văn bản đó một lần nữa" "each worker tried again once"
assert_eq "the manifest records 4 documents and 4 failed PDFs" "$(stats c/MANIFEST.jsonl)" "4 0 0 4"
vb batch units.json --shared shared.json -o 'c/{ma}.docx' --merge-manifests c
assert_contains "$VOUT" "4 PDF lỗi" "merge reports the failed PDFs"
check "no PDF under the expected names" test ! -e c/U001.pdf
finish
