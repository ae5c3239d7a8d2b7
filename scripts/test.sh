#!/usr/bin/env bash
# Install what is missing, check that every tool and module the tests use
# works (a missing one fails here, by name, not as a puzzling test failure),
# build with AddressSanitizer and UndefinedBehaviorSanitizer, and run every
# test (unit and end-to-end), then the README's first command (scripts/demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
bash scripts/deps.sh test --verify
bash scripts/check-layers.sh # the include graph between src/ folders (docs/architecture.md)
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DVANBAN_SANITIZE=ON >/dev/null
cmake --build build-test -j"$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build-test && ctest -j"$(nproc)" --output-on-failure --timeout 600

# ThreadSanitizer: the public API's tests (one template rendered by several
# threads at once, batches) in a tree built with -fsanitize=thread.
cd ..
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DVANBAN_TSAN=ON -DVANBAN_BENCH=OFF >/dev/null
cmake --build build-tsan -j"$(nproc)" --target api-tests
TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
  ctest --test-dir build-tsan -L api -j"$(nproc)" --output-on-failure --timeout 600

# The README's first command, as a new user runs it: a Release build (-O3
# sees what -O0 and -O2 do not, e.g. a format truncation across inlined
# calls, and warnings are errors) that renders every sample to out/.
bash scripts/demo.sh >/dev/null
for s in samples/*.json; do
  for ext in docx odt; do
    test -s "out/$(basename "$s" .json).$ext" || { echo "scripts/demo.sh did not write out/$(basename "$s" .json).$ext"; exit 1; }
  done
done

# Valgrind: the sample renders in a build without sanitizers.
cmake -S . -B build-valgrind -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF -DVANBAN_BENCH=OFF >/dev/null
cmake --build build-valgrind -j"$(nproc)" --target vanban-cli templates
bash tests/valgrind.sh build-valgrind

# Fuzzing: a second tree built with clang, libFuzzer, ASan and UBSan.
# Each harness runs 2000 inputs from its seed corpus and replays every input
# that once crashed it (tests/fuzz/README.md says how to fuzz for hours).
CC=clang cmake -S . -B build-fuzz -DVANBAN_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz --target fuzz -j"$(nproc)"
ctest --test-dir build-fuzz/tests/fuzz -L fuzz -j"$(nproc)" --output-on-failure --timeout 300
