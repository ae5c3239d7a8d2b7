# The installed library is usable from outside: a fresh build (no
# sanitizers, as a distribution builds it) installed to a temporary prefix
# has libvanban.so with a SONAME that exports the public functions of
# vanban.h and nothing else, libvanban.a, vanban.pc and a CMake package; a
# program that includes only <vanban.h> builds against it with pkg-config
# and with find_package (shared and static) and renders a sample; and no
# installed file holds a path of the checkout or of the build tree.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

B="$WORK/build" P="$WORK/prefix" C="$VB_SOURCE_DIR/tests/fixtures/install"
SAMPLE="$VB_SOURCE_DIR/samples/bc-xa-ha-tan-6thang-2024.json"
if ! cmake -S "$VB_SOURCE_DIR" -B "$B" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF \
     -DVANBAN_BENCH=OFF -DCMAKE_INSTALL_PREFIX="$P" >"$WORK/configure.log" 2>&1 ||
   ! cmake --build "$B" -j"$(nproc)" >"$WORK/build.log" 2>&1 ||
   ! cmake --install "$B" >"$WORK/install.log" 2>&1; then
  fail "configure, build or install failed: $(tail -n 20 "$WORK/configure.log" "$WORK/build.log" "$WORK/install.log" 2>/dev/null)"
  finish
  exit 1
fi
pass "built and installed to a temporary prefix"

LIB=$(cd "$P" && ls -d lib*/ | head -1)
LIB=$P/${LIB%/}
check "vanban.h installed" test -f "$P/include/vanban.h"
check "libvanban.a installed" test -f "$LIB/libvanban.a"
check "vanban.pc installed" test -f "$LIB/pkgconfig/vanban.pc"
check "CMake package installed" test -f "$LIB/cmake/vanban/vanbanConfig.cmake" -a \
  -f "$LIB/cmake/vanban/vanbanConfigVersion.cmake"
check "the shipped templates installed as files" test -f "$P/share/vanban/templates/bao-cao.docx"
SO=$(readlink -f "$LIB/libvanban.so")
assert_eq "libvanban.so is versioned" "$(basename "$SO")" "libvanban.so.$(sed -n 's/^project(vanban VERSION \([0-9.]*\).*/\1/p' "$VB_SOURCE_DIR/CMakeLists.txt")"
assert_contains "$(readelf -d "$SO")" "Library soname: [libvanban.so.0]" "SONAME libvanban.so.0"

# Exported: exactly the VB_API functions of vanban.h.
nm -D --defined-only "$SO" | awk '{print $NF}' | sort >"$WORK/exported"
sed -n 's/^VB_API [^(]*[ *]\(vb_[a-z_0-9]*\)(.*/\1/p' "$P/include/vanban.h" | sort >"$WORK/api"
check "vanban.h declares the API ($(wc -l <"$WORK/api") functions)" test "$(wc -l <"$WORK/api")" -gt 40
if diff "$WORK/api" "$WORK/exported" >"$WORK/exported.diff"; then
  pass "nm -D: the shared library exports exactly the $(wc -l <"$WORK/exported") vb_* functions of vanban.h"
else
  fail "exported symbols differ from vanban.h's API: $(head -20 "$WORK/exported.diff")"
fi
assert_eq "nothing but vb_* exported" "$(grep -vc '^vb_' "$WORK/exported" || true)" 0

# No path of the checkout or the build tree in anything installed.
leaks=$(grep -rlaF -e "$VB_SOURCE_DIR" -e "$B" "$P" || true)
assert_eq "no build-tree or checkout path in the installed files" "$leaks" ""

# The installed CLI needs nothing from the build tree (the templates are in
# the library) and renders what the tested build renders.
"$P/bin/vanban" render "$SAMPLE" -o "$WORK/cli.docx" -q
"$VANBAN" render "$SAMPLE" -o "$WORK/ref.docx" -q
check "the installed CLI renders the same bytes" cmp -s "$WORK/cli.docx" "$WORK/ref.docx"

# A program using only vanban.h: pkg-config.
export PKG_CONFIG_PATH="$LIB/pkgconfig"
assert_contains "$(pkg-config --modversion vanban)" "0." "pkg-config knows vanban"
cc -std=c11 -Wall -Werror "$C/consumer.c" $(pkg-config --cflags --libs vanban) \
  -Wl,-rpath,"$LIB" -o "$WORK/consumer-pc" 2>"$WORK/cc.log" ||
  fail "cc with pkg-config: $(cat "$WORK/cc.log")"
assert_contains "$(ldd "$WORK/consumer-pc")" "$LIB/libvanban.so.0" "linked to the installed libvanban.so.0"
if out=$("$WORK/consumer-pc" "$SAMPLE" "$WORK/pc.docx" 2>&1); then
  pass "the pkg-config consumer ran: $out"
else
  fail "the pkg-config consumer failed: $out"
fi
check "its document is the CLI's" cmp -s "$WORK/pc.docx" "$WORK/ref.docx"

# The same program through find_package(vanban), shared and static.
if cmake -S "$C" -B "$WORK/consumer" -DCMAKE_PREFIX_PATH="$P" >"$WORK/cc-cmake.log" 2>&1 &&
   cmake --build "$WORK/consumer" >>"$WORK/cc-cmake.log" 2>&1; then
  pass "find_package(vanban) consumer built (vanban::vanban and vanban::vanban_static)"
  for kind in shared static; do
    if out=$("$WORK/consumer/consumer_$kind" "$SAMPLE" "$WORK/cm-$kind.odt" 2>&1); then
      pass "the CMake $kind consumer ran: $out"
    else
      fail "the CMake $kind consumer failed: $out"
    fi
    check "its ODT passes check-odt --strict" "$TOOLS/check-odt" --strict "$WORK/cm-$kind.odt"
  done
  assert_contains "$(ldd "$WORK/consumer/consumer_shared")" "$LIB/libvanban.so.0" \
    "consumer_shared uses the installed libvanban.so.0"
  assert_not_contains "$(ldd "$WORK/consumer/consumer_static")" "libvanban" \
    "consumer_static has vanban linked in"
else
  fail "find_package consumer: $(tail -n 20 "$WORK/cc-cmake.log")"
fi
check "the DOCX passes check-docx" "$TOOLS/check-docx" "$WORK/pc.docx"
finish
