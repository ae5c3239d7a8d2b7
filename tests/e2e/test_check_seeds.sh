#!/usr/bin/env bash
# vanban check on reports typed outside vanban: each seed of ../shared/seeds
# typed into a DOCX with python-docx (tests/fixtures/proof/make-seed-doc.py)
# and converted to ODT by LibreOffice. Every seed error samples/README.md
# lists that a reader of the text can see is found, at its place, and
# nothing else (tests/fixtures/proof/seed-expect.txt); the corrected copies
# (seed-corrections.json) give no finding at all.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PFIX="$VB_SOURCE_DIR/tests/fixtures/proof"
SEEDS="$VB_SHARED/seeds"
[ -d "$SEEDS" ] || { fail "missing $SEEDS (../shared)"; finish; }
cd "$WORK"
names="bc-xa-ha-tan-6thang-2024 bc-huyen-tra-bong-2023 tb-ket-luan-xa-dak-to-re-2024"
for s in $names; do
  /usr/bin/python3 "$PFIX/make-seed-doc.py" "$SEEDS" "$s" "$s.docx"
  /usr/bin/python3 "$PFIX/make-seed-doc.py" "$SEEDS" "$s" "$s-ok.docx" --corrected
done
timeout 300 soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to odt \
  --outdir "$WORK" ./*.docx >lo.log 2>&1 || { cat lo.log; fail "LibreOffice conversion"; }

# findings FILE — one line per finding: rule TAB excerpt TAB place
findings() {
  /usr/bin/python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for f in d["findings"]:
    print(f["rule"], (f["excerpt"] or "").replace("\n", " "), f["place"], sep="\t")
PY
}

for s in $names; do
  for ext in docx odt; do
    check "$s.$ext made" test -s "$s.$ext"
    vb check "$s.$ext" --json
    assert_rc "$s.$ext: errors found" 1
    printf '%s\n' "$VOUT" >"$s.$ext.json"
    got=$(findings "$s.$ext.json")
    want=$(grep -v '^#' "$PFIX/seed-expect.txt" | awk -F'\t' -v s="$s" '$1 == s')
    assert_eq "$s.$ext: as many findings as expected" "$(printf '%s\n' "$got" | grep -c .)" \
      "$(printf '%s\n' "$want" | grep -c .)"
    # each expected finding: same rule, excerpt and place starting as listed
    while IFS=$'\t' read -r _ rule excerpt place ref; do
      hit=$(printf '%s\n' "$got" | awk -F'\t' -v r="$rule" -v e="$excerpt" -v p="$place" \
        'index($2, e) == 1 && index($3, p) == 1 && $1 == r' | head -1)
      if [ -n "$hit" ]; then pass "$s.$ext: $rule at $place ($ref)"
      else fail "$s.$ext: $rule '$excerpt' at '$place' not found ($ref); got:
$got"; fi
    done <<<"$want"
    # the human text names the same places
    vb check "$s.$ext"
    assert_contains "$VOUT" "$s.$ext: " "$s.$ext: summary line"
    assert_contains "$VOUT" "LỖI (" "$s.$ext: grouped by level"

    vb check "$s-ok.$ext"
    assert_rc "$s-ok.$ext: corrected copy passes" 0
    assert_contains "$VOUT" "0 lỗi, 0 cảnh báo, 0 gợi ý" "$s-ok.$ext: no finding at all"
  done
done
finish
