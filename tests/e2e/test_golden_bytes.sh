#!/usr/bin/env bash
# Output bytes are pinned: every sample and the docxtpl corpus rendered with
# the usual flags, and the outputs of init, diff, batch, update, pack, fields
# and check, must have the SHA-256 sums recorded in
# tests/fixtures/golden/SHA256SUMS. A refactoring changes none of them; a
# deliberate change of output is recorded with make-sums.sh and reviewed line
# by line in the diff.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

G="$VB_SOURCE_DIR/tests/fixtures/golden"
[ -d "$VB_SHARED/compat/docxtpl" ] || { fail "needs $VB_SHARED/compat/docxtpl (../shared next to the repository)"; finish; }
bash "$G/produce.sh" "$VANBAN" "$VB_SOURCE_DIR" "$(cd "$VB_SHARED" && pwd)" "$WORK/o" ||
  fail "produce.sh stopped"
cd "$WORK/o"
got=$(find . -type f | LC_ALL=C sort | sed 's#^\./##')
want=$(awk '{print $2}' "$G/SHA256SUMS")
assert_eq "the same set of outputs as recorded" "$got" "$want"
while read -r sum name; do
  if [ ! -f "$name" ]; then continue; fi
  have=$(sha256sum "$name" | awk '{print $1}')
  if [ "$have" = "$sum" ]; then pass "$name"; else
    fail "$name: bytes changed (sha256 $have, recorded $sum)"
    case "$name" in *.out|*.err|*.rc|*.json) head -5 "$name" ;; esac
  fi
done <"$G/SHA256SUMS"
finish
