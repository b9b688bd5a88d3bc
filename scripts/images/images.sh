#!/usr/bin/env bash
# `make images`: builds the three container images without a Docker daemon and
# checks that each one starts and works. Needs root (debootstrap, buildah's
# chroot isolation, run.sh's mount namespaces); installs buildah and
# debootstrap from Debian when they are missing.
#
#   1. base image   scripts/images/base-image.sh (Debian bookworm + Node 24 + npm; cached)
#   2. images       scripts/images/build.sh      (Dockerfile.gateway, .zone, .operator; layer cache;
#                                                 assemble.sh lays out each service, and
#                                                 check-contents.mjs fails the build on test
#                                                 code or development-only packages)
#   3. smoke        scripts/images/smoke.mjs     (each image started read-only as uid 10001:
#                                                 /health, /metrics, HEALTHCHECK, SIGTERM; the
#                                                 migration Job; the operator on a test control plane)
#
# Prints how long each step took and the images' sizes. Caches live in
# ${AETHER_CACHE_DIR:-$HOME/.cache/aether}/images (see lib.sh); a second run
# reuses the base image and every unchanged layer.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "make images needs root (or run it with sudo)"
t0=$(now_s)
ensure_image_tools
prune_layer_cache
t1=$(now_s)
base=$(nice -n 10 "$root/scripts/images/base-image.sh" | tail -1)
t2=$(now_s)
mapfile -t built < <(BASE_IMAGE="$base" "$root/scripts/images/build.sh" gateway zone operator)
t3=$(now_s)
smoke=0
summary=$(node "$root/scripts/images/smoke.mjs") || smoke=$?
t4=$(now_s)

{
  echo
  echo "images ($(buildah --version | cut -d' ' -f1-3), vfs storage in $images_cache/storage):"
  printf '  %-38s %10s\n' "base: $base" "$(bah images --format '{{.Size}}' "$base" 2>/dev/null | head -1)"
  for name in "${built[@]}"; do
    printf '  %-38s %10s\n' "$name" "$(bah images --format '{{.Size}}' "$name" | head -1)"
  done
  echo "times: tools $((t1 - t0))s, base image $((t2 - t1))s, build $((t3 - t2))s, smoke $((t4 - t3))s; total $((t4 - t0))s"
} >&2
[ "$smoke" -eq 0 ] || die "the smoke test failed (exit $smoke)"
echo "${summary:-smoke: 0 passed, 1 failed}"
