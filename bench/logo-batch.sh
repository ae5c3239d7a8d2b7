#!/usr/bin/env bash
# What a logo costs in a batch: N documents (default 1,000) from one small
# template of one's own, once with a 50 KB PNG placed by {{ logo | hinh }} in
# each document and once with the same value printed as text, both through
# `vanban batch -j J` (default 1). The picture is decoded once for the whole
# batch (the template's media cache) and its bytes copied into each package;
# to show that this is all it costs, the same N × 50 KB are also written
# into as many files by one process. Prints CPU (user+sys) and wall for each run, the
# outputs' total size, and the cost per document of the logo next to the
# cost per file of copying it. Each batch runs three times; the least is
# shown (the figures are for a quiet machine).
#   bench/logo-batch.sh [VANBAN] [-n N] [-j J]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vanban=$root/build-rel/vanban
[ -x "$vanban" ] || vanban=$root/build/vanban
n=1000 j=1
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -j) j=$2; shift 2 ;;
    *) vanban=$1; shift ;;
  esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/vb-logo-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

# A 50 KB PNG that does not compress (noise), a template with a title, the
# logo and a paragraph, and a unit list of n communes.
/usr/bin/python3 - "$n" <<'EOF'
import os, random, struct, sys, zlib, csv, zipfile
random.seed(1)
w = h = 128
raw = b"".join(b"\0" + bytes(random.getrandbits(8) for _ in range(w * 3)) for _ in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
open("logo.png", "wb").write(png)
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
def p(t):
    return f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
for name, tag in (("hinh", '{{ logo | hinh(rong="30mm") }}'), ("chu", "{{ logo }}")):
    body = p("{{ van_ban.ten_co_quan }}") + p(tag) + p("Báo cáo kết quả chuyển đổi số của {{ van_ban.ten_co_quan }}.")
    with zipfile.ZipFile(f"{name}.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>')
n = int(sys.argv[1])
with open("don-vi.csv", "w", newline="", encoding="utf-8") as f:
    c = csv.writer(f)
    c.writerow(["ma", "van_ban.ten_co_quan", "logo"])
    for i in range(n):
        c.writerow([f"XA{i:04d}", f"UBND xã Số {i}", "logo.png"])
EOF
echo "logo.png: $(stat -c %s logo.png) bytes; $n documents, -j $j; $("$vanban" --version 2>/dev/null | head -1)"

run() { # run NAME LABEL: batch with template NAME.docx into out-NAME/, the
  # least CPU (user+sys) and wall of three runs, one line
  local name=$1 t0 t1 cpu wall best=999999 bestw=999999 k
  for k in 1 2 3; do
    rm -rf "out-$name"
    sync
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "time-$name" "$vanban" batch don-vi.csv -t "$name.docx" --raw \
      -o "out-$name/{ma}.docx" -j "$j" -q >/dev/null 2>&1
    t1=$(date +%s.%N)
    cpu=$(awk '{print $1 + $2}' "time-$name")
    wall=$(echo "$t1 - $t0" | bc)
    best=$(awk -v a="$cpu" -v b="$best" 'BEGIN { print (a < b ? a : b) }')
    bestw=$(awk -v a="$wall" -v b="$bestw" 'BEGIN { print (a < b ? a : b) }')
  done
  printf '%-28s CPU %6.2f s  wall %6.2f s  outputs %8d KB  (least of 3)\n' "$2" "$best" \
    "$bestw" "$(du -sk "out-$name" | cut -f1)"
  echo "$best" >"cpu-$name"
}
run chu "value as text (no picture)"
run hinh "the logo in every document"
mkdir copies
sync
t0=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o time-cp /usr/bin/python3 -c '
import sys
data = open("logo.png", "rb").read()
for i in range(int(sys.argv[1])):
    with open(f"copies/{i}.png", "wb") as f:
        f.write(data)' "$n"
t1=$(date +%s.%N)
cpu_cp=$(awk '{print $1 + $2}' time-cp)
printf '%-28s CPU %6.2f s  wall %6.2f s  (one process writing them)\n' "the logo's bytes, $n files" \
  "$cpu_cp" "$(echo "$t1 - $t0" | bc)"
decoded=$(awk -v a="$(cat cpu-hinh)" -v b="$(cat cpu-chu)" -v n="$n" 'BEGIN { printf "%.3f", (a - b) * 1000 / n }')
echo "the logo costs $decoded ms of CPU per document; writing its bytes to a file $(awk -v a="$cpu_cp" -v n="$n" 'BEGIN { printf "%.3f", a * 1000 / n }') ms"
