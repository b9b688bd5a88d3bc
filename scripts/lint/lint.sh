#!/usr/bin/env bash
# make lint: formatting and lint rules (Biome), dependency rules (dependency-cruiser and
# folder-cycles.mjs) and unused code and dependencies (knip). Runs all three so one
# pass shows every problem, and exits non-zero if any of them found one.
# See docs/toolchain.md, "Lint, format and dependency rules".
set -uo pipefail
cd "$(dirname "$0")/../.."
bin=node_modules/.bin
failed=()

step() {
  local name=$1
  shift
  echo "== $name"
  "$@" || failed+=("$name")
}

# Warnings fail too: a rule that is on is meant to hold everywhere (biome.jsonc says which are off and why).
step 'biome (format + lint)' "$bin/biome" check --error-on-warnings --max-diagnostics=100 .
step 'dependency rules' node scripts/lint/dependencies.mjs
step 'knip (unused files, exports, dependencies)' "$bin/knip" --no-progress

if ((${#failed[@]} > 0)); then
  echo "lint failed: ${failed[*]}" >&2
  exit 1
fi
echo 'lint: all clean'
