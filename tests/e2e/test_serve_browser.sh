#!/usr/bin/env bash
# The page of vanban serve in a real browser (headless Chromium through
# python3-selenium and chromium-driver): start from a sample, type an
# impossible figure and see the finding on its row, edit a header field,
# download DOCX, ODT and the data file, preview; the downloads must pass
# check-docx / check-odt --strict, convert with LibreOffice and hold the edited
# figure, the recomputed rate and the edited name; update with the diff,
# proofread, a THÔNG BÁO, the spreadsheet, a batch with progress to the end
# and its ZIP. Screenshots of each step go
# to $VB_BINARY_DIR/serve-screenshots. A missing package fails the test with
# what to install: nothing is skipped.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
cd "$WORK"
missing=
command -v chromium >/dev/null || missing="$missing chromium"
command -v chromedriver >/dev/null || missing="$missing chromium-driver"
/usr/bin/python3 -c 'import selenium' 2>/dev/null || missing="$missing python3-selenium"
if [ -n "$missing" ]; then
  fail "missing:$missing (apt-get install$missing, or bash scripts/deps.sh test)"
  finish
fi

serve_start web
mkdir -p downloads
shots="${VB_BINARY_DIR:-$WORK}/serve-screenshots"
rm -rf "$shots"
# Chromium keeps its profile under $HOME: a private one.
if HOME="$WORK/home" /usr/bin/python3 "$VB_SOURCE_DIR/tests/e2e/serve_browser.py" "$SRV_URL" \
  "$WORK/downloads" "$shots" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024-chi-tieu.xlsx" \
  "$VB_SOURCE_DIR/tests/fixtures/batch/units-16.csv" \
  >browser.log 2>&1; then
  pass "the browser walk-through ($(grep -c '^ok:' browser.log) steps)"
else
  fail "the browser walk-through: $(grep -v '^ok:' browser.log | tail -5)"
fi
cat browser.log

docx=downloads/bao-cao.docx odt=downloads/bao-cao.odt
if [ -f "$docx" ]; then
  check "the downloaded DOCX passes check-docx" "$TOOLS/check-docx" "$docx"
  text=$(part "$docx" word/document.xml | sed 's/<[^>]*>//g')
  assert_contains "$text" "44.956/5.022" "the DOCX has the figure typed on the page"
  assert_contains "$text" "895,2%" "the DOCX has the recomputed rate"
  assert_contains "$text" "Lê Thị Kiểm Thử" "the DOCX has the name typed on the page"
  assert_contains "$text" "Công tác chỉ đạo, điều hành trong 6 tháng." "the DOCX has the section title typed on the page"
  assert_contains "$text" "Gạch thêm trên trang web, có chữ đậm." "the DOCX has the dash item typed on the page, markup out"
  assert_contains "$text" "Phương hướng 6 tháng cuối năm" "the DOCX has the section added on the page"
  assert_contains "$(part "$docx" word/document.xml)" '<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">chữ đậm' \
    "the typed **chữ đậm** is a bold run"
  check "the downloaded DOCX converts with LibreOffice" "$TOOLS/render-pdf" "$docx" pdf-docx
  assert_contains "$(cat pdf-docx/bao-cao.txt)" "895,2%" "the PDF of the DOCX shows the rate"
else
  fail "no DOCX was downloaded"
fi
if [ -f "$odt" ]; then
  check "the downloaded ODT passes check-odt --strict" "$TOOLS/check-odt" --strict "$odt"
  assert_contains "$(part "$odt" content.xml | sed 's/<[^>]*>//g')" "895,2%" "the ODT has the recomputed rate"
else
  fail "no ODT was downloaded"
fi
if [ -f downloads/bao-cao.pdf ]; then
  pdftotext -layout downloads/bao-cao.pdf bao-cao-pdf.txt
  pdf=$(tr -s ' \n' ' ' <bao-cao-pdf.txt)
  assert_contains "$pdf" "DỰ THẢO" "the downloaded PDF is the draft asked for"
  assert_contains "$pdf" "895,2%" "the downloaded PDF has the recomputed rate"
  assert_contains "$pdf" "Phương hướng 6 tháng cuối năm" "the downloaded PDF has the section added on the page"
else
  fail "no PDF was downloaded"
fi
if [ -f downloads/bao-cao.json ]; then
  assert_eq "the downloaded data file has the typed figure" \
    "$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["nhom_chi_tieu"][2]["chi_tieu"][4]["ket_qua"]["tu"])' downloads/bao-cao.json)" 44956
else
  fail "no data file was downloaded"
fi
upd=downloads/bao-cao-cap-nhat.docx
if [ -f "$upd" ]; then
  check "the updated DOCX passes check-docx" "$TOOLS/check-docx" "$upd"
  text=$(part "$upd" word/document.xml | sed 's/<[^>]*>//g')
  assert_contains "$text" "4.956/5.022" "the updated DOCX has the corrected figure"
  assert_contains "$text" "98,7%" "the updated DOCX has the corrected rate"
  assert_contains "$text" "Lê Thị Kiểm Thử" "the updated DOCX keeps the edited name"
else
  fail "no updated DOCX was downloaded"
fi
if [ -f downloads/van-ban-ghi-chu.docx ]; then
  check "the annotated copy passes check-docx" "$TOOLS/check-docx" downloads/van-ban-ghi-chu.docx
  assert_contains "$(unzip -l downloads/van-ban-ghi-chu.docx)" "word/comments.xml" "the annotated copy has comments"
else
  fail "no annotated copy was downloaded"
fi
if [ -f downloads/thong-bao.docx ]; then
  check "the THÔNG BÁO DOCX passes check-docx" "$TOOLS/check-docx" downloads/thong-bao.docx
  check "the THÔNG BÁO DOCX converts with LibreOffice" "$TOOLS/render-pdf" downloads/thong-bao.docx pdf-tb
  assert_contains "$(cat pdf-tb/thong-bao.txt)" "THÔNG BÁO" "the THÔNG BÁO's PDF"
else
  fail "no THÔNG BÁO was downloaded"
fi
if [ -f downloads/van-ban.zip ]; then
  assert_eq "batch: the ZIP holds 16 DOCX" "$(unzip -Z1 downloads/van-ban.zip | grep -c '\.docx$')" 16
  unzip -q -o downloads/van-ban.zip XA16.docx
  check "batch: a commune's DOCX passes check-docx" "$TOOLS/check-docx" XA16.docx
else
  fail "no batch ZIP was downloaded"
fi
for s in 1-mau 2-so-lieu-sai 2b-noi-dung 3-tai-ve 4-xem-truoc 5-cap-nhat 6-soat-loi 7-bang-tinh 8-hang-loat; do
  check "screenshot $s" test -s "$shots/$s.png"
done
assert_eq "nothing left in the server's temporary directory" "$(ls -A "$SRV_TMP")" ""
serve_stop
finish
