#!/usr/bin/env bash
# One small report per rule, typed with python-docx (make-form-docs.py) and
# converted to ODT by LibreOffice: "good" follows Nghị định 30 in every
# respect and gets no finding; each other one breaks exactly one rule and
# gets findings of that rule only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PFIX="$VB_SOURCE_DIR/tests/fixtures/proof"
cd "$WORK"
/usr/bin/python3 "$PFIX/make-form-docs.py" docs >cases.txt
check "cases made" test -s cases.txt
timeout 300 soffice --headless -env:UserInstallation="file://$WORK/lo-profile" --convert-to odt \
  --outdir docs docs/*.docx >lo.log 2>&1 || { cat lo.log; fail "LibreOffice conversion"; }

rules_of() {
  /usr/bin/python3 -c '
import json, sys
d = json.loads(sys.stdin.read())
print(" ".join(sorted({f["rule"] for f in d["findings"]})) or "-")'
}

while read -r name rule; do
  for ext in docx odt; do
    vb check "docs/$name.$ext" --json
    got=$(printf '%s' "$VOUT" | rules_of)
    assert_eq "$name.$ext: findings of $rule only" "$got" "$rule"
    [ "$name" = good ] && assert_rc "good.$ext passes" 0
  done
done <cases.txt

# every rule of the table is known to --rules, and --ignore leaves one out
vb check --rules
assert_rc "--rules" 0
while read -r name rule; do
  [ "$rule" = - ] || assert_contains "$VOUT" "$rule" "--rules lists $rule"
done <cases.txt
vb check docs/luu.docx --ignore the-thuc.luu
assert_rc "--ignore the-thuc.luu: no error left" 0
assert_contains "$VOUT" "0 lỗi, 0 cảnh báo, 0 gợi ý" "--ignore: nothing reported"
vb check docs/ty-le.docx --ignore so-lieu
assert_contains "$VOUT" "0 lỗi, 0 cảnh báo, 0 gợi ý" "--ignore a family"
vb check docs/ty-le.docx --ignore no-such-rule
assert_rc "--ignore an unknown rule" 4
assert_contains "$ERR" "không có quy tắc 'no-such-rule'" "unknown rule named"
assert_contains "$ERR" "[usage.value]" "unknown rule: its rule id"
finish
