#!/usr/bin/env bash
# A user's own wording without XML: docs/adapting-templates.md, run as
# written. Its ```sh blocks run in order in an empty folder holding a
# sample report as bao-cao.json (`vanban` is the built CLI); between the
# blocks before its step 3 and those after, LibreOffice itself
# (tests/fixtures/templates/lo-reword.py, UNO) rewords MAU.docx and saves it
# as DOCX under the same name: "Nơi nhận:" → "Nơi gửi:", a table heading, a
# word typed next to a tag, and half of {{ van_ban.trich_yeu }} made bold so
# the tag is split across runs. The renders must use the new wording, fill
# the split tag, pass check-docx/check-odt and convert with LibreOffice.
# The same round trip in ODT (export -o MAU.odt, reword, render), and the
# exported templates themselves: the shipped bytes, check-docx/check-odt
# --strict, LibreOffice opens them; an unknown name is refused.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
DOC="$VB_SOURCE_DIR/docs/adapting-templates.md"
REWORD="$VB_SOURCE_DIR/tests/fixtures/templates/lo-reword.py"
SAMPLE="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"
export XDG_CACHE_HOME="$WORK/cache"
unset VANBAN_SOFFICE

# The ```sh blocks of the page, each with the number of its "## N." section.
mkdir -p "$WORK/blocks"
awk -v dir="$WORK/blocks" '
  /^## [0-9]+\./ { sec = $2 + 0 }
  /^```sh$/ { n++; f = sprintf("%s/%02d-%d.sh", dir, n, sec); inb = 1; next }
  /^```$/ && inb { inb = 0; close(f); next }
  inb { print > f }' "$DOC"
nblocks=$(ls "$WORK/blocks" | wc -l)
[ "$nblocks" -ge 4 ] && pass "docs/adapting-templates.md has $nblocks command blocks" || fail "too few command blocks in the page"

