#!/usr/bin/env bash
# A bounded load test of `vanban serve` on loopback: N requests (default 200
# renders of the Hà Tân sample, every tenth a check) from C concurrent
# clients (default 8) against a server with --jobs J (default 2). It stops by
# itself and prints: answers by status (200, and 503 — the deliberate refusal
# when more than J documents are asked for at once; anything else is a
# failure), requests/s, the server's RSS after a warm-up and at the end, and
# what is left in its temporary directory (must be nothing). Exit 1 on a
# failed request, a leftover file or a server that died.
#   bench/serve-load.sh [VANBAN] [-n N] [-c C] [-j J]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vanban=$root/build-rel/vanban
[ -x "$vanban" ] || vanban=$root/build/vanban
n=200 c=8 j=2
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -c) c=$2; shift 2 ;;
    -j) j=$2; shift 2 ;;
    *) vanban=$1; shift ;;
  esac
done
command -v curl >/dev/null || { echo "serve-load: curl is missing (apt-get install curl)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/vb-serve-load.XXXXXX")
mkdir -p "$work/tmp"
TMPDIR="$work/tmp" "$vanban" serve --port 0 --jobs "$j" >/dev/null 2>"$work/log" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  url=$(sed -n 's#^vanban serve: trang ở \(http://[^ ]*\)/ .*#\1#p' "$work/log")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve-load: the server did not start: $(cat "$work/log")" >&2; exit 1; }
csrf=$(curl --noproxy '*' -s "$url/api/session" | sed 's/.*"csrf":"\([0-9a-f]*\)".*/\1/')
sample=$root/samples/bc-xa-ha-tan-6thang-2024.json
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }

one() { # one request: its status code
  local i=$1 what=render
  [ $((i % 10)) -eq 0 ] && what=check
  curl --noproxy '*' -s -o /dev/null -w '%{http_code}\n' -H "X-Vanban-CSRF: $csrf" \
    -F "data=@$sample" -F format=docx "$url/api/$what"
}
export -f one
export url csrf sample
# Warm-up: the first requests fill the allocator's pools.
seq 1 20 | xargs -P "$c" -I{} bash -c 'one {}' >"$work/warm"
rss0=$(rss)
start=$(date +%s.%N)
seq 1 "$n" | xargs -P "$c" -I{} bash -c 'one {}' >"$work/codes"
end=$(date +%s.%N)
rss1=$(rss)
ok=$(grep -c '^200$' "$work/codes" || true)
busy=$(grep -c '^503$' "$work/codes" || true)
other=$(grep -vc '^\(200\|503\)$' "$work/codes" || true)
left=$(find "$work/tmp" -mindepth 1 | wc -l)
alive=yes
kill -0 $pid 2>/dev/null || alive=no
printf 'requests: %s from %s clients, --jobs %s: %s × 200, %s × 503 (busy), %s other\n' \
  "$n" "$c" "$j" "$ok" "$busy" "$other"
awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "time: %.1f s, %.1f requests/s\n", e - s, n / (e - s) }'
printf 'server RSS: %s kB after warm-up, %s kB after the run\n' "$rss0" "$rss1"
printf 'left in the temporary directory: %s; server alive: %s\n' "$left" "$alive"
[ "$other" -eq 0 ] && [ "$left" -eq 0 ] && [ "$alive" = yes ]
