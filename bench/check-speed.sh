#!/usr/bin/env bash
# The speed of `vanban check` on a long report (not a timed test): the Hà
# Tân seed typed as a DOCX with its body repeated to ~300 pages, its ODT
# conversion, both checked N times; prints the page count and the median
# CPU time (user + system) and wall time of a whole `vanban check` process.
#   bench/check-speed.sh [BUILD_DIR] [N]      (default build-bench, 10)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
build=${1:-$src/build-bench}
n=${2:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 "$here/data/gen-check-doc.py" "$src/../shared/seeds" "$work/long.docx" 250
soffice --headless -env:UserInstallation="file://$work/lo" --convert-to odt --outdir "$work" \
  "$work/long.docx" >/dev/null 2>&1
soffice --headless -env:UserInstallation="file://$work/lo" --convert-to pdf --outdir "$work" \
  "$work/long.docx" >/dev/null 2>&1
echo "pages: $(pdfinfo "$work/long.pdf" | awk '/^Pages:/ {print $2}'), $(stat -c %s "$work/long.docx") bytes DOCX"
for f in long.docx long.odt; do
  for i in $(seq "$n"); do
    /usr/bin/time -f "%U %S %e %M" -o "$work/t" "$build/vanban" check "$work/$f" >/dev/null || true
    tail -1 "$work/t" | awk '{printf "%.3f %.3f %d\n", $1 + $2, $3, $4}'
  done | sort -n | awk -v f="$f" '{cpu[NR] = $1; wall[NR] = $2; rss = $3} END {
    m = int((NR + 1) / 2); printf "%s: CPU %.2f s (median of %d, min %.2f, max %.2f), wall %.2f s, peak RSS %d KB\n",
    f, cpu[m], NR, cpu[1], cpu[NR], wall[m], rss}'
done