# run_blocks WHICH — the blocks of sections before (lt) or after (gt) step 3.
run_blocks() {
  for b in "$WORK"/blocks/*.sh; do
    local sec=${b##*-}; sec=${sec%.sh}
    if [ "$1" = lt ] && [ "$sec" -ge 3 ]; then continue; fi
    if [ "$1" = gt ] && [ "$sec" -le 3 ]; then continue; fi
    printf 'set -euo pipefail\nvanban() { "$VANBAN" "$@"; }\n' >"$WORK/run.sh"
    cat "$b" >>"$WORK/run.sh"
    if (cd "$WORK/doc" && VANBAN="$VANBAN" bash "$WORK/run.sh" >"$WORK/block.out" 2>&1); then
      pass "docs block $(basename "$b" .sh) runs: $(grep -v '^ *#' "$b" | tr '\n' ';' | head -c 120)"
    else
      fail "docs block $(basename "$b" .sh) failed: $(head -c 600 "$WORK/block.out")"
    fi
  done
}

mkdir -p "$WORK/doc"
cp "$SAMPLE" "$WORK/doc/bao-cao.json"
run_blocks lt
check "MAU.docx exported" test -s "$WORK/doc/MAU.docx"

# Step 3: LibreOffice edits the wording and saves it under the same name.
cd "$WORK/doc"
if timeout 300 /usr/bin/python3 "$REWORD" "$WORK/lo" MAU.docx MAU.docx >"$WORK/reword.log" 2>&1; then
  pass "LibreOffice rewords MAU.docx and saves it as DOCX ($(tr '\n' ';' <"$WORK/reword.log"))"
else
  fail "lo-reword.py: $(cat "$WORK/reword.log")"
fi
xml=$(part MAU.docx word/document.xml)
assert_contains "$xml" '<w:t>trich</w:t>' "the edit split {{ van_ban.trich_yeu }} across runs"
assert_not_contains "$xml" '{{ van_ban.trich_yeu }}' "the tag is no longer in one piece"
assert_contains "$xml" 'Nơi gửi:' "the new wording is in the template"
run_blocks gt

subject=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["van_ban"]["trich_yeu"].split("\n")[0])' bao-cao.json)
for out in bao-cao.docx bao-cao.odt; do
  fmt=${out##*.}
  check "$out written" test -s "$out"
  check "$out passes check-$fmt" "$TOOLS/check-$fmt" "$out"
  if "$TOOLS/render-pdf" "$out" "pdf-$fmt" >/dev/null 2>&1; then
    txt=$(tr -s ' \n' ' ' <"pdf-$fmt/bao-cao.txt")
    assert_contains "$txt" "Nơi gửi:" "$out: the new wording"
    assert_not_contains "$txt" "Nơi nhận:" "$out: not the old wording"
    assert_contains "$txt" "Kính gửi các cơ quan:" "$out: the word typed next to a tag"
    assert_contains "$txt" "$subject" "$out: the split tag is filled"
    assert_not_contains "$txt" "{{" "$out: no tag left"
    assert_not_contains "$txt" "{%" "$out: no block tag left"
  else
    fail "$out: LibreOffice could not convert it"
  fi
done

# --- The same in ODT ----------------------------------------------------------
vb template export bao-cao -o MAU.odt
assert_rc "export -o MAU.odt" 0
if timeout 300 /usr/bin/python3 "$REWORD" "$WORK/lo" MAU.odt MAU-moi.odt >"$WORK/reword.log" 2>&1; then
  pass "LibreOffice rewords MAU.odt and saves it as ODT"
else
  fail "lo-reword.py (ODT): $(cat "$WORK/reword.log")"
fi
assert_contains "$(part MAU-moi.odt content.xml)" '{{ van_ban.<text:span' "ODT: the edit split the tag across a span"
vb render bao-cao.json -t MAU-moi.odt -o tu-odt.odt -q
assert_rc "ODT: renders with the reworded template" 0
check "ODT: passes check-odt" "$TOOLS/check-odt" tu-odt.odt
if "$TOOLS/render-pdf" tu-odt.odt pdf-tu >/dev/null 2>&1; then
  txt=$(tr -s ' \n' ' ' <pdf-tu/tu-odt.txt)
  assert_contains "$txt" "Nơi gửi:" "ODT: the new wording"
  assert_contains "$txt" "Kính gửi các cơ quan:" "ODT: the word typed next to a tag"
  assert_contains "$txt" "$subject" "ODT: the split tag is filled"
  assert_not_contains "$txt" "{{" "ODT: no tag left"
else
  fail "tu-odt.odt: LibreOffice could not convert it"
fi

# --- The exported templates ----------------------------------------------------
for name in bao-cao thong-bao; do
  for fmt in docx odt; do
    vb template export "$name" -o "x-$name.$fmt"
    assert_rc "export $name.$fmt" 0
    vb pack "$VB_SOURCE_DIR/templates/$name/$fmt" "ref-$name.$fmt"
    assert_eq "$name.$fmt: the shipped template's bytes (its sources packed)" \
      "$(sha256sum <"x-$name.$fmt")" "$(sha256sum <"ref-$name.$fmt")"
    check "$name.$fmt: check-$fmt --strict" "$TOOLS/check-$fmt" --strict "x-$name.$fmt"
  done
done
if "$TOOLS/render-pdf" x-thong-bao.odt pdf-x >/dev/null 2>&1; then
  assert_contains "$(cat pdf-x/x-thong-bao.txt)" "{{ van_ban.trich_yeu }}" "LibreOffice opens an exported template and shows its tags"
else
  fail "LibreOffice could not open x-thong-bao.odt"
fi
vb template export bao-cao
assert_rc "export without -o" 0
check "writes bao-cao.docx" test -s bao-cao.docx
vb template export bao_cao -o y.docx
assert_rc "an unknown template is refused" 4
assert_contains "$ERR" "các mẫu có sẵn là bao-cao (BÁO CÁO) và thong-bao" "names the shipped ones"
check "nothing written" test ! -e y.docx
vb template export bao-cao -o y.pdf
assert_rc "a .pdf output is refused" 4
finish
