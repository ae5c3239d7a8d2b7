#!/usr/bin/env bash
# vanban check on hostile and broken documents: the corpus of
# tests/fixtures/hostile (zip bomb, compression ratio, bad entry names, duplicates,
# encryption, billion laughs, XXE) plus files that are no document at all.
# Each one is refused with a clear message naming the file, never a crash
# (a sanitizer report fails the test through lib.sh).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

cd "$WORK"
export PYTHONWARNINGS=ignore
# the corpus generator test_hostile.sh and the server's tests use
mk() { python3 "$VB_SOURCE_DIR/tests/fixtures/hostile/make_package.py" "$1"; }

# refused FILE NEEDLE DESC
refused() {
  vb check "$1"
  if [ "$RC" -ne 0 ]; then pass "$3: refused (exit $RC)"; else fail "$3: accepted"; fi
  assert_contains "$ERR" "$2" "$3: says why"
  assert_contains "$ERR" "$1" "$3: names the file"
}

mk good
vb check good.docx
assert_rc "the control document is read" 0
mk bomb
refused bomb.docx 'tối đa cho một mục là 268435456' "zip bomb"
mk ratio
refused ratio.docx 'bom zip' "compression ratio"
mk dotdot
refused dotdot.docx "có đoạn đường dẫn '..'" "entry named ../evil.xml"
mk absolute
refused absolute.docx 'có tên là một đường dẫn tuyệt đối' "absolute entry name"
mk backslash
refused backslash.docx 'có dấu gạch ngược trong tên' "backslash in a name"
mk duplicate
refused duplicate.docx 'có hai lần' "duplicate entries"
mk laughs
refused laughs.docx 'phần của gói không được có DOCTYPE' "billion laughs"
assert_not_contains "$ERR" "lollollol" "billion laughs: nothing expanded"
mk xxe
refused xxe.docx 'phần của gói không được có DOCTYPE' "XXE (DOCX)"
assert_not_contains "$ERR$VOUT" "root:" "XXE (DOCX): /etc/passwd never shows"
mk xxe-odt
refused xxe.odt 'phần của gói không được có DOCTYPE' "XXE (ODT)"
assert_not_contains "$ERR$VOUT" "root:" "XXE (ODT): /etc/passwd never shows"

# not documents at all
printf 'PK\003\004 this is not a zip' >truncated.docx
refused truncated.docx 'truncated.docx' "a truncated zip"
python3 -c '
import zipfile
with zipfile.ZipFile("sheet.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", "<x/>")
with zipfile.ZipFile("nothing.docx", "w") as z:
    z.writestr("hello.txt", "hi")
with zipfile.ZipFile("nomain.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")'
refused sheet.ods 'không phải văn bản: loại' "a spreadsheet"
refused nothing.docx 'không phải tệp Word hay OpenDocument' "a zip of something else"
refused nomain.docx 'không phải văn bản Word' "a package without a main part"
printf '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old binary .doc' >old.doc
refused old.doc 'old.doc' "an old binary .doc"
: >empty.docx
refused empty.docx 'empty.docx' "an empty file"
mkdir dir.docx
refused dir.docx 'dir.docx' "a directory"
refused missing.docx 'missing.docx' "a missing file"
finish
