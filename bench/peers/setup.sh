#!/usr/bin/env bash
# Install the peer engines (docxtemplater + pizzip, easy-template-x, Carbone)
# from npm into bench/peers/node_modules (ignored by git). Needs node >= 18, npm.
set -euo pipefail
cd "$(dirname "$0")"
if [ -d node_modules/docxtemplater ] && [ -d node_modules/easy-template-x ] && [ -d node_modules/carbone ] \
   && [ "${1:-}" != --force ]; then
  echo "peers already installed (bench/peers/setup.sh --force to reinstall)"; exit 0
fi
npm install --no-audit --no-fund --loglevel=error
for p in docxtemplater pizzip easy-template-x carbone; do
  printf '%s %s\n' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"
done
