#!/usr/bin/env bash
# A rendered document records what made it — the template's file name, its
# tags (a short hash) and vanban's version — as custom document properties
# (DOCX docProps/custom.xml, ODT meta:user-defined), which Word and
# LibreOffice show and keep. `vanban update` checks them: a document made
# from a template of its own is refused with the shipped one (naming the
# template it was made from) and updated with -t; an updated document
# records them again; a document without them (older vanban) is updated.
# Every output passes check-docx/check-odt --strict and converts with
# LibreOffice.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DATA="$VB_SOURCE_DIR/tests/fixtures/model/bao-cao.json"
cd "$WORK"

/usr/bin/python3 - "$DATA" new.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["nhom_chi_tieu"][0]["chi_tieu"][1]
c["ket_qua"]["tu"] = c["ket_qua"]["tu"] - 1
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False)
EOF

# props FILE — the custom properties, one "name=value" a line.
props() {
  /usr/bin/python3 - "$1" <<'EOF'
import re, sys, zipfile
f = sys.argv[1]
with zipfile.ZipFile(f) as z:
    if f.endswith(".docx"):
        x = z.read("docProps/custom.xml").decode()
        for name, value in re.findall(r'<property [^>]*name="([^"]+)"[^>]*>\s*<vt:lpwstr>([^<]*)<', x):
            print(f"{name}={value}")
    else:
        x = z.read("meta.xml").decode()
        for name, value in re.findall(r'<meta:user-defined meta:name="([^"]+)"[^>]*>([^<]*)<', x):
            print(f"{name}={value}")
EOF
}

valid() {
  if [ "${1##*.}" = docx ]; then "$TOOLS/check-docx" --strict "$1"; else "$TOOLS/check-odt" --strict "$1"; fi
}

version=$("$VANBAN" --version | grep -o '[0-9][0-9.]*' | head -1)
for ext in docx odt; do
  # 1. What a render records.
  vb render "$DATA" -o "gen.$ext" -q
  assert_rc "$ext: render" 0
  p=$(props "gen.$ext")
  assert_contains "$p" "vanban.template=bao-cao.$ext" "$ext: the template is recorded"
  assert_contains "$p" "vanban.version=$version" "$ext: vanban's version is recorded"
  tags=$(printf '%s\n' "$p" | sed -n 's/^vanban.template.tags=//p')
  [ -n "$tags" ] && pass "$ext: the template's tags are recorded ($tags)" || fail "$ext: no tags recorded"
  check "$ext: the rendered document passes --strict" valid "gen.$ext"
  vb render "$DATA" -o "plain.$ext" --no-marks -q
  assert_eq "$ext: --no-marks records nothing (nothing to update)" "$(props "plain.$ext" 2>/dev/null || true)" ""

  # 2. A template of one's own (one tag differs): its documents say so.
  mkdir -p "own-$ext"
  cp -r "$VB_SOURCE_DIR/templates/bao-cao/$ext/." "own-$ext/"
  body="own-$ext/word/document.xml"
  [ "$ext" = odt ] && body="own-$ext/content.xml"
  sed -i 's/{{ van_ban.trich_yeu }}/{{ van_ban.trich_yeu | hoa }}/' "$body"
  vb pack "own-$ext" "rieng.$ext"
  assert_rc "$ext: pack a template of one's own" 0
  vb render "$DATA" -t "rieng.$ext" -o "own.$ext" -q
  assert_rc "$ext: render with it" 0
  p=$(props "own.$ext")
  assert_contains "$p" "vanban.template=rieng.$ext" "$ext: the own template is recorded"
  assert_not_contains "$p" "vanban.template.tags=$tags" "$ext: its tags are other tags"
  echo previous >"out-own.$ext"
  vb update "own.$ext" new.json -o "out-own.$ext"
  assert_rc "$ext: update with the shipped template is refused" 4
  assert_contains "$ERR" "own.$ext: lỗi: văn bản được tạo từ mẫu \"rieng.$ext\" (vanban $version)" \
    "$ext: the message names the document and the template it was made from"
  assert_contains "$ERR" "gợi ý: chỉ ra mẫu đã dùng để tạo văn bản bằng -t" "$ext: the hint says what to do"
  assert_eq "$ext: nothing written" "$(cat "out-own.$ext")" previous
  vb update "own.$ext" new.json -t "rieng.$ext" -o "out-own.$ext"
  assert_rc "$ext: update with -t the own template" 0
  assert_contains "$(props "out-own.$ext")" "vanban.template=rieng.$ext" "$ext: the update records it again"
  check "$ext: the updated document passes --strict" valid "out-own.$ext"

  # 3. A document without the record (made before it existed) is updated,
  #    and then has it.
  /usr/bin/python3 - "gen.$ext" "old.$ext" <<'EOF'
import re, sys, zipfile
src, dst = sys.argv[1:3]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as o:
    for i in z.infolist():
        b = z.read(i.filename)
        if i.filename == "docProps/custom.xml":
            continue
        t = b.decode() if i.filename.endswith((".xml", ".rels")) else None
        if t is not None:
            t = re.sub(r'<Override PartName="/docProps/custom.xml"[^>]*/>', "", t)
            t = re.sub(r'<Relationship Id="[^"]*" Type="[^"]*custom-properties"[^>]*/>', "", t)
            t = re.sub(r'<meta:user-defined meta:name="vanban[^"]*">[^<]*</meta:user-defined>', "", t)
            b = t.encode()
        o.writestr(i, b, compress_type=zipfile.ZIP_STORED if i.filename == "mimetype" else zipfile.ZIP_DEFLATED)
EOF
  assert_eq "$ext: the old-style document has no record" "$(props "old.$ext" 2>/dev/null | grep -c vanban || true)" 0
  check "$ext: the old-style document passes --strict" valid "old.$ext"
  vb update "old.$ext" new.json -o "out-old.$ext" -q
  assert_rc "$ext: a document without the record is updated" 0
  assert_contains "$(props "out-old.$ext")" "vanban.template.tags=$tags" "$ext: and records what made it"
  check "$ext: the result passes --strict" valid "out-old.$ext"

  # 4. LibreOffice keeps the record when it saves the document, and update
  #    still finds it.
  lo_convert "gen.$ext" "$ext" lo >/dev/null || true
  check "$ext: LibreOffice saves the document" test -s "lo/gen.$ext"
  assert_contains "$(props "lo/gen.$ext")" "vanban.template.tags=$tags" "$ext: LibreOffice keeps the record"
  vb update "lo/gen.$ext" new.json -o "out-lo.$ext" -q
  assert_rc "$ext: update of the LibreOffice-saved document" 0
  assert_contains "$(props "out-lo.$ext")" "vanban.template=bao-cao.$ext" "$ext: the record is still there"
  if [ "$ext" = docx ]; then check "$ext: it passes check-docx" "$TOOLS/check-docx" "out-lo.$ext"
  else check "$ext: it passes check-odt" "$TOOLS/check-odt" "out-lo.$ext"; fi
  for f in "own.$ext" "out-own.$ext" "out-old.$ext" "out-lo.$ext"; do
    check "$f converts with LibreOffice" "$TOOLS/render-pdf" "$f" "pdf-${f%.*}-$ext"
  done
done

finish
