#!/usr/bin/env bash
# vanban check --render: the page of each finding, from LibreOffice's PDF of
# a private copy (nothing is written next to the document).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$WORK"
mkdir doc
/usr/bin/python3 "$VB_SOURCE_DIR/tests/fixtures/proof/make-seed-doc.py" "$VB_SHARED/seeds" \
  bc-xa-ha-tan-6thang-2024 doc/ht.docx
vb check doc/ht.docx --render --json
assert_rc "--render: errors found as without it" 1
printf '%s\n' "$VOUT" >ht.json
pages=$(/usr/bin/python3 - ht.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
pages = [f["location"]["page"] for f in d["findings"]]
assert all(p for p in pages), pages
assert pages == sorted(pages), pages
first, last = d["findings"][0], d["findings"][-1]
assert first["place"].startswith("trang %d, " % first["location"]["page"]), first["place"]
print(pages[0], pages[-1])
PY
)
read -r first last <<<"$pages"
if [ "$first" -ge 1 ] && [ "$last" -gt "$first" ]; then pass "pages in order, from $first to $last"
else fail "pages: $pages"; fi
assert_eq "nothing written next to the document" "$(ls doc)" "ht.docx"
vb check doc/ht.docx --render
assert_contains "$VOUT" "trang " "human output names the page"
finish
