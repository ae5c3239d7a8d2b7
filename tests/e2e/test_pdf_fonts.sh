# --embed-fonts: Liberation Serif travels inside the DOCX/ODT. The packages
# stay valid, the DOCX fonts are obfuscated per ECMA-376 17.8.1, and on a
# machine with neither Times New Roman nor Liberation Serif LibreOffice lays
# the document out with the embedded font (same page count as with it).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

BFIX="$VB_SOURCE_DIR/tests/fixtures/batch"
python3 "$BFIX/make_shared.py" "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" "$WORK/bc.json"
cd "$WORK"
FONTDIR=/usr/share/fonts/truetype/liberation2
[ -n "${VANBAN_FONTS:-}" ] && FONTDIR=$VANBAN_FONTS
if [ ! -f "$FONTDIR/LiberationSerif-Regular.ttf" ]; then
  echo "FAIL: fonts-liberation2 is not installed (scripts/deps.sh test)"; echo "0 passed, 1 failed"; exit 1
fi

vb render bc.json -o plain.docx -q
vb render bc.json -o emb.docx --embed-fonts -q
assert_rc "render --embed-fonts (DOCX)" 0
vb render bc.json -o emb.odt --embed-fonts -q
assert_rc "render --embed-fonts (ODT)" 0
check "DOCX with fonts passes check-docx --all-parts" "$TOOLS/check-docx" --all-parts emb.docx
check "ODT with fonts passes check-odt --strict" "$TOOLS/check-odt" --strict emb.odt
vb render bc.json -o emb2.docx --embed-fonts -q
check "same input, same bytes (font keys come from the font)" cmp -s emb.docx emb2.docx

assert_contains "$(part emb.docx word/settings.xml)" "<w:embedTrueTypeFonts/>" "settings: embedTrueTypeFonts"
ft=$(part emb.docx word/fontTable.xml)
assert_contains "$ft" '<w:altName w:val="Liberation Serif"/>' "Times New Roman names its metric twin"
assert_count "four embedded faces" "$ft" "w:fontKey=" 4
assert_contains "$(unzip -p emb.docx '\[Content_Types\].xml')" 'Extension="odttf"' "content type for .odttf"
# De-obfuscate each face with the key from fontTable.xml: it is the TTF.
res=$(python3 - emb.docx "$FONTDIR" <<'EOF'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ft = z.read("word/fontTable.xml").decode()
rels = z.read("word/_rels/fontTable.xml.rels").decode()
faces = {"embedRegular": "Regular", "embedBold": "Bold", "embedItalic": "Italic", "embedBoldItalic": "BoldItalic"}
ok = 0
for el, rid, key in re.findall(r'<w:(embed\w+) [^>]*r:id="([^"]+)" w:fontKey="(\{[^}]+\})"', ft):
    target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1)
    data = bytearray(z.read("word/" + target))
    k = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    for i in range(32):
        data[i] ^= k[i % 16]
    orig = open(f"{sys.argv[2]}/LiberationSerif-{faces[el]}.ttf", "rb").read()
    ok += bytes(data) == orig and bytes(z.read("word/" + target)[:32]) != orig[:32]
print(ok)
EOF
)
assert_eq "each .odttf de-obfuscates to its TTF (and is obfuscated)" "$res" 4
man=$(part emb.odt META-INF/manifest.xml)
assert_contains "$man" 'Fonts/LiberationSerif-Regular.ttf" manifest:media-type="application/x-font-ttf"' "ODT manifest lists the fonts"
assert_contains "$(part emb.odt styles.xml)" '<svg:font-face-uri xlink:href="Fonts/LiberationSerif-Bold.ttf"' "ODT font-face-src"
cmp -s <(unzip -p emb.odt Fonts/LiberationSerif-Italic.ttf) "$FONTDIR/LiberationSerif-Italic.ttf" &&
  pass "ODT holds the TTF as is" || fail "ODT font differs from the TTF"

printf '_ma\nA\nB\n' >ab.csv
vb batch ab.csv --shared bc.json -o 'b/{ma}.docx' --embed-fonts -q
assert_rc "batch --embed-fonts" 0
check "batch output has the fonts" sh -c "unzip -l b/A.docx | grep -q word/fonts/font4.odttf"

# ---- a machine without Times New Roman and without Liberation Serif ----------------
if ! command -v soffice >/dev/null 2>&1; then
  fail "no LibreOffice for the layout check (scripts/deps.sh test installs it)"; finish; exit $?
fi
mkdir -p fc
cat >fc/fonts.conf <<EOF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <cachedir>$WORK/fc/cache</cachedir>
</fontconfig>
EOF
ref=$("$TOOLS/render-pdf" plain.docx ref | awk '/^pages:/ {print $2}')
for f in plain.docx emb.docx emb.odt; do
  d="nofont-${f%.*}-${f##*.}"
  FONTCONFIG_FILE="$WORK/fc/fonts.conf" timeout 180 soffice --headless \
    -env:UserInstallation="file://$WORK/lo-nofont" --convert-to pdf --outdir "$d" "$f" >/dev/null 2>&1 || true
done
pf=$(pdffonts nofont-plain-docx/plain.pdf | tail -n +3)
assert_not_contains "$pf" "LiberationSerif" "without the fonts installed, a plain DOCX falls back to another font"
for x in emb-docx emb-odt; do
  pdf=$(ls nofont-$x/*.pdf)
  assert_contains "$(pdffonts "$pdf")" "LiberationSerif" "$x: LibreOffice uses the embedded Liberation Serif"
  assert_eq "$x: same page count as with the fonts installed" "$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')" "$ref"
done
echo "page count without fonts: plain $(pdfinfo nofont-plain-docx/plain.pdf | awk '/^Pages:/ {print $2}'), embedded $ref"
finish
