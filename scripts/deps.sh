#!/usr/bin/env bash
# Install the Debian 12 packages vanban needs and that are missing, or check
# that what they provide works.
#   scripts/deps.sh build          — compiler, CMake and the libraries
#   scripts/deps.sh test           — the above plus everything a test imports
#                                    or runs (tests/e2e, tests/fixtures, the
#                                    shared validators, valgrind and fuzz stages,
#                                    bench/peers)
#   scripts/deps.sh [MODE] --verify — install nothing: run each tool, import each
#                                    Python module, look for each file the
#                                    packages of MODE (default: test) provide,
#                                    and name every one that is missing (exit 1)
#
# One line per package: the package, then what the tests use from it —
# cmd:NAME (runnable on PATH, or an absolute path), py:MODULE (importable by
# Debian's /usr/bin/python3, where apt installs modules; a pyenv shim on PATH
# does not see them), pc:MODULE (pkg-config finds it), file:PATH (exists),
# fuzzer (clang links a libFuzzer harness). A test that needs a new package
# adds its line here; scripts/test.sh runs --verify before building.
set -euo pipefail

build_deps=(
  "gcc                      cmd:gcc"
  "make                     cmd:make"
  "cmake                    cmd:cmake"
  "pkg-config               cmd:pkg-config"
  "libxml2-dev              pc:libxml-2.0"
  "libzip-dev               pc:libzip"
  "libicu-dev               pc:icu-uc pc:icu-i18n"
  "libyajl-dev              pc:yajl"
  "libdeflate-dev           pc:libdeflate"
  "zlib1g-dev               pc:zlib"
  "nettle-dev               pc:nettle"
  "libmicrohttpd-dev        pc:libmicrohttpd"
  "libpng-dev               pc:libpng"
  "libjpeg62-turbo-dev      pc:libjpeg"
)
test_deps=(
  "libxml2-utils            cmd:xmllint"
  "xsltproc                 cmd:xsltproc"
  "unzip                    cmd:unzip"
  "zip                      cmd:zip"
  "libreoffice-writer-nogui cmd:soffice"
  "libreoffice-calc-nogui   file:/usr/lib/libreoffice/program/libsclo.so"
  "poppler-utils            cmd:pdftotext cmd:pdfinfo cmd:pdffonts cmd:pdftoppm cmd:pdfimages"
  "python3                  cmd:/usr/bin/python3"
  "python3-docx             py:docx"
  "python3-openpyxl         py:openpyxl"
  "python3-docxtpl          py:docxtpl"
  "python3-uno              py:uno"
  "fonts-liberation2        file:/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
  "fonts-dejavu-core        file:/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
  "clang                    cmd:clang"
  "libclang-rt-14-dev       fuzzer"
  "valgrind                 cmd:valgrind"
  "time                     cmd:/usr/bin/time"
  "parallel                 cmd:parallel"
  "curl                     cmd:curl"
  "chromium                 cmd:chromium"
  "chromium-driver          cmd:chromedriver"
  "python3-selenium         py:selenium"
)

mode=
verify=0
for arg in "$@"; do
  case $arg in
    build | test) mode=$arg ;;
    --verify) verify=1 ;;
    *) echo "usage: scripts/deps.sh [build|test] [--verify]" >&2; exit 2 ;;
  esac
done
[ -n "$mode" ] || { [ $verify = 1 ] && mode=test || mode=build; }
deps=("${build_deps[@]}")
[ "$mode" = test ] && deps+=("${test_deps[@]}")

# works ITEM — does what the package should provide work here?
works() {
  case $1 in
    cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
    py:*) /usr/bin/python3 -c "import ${1#py:}" >/dev/null 2>&1 ;;
    pc:*) pkg-config --exists "${1#pc:}" 2>/dev/null ;;
    file:*) [ -e "${1#file:}" ] ;;
    fuzzer)
      local d rc=0
      d=$(mktemp -d)
      printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return 0; }\n' >"$d/f.c"
      clang -fsanitize=fuzzer "$d/f.c" -o "$d/f" >/dev/null 2>&1 || rc=1
      rm -rf "$d"
      return $rc
      ;;
  esac
}

if [ $verify = 1 ]; then
  bad=0
  for line in "${deps[@]}"; do
    read -r pkg items <<<"$line"
    for item in $items; do
      if ! works "$item"; then
        case $item in
          cmd:*) what="command ${item#cmd:} not found" ;;
          py:*) what="Python module ${item#py:} cannot be imported by /usr/bin/python3" ;;
          pc:*) what="pkg-config does not find ${item#pc:}" ;;
          file:*) what="${item#file:} is missing" ;;
          fuzzer) what="clang cannot link a libFuzzer harness" ;;
        esac
        echo "scripts/deps.sh: missing: $what (package $pkg; run: bash scripts/deps.sh $mode)" >&2
        bad=1
      fi
    done
  done
  [ $bad = 0 ] && echo "scripts/deps.sh: every $mode dependency works (${#deps[@]} packages)"
  exit $bad
fi

missing=()
for line in "${deps[@]}"; do
  read -r pkg _ <<<"$line"
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
