#!/usr/bin/env bash
# The sample renders are valgrind-clean (no invalid access, no
# definite or indirect leak). Valgrind needs a build without sanitizers:
#   tests/valgrind.sh BUILD_DIR      (BUILD_DIR holds vanban and templates/)
set -euo pipefail
BUILD=$(cd "$1" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vb-valgrind.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0
run() { # DESC ARGS…
  local desc=$1; shift
  if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --show-leak-kinds=definite,indirect \
       "$BUILD/vanban" "$@" >"$WORK/out" 2>"$WORK/err"; then
    passed=$((passed + 1)); echo "ok: $desc"
  else
    local rc=$?
    if [ $rc -eq 99 ] || grep -q '==[0-9]*==' "$WORK/err"; then
      failed=$((failed + 1)); echo "FAIL: $desc"; grep '==[0-9]*==' "$WORK/err" | head -20
    else
      # vanban's own non-zero exit (e.g. check with errors) is fine here: only valgrind's verdict counts.
      passed=$((passed + 1)); echo "ok: $desc (exit $rc, no valgrind error)"
    fi
  fi
}
for s in "$ROOT"/samples/*.json; do
  name=$(basename "$s" .json)
  for ext in docx odt; do
    run "render $name.$ext" render "$s" -o "$WORK/$name.$ext" -q
    # proofreading the rendered document, and writing it back with comments
    run "check $name.$ext" check "$WORK/$name.$ext" --json
    run "check --annotate $name.$ext" check "$WORK/$name.$ext" --annotate "$WORK/ann-$name.$ext"
  done
  run "check $name" check "$s"
done
run "diff" diff "$ROOT/samples/bc-xa-ha-tan-6thang-2024.json" "$ROOT/samples/corrections/bc-xa-ha-tan-6thang-2024.json"
run "fields" fields "$BUILD/templates/bao-cao.docx"
run "init" init --from "$ROOT/samples/bc-thi-tran-phuoc-lam-2024.xlsx" -o "$WORK/init.json"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
