#!/usr/bin/env bash
# One template, both formats (src/cli/convert.h): a DOCX template rendered
# to .odt, and an ODT template to .docx, is converted once by LibreOffice
# headless and kept in $XDG_CACHE_HOME/vanban/templates under the SHA-256 of
# its bytes. The outputs pass check-odt / check-docx and convert with
# LibreOffice to the same text as a render with the template of the right
# format; the second render takes the cached conversion and needs no
# LibreOffice (PATH stripped) and gives the same bytes. Without LibreOffice
# and without a cached conversion, render says what is missing, exits 3
# and writes nothing.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
cd "$WORK"
export XDG_CACHE_HOME="$WORK/cache"
unset VANBAN_SOFFICE
CACHE="$XDG_CACHE_HOME/vanban/templates"
S="$VB_SOURCE_DIR/samples"
BC="$S/bc-xa-ha-tan-6thang-2024.json"
TB="$S/tb-ket-luan-xa-dak-to-re-2024.json"
vb pack "$VB_SOURCE_DIR/templates/bao-cao/docx" mau.docx
vb pack "$VB_SOURCE_DIR/templates/thong-bao/odt" mau.odt

# vb_nolo [VAR=VALUE …] ARGS… — vb with PATH stripped (no soffice to find)
# and the given variables set, for the vanban process only.
vb_nolo() {
  local envs=(PATH=/nonexistent)
  while [[ $1 == *=* ]]; do envs+=("$1"); shift; done
  RC=0
  env "${envs[@]}" "$VANBAN" "$@" >"$WORK/.stdout" 2>"$WORK/.stderr" || RC=$?
  VOUT=$(cat "$WORK/.stdout")
  ERR=$(cat "$WORK/.stderr")
}

pdf_text() { # FILE — the words of LibreOffice's PDF of FILE, one space between
  local dir="pdf-$(basename "$1")"
  "$TOOLS/render-pdf" "$1" "$dir" >/dev/null 2>&1 || { echo "(render-pdf failed)"; return; }
  tr -s ' \n\t' ' ' <"$dir/$(basename "${1%.*}").txt"
}

# --- DOCX template, ODT output -------------------------------------------------
vb render "$BC" -t mau.docx -o bc.odt
assert_rc "DOCX template to .odt: renders" 0
sum=$(sha256sum mau.docx | cut -d' ' -f1)
check "the conversion is cached under the template's SHA-256" test -s "$CACHE/$sum.odt"
assert_contains "$ERR" "mau.docx đã được LibreOffice chuyển sang ODT, giữ ở $CACHE/$sum.odt" "says it converted, and where the result is"
check "bc.odt passes check-odt" "$TOOLS/check-odt" bc.odt
vb render "$BC" -o native.odt -q
# The same words in the same order as the ODT template's document. Not the
# same pages: LibreOffice's import of the DOCX appendix table (a 55-column
# grid of spans) gives its columns other widths than the ODT template's, so
# a heading such as "STT" wraps in its cell and pages break elsewhere; the
# PDF is checked for the figures that matter.
assert_eq "the document's words are the ODT template's" \
  "$(python3 "$VB_SOURCE_DIR/tests/e2e/odt_words.py" bc.odt)" "$(python3 "$VB_SOURCE_DIR/tests/e2e/odt_words.py" native.odt)"
txt=$(pdf_text bc.odt)
assert_contains "$txt" "BÁO CÁO" "its PDF has the title"
assert_contains "$txt" "895,2%" "and the computed rate"

# The cached conversion: no LibreOffice needed, same bytes, nothing said.
vb_nolo render "$BC" -t mau.docx -o bc2.odt
assert_rc "cached: renders without LibreOffice on PATH" 0
assert_not_contains "$ERR" "chuyển sang ODT" "cached: no conversion"
assert_eq "cached: the same bytes" "$(sha256sum <bc2.odt)" "$(sha256sum <bc.odt)"

# update: the document rendered from the DOCX template is updated with it
# (the same cached conversion, so the same tags).
/usr/bin/python3 - "$BC" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["van_ban"]["ky"]["ho_ten"] = "Trần Văn Mới"
json.dump(d, open("moi.json", "w", encoding="utf-8"), ensure_ascii=False)
EOF2
vb_nolo update bc.odt moi.json -t mau.docx -o bc-moi.odt -q
assert_rc "update of the .odt with the DOCX template" 0
assert_contains "$(part bc-moi.odt content.xml)" "Trần Văn Mới" "update: the new signer is in"

# A template under another name with the same bytes uses the same conversion.
cp mau.docx "khác tên.docx"
vb_nolo render "$BC" -t "khác tên.docx" -o bc3.odt -q
assert_rc "same bytes, other name: the cached conversion" 0

# batch takes the same cached conversion for every unit.
echo '[{"_ma": "a"}, {"_ma": "b"}]' >units.json
vb_nolo batch units.json --shared "$BC" -t mau.docx -o 'lo/{ma}.odt' -q
assert_rc "batch: a DOCX template for .odt outputs, from the cache" 0
assert_eq "batch: the units' documents are the render's" "$(sha256sum <lo/a.odt) $(sha256sum <lo/b.odt)" \
  "$(sha256sum <bc.odt) $(sha256sum <bc.odt)"

# --- ODT template, DOCX output -------------------------------------------------
vb render "$TB" -t mau.odt -o tb.docx -q
assert_rc "ODT template to .docx: renders" 0
assert_eq "-q: nothing said" "$ERR" ""
check "the conversion is cached" test -s "$CACHE/$(sha256sum mau.odt | cut -d' ' -f1).docx"
check "tb.docx passes check-docx" "$TOOLS/check-docx" tb.docx
txt=$(pdf_text tb.docx)
assert_contains "$txt" "THÔNG BÁO" "DOCX from the ODT template: LibreOffice reads it"
assert_contains "$txt" "=> Giao VHTT tham mưu khắc phục." "DOCX from the ODT template: the body is filled"
assert_not_contains "$txt" "{{" "DOCX from the ODT template: no tag left"

# --- Without LibreOffice -------------------------------------------------------
echo old >kept.odt
vb_nolo XDG_CACHE_HOME="$WORK/empty-cache" render "$BC" -t mau.docx -o kept.odt
assert_rc "no LibreOffice, nothing cached: refused" 3
assert_contains "$ERR" "mau.docx: lỗi: mẫu là DOCX còn tệp ra là ODT: chuyển đổi mẫu cần LibreOffice (soffice), mà không tìm thấy nó trên PATH; chưa ghi gì [convert.soffice]" "names the template and what is missing"
assert_contains "$ERR" "apt-get install libreoffice-writer-nogui" "says how to install it"
assert_eq "the existing output is untouched" "$(cat kept.odt)" old
vb_nolo XDG_CACHE_HOME="$WORK/empty-cache" render "$BC" -t mau.docx -o new.odt
check "nothing written" test ! -e new.odt
check "nothing cached" test ! -e "$WORK/empty-cache/vanban/templates"

# A template that is neither .docx nor .odt is not converted.
cp mau.docx mau.zip
vb render "$BC" -t mau.zip -o x.odt
assert_rc "a .zip template for an .odt output: usage error" 4
finish
