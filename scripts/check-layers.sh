#!/usr/bin/env bash
# The layers of src/ are enforced: the include graph between the folders of
# src/ (derived from every #include "…" line) may only have the edges that
# the module map of docs/architecture.md allows (its "may include" column and
# its known exceptions). Any other edge fails, naming the file and the
# include; so does a folder the map does not list.
#   scripts/check-layers.sh [SOURCE_DIR]
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root"
doc=docs/architecture.md
[ -f "$doc" ] || { echo "check-layers: $doc is missing" >&2; exit 2; }

# One "module dep dep …" line per table row between the check-layers
# markers: the first cell names the module; the cell under the header that
# says "include" holds its allowed includes, backquoted.
allowed=$(awk '
  /<!-- check-layers: begin/ { on = 1; next }
  /<!-- check-layers: end/ { on = 0 }
  !on || !/^\|/ { next }
  {
    n = split($0, cell, "|")
    if (cell[2] ~ /^ *module *$/) {
      col = 0
      for (i = 3; i < n; i++) if (cell[i] ~ /include/) col = i
      next
    }
    if (cell[2] !~ /^ *`[a-z_]+` *$/ || !col) next
    m = cell[2]; gsub(/[ `]/, "", m)
    deps = ""; rest = cell[col]
    while (match(rest, /`[a-z_]+`/)) {
      deps = deps " " substr(rest, RSTART + 1, RLENGTH - 2)
      rest = substr(rest, RSTART + RLENGTH)
    }
    print m deps
  }' "$doc")
[ -n "$allowed" ] || { echo "check-layers: no module map found in $doc" >&2; exit 2; }

files=$(find src -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)
headers=$(find src include -type f -name '*.h')

# file:line:#include "x" for every quoted include, checked in one awk pass.
{
  printf '%s\n' "$allowed" | sed 's/^/ALLOW /'
  printf '%s\n' "$headers" | sed 's/^/HEADER /'
  ls -d src/*/ | sed 's#^src/##; s#/$##; s/^/MODULE /'
  # shellcheck disable=SC2086
  grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' $files | sed 's/^/INCLUDE /' || true
} | awk '
  # Resolve "a/../b" and "./" in a path.
  function norm(p,   n, i, k, seg, out) {
    n = split(p, seg, "/"); k = 0
    for (i = 1; i <= n; i++) {
      if (seg[i] == "." || seg[i] == "") continue
      if (seg[i] == ".." && k > 0) { k--; continue }
      out[++k] = seg[i]
    }
    p = ""
    for (i = 1; i <= k; i++) p = p (i > 1 ? "/" : "") out[i]
    return p
  }
  $1 == "ALLOW" { listed[$2] = 1; for (i = 3; i <= NF; i++) ok[$2 " " $i] = 1; next }
  $1 == "HEADER" { have[$2] = 1; next }
  $1 == "MODULE" { if (!($2 in listed)) { print "check-layers: src/" $2 " is not in the module map of docs/architecture.md"; bad = 1 } next }
  $1 == "INCLUDE" {
    line = substr($0, 9)
    file = line; sub(/:.*/, "", file)
    inc = line; sub(/^[^"]*"/, "", inc); sub(/".*/, "", inc)
    split(file, part, "/"); m = part[2]
    dir = file; sub(/\/[^\/]*$/, "", dir)
    if (norm(dir "/" inc) in have) target = norm(dir "/" inc)
    else if (norm("src/" inc) in have) target = norm("src/" inc)
    else if (norm("include/" inc) in have) next  # vanban.h: every layer may use its types
    else { print file ": #include \"" inc "\": no such header in src/ or include/"; bad = 1; next }
    if (target !~ /^src\//) { print file ": #include \"" inc "\": outside src/"; bad = 1; next }
    split(target, tp, "/"); t = tp[2]
    if (t == m || ((m " " t) in ok)) next
    print file ": #include \"" inc "\": " m " may not include " t " (docs/architecture.md)"
    bad = 1
  }
  END { exit bad }
' >&2 || {
  echo "check-layers: FAILED — fix the include, or change the module map in docs/architecture.md" >&2
  exit 1
}
echo "check-layers: ok ($(printf '%s\n' "$allowed" | awk '{print $1}' | sort -u | wc -l) modules in the map, $(printf '%s\n' "$files" | wc -l) files)"
