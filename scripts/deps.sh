#!/usr/bin/env bash
# Install the Debian 12 packages vanban needs and that are missing.
#   scripts/deps.sh build   — compiler, CMake and the libraries
#   scripts/deps.sh test    — the above plus what the tests run: LibreOffice
#                             (the real client), the shared validators' tools,
#                             python-docx (fixture generation), clang (fuzzers)
set -euo pipefail
build_pkgs=(gcc make cmake pkg-config libxml2-dev libzip-dev libicu-dev libyajl-dev libdeflate-dev zlib1g-dev)
test_pkgs=(libxml2-utils xsltproc unzip zip libreoffice-writer-nogui poppler-utils python3-docx
           fonts-liberation2 clang libclang-rt-14-dev valgrind python3-openpyxl libreoffice-calc-nogui time python3-docxtpl
           python3-uno)
want=("${build_pkgs[@]}")
[ "${1:-build}" = test ] && want+=("${test_pkgs[@]}")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
