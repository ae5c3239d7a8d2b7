#!/usr/bin/env bash
# Signature and seal images for electronic issue (docs/pictures.md,
# docs/data-model.md: van_ban.ky.anh_chu_ky, van_ban.anh_dau) in the shipped
# templates' signature block, both formats. Asserted from the packages (each
# picture stored once, floating drawings / frames anchored to the name's
# paragraph at the documented sizes and offsets, the ODT graphic styles),
# from LibreOffice's PDF (both images on the signature page, the signer's
# name exactly where it is without them), through the defaults (data without
# the pictures renders the bytes it always did) and the refusals (the field
# and the file named, nothing written).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$WORK"
cp -r "$VB_SOURCE_DIR/samples/chung" chung
BC="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"
TB="$VB_SOURCE_DIR/samples/tb-ket-luan-xa-dak-to-re-2024.json"
/usr/bin/python3 - "$BC" "$TB" <<'PY'
import json, math, struct, sys, zlib

def png(path, w, h, px):
    """An RGBA PNG whose pixel (x, y) is px(x, y)."""
    raw = b"".join(b"\0" + b"".join(bytes(px(x, y)) for x in range(w)) for y in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    open(path, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
                           chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

# A blue stroke on a transparent ground (400 × 180 px), and a red round
# seal with two rings (350 × 350 px), transparent outside.
png("chu-ky.png", 400, 180,
    lambda x, y: (20, 40, 200, 255) if abs(y - 90 - 50 * math.sin(x / 30)) < 4 else (0, 0, 0, 0))
png("dau.png", 350, 350,
    lambda x, y: (220, 20, 20, 230)
    if 160 < math.hypot(x - 175, y - 175) < 172 or 120 < math.hypot(x - 175, y - 175) < 126
    else (0, 0, 0, 0))
open("khong-phai-png.png", "wb").write(b"GIF89a\x01\x00\x01\x00 not a PNG")

bc = json.load(open(sys.argv[1]))
json.dump(bc, open("khong-anh.json", "w"), ensure_ascii=False)
bc["van_ban"]["ky"]["anh_chu_ky"] = "chu-ky.png"
bc["van_ban"]["anh_dau"] = "dau.png"
json.dump(bc, open("co-anh.json", "w"), ensure_ascii=False)
# Sizes from the data: a 40 mm seal, a 15 mm high signature.
bc["van_ban"]["ky"]["anh_chu_ky"] = {"tep": "chu-ky.png", "cao": 15}
bc["van_ban"]["anh_dau"] = {"tep": "dau.png", "rong": "4cm"}
json.dump(bc, open("co-co.json", "w"), ensure_ascii=False)
tb = json.load(open(sys.argv[2]))
tb["van_ban"]["ky"]["anh_chu_ky"] = "chu-ky.png"
tb["van_ban"]["anh_dau"] = "dau.png"
json.dump(tb, open("tb-co-anh.json", "w"), ensure_ascii=False)
# The refused cases live in sai/, whose parent holds chu-ky.png: a path
# that leads out of the data's folder to a picture that is there.
import os, shutil
os.mkdir("sai")
shutil.copy("khong-phai-png.png", "sai/khong-phai-png.png")
bad = {
    "thieu": ("ky", "khong-co.png"),
    "khong-png": ("ky", "khong-phai-png.png"),
    "ngoai": ("ky", "../chu-ky.png"),
    "dau-thieu": ("dau", "dau-khong-co.png"),
}
for case, (which, path) in bad.items():
    d = json.load(open("co-anh.json"))
    if which == "ky":
        d["van_ban"]["ky"]["anh_chu_ky"] = path
    else:
        d["van_ban"]["anh_dau"] = path
    json.dump(d, open("sai/" + case + ".json", "w"), ensure_ascii=False, indent=1)
d = json.load(open("co-anh.json"))
d["van_ban"]["anh_dau"] = {"tep": "dau.png", "rong": 90}
json.dump(d, open("dau-to.json", "w"), ensure_ascii=False, indent=1)
PY

# --- without the pictures: the bytes of main's render --------------------------------
for ext in docx odt; do
  vb render khong-anh.json -o "khong-anh.$ext"
  assert_rc "render without pictures ($ext)" 0
  vb render "$BC" -o "mau.$ext"
  check "$ext: data without the pictures renders the sample's bytes" cmp -s "khong-anh.$ext" "mau.$ext"
  assert_not_contains "$(unzip -Z1 "khong-anh.$ext")" "vb-image" "$ext: no picture stored without them"
done

# --- with them -------------------------------------------------------------------------
for ext in docx odt; do
  vb render co-anh.json -o "co-anh.$ext"
  assert_rc "render with the signature and the seal ($ext)" 0
  check "$ext passes check-$ext --strict" "$TOOLS/check-$ext" --strict "co-anh.$ext"
  vb render co-anh.json -o "lai.$ext"
  check "$ext: the same data gives the same bytes" cmp -s "co-anh.$ext" "lai.$ext"
  vb render tb-co-anh.json -o "tb-co-anh.$ext"
  assert_rc "THÔNG BÁO with the signature and the seal ($ext)" 0
  check "THÔNG BÁO $ext passes check-$ext --strict" "$TOOLS/check-$ext" --strict "tb-co-anh.$ext"
done

# DOCX: two media parts, each stored byte for byte; two floating drawings in
# the name's paragraph. The signature: 18 mm high (648000 EMU), 40 mm wide by
# its 400 × 180 px (1440000 EMU), centred in the column, its middle 11.5 mm
# above the name's paragraph (y = -11.5 - 9 mm = -738000 EMU). The seal:
# 35 mm (1260000 EMU), 7.5 mm from the column's left (270000), y = -11.5 -
# 17.5 mm = -1044000, above the signature (relativeHeight), both in front of
# the text.
names=$(unzip -Z1 co-anh.docx)
assert_eq "DOCX: two media parts" "$(printf '%s\n' "$names" | grep -c '^word/media/')" 2
check "DOCX: the signature stored byte for byte" cmp -s <(unzip -p co-anh.docx word/media/vb-image1.png) chu-ky.png
check "DOCX: the seal stored byte for byte" cmp -s <(unzip -p co-anh.docx word/media/vb-image2.png) dau.png
doc=$(part co-anh.docx word/document.xml)
rels=$(part co-anh.docx word/_rels/document.xml.rels)
assert_count "DOCX: one relationship per picture" "$rels" 'relationships/image"' 2
assert_count "DOCX: two anchored drawings" "$doc" "<wp:anchor " 2
assert_count "DOCX: no inline drawing" "$doc" "<wp:inline " 0
assert_count "DOCX: wrapped by nothing" "$doc" "<wp:wrapNone/>" 2
assert_count "DOCX: in front of the text" "$doc" 'behindDoc="0"' 2
hoten=$(printf '%s' "$doc" | /usr/bin/python3 -c '
import re, sys
d = sys.stdin.read()
for p in re.findall(r"<w:p>(?:(?!</w:p>).)*?</w:p>", d, re.S):
    if "VB_HoTen" in p:
        print(p)')
assert_contains "$hoten" '<wp:positionH relativeFrom="column"><wp:align>center</wp:align></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>-738000</wp:posOffset></wp:positionV><wp:extent cx="1440000" cy="648000"/>' \
  "DOCX: the signature centred, 40 × 18 mm, in the name's paragraph"
assert_contains "$hoten" '<wp:positionH relativeFrom="column"><wp:posOffset>270000</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>-1044000</wp:posOffset></wp:positionV><wp:extent cx="1260000" cy="1260000"/>' \
  "DOCX: the seal 35 mm, over the signature's left third"
assert_contains "$hoten" 'relativeHeight="251658241"' "DOCX: the signature's layer"
assert_contains "$hoten" 'relativeHeight="251658242"' "DOCX: the seal above it"
assert_contains "$hoten" 'descr="Chữ ký của Nguyễn Văn Trình"' "DOCX: the signature's alternative text"
assert_contains "$hoten" 'descr="Dấu của UBND xã Hà Tân"' "DOCX: the seal's alternative text"
assert_order "the pictures come before the name in its paragraph" "$hoten" "<wp:anchor " "Nguyễn Văn Trình"

# ODT: Pictures/, manifest entries, frames anchored to the paragraph with the
# graphic styles the render adds to styles.xml (text runs through).
names=$(unzip -Z1 co-anh.odt)
assert_eq "ODT: two pictures" "$(printf '%s\n' "$names" | grep -c '^Pictures/')" 2
mf=$(part co-anh.odt META-INF/manifest.xml)
assert_count "ODT: manifest entries" "$mf" 'manifest:full-path="Pictures/vb-image' 2
content=$(part co-anh.odt content.xml)
styles=$(part co-anh.odt styles.xml)
assert_contains "$content" 'svg:width="40.000mm" svg:height="18.000mm" draw:style-name="VB_HinhNoiGiua" text:anchor-type="paragraph" svg:y="-20.500mm"' \
  "ODT: the signature centred, 40 × 18 mm, 20.5 mm above the name's paragraph"
assert_contains "$content" 'svg:width="35.000mm" svg:height="35.000mm" draw:style-name="VB_HinhNoi" text:anchor-type="paragraph" svg:x="7.500mm" svg:y="-29.000mm" draw:z-index="2"' \
  "ODT: the seal 35 mm, 7.5 mm from the column's left, above the signature"
for st in VB_HinhNoi VB_HinhNoiGiua; do
  assert_contains "$styles" "<style:style style:name=\"$st\" style:family=\"graphic\"><style:graphic-properties style:wrap=\"run-through\"" \
    "ODT: $st is defined, the text runs through it"
done
assert_not_contains "$styles" "VB_HinhNoiSau" "ODT: only the styles used are added"

# Sizes from the data: a 40 mm seal (x = 25 - 20 = 5 mm), a 15 mm high
# signature (y = -11.5 - 7.5 = -19 mm).
vb render co-co.json -o co-co.odt
assert_rc "sizes given in the data" 0
content=$(part co-co.odt content.xml)
assert_contains "$content" 'svg:width="40.000mm" svg:height="40.000mm" draw:style-name="VB_HinhNoi" text:anchor-type="paragraph" svg:x="5.000mm" svg:y="-31.500mm"' \
  "the seal's diameter from the data (\"4cm\")"
assert_contains "$content" 'svg:height="15.000mm" draw:style-name="VB_HinhNoiGiua" text:anchor-type="paragraph" svg:y="-19.000mm"' \
  "the signature's height from the data (15)"

# --- LibreOffice: both images on the signature page; the name does not move -------------
name_box() { # PDF: the page and box of the signer's name
  pdftotext -bbox "$1" - | /usr/bin/python3 -c '
import re, sys
page = 0
for line in sys.stdin:
    if "<page " in line:
        page += 1
    m = re.search(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">Nguyễn</word>", line)
    if m:
        last = "%d %s" % (page, " ".join(m.groups()))
print(last)'
}
for ext in docx odt; do
  check "$ext with pictures converts with LibreOffice" "$TOOLS/render-pdf" "co-anh.$ext" "pdf-co-$ext" >/dev/null
  check "$ext without converts with LibreOffice" "$TOOLS/render-pdf" "khong-anh.$ext" "pdf-khong-$ext" >/dev/null
  with=$(name_box "pdf-co-$ext/co-anh.pdf")
  without=$(name_box "pdf-khong-$ext/khong-anh.pdf")
  assert_eq "$ext: the signer's name is at the same place with and without the images" "$with" "$without"
  page=${with%% *}
  imgs=$(pdfimages -list "pdf-co-$ext/co-anh.pdf" | awk 'NR > 2 && $3 == "image" {print $1 ":" $4 "x" $5}' | sort | tr '\n' ' ')
  assert_eq "$ext: the signature and the seal are on the signature page ($page)" "$imgs" "$page:350x350 $page:400x180 "
  assert_eq "$ext: no image without them" "$(pdfimages -list "pdf-khong-$ext/khong-anh.pdf" | awk 'NR > 2' | wc -l)" 0
done

# --- refusals: the field and the file named, nothing written ----------------------------
refuse() { # CASE FIELD FILE WHY
  for ext in docx odt; do
    echo keep >"sai/$1.$ext"
    vb render "sai/$1.json" -o "sai/$1.$ext"
    assert_rc "refused ($ext): $1" 1
    assert_contains "$ERR" "ảnh '$3' ($2, sai/$1.json, dòng " "$1 ($ext): the message names the file, the field and its place"
    assert_contains "$ERR" "$4" "$1 ($ext): and why"
    assert_eq "$1 ($ext): nothing written" "$(cat "sai/$1.$ext")" keep
  done
}
refuse thieu van_ban.ky.anh_chu_ky khong-co.png "không có [picture.missing]"
refuse khong-png van_ban.ky.anh_chu_ky khong-phai-png.png "không phải ảnh PNG hay JPEG (dù tên tệp ghi gì) [picture.not-picture]"
refuse ngoai van_ban.ky.anh_chu_ky ../chu-ky.png "nằm ngoài thư mục của tệp dữ liệu [picture.outside-folder]"
refuse dau-thieu van_ban.anh_dau dau-khong-co.png "không có [picture.missing]"
vb render dau-to.json -o dau-to.docx
assert_rc "a seal of 90 mm is refused" 1
assert_contains "$ERR" '$.van_ban.anh_dau.rong' "the size's place is named"
assert_contains "$ERR" "kích thước ảnh không đọc được hoặc ngoài khoảng" "and what is wrong"
check "nothing written" test ! -e dau-to.docx

finish
