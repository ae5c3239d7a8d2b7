#!/usr/bin/env bash
# The spec corpus (tests/spec/*.txt, format in tests/spec/README.md) through
# the CLI: every case's template built as a DOCX (mkdocx) and an ODT (mkodt),
# rendered with `vanban render --raw` with marks and with --no-marks, and the
# rendered body read back in the corpus's neutral notation and compared with
# the expected one (tests/spec/spec.py); error cases must exit non-zero with
# the expected messages and write nothing. The rendered bodies of all cases
# are then put into one document per format and marks setting (with the
# automatic styles of emphasised spans), which must pass check-docx/check-odt;
# the one without marks must convert with LibreOffice.
# tests/unit/api/test_spec.c runs the same cases through the library.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -x "$TOOLS/check-docx" ] || { fail "needs $TOOLS (../shared next to the repository)"; finish; }
SPEC="$VB_SOURCE_DIR/tests/spec"
C="$WORK/cases"
mkdir -p "$C"
n=$(/usr/bin/python3 "$SPEC/spec.py" split "$SPEC" "$C")
[ "$n" -gt 0 ] && pass "$n cases read from tests/spec" || fail "no case in tests/spec"

for c in "$C"/*/; do
  c=${c%/}
  where=$(cat "$c/where")
  opts=" $(cat "$c/opts") "
  for fmt in docx odt; do
    other=$([ $fmt = docx ] && echo odt || echo docx)
    [[ $opts == *" $other "* ]] && continue
    if [ $fmt = docx ]; then mkdocx "$c/t.docx" "$(cat "$c/docx.xml")"; else mkodt "$c/t.odt" "$(cat "$c/odt.xml")"; fi
    for marks in marks no-marks; do
      [[ $marks = marks && $opts == *" no-marks "* ]] && continue
      [[ $marks = no-marks && $opts == *" marks "* ]] && continue
      args=(render --raw "$c/data.json" -t "$c/t.$fmt" -o "$c/out-$marks.$fmt")
      [ $marks = no-marks ] && args+=(--no-marks)
      [[ $opts == *" lenient "* ]] && args+=(--lenient)
      vb "${args[@]}"
      what="$where: ${fmt^^}, ${marks/-/ }"
      if [ -f "$c/error" ]; then
        if [ "$RC" -ne 0 ]; then pass "$what: refused (exit $RC)"; else fail "$what: rendered, an error was expected"; fi
        while IFS= read -r msg; do assert_contains "$ERR" "$msg" "$what: says '$msg'"; done <"$c/error"
        check "$what: nothing written" test ! -e "$c/out-$marks.$fmt"
      elif [ "$RC" -ne 0 ]; then
        fail "$what: exit $RC: $ERR"
      else
        part "$c/out-$marks.$fmt" "$([ $fmt = docx ] && echo word/document.xml || echo content.xml)" \
          >"$c/got-$marks.$fmt.xml"
      fi
    done
  done
done

while IFS= read -r line; do
  case $line in
    ok:*) pass "${line#ok: }" ;;
    FAIL:*) fail "${line#FAIL: }" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < <(/usr/bin/python3 "$SPEC/spec.py" compare "$C")

# Every rendered body, in one document per format and marks setting.
for fmt in docx odt; do
  for marks in marks no-marks; do
    body=$(cat "$C"/*/body-$marks.$fmt.xml)
    head=$(cat "$C/auto-$marks.odt.xml" 2>/dev/null || true)
    if [ $fmt = docx ]; then mkdocx "$WORK/all-$marks.docx" "$body"; else mkodt "$WORK/all-$marks.odt" "$body" "$head"; fi
    check "all bodies ($fmt, ${marks/-/ }) pass check-$fmt" "$TOOLS/check-$fmt" "$WORK/all-$marks.$fmt"
  done
  check "all bodies ($fmt, no marks) convert with LibreOffice" "$TOOLS/render-pdf" "$WORK/all-no-marks.$fmt" "$WORK/pdf-$fmt"
done
finish
