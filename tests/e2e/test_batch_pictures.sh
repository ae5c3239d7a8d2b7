#!/usr/bin/env bash
# Pictures in a batch (docs/pictures.md): a unit's picture path is relative
# to the unit list's folder, wherever the batch is run from; each unit gets
# its own picture (the shared logo once per document); a unit whose picture
# is missing or outside the folder fails alone, named, its output not
# written, and --allow-outside-pictures lets it through. Outputs pass
# check-docx and LibreOffice shows the picture.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
R="$VB_SOURCE_DIR/samples/mau-rieng"
mkdir -p du-lieu/anh ngoai chay
cp "$R/logo-xa.png" du-lieu/anh/logo.png
cp "$R/anh/gao-nep.jpg" du-lieu/anh/xa2.jpg
cp "$R/anh/mat-ong.jpg" ngoai/mat-ong.jpg
mkdocx "$WORK/du-lieu/mau.docx" "$(wp '{{ van_ban.ten_co_quan }}')$(wp '{{ logo | hinh(rong="25mm") }}')"
cat >du-lieu/don-vi.csv <<'EOF'
ma,van_ban.ten_co_quan,logo
XA1,UBND xã Một,anh/logo.png
XA2,UBND xã Hai,anh/xa2.jpg
XA3,UBND xã Ba,anh/khong-co.png
XA4,UBND xã Bốn,../ngoai/mat-ong.jpg
EOF

# Run from another folder: paths are the unit list's, not the current directory's.
cd chay
vb batch ../du-lieu/don-vi.csv -t ../du-lieu/mau.docx --raw -o 'ra/{ma}.docx' -j 1
assert_rc "two units fail, so the batch does" 1
cd ..
assert_contains "$ERR" "XA3" "the unit with a missing picture is named"
assert_contains "$ERR" "[picture.missing]" "with its rule"
assert_contains "$ERR" "XA4" "the unit whose picture is outside the folder is named"
assert_contains "$ERR" "[picture.outside-folder]" "with its rule"
check "XA1 written" test -s chay/ra/XA1.docx
check "XA2 written" test -s chay/ra/XA2.docx
check "XA3 not written" test ! -e chay/ra/XA3.docx
check "XA4 not written" test ! -e chay/ra/XA4.docx
assert_eq "XA1 holds the PNG logo" "$(unzip -Z1 chay/ra/XA1.docx | grep -c '^word/media/.*\.png$')" 1
assert_eq "XA2 holds its own JPEG" "$(unzip -Z1 chay/ra/XA2.docx | grep -c '^word/media/.*\.jpeg$')" 1
assert_eq "XA2's picture is xa2.jpg's bytes" \
  "$(unzip -p chay/ra/XA2.docx "$(unzip -Z1 chay/ra/XA2.docx | grep '^word/media/')" | sha256sum | cut -d' ' -f1)" \
  "$(sha256sum <du-lieu/anh/xa2.jpg | cut -d' ' -f1)"
check "XA1 passes check-docx" "$TOOLS/check-docx" chay/ra/XA1.docx
check "XA2 converts with LibreOffice" "$TOOLS/render-pdf" chay/ra/XA2.docx pdf
assert_eq "XA2's PDF shows one picture" "$(pdfimages -list pdf/XA2.pdf | awk 'NR>2 && $3=="image"' | wc -l)" 1

# --allow-outside-pictures: the picture outside the folder is allowed.
rm -rf chay/ra
(cd chay && vb batch ../du-lieu/don-vi.csv -t ../du-lieu/mau.docx --raw -o 'ra/{ma}.docx' -j 1 \
  --allow-outside-pictures)
assert_rc "still one unit fails (its picture is missing)" 1
check "XA4 written with --allow-outside-pictures" test -s chay/ra/XA4.docx
assert_eq "XA4 holds mat-ong.jpg" \
  "$(unzip -p chay/ra/XA4.docx "$(unzip -Z1 chay/ra/XA4.docx | grep '^word/media/')" | sha256sum | cut -d' ' -f1)" \
  "$(sha256sum <ngoai/mat-ong.jpg | cut -d' ' -f1)"

finish
