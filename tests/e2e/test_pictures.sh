#!/usr/bin/env bash
# Pictures and links from data (docs/pictures.md), on the custom-template
# sample samples/mau-rieng: a logo in the header and the body, a photo in
# every row of a table, web addresses in the text. Asserted from the
# packages (one media entry per distinct picture, the relationships,
# content types and manifest entries that name them, the extents in EMU and
# mm), from LibreOffice's PDF (images on page 1, the links as link
# annotations) and through every refusal (nothing written).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples/mau-rieng"
cd "$WORK"
vb pack "$S/mau-ocop/docx" mau.docx
assert_rc "pack the DOCX template" 0
vb pack "$S/mau-ocop/odt" mau.odt
assert_rc "pack the ODT template" 0

for ext in docx odt; do
  vb render --raw "$S/gioi-thieu-ocop.json" -t "mau.$ext" -o "ocop.$ext"
  assert_rc "render the sample ($ext)" 0
  check "$ext passes check-$ext --strict" "$TOOLS/check-$ext" --strict "ocop.$ext"
  check "$ext converts with LibreOffice" "$TOOLS/render-pdf" "ocop.$ext" "pdf-$ext" >/dev/null
  vb render --raw "$S/gioi-thieu-ocop.json" -t "mau.$ext" -o "again.$ext"
  check "$ext: the same data gives the same bytes" cmp -s "ocop.$ext" "again.$ext"
done

# --- DOCX package ----------------------------------------------------------------
names=$(unzip -Z1 ocop.docx)
assert_eq "DOCX: one media entry per distinct picture (the logo twice, three photos)" \
  "$(printf '%s\n' "$names" | grep -c '^word/media/')" 4
assert_contains "$names" "word/media/vb-image1.png" "the logo is the first picture"
check "DOCX: the logo is stored byte for byte" cmp -s <(unzip -p ocop.docx word/media/vb-image1.png) "$S/logo-xa.png"
check "DOCX: the first photo is stored byte for byte" cmp -s <(unzip -p ocop.docx word/media/vb-image2.jpeg) "$S/anh/che-ha-tan.jpg"
assert_eq "DOCX: pictures are stored, not deflated again" \
  "$(unzip -v ocop.docx | awk '/word\/media\// {print $2}' | sort -u)" "Stored"
doc=$(part ocop.docx word/document.xml)
hdr=$(part ocop.docx word/header1.xml)
rels=$(part ocop.docx word/_rels/document.xml.rels)
hrels=$(part ocop.docx word/_rels/header1.xml.rels)
ct=$(part ocop.docx '\[Content_Types\].xml')
assert_count "DOCX body: four drawings (logo + three photos)" "$doc" "<w:drawing>" 4
assert_count "DOCX body: the logo's relationship" "$rels" 'Target="media/vb-image1.png"' 1
assert_count "DOCX body: one relationship per photo" "$rels" 'relationships/image"' 4
assert_count "DOCX header: its own relationship to the same logo" "$hrels" 'Target="media/vb-image1.png"' 1
# 25 mm wide logo, square: 900000 EMU; 10 mm high in the header: 360000; a 45 mm wide photo
# of 480 × 320 px: 1620000 × 1080000 EMU.
assert_contains "$doc" '<wp:extent cx="900000" cy="900000"/>' "DOCX: logo 25 mm × 25 mm"
assert_contains "$hdr" '<wp:extent cx="360000" cy="360000"/>' "DOCX header: logo 10 mm high"
assert_count "DOCX: photos 45 mm × 30 mm" "$doc" '<wp:extent cx="1620000" cy="1080000"/>' 3
assert_contains "$doc" 'descr="Gạo nếp cái hoa vàng"' "DOCX: a photo's alternative text from the data"
assert_contains "$ct" '<Default Extension="png" ContentType="image/png"/>' "DOCX: PNG content type"
assert_contains "$ct" '<Default Extension="jpeg" ContentType="image/jpeg"/>' "DOCX: JPEG content type"
assert_count "DOCX: two links" "$doc" "<w:hyperlink " 2
assert_contains "$rels" 'Target="https://hatan.hatrung.thanhhoa.gov.vn/ocop" TargetMode="External"' \
  "DOCX: the link's target is the address without the sentence's full stop"
assert_contains "$rels" 'Target="http://www.ocop.gov.vn" TargetMode="External"' "DOCX: www. gets http://"
assert_contains "$(part ocop.docx word/styles.xml)" 'w:styleId="Hyperlink"' \
  "DOCX: the Hyperlink style is added to the template's styles"

# --- ODT package -----------------------------------------------------------------
names=$(unzip -Z1 ocop.odt)
assert_eq "ODT: one picture entry per distinct picture" "$(printf '%s\n' "$names" | grep -c '^Pictures/')" 4
mf=$(part ocop.odt META-INF/manifest.xml)
assert_count "ODT: the manifest lists each picture" "$mf" 'manifest:full-path="Pictures/' 4
assert_contains "$mf" 'manifest:full-path="Pictures/vb-image1.png" manifest:media-type="image/png"' "ODT: PNG media type"
content=$(part ocop.odt content.xml)
styles=$(part ocop.odt styles.xml)
assert_count "ODT body: the logo and the photos" "$content" "<draw:frame " 4
assert_contains "$content" 'svg:width="25.000mm" svg:height="25.000mm"' "ODT: logo 25 mm"
assert_count "ODT: photos 45 × 30 mm" "$content" 'svg:width="45.000mm" svg:height="30.000mm"' 3
assert_contains "$styles" 'svg:width="10.000mm" svg:height="10.000mm"' "ODT header: logo 10 mm"
assert_count "ODT: both header and body name the one logo entry" "$content$styles" 'xlink:href="Pictures/vb-image1.png"' 2
assert_count "ODT: two links" "$content" "<text:a " 2

