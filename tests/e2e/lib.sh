# Helpers for the end-to-end tests. Source it after `set -euo pipefail`:
#   . "$(dirname "$0")/lib.sh"
# ctest sets VANBAN (the CLI), VB_SOURCE_DIR, VB_BINARY_DIR, VB_SHARED.
# Each assertion prints "ok: …" or "FAIL: …" and counts; `finish` prints
# "N passed, M failed" and exits 1 if anything failed.

: "${VANBAN:?set by ctest: path of the vanban CLI}"
: "${VB_SOURCE_DIR:?set by ctest}"
: "${VB_SHARED:?set by ctest}"

case "$VANBAN" in /*) ;; *) VANBAN="$(cd "$(dirname "$VANBAN")" && pwd)/$(basename "$VANBAN")" ;; esac
FIX="$VB_SOURCE_DIR/tests/fixtures/e2e"
TOOLS="$VB_SHARED/tools"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vb-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Templates converted to the other format are cached here, not in the
# user's ~/.cache (src/cli/convert.h).
export XDG_CACHE_HOME="$WORK/cache"

PASSED=0
FAILED=0

pass() { PASSED=$((PASSED + 1)); printf 'ok: %s\n' "$*"; }
fail() { FAILED=$((FAILED + 1)); printf 'FAIL: %s\n' "$*"; }

# check DESC CMD... : pass if CMD succeeds.
check() {
  local desc=$1; shift
  if "$@"; then pass "$desc"; else fail "$desc (command: $*)"; fi
}

# assert_eq DESC ACTUAL EXPECTED
assert_eq() {
  if [ "$2" = "$3" ]; then pass "$1"; else fail "$1: got '$2', expected '$3'"; fi
}

# assert_contains TEXT NEEDLE [DESC] — fixed-string search.
assert_contains() {
  local desc=${3:-"contains '$2'"}
  case "$1" in
    *"$2"*) pass "$desc" ;;
    *) fail "$desc: '$2' not found in: $(printf '%s' "$1" | head -c 300)" ;;
  esac
}

# assert_not_contains TEXT NEEDLE [DESC]
assert_not_contains() {
  local desc=${3:-"does not contain '$2'"}
  case "$1" in
    *"$2"*) fail "$desc: '$2' found" ;;
    *) pass "$desc" ;;
  esac
}

# assert_order DESC TEXT V1 V2 … — each value occurs after the previous one.
assert_order() {
  local desc=$1 rest=$2 v; shift 2
  for v in "$@"; do
    case "$rest" in
      *"$v"*) rest=${rest#*"$v"} ;;
      *) fail "$desc: '$v' missing or out of order"; return 0 ;;
    esac
  done
  pass "$desc ($# values in order)"
}

# count TEXT NEEDLE — prints how many times NEEDLE occurs (fixed string).
count() {
  local text=$1 needle=$2 n=0
  [ -n "$needle" ] || { echo 0; return; }
  while case "$text" in *"$needle"*) true ;; *) false ;; esac; do
    text=${text#*"$needle"}
    n=$((n + 1))
  done
  echo "$n"
}

# assert_count DESC TEXT NEEDLE N
assert_count() {
  local n
  n=$(count "$2" "$3")
  if [ "$n" -eq "$4" ]; then pass "$1 ('$3' x$4)"; else fail "$1: '$3' occurs $n times, expected $4"; fi
}

# assert_rc DESC EXPECTED — the exit code of the last `vb` call.
assert_rc() {
  if [ "$RC" -eq "$2" ]; then pass "$1 (exit $RC)"
  else fail "$1: exit $RC, expected $2; stderr: $ERR"; fi
}

# vb ARGS… — run the CLI; sets RC, VOUT (stdout), ERR (stderr). A sanitizer
# report on stderr is a failure whatever the exit code.
vb() {
  RC=0
  "$VANBAN" "$@" >"$WORK/.stdout" 2>"$WORK/.stderr" || RC=$?
  VOUT=$(cat "$WORK/.stdout")
  ERR=$(cat "$WORK/.stderr")
  case "$ERR" in
    *Sanitizer*|*"runtime error:"*) fail "sanitizer report from: vanban $*"; printf '%s\n' "$ERR" >&2 ;;
  esac
}

# lo_convert SRC FORMAT OUTDIR — LibreOffice conversion with a private,
# throw-away profile, so parallel ctest runs do not share one.
lo_convert() {
  local src=$1 fmt=$2 outdir=$3
  mkdir -p "$outdir"
  timeout 180 soffice --headless -env:UserInstallation="file://$WORK/lo-profile-$fmt" \
    --convert-to "$fmt" --outdir "$outdir" "$src" >"$WORK/.lo.log" 2>&1
}

# part FILE NAME — a package entry's text.
part() { unzip -p "$1" "$2"; }

W_NS='xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# mkdocx OUT BODY_XML — a minimal DOCX built with zip, complete enough for
# check-docx (wp TEXT / wtc TEXT give a paragraph / table cell holding TEXT in
# one run).
mkdocx() {
  local out=$1 body=$2 d
  d=$(mktemp -d "$WORK/docx.XXXXXX")
  mkdir -p "$d/_rels" "$d/word/_rels"
  printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' \
    >"$d/word/_rels/document.xml.rels"
  cat >"$d/[Content_Types].xml" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
X
  cat >"$d/_rels/.rels" <<'X'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
X
  printf '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' \
    "$W_NS" "$body" >"$d/word/document.xml"
  (cd "$d" && zip -q -X -r "$out" '[Content_Types].xml' _rels word)
}
# mkodt OUT TEXT_XML [HEAD_XML] — a minimal ODT built with zip (mimetype
# first, stored); HEAD_XML (such as office:automatic-styles, with the style:
# and fo: prefixes declared) goes before office:body.
mkodt() {
  local out=$1 body=$2 head=${3-} ns='' d
  d=$(mktemp -d "$WORK/odt.XXXXXX")
  mkdir -p "$d/META-INF"
  printf 'application/vnd.oasis.opendocument.text' >"$d/mimetype"
  cat >"$d/META-INF/manifest.xml" <<'X'
<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
X
  [ -n "$head" ] && ns=' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"%s office:version="1.3">%s<office:body><office:text>%s</office:text></office:body></office:document-content>' \
    "$ns" "$head" "$body" >"$d/content.xml"
  (cd "$d" && zip -q -X -0 "$out" mimetype && zip -q -X -r "$out" META-INF content.xml)
}
wp() { printf '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' "$1"; }
wtc() { printf '<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>' "$1"; }

# finish — the summary; fails when anything failed or nothing was asserted.
finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$PASSED" -gt 0 ] || { echo "FAIL: no assertion ran"; return 1; }
  [ "$FAILED" -eq 0 ]
}
