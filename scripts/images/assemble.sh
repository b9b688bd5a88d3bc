#!/bin/sh
# Runs in the build stage of Dockerfile.{gateway,zone,operator}, after the whole
# repository has been compiled in /src: lays out /out/<service>, the runtime
# stage's only layer, with exactly what one service needs at run time:
#   - production dependencies of that workspace only (npm ci --omit=dev
#     --omit=optional -w @aether/<service>): no compilers, no Prisma CLI, no
#     embedded PostgreSQL binaries (optional dependency; the images always get a
#     DATABASE_URL)
#   - the compiled dist/ of that workspace and of the workspaces it imports
#     (JavaScript only: declarations, source maps and build info are dropped)
#   - extras: gateway -> web client, prisma/ migrations and scripts/db/{lib,migrate,seed}.mjs (the Helm
#     migration Job runs `node scripts/db/migrate.mjs` and seed.mjs from it)
#   - healthcheck.mjs for the HEALTHCHECK instruction
# and then checks the tree for test code and development-only packages
# (check-contents.mjs), failing the build if it finds any.
#
#   sh scripts/images/assemble.sh gateway|zone|operator
#
# AETHER_IMAGES_OUT moves /out elsewhere, to look at a tree outside a build.
set -eu
service=${1:?usage: assemble.sh gateway|zone|operator}
case "$service" in
  gateway) packages="shared gateway"; extras="gateway/public prisma/schema.prisma prisma/migrations scripts/db/lib.mjs scripts/db/migrate.mjs scripts/db/seed.mjs" ;;
  zone) packages="shared zone"; extras="" ;;
  operator) packages="shared operator"; extras="operator/crd" ;;
  *) echo "assemble.sh: unknown service '$service'" >&2; exit 2 ;;
esac

src=$(pwd)
out=${AETHER_IMAGES_OUT:-/out}/$service
rm -rf "$out"
mkdir -p "$out"

# npm needs every workspace's package.json to match the lockfile; the ones this
# image does not use are removed again afterwards.
cp package.json package-lock.json "$out/"
for workspace in shared zone gateway operator testing standalone mud; do
  mkdir -p "$out/$workspace"
  cp "$workspace/package.json" "$out/$workspace/"
done
cd "$out"
flags="--omit=dev --omit=optional --ignore-scripts --workspace=@aether/$service"
# shellcheck disable=SC2086
if ! npm ci $flags; then
  # The lockfile is written on linux/x64 by a registry that may lack some
  # other platforms' optional packages; `npm ci` then calls it out of sync
  # although every package this platform needs is locked. `npm install` installs
  # the same locked versions and tolerates the gap.
  echo "assemble.sh: npm ci refused the lockfile; installing the same locked versions with npm install" >&2
  # shellcheck disable=SC2086
  npm install --no-save $flags
fi

cd "$src"
for package in $packages; do
  cp -R "$package/dist" "$out/$package/dist"
done
find "$out" -path '*/dist/*' \( -name '*.d.ts' -o -name '*.d.ts.map' -o -name '*.js.map' -o -name '*.tsbuildinfo' \) -type f -delete
for workspace in shared zone gateway operator testing standalone mud; do
  case " $packages " in *" $workspace "*) ;; *) rm -rf "${out:?}/$workspace" ;; esac
done
for extra in $extras; do
  mkdir -p "$out/$(dirname "$extra")"
  cp -R "$extra" "$out/$extra"
done
cp scripts/images/healthcheck.mjs "$out/healthcheck.mjs"
# Anything npm left behind for root only must stay readable by the app user.
chmod -R a+rX "$out"
node scripts/images/check-contents.mjs "$out" "$service"
echo "assemble.sh: $service: $(du -sh "$out" | cut -f1) in $out (node_modules $(du -sh "$out/node_modules" | cut -f1))"
