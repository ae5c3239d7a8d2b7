#!/bin/sh
# run_fuzz.sh HARNESS SEED_DIR WORK_DIR [libFuzzer options…]
# Copy the seed corpus to WORK_DIR (fresh each time) and fuzz from there, so
# the inputs libFuzzer adds never land in the source tree.
set -eu
harness=$1 seeds=$2 work=$3
shift 3
rm -rf "$work"
mkdir -p "$work"
cp "$seeds"/* "$work"/
exec "$harness" "$@" "$work"
