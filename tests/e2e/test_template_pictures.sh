#!/usr/bin/env bash
# Replacing a template's own picture ({% anh "logo" = x %}, docs/pictures.md):
# a template holding a picture described "logo" — made here by rendering a
# first template whose `hinh` places it, and whose data writes the tag as
# text — is rendered with data naming another picture. Asserted from the
# packages (the drawing keeps its name, size and place and shows the new
# picture, stored once; the old one stays untouched when the data names
# none), from LibreOffice's PDF, and through the refusals (a name no
# picture has, in the part named; a broken picture).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples/mau-rieng"
cd "$WORK"
cp "$S/logo-xa.png" logo.png
cp "$S/anh/che-ha-tan.jpg" moi.jpg
printf 'not a picture' >hong.png
mkdocx "$WORK/a.docx" "$(wp 'Logo: {{ logo | hinh(rong="30mm", mo_ta="logo") }}')$(wp '{{ the }}')$(wp 'Hết.')"
mkodt "$WORK/a.odt" '<text:p>Logo: {{ logo | hinh(rong="30mm", mo_ta="logo") }}</text:p><text:p>{{ the }}</text:p><text:p>Hết.</text:p>'
cat >b.json <<'EOF'
{"logo": "logo.png", "the": "{% anh \"logo\" = anh_moi %}"}
EOF
cat >sai.json <<'EOF'
{"logo": "logo.png", "the": "{% anh \"con-dau\" = anh_moi %}"}
EOF
echo '{"anh_moi": "moi.jpg"}' >c.json
echo '{"anh_moi": ""}' >rong.json
echo '{"anh_moi": "hong.png"}' >hong.json

for ext in docx odt; do
  vb render --raw --no-marks b.json -t "a.$ext" -o "b.$ext"
  assert_rc "make a template with a picture described \"logo\" ($ext)" 0
  vb render --raw c.json -t "b.$ext" -o "c.$ext"
  assert_rc "$ext: render it with another picture for \"logo\"" 0
  check "$ext passes check-$ext" "$TOOLS/check-$ext" "c.$ext"
  check "$ext converts with LibreOffice" "$TOOLS/render-pdf" "c.$ext" "pdf-$ext" >/dev/null
  check "$ext: the picture is on page 1 of the PDF" test "$(pdfimages -list -f 1 -l 1 "pdf-$ext/c.pdf" | tail -n +3 | wc -l)" -ge 1
  vb render --raw rong.json -t "b.$ext" -o "rong.$ext"
  assert_rc "$ext: no picture in the data" 0
  vb render --raw --no-marks sai.json -t "a.$ext" -o "sai.$ext"
  vb render --raw c.json -t "sai.$ext" -o "sai-c.$ext"
  assert_rc "$ext: a name no picture has is refused (a template error)" 2
  assert_contains "$ERR" 'không có ảnh nào tên "con-dau"' "$ext: the message says which name"
  check "$ext: nothing is written" test ! -e "sai-c.$ext"
  vb render --raw hong.json -t "b.$ext" -o "hong-c.$ext"
  assert_rc "$ext: a broken picture is refused" 1
  check "$ext: nothing is written for it" test ! -e "hong-c.$ext"
done
assert_contains "$(vb render --raw c.json -t sai.docx -o sai-c.docx; echo "$ERR")" "word/document.xml" \
  "DOCX: the refusal names the template part"
assert_contains "$(vb render --raw c.json -t sai.odt -o sai-c.odt; echo "$ERR")" "content.xml" \
  "ODT: the refusal names the template part"

# --- DOCX ------------------------------------------------------------------------
bdoc=$(part b.docx word/document.xml)
cdoc=$(part c.docx word/document.xml)
ext_of() { printf '%s' "$1" | grep -o '<wp:extent [^>]*>' | head -1; }
pos_of() { printf '%s' "$1" | grep -o '<wp:docPr [^>]*>' | head -1; }
assert_eq "DOCX: the drawing keeps its size" "$(ext_of "$cdoc")" "$(ext_of "$bdoc")"
assert_eq "DOCX: and its name and description" "$(pos_of "$cdoc")" "$(pos_of "$bdoc")"
assert_contains "$(ext_of "$cdoc")" 'cx="1080000"' "DOCX: 30 mm wide, as in the template"
assert_not_contains "$cdoc" "{% anh" "DOCX: the tag is gone"
emb=$(printf '%s' "$cdoc" | grep -o 'r:embed="[^"]*"' | head -1 | cut -d'"' -f2)
rels=$(part c.docx word/_rels/document.xml.rels)
target=$(printf '%s' "$rels" | grep -o "<Relationship [^>]*Id=\"$emb\"[^>]*>" | grep -o 'Target="[^"]*"' | cut -d'"' -f2)
check "DOCX: the drawing shows the new picture ($target)" cmp -s <(unzip -p c.docx "word/$target") moi.jpg
assert_contains "$(part c.docx '\[Content_Types\].xml')" 'Extension="jpeg"' "DOCX: JPEG has its content type"
remb=$(part rong.docx word/document.xml | grep -o 'r:embed="[^"]*"' | head -1 | cut -d'"' -f2)
bemb=$(printf '%s' "$bdoc" | grep -o 'r:embed="[^"]*"' | head -1 | cut -d'"' -f2)
assert_eq "DOCX: without a picture in the data the template's stays" "$remb" "$bemb"

# --- ODT -------------------------------------------------------------------------
bc=$(part b.odt content.xml)
cc=$(part c.odt content.xml)
frame_of() { printf '%s' "$1" | grep -o '<draw:frame [^>]*>' | head -1; }
assert_eq "ODT: the frame keeps its name, size and place" "$(frame_of "$cc")" "$(frame_of "$bc")"
href=$(printf '%s' "$cc" | grep -o '<draw:image [^>]*>' | grep -o 'xlink:href="[^"]*"' | cut -d'"' -f2)
check "ODT: the frame shows the new picture ($href)" cmp -s <(unzip -p c.odt "$href") moi.jpg
assert_contains "$(part c.odt META-INF/manifest.xml)" "manifest:full-path=\"$href\"" "ODT: the manifest lists it"
assert_not_contains "$cc" "{% anh" "ODT: the tag is gone"
rhref=$(part rong.odt content.xml | grep -o '<draw:image [^>]*>' | grep -o 'xlink:href="[^"]*"' | cut -d'"' -f2)
bhref=$(printf '%s' "$bc" | grep -o '<draw:image [^>]*>' | grep -o 'xlink:href="[^"]*"' | cut -d'"' -f2)
assert_eq "ODT: without a picture in the data the template's stays" "$rhref" "$bhref"

finish