# --- LibreOffice's PDF -----------------------------------------------------------
for ext in docx odt; do
  pdf="pdf-$ext/ocop.pdf"
  imgs=$(pdfimages -list "$pdf" | awk 'NR > 2 && $3 == "image" {print $1}' | sort | uniq -c | awk '{print $2 ":" $1}')
  # The header logo, the body logo, three photos (an identical picture may be drawn once).
  check "$ext PDF: the pictures are on page 1 ($imgs)" test "$(pdfimages -list "$pdf" | awk 'NR > 2 && $3 == "image" && $1 == 1' | wc -l)" -ge 4
  urls=$(pdfinfo -url "$pdf")
  assert_contains "$urls" "https://hatan.hatrung.thanhhoa.gov.vn/ocop" "$ext PDF: the first address is a link"
  assert_contains "$urls" "www.ocop.gov.vn" "$ext PDF: the second address is a link"
  txt=$(cat "pdf-$ext/ocop.txt")
  assert_contains "$txt" "Mật ong rừng Hà Tân" "$ext PDF: the table's text"
done

# --- refusals: the field, the file and why; nothing written ------------------------
mkdir -p bad/anh
cp "$S/logo-xa.png" "$S"/anh/*.jpg bad/ 2>/dev/null || true
cp "$S"/anh/*.jpg bad/anh/
cp "$S/logo-xa.png" ./outside.png
python3 - "$S/gioi-thieu-ocop.json" bad <<'EOF'
import json, struct, sys, zlib
src, out = sys.argv[1], sys.argv[2]
data = json.load(open(src, encoding="utf-8"))
png = open(out + "/logo-xa.png", "rb").read()
def ihdr(w, h):
    body = b"IHDR" + struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + body + struct.pack(">I", zlib.crc32(body))
files = {
    "not-png.png": b"GIF89a\x01\x00\x01\x00 this is not a PNG",
    "cut.png": png[: len(png) // 2],
    "huge.png": ihdr(100000, 100000) + png[33:],
}
for name, b in files.items():
    open(out + "/" + name, "wb").write(b)
cases = {
    "not-png": "not-png.png",
    "cut": "cut.png",
    "huge": "huge.png",
    "big": "big.png",
    "outside": "../outside.png",
    "missing": "khong-co.png",
    "uri": "data:image/png;base64,iVBO@@@",
}
for case, logo in cases.items():
    d = dict(data)
    d["don_vi"] = dict(data["don_vi"], logo=logo)
    json.dump(d, open("%s/%s.json" % (out, case), "w", encoding="utf-8"), ensure_ascii=False, indent=1)
EOF
truncate -s 21M bad/big.png
refuse() { # CASE MESSAGE
  echo "keep" >"bad/$1.docx"
  vb render --raw "bad/$1.json" -t mau.docx -o "bad/$1.docx"
  assert_rc "refused: $1" 1
  assert_contains "$ERR" '{{ don_vi.logo | hinh(rong="25mm"' "$1: the message names the field"
  assert_contains "$ERR" "$1.json, dòng " "$1: and where the data names the picture"
  assert_contains "$ERR" "$2" "$1: and why"
  assert_eq "$1: the existing output is left as it was" "$(cat "bad/$1.docx")" keep
  rm -f "bad/$1.odt"
  vb render --raw "bad/$1.json" -t mau.odt -o "bad/$1.odt"
  assert_rc "refused in ODT too: $1" 1
  check "$1: no ODT written" test ! -e "bad/$1.odt"
}
refuse not-png "}}: ảnh 'not-png.png' ("
refuse not-png "không phải ảnh PNG hay JPEG (dù tên tệp ghi gì) [picture.not-picture]"
refuse cut "'cut.png' ("
refuse cut "bị hỏng hoặc bị cắt cụt: bộ giải mã ảnh không đọc hết được [picture.broken]"
refuse huge "có quá nhiều điểm ảnh (tối đa 40 triệu, mỗi chiều tối đa 20.000) [picture.too-many-pixels]"
refuse big "quá lớn (tối đa 20 MB) [picture.too-large]"
refuse outside "nằm ngoài thư mục của tệp dữ liệu [picture.outside-folder]"
refuse outside "gợi ý: chép ảnh vào thư mục của tệp dữ liệu, hoặc render với --allow-outside-pictures"
refuse missing "'khong-co.png' ("
refuse missing "không có [picture.missing]"
refuse uri "không phải một data: URI hợp lệ [picture.bad-uri]"
vb render --raw bad/outside.json -t mau.docx -o bad/outside.docx --allow-outside-pictures
assert_rc "--allow-outside-pictures lets the data name a picture elsewhere" 0
check "that output passes check-docx --strict" "$TOOLS/check-docx" --strict bad/outside.docx

finish
