#!/usr/bin/env bash
# A DOCTYPE (billion laughs, XXE) in a template part that has no tag at all.
# docs/packages.md: "DOCTYPE is refused outright" in package parts. The
# template compiler only parses parts that contain a '{' (src/tpl/package.c,
# vb_tpl_package_compile), so such a part would not be parsed and would be
# copied into the output, DOCTYPE and entities included, for Word or
# LibreOffice to expand later. It must be refused, like a part with tags.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$WORK"

python3 - <<'PY'
import zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
LAUGHS = ('<!DOCTYPE w:document [<!ENTITY lol "lol">' +
          ''.join(f'<!ENTITY lol{i} "' + f'&lol{i - 1 if i > 1 else ""};' * 10 + '">'
                  for i in range(1, 10)) + ']>')
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
def doc(prolog, text):
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {W}><w:body><w:p><w:r>'
            f'<w:t>{text}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>')
for name, prolog, text in (('laughs', LAUGHS, '&lol9;'), ('xxe', XXE, '&xxe;')):
    with zipfile.ZipFile(name + '.docx', 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('word/document.xml', doc(prolog, text))
PY
printf '{"ten": "x"}\n' >data.json

for t in laughs xxe; do
  mkdir -p "out-$t"
  printf 'previous\n' >"out-$t/old.docx"
  vb render data.json -t "$t.docx" -o "out-$t/new.docx"
  assert_rc "$t DOCTYPE in a part without tags is refused" 2
  assert_contains "$ERR" "phần của gói không được có DOCTYPE" "$t: error text"
  assert_not_contains "$ERR${VOUT:-${OUT:-}}" "root:" "$t: /etc/passwd never shows"
  assert_eq "$t: no output written" "$(ls -A "out-$t")" "old.docx"
  if [ -e "out-$t/new.docx" ] && part "out-$t/new.docx" word/document.xml | grep -q '<!DOCTYPE'; then
    fail "$t: the DOCTYPE was copied into the output"
  fi
done
finish
