# Helpers for the tests of `vanban serve` (source after lib.sh).
#   serve_start NAME ARGS…  start `vanban serve --port 0 ARGS…` with a private
#                           TMPDIR ($WORK/NAME-tmp); sets SRV_PID, SRV_URL,
#                           SRV_LOG, SRV_TMP; fails the test if it does not start
#   serve_stop              SIGTERM, wait; asserts a clean exit and no
#                           sanitizer report
#   http ARGS…              curl on loopback, never through a proxy
# A missing curl is a failure naming the package, never a skip.

command -v curl >/dev/null || { echo "FAIL: curl is missing (apt-get install curl; bash scripts/deps.sh test)"; exit 1; }

http() { curl --noproxy '*' -s "$@"; }

serve_start() {
  local name=$1
  shift
  SRV_TMP="$WORK/$name-tmp"
  SRV_LOG="$WORK/$name.log"
  mkdir -p "$SRV_TMP"
  TMPDIR="$SRV_TMP" "$VANBAN" serve --port 0 "$@" >/dev/null 2>"$SRV_LOG" &
  SRV_PID=$!
  # A failed assertion under set -e must not leave the server running.
  trap 'kill "$SRV_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
  local i
  for i in $(seq 1 100); do
    SRV_URL=$(sed -n 's#^vanban serve: trang ở \(http://[^ ]*\)/ .*#\1#p' "$SRV_LOG")
    [ -n "$SRV_URL" ] && break
    kill -0 "$SRV_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$SRV_URL" ]; then
    fail "vanban serve${*:+ $*} did not start: $(cat "$SRV_LOG")"
    finish
    exit 1
  fi
  pass "vanban serve${*:+ $*} listens at $SRV_URL"
}

serve_stop() {
  kill -TERM "$SRV_PID"
  local rc=0
  wait "$SRV_PID" || rc=$?
  assert_eq "the server stops cleanly on SIGTERM" "$rc" 0
  case "$(cat "$SRV_LOG")" in
    *Sanitizer* | *"runtime error:"*) fail "sanitizer report from vanban serve"; cat "$SRV_LOG" >&2 ;;
    *) pass "no sanitizer report from vanban serve" ;;
  esac
}
