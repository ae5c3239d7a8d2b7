#!/usr/bin/env bash
# vanban check --annotate: the document back with one comment per finding,
# anchored at the text the finding is about, author "vanban". The output
# passes check-docx / check-odt; every part but the ones holding text and
# comments is byte for byte the input's; the text reads the same and checks
# the same; and the comments survive a LibreOffice round trip with their
# anchors.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PFIX="$VB_SOURCE_DIR/tests/fixtures/proof"
cd "$WORK"
/usr/bin/python3 "$PFIX/make-seed-doc.py" "$VB_SHARED/seeds" tb-ket-luan-xa-dak-to-re-2024 typed.docx
vb render "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" -o rendered.docx
vb render "$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json" -o rendered.odt
timeout 300 soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to odt \
  --outdir "$WORK" typed.docx >lo.log 2>&1 || fail "LibreOffice conversion"

# excerpts FILE.json — the findings' excerpts, one per line, in order
excerpts() {
  /usr/bin/python3 -c '
import json, sys
for f in json.load(open(sys.argv[1], encoding="utf-8"))["findings"]:
    print((f["excerpt"] or "").replace("\n", " "))' "$1"
}
# same_parts IN OUT SKIP… — every entry of IN but SKIP is in OUT with the same bytes
same_parts() {
  /usr/bin/python3 - "$@" <<'PY'
import sys, zipfile
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
skip = set(sys.argv[3:])
bad = [n for n in a.namelist() if n not in skip and a.read(n) != b.read(n)]
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
}

for doc in typed.docx typed.odt rendered.docx rendered.odt; do
  ext=${doc##*.}
  out="ann-$doc"
  vb check "$doc" --json
  printf '%s\n' "$VOUT" >"$doc.json"
  n=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' "$doc.json")
  vb check "$doc" --annotate "$out"
  check "$doc: annotated file written" test -s "$out"
  if [ "$ext" = docx ]; then
    check "$doc: annotated passes check-docx" "$TOOLS/check-docx" "$out"
    check "$doc: other parts unchanged" same_parts "$doc" "$out" word/document.xml \
      word/_rels/document.xml.rels '[Content_Types].xml' word/comments.xml
  else
    check "$doc: annotated passes check-odt" "$TOOLS/check-odt" "$out"
    check "$doc: other parts unchanged" same_parts "$doc" "$out" content.xml
  fi
  /usr/bin/python3 "$PFIX/comments.py" "$out" >comments.txt
  assert_eq "$doc: one comment per finding" "$(grep -c . comments.txt)" "$n"
  assert_eq "$doc: every comment by vanban" "$(cut -f1 comments.txt | sort -u)" "vanban"
  assert_eq "$doc: anchors are the findings' text" "$(cut -f2 comments.txt)" "$(excerpts "$doc.json")"
  assert_contains "$(cut -f3 comments.txt)" "cần:" "$doc: comments say what is expected"
  # the text is the same: the same findings
  vb check "$out" --json
  printf '%s\n' "$VOUT" >"$out.json"
  assert_eq "$doc: annotated copy checks the same" "$(excerpts "$out.json")" "$(excerpts "$doc.json")"

  # LibreOffice round trip: open and save in the same format
  mkdir -p rt
  timeout 300 soffice --headless -env:UserInstallation="file://$WORK/lo-profile" \
    --convert-to "$ext" --outdir rt "$out" >lo.log 2>&1 || fail "$doc: round trip"
  /usr/bin/python3 "$PFIX/comments.py" "rt/$out" >rt.txt
  assert_eq "$doc: comments survive LibreOffice" "$(grep -c . rt.txt)" "$n"
  assert_eq "$doc: anchors survive LibreOffice" "$(cut -f2 rt.txt)" "$(cut -f2 comments.txt)"
done

# a DOCX that has comments already: its comments part and the parts that
# name it keep their bytes, ours are added after its own
vb check ann-typed.docx --annotate twice.docx
check "annotating a commented document passes check-docx" "$TOOLS/check-docx" twice.docx
/usr/bin/python3 "$PFIX/comments.py" twice.docx >twice.txt
assert_eq "both rounds of comments are there" "$(grep -c . twice.txt)" "$((2 * $(grep -c . <(/usr/bin/python3 "$PFIX/comments.py" ann-typed.docx))))"
kept=$(/usr/bin/python3 - typed.docx ann-typed.docx twice.docx <<'PY'
import sys, zipfile
a, b, c = (zipfile.ZipFile(p) for p in sys.argv[1:4])
ok = []
# the relationships and content types: the input's bytes up to the closing tag, then ours
for name in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
    x, y = a.read(name), b.read(name)
    ok.append(y.startswith(x[:x.rindex(b"</")]))
# the comments part: the first round's bytes up to the closing tag
x, y = b.read("word/comments.xml"), c.read("word/comments.xml")
ok.append(y.startswith(x[:x.rindex(b"</")]))
print(" ".join("yes" if k else "no" for k in ok))
PY
)
assert_eq "appended parts keep their bytes" "$kept" "yes yes yes"

vb check "$VB_SOURCE_DIR/samples/tb-ket-luan-xa-dak-to-re-2024.json" --annotate x.docx
assert_rc "--annotate on data is refused" 4
check "nothing written for data" test ! -e x.docx
finish
