#!/usr/bin/env bash
# Prints (last line of stdout) a folder holding the Kubernetes test control-plane
# binaries: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok
# (and kwokctl). See docs/control-plane.md.
#
# - KUBEBUILDER_ASSETS set and complete: that folder is used, nothing is built.
# - Otherwise the binaries are built from the Go modules in test/control-plane/
#   into ${AETHER_CACHE_DIR:-$HOME/.cache/aether}/kubebuilder-assets/<key>, where
#   <key> hashes the go.mod/go.sum files (and this script's build recipe), so an
#   unchanged version is reused and a version change rebuilds.
# - Builds go to a temporary folder that is renamed into place when complete, so
#   an interrupted run leaves no half-filled cache entry. Concurrent runs for the
#   same key wait on a lock instead of building twice.
#
# Progress goes to stderr. A cold build takes about 10 minutes on 2 cores, plus
# module downloads the first time (~1.4 GB through GOPROXY into the Go module
# cache); the Go build cache grows by ~3.5 GB, and with it warm a rebuild takes
# ~15 s. Run it with `nice -n 19` on a shared machine. Needs Go >= 1.26 (kwok
# v0.8.0's go.mod) and flock (util-linux).
set -euo pipefail
{ # Parsed as a whole before it runs, so editing this file mid-build is harmless.

root=$(cd "$(dirname "$0")/../.." && pwd)
src="$root/test/control-plane"
required=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok)
# Bump when the build commands below change in a way that changes the binaries.
recipe=1

log() { printf 'control-plane: %s\n' "$*" >&2; }

complete() {
  local dir=$1 b
  for b in "${required[@]}"; do [ -x "$dir/$b" ] || return 1; done
}

if [ -n "${KUBEBUILDER_ASSETS:-}" ]; then
  if complete "$KUBEBUILDER_ASSETS"; then
    log "using KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS"
    echo "$KUBEBUILDER_ASSETS"
    exit 0
  fi
  log "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS lacks some of: ${required[*]}; using the build cache instead"
fi

modules=(kubernetes etcd kwok)
key=$(
  cd "$src"
  { echo "recipe=$recipe"; for m in "${modules[@]}"; do sha256sum "$m/go.mod" "$m/go.sum"; done; } \
    | sha256sum | cut -c1-16
)
cache="${AETHER_CACHE_DIR:-$HOME/.cache/aether}/kubebuilder-assets"
dest="$cache/$key"

if complete "$dest"; then
  log "cached: $dest"
  echo "$dest"
  exit 0
fi

mkdir -p "$cache"
exec 9>"$cache/.lock-$key"
if ! flock -n 9; then
  log "another run is building $key; waiting for it"
  flock 9
fi
if complete "$dest"; then # built by the run we waited for
  log "cached: $dest"
  echo "$dest"
  exit 0
fi

GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
[ -x "$GO" ] || { log "no Go toolchain found (set GO=/path/to/go)"; exit 1; }

# We hold the lock for this key: leftovers of killed runs can go.
rm -rf "$cache/.tmp-$key".* "$dest"
tmp=$(mktemp -d "$cache/.tmp-$key.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

export CGO_ENABLED=0 GOWORK=off
# Module/version metadata of a required module, read from the module's go.mod graph.
modfield() { (cd "$src/$1" && "$GO" list -m -f "$3" "$2"); }

start=$(date +%s)
log "building into $dest ($("$GO" version))"

# --- kube-apiserver, kube-controller-manager, kube-scheduler -----------------
kver=$(modfield kubernetes k8s.io/kubernetes '{{.Version}}')
(cd "$src/kubernetes" && "$GO" mod download k8s.io/kubernetes)
# The release commit, as the module proxy recorded it (blank if unknown).
kcommit=$(sed -n 's/.*"Hash":"\([0-9a-f]*\)".*/\1/p' \
  "$("$GO" env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$kver.info" 2>/dev/null || true)
kdate=$(modfield kubernetes k8s.io/kubernetes '{{with .Time}}{{.UTC.Format "2006-01-02T15:04:05Z"}}{{end}}' 2>/dev/null || true)
kmajor=${kver#v}; kmajor=${kmajor%%.*}
kminor=${kver#v*.}; kminor=${kminor%%.*}
kldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kldflags+=" -X $pkg.gitVersion=$kver -X $pkg.gitMajor=$kmajor -X $pkg.gitMinor=$kminor"
  kldflags+=" -X $pkg.gitTreeState=clean"
  [ -z "$kcommit" ] || kldflags+=" -X $pkg.gitCommit=$kcommit"
  [ -z "$kdate" ] || kldflags+=" -X $pkg.buildDate=$kdate"
done
log "go build k8s.io/kubernetes $kver: kube-apiserver kube-controller-manager kube-scheduler"
(cd "$src/kubernetes" && "$GO" build -trimpath -ldflags "$kldflags" -o "$tmp/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kube-scheduler)

# --- etcd --------------------------------------------------------------------
ever=$(modfield etcd go.etcd.io/etcd/server/v3 '{{.Version}}')
log "go build go.etcd.io/etcd/server/v3 $ever: etcd"
(cd "$src/etcd" && "$GO" build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3)

# --- kwok, kwokctl -----------------------------------------------------------
wver=$(modfield kwok sigs.k8s.io/kwok '{{.Version}}')
# kwokctl's default Kubernetes version (KWOK_KUBE_VERSION) = the one built above.
wldflags="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=$wver -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=$kver"
log "go build sigs.k8s.io/kwok $wver: kwok kwokctl"
(cd "$src/kwok" && "$GO" build -trimpath -ldflags "$wldflags" -o "$tmp/" \
  sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl)

{
  echo "key=$key"
  echo "go=$("$GO" env GOVERSION)"
  echo "k8s.io/kubernetes=$kver"
  echo "go.etcd.io/etcd/server/v3=$ever"
  echo "sigs.k8s.io/kwok=$wver"
  echo "kube-apiserver --version: $("$tmp/kube-apiserver" --version)"
  echo "etcd --version: $("$tmp/etcd" --version | tr '\n' ' ')"
  echo "kwok --version: $("$tmp/kwok" --version)"
} > "$tmp/VERSIONS"
complete "$tmp" || { log "build finished but binaries are missing"; exit 1; }

chmod 755 "$tmp"
mv -T "$tmp" "$dest"
trap - EXIT
log "built in $(( $(date +%s) - start ))s: $dest"
sed 's/^/control-plane:   /' "$dest/VERSIONS" >&2
echo "$dest"
exit 0
}
