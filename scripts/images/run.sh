#!/usr/bin/env bash
# Runs an image the way a container runtime would, without one (no Docker,
# no daemon; needs root): buildah makes a throw-away container of the image,
# and its root filesystem is entered with chroot inside new mount and PID
# namespaces, with
#   - the image's USER, WORKDIR, ENV and CMD (arguments after the image replace CMD),
#   - the root filesystem READ-ONLY and a fresh tmpfs on /tmp, as the Helm chart
#     runs the pods (readOnlyRootFilesystem: true),
#   - the host's network (so it reaches servers on 127.0.0.1 and is reached there).
#
#   scripts/images/run.sh [-e NAME=VALUE]... [-v HOST_PATH:CONTAINER_PATH]... [--pid-file FILE] [--reuse] IMAGE [COMMAND...]
#
# --reuse keeps the working container (named aether-run-<image id>) for the next
# run of the same image instead of removing it: with vfs storage, making one
# copies the whole image. Nothing can change it (read-only), so reuse is safe;
# remove them with `buildah rm` (smoke.mjs does).
# SIGTERM/SIGINT are passed to the container's process (PID 1 in its namespace);
# the exit status is the process's. --pid-file gets the host PID of that
# process, for `nsenter -t PID -m -p -r -w` (what `docker exec` does). Volumes
# are bind-mounted read-only.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

envs=()
volumes=()
pid_file=
reuse=
while [ $# -gt 0 ]; do
  case "$1" in
    -e) envs+=("$2"); shift 2 ;;
    -v) volumes+=("$2"); shift 2 ;;
    --pid-file) pid_file=$2; shift 2 ;;
    --reuse) reuse=1; shift ;;
    --) shift; break ;;
    -*) die "run.sh: unknown option $1" ;;
    *) break ;;
  esac
done
image=${1:?usage: run.sh [-e NAME=VALUE]... [-v HOST:CONTAINER]... [--pid-file FILE] IMAGE [COMMAND...]}
shift
[ "$(id -u)" -eq 0 ] || die "run.sh needs root (mount namespaces, chroot)"

inspect() { bah inspect --type image --format "$1" "$image"; }
user=$(inspect '{{.OCIv1.Config.User}}')
workdir=$(inspect '{{.OCIv1.Config.WorkingDir}}')
mapfile -t image_env < <(inspect '{{range .OCIv1.Config.Env}}{{println .}}{{end}}' | sed '/^$/d')
mapfile -t command < <(inspect '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}{{range .OCIv1.Config.Cmd}}{{println .}}{{end}}' | sed '/^$/d')
if [ $# -gt 0 ]; then
  mapfile -t command < <(inspect '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' | sed '/^$/d')
  command+=("$@")
fi
[ ${#command[@]} -gt 0 ] || die "$image has no CMD and no command was given"
user=${user:-0:0}
case "$user" in *:*) ;; *) user="$user:$user" ;; esac

if [ -n "$reuse" ]; then
  ctr="aether-run-$(bah inspect --type image --format '{{.FromImageID}}' "$image" | cut -c1-12)"
  bah inspect --type container "$ctr" >/dev/null 2>&1 || bah from --quiet --pull-never --name "$ctr" "$image" >/dev/null
else
  ctr=$(bah from --quiet --pull-never "$image")
fi
cleanup() {
  bah umount "$ctr" >/dev/null 2>&1 || true
  [ -n "$reuse" ] || bah rm "$ctr" >/dev/null 2>&1 || true
}
trap cleanup EXIT
rootfs=$(bah mount "$ctr")

# The script that runs inside the new namespaces; paths come in as arguments.
setup='
set -eu
r=$1; shift
mount --bind "$r" "$r"
mount -t tmpfs -o mode=1777,size=256m,nosuid,nodev tmpfs "$r/tmp"
while [ "$1" != "--" ]; do
  src=${1%%:*}; dst=${1#*:}; shift
  if [ -d "$src" ]; then mkdir -p "$r$dst"; else mkdir -p "$(dirname "$r$dst")"; touch "$r$dst"; fi
  mount --bind "$src" "$r$dst"
  mount -o remount,bind,ro "$r$dst"
done
shift
mount -o remount,bind,ro "$r"
mount -t proc -o nosuid,nodev,noexec proc "$r/proc"
exec chroot --userspec="$USERSPEC" "$r" "$@"
'
args=("$rootfs")
for volume in ${volumes[@]+"${volumes[@]}"}; do args+=("$volume"); done
args+=(--)
# env -i: the container sees the image's environment and -e values only.
args+=(/usr/bin/env -i -C "${workdir:-/}" ${image_env[@]+"${image_env[@]}"} ${envs[@]+"${envs[@]}"} "${command[@]}")

USERSPEC=$user unshare --mount --pid --fork --propagation private --kill-child=SIGKILL -- sh -c "$setup" sh "${args[@]}" &
unshare_pid=$!
init_pid=
for _ in $(seq 1 100); do
  init_pid=$(pgrep -P "$unshare_pid" | head -1 || true)
  [ -n "$init_pid" ] && break
  sleep 0.05
done
[ -z "$pid_file" ] || [ -z "$init_pid" ] || echo "$init_pid" > "$pid_file"
forward() { [ -z "$init_pid" ] || kill -"$1" "$init_pid" 2>/dev/null || true; }
trap 'forward TERM' TERM
trap 'forward INT' INT
status=0
while :; do
  wait "$unshare_pid" && status=0 || status=$?
  # wait returns early (>128) when a trapped signal arrives; keep waiting for the process.
  kill -0 "$unshare_pid" 2>/dev/null || break
done
exit "$status"
