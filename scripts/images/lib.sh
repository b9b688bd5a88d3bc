# Shared settings for scripts/images/*.sh (sourced, not run).
#
# Everything heavy lives outside the repository, in
#   ${AETHER_CACHE_DIR:-$HOME/.cache/aether}/images/
#     rootfs-<key>.tar       debootstrapped Debian, keyed by suite + package list + recipe
#     base-<key>.tar         the base image (rootfs + Node 24 + npm) as an OCI archive
#     storage/  run/         buildah's own storage (vfs) and run root: layer cache
#     npm-cache/             npm's download cache, shared by all image builds
# so a second run on the same machine reuses all of it (docs/operations.md, "Images").

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cache_root="${AETHER_CACHE_DIR:-$HOME/.cache/aether}"
images_cache="$cache_root/images"

# The images we build and the tag they get in buildah's local storage.
IMAGE_REPO=${IMAGE_REPO:-localhost/aether}
IMAGE_TAG=${IMAGE_TAG:-dev}

log() { printf '[images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# buildah without a daemon, on any kernel: vfs storage (no overlay mounts) in
# our own storage root, so it never clashes with another storage.conf.
bah() {
  buildah --root "$images_cache/storage" --runroot "$images_cache/run" --storage-driver vfs "$@"
}

# Root (or sudo) for apt-get, debootstrap and buildah's chroot isolation.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs buildah and debootstrap from Debian when missing.
ensure_image_tools() {
  local missing=()
  command -v buildah >/dev/null 2>&1 || missing+=(buildah)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
  export PATH="$PATH:/usr/sbin:/sbin"
  mkdir -p "$images_cache"
}

now_s() { date +%s; }

# The layer cache keeps the layers of every source tree it has built; past
# ${AETHER_IMAGES_CACHE_MAX_GB:-25} GB it is emptied (the next build is cold; the base image
# comes back from its archive in a second). Call it before base-image.sh.
prune_layer_cache() {
  local max_gb=${AETHER_IMAGES_CACHE_MAX_GB:-25} used_gb
  [ -d "$images_cache/storage" ] || return 0
  used_gb=$(( $(du -sk "$images_cache/storage" | cut -f1) / 1024 / 1024 ))
  if [ "$used_gb" -ge "$max_gb" ]; then
    log "layer cache is ${used_gb} GB (limit ${max_gb} GB): removing every image and container to start over"
    bah rm --all >/dev/null 2>&1 || true
    bah rmi --all --force >/dev/null 2>&1 || true
  fi
}
