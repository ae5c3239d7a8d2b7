#!/usr/bin/env bash
# Install what is missing, build vanban, and render the samples to out/
# as DOCX and ODT.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DVANBAN_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
for s in samples/*.json; do
  name=$(basename "$s" .json)
  for ext in docx odt; do
    ./build/vanban render "$s" -o "out/$name.$ext" -q
    echo "out/$name.$ext"
  done
done
