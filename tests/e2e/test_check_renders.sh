#!/usr/bin/env bash
# Precision on vanban's own output: every sample rendered to DOCX and ODT,
# as a draft and issued, gets no finding of the layout rules (the-thuc.*).
# The one exception is data the sample keeps from its seed on purpose:
# Đắk Tờ Re's "Lưu: VP." (samples/README.md §3 item 12), which the data
# decides and the-thuc.luu reports.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

S="$VB_SOURCE_DIR/samples"
cd "$WORK"
form_findings() {
  /usr/bin/python3 -c '
import json, sys
for f in json.loads(sys.stdin.read())["findings"]:
    if f["rule"].startswith("the-thuc."):
        print(f["rule"], f["place"], f["message"])'
}
for json in "$S"/*.json "$S"/corrections/*.json; do
  name=$(basename "$json" .json)
  for ext in docx odt; do
    for flags in "" --issued; do
      out="$name${flags:+-issued}.$ext"
      vb render "$json" $flags -o "$out"
      assert_rc "render $out" 0
      vb check "$out" --json
      got=$(printf '%s' "$VOUT" | form_findings)
      case "$name" in
        tb-ket-luan-xa-dak-to-re-2024)
          assert_eq "$out: only the data's Lưu without VT" "$(printf '%s\n' "$got" | cut -d' ' -f1)" \
            "the-thuc.luu" ;;
        *) assert_eq "$out: no layout finding" "$got" "" ;;
      esac
    done
  done
done
finish
