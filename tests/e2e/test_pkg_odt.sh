#!/usr/bin/env bash
# The package writer's output passes check-odt --strict: mimetype first, stored,
# no extra field; parts intact after a raw copy. The ODT comes from test_pkg.
set -euo pipefail
: "${VB_BINARY_DIR:?set by ctest}" "${VB_SHARED:?set by ctest}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$VB_BINARY_DIR/tests/test_pkg" --write-odt "$tmp/min.odt"
"$VB_SHARED/tools/check-odt" --strict "$tmp/min.odt"
# Writing twice gives the same bytes.
"$VB_BINARY_DIR/tests/test_pkg" --write-odt "$tmp/again.odt"
cmp "$tmp/min.odt" "$tmp/again.odt"
# unzip agrees on the order: the mimetype added last by the copy comes first.
first=$(unzip -Z1 "$tmp/min.odt" | sed -n 1p)
[ "$first" = mimetype ] || { echo "first entry is '$first', not mimetype" >&2; exit 1; }
echo "test_pkg_odt: OK"
