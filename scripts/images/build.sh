#!/usr/bin/env bash
# Builds the service images with buildah (no daemon) and prints their names,
# one per line on stdout:
#
#   scripts/images/build.sh [gateway] [zone] [operator]      (default: all three)
#
# Base image: $BASE_IMAGE if set, else scripts/images/base-image.sh assembles
# (or reuses) the local one. Tags: $IMAGE_REPO/<service>:$IMAGE_TAG
# (default localhost/aether/<service>:dev). Builds use buildah's layer cache
# (--layers) under ${AETHER_CACHE_DIR:-$HOME/.cache/aether}/images/storage; the
# three Dockerfiles share their build stage, so it is built once.
#
# Build-time only (nothing of it lands in an image): npm's download cache is
# mounted from the cache folder, and the host's npm registry and CA file
# (`npm config get registry` / `cafile`) are handed to npm inside the build, so
# the build works behind the same proxy the host uses.
set -euo pipefail
{
. "$(dirname "$0")/lib.sh"

services=("$@")
[ ${#services[@]} -gt 0 ] || services=(gateway zone operator)
for service in "${services[@]}"; do
  case "$service" in gateway | zone | operator) ;; *) die "unknown service '$service' (gateway, zone, operator)" ;; esac
done

ensure_image_tools
[ -n "${BASE_IMAGE:-}" ] || prune_layer_cache
base=${BASE_IMAGE:-$("$root/scripts/images/base-image.sh" | tail -1)}

mkdir -p "$images_cache/npm-cache"
volumes=(-v "$images_cache/npm-cache:/root/.npm")
npmrc="$images_cache/build-npmrc"
registry=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
cafile=$(npm config get cafile 2>/dev/null || true)
{
  echo "registry=$registry"
  if [ -n "$cafile" ] && [ "$cafile" != "null" ] && [ "$cafile" != "undefined" ] && [ -r "$cafile" ]; then
    echo "cafile=/etc/ssl/certs/aether-build-host-ca.pem"
    volumes+=(-v "$cafile:/etc/ssl/certs/aether-build-host-ca.pem:ro")
  fi
} > "$npmrc"
# npm's global config file when its prefix is /usr/local (our base image, and node's official images).
volumes+=(-v "$npmrc:/usr/local/etc/npmrc:ro")

version=$(git -C "$root" describe --tags --always --dirty 2>/dev/null || echo dev)
revision=$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)

for service in "${services[@]}"; do
  name="$IMAGE_REPO/$service:$IMAGE_TAG"
  start=$(now_s)
  log "building $name (Dockerfile.$service, base $base)"
  logfile="$images_cache/build-$service.log"
  if ! nice -n 10 buildah --root "$images_cache/storage" --runroot "$images_cache/run" --storage-driver vfs \
    build --layers --format docker --isolation chroot \
    --build-arg BASE_IMAGE="$base" --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    "${volumes[@]}" -f "$root/Dockerfile.$service" -t "$name" "$root" >"$logfile" 2>&1; then
    tail -40 "$logfile" >&2
    die "building $name failed (whole log: $logfile)"
  fi
  grep -h '^assemble.sh:' "$logfile" | sed 's/^/  /' >&2 || true
  log "built $name in $(( $(now_s) - start ))s"
  echo "$name"
done
exit 0
}
