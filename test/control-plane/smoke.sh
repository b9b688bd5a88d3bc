#!/usr/bin/env bash
# Smoke test of the test control plane, and the executable form of the start-up
# recipe in docs/control-plane.md: etcd -> kube-apiserver -> kube-controller-manager
# + kube-scheduler + kwok, then a fake Node, a Deployment whose Pods must become
# Running, a StatefulSet scaled 2 -> 1, and a CRD with a CEL rule. Everything runs
# on free loopback ports in a temp folder and is stopped on exit, in reverse
# start order (KEEP=1 keeps the folder for inspection; it is also kept on failure).
#
#   test/control-plane/smoke.sh [ASSETS_DIR]
#
# ASSETS_DIR defaults to the output of scripts/tools/control-plane.sh.
# HOLD=N stays up N more seconds, then checks the node and pods are still fine.
# Needs: bash, curl, openssl (only to make the service-account key pair), python3
# (only to pick free ports). kubectl is optional: KUBECTL=/path/to/kubectl also
# exercises the generated kubeconfig with kubectl.
set -euo pipefail
{ # Parsed as a whole before it runs, so editing this file mid-run is harmless.

# fd 3 = the caller's stderr: progress and failure reports go there even from
# code running under a redirection (the wait_for probes send 1 and 2 to /dev/null).
exec 3>&2

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
assets=${1:-$("$root/scripts/tools/control-plane.sh")}
work=$(mktemp -d "${TMPDIR:-/tmp}/aether-cp.XXXXXX")
pids=()
names=()

now_ms() { date +%s%3N; }
secs() { printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10)); } # ms -> "s.cc"
t0=$(now_ms)
elapsed() { printf '%6ss' "$(secs $(($(now_ms) - t0)))"; }
log() { printf '[%s] %s\n' "$(elapsed)" "$*" >&3; }

# stop NAME PID: SIGTERM, then SIGKILL if still there after ${STOP_TIMEOUT:-10} s.
stop() {
  local start=$(now_ms)
  kill -TERM "$2" 2>/dev/null || return 0
  while kill -0 "$2" 2>/dev/null; do
    if [ $(($(now_ms) - start)) -gt $((${STOP_TIMEOUT:-10} * 1000)) ]; then
      kill -KILL "$2" 2>/dev/null || true
      log "$1 did not exit on SIGTERM; killed"
      return 0
    fi
    sleep 0.05
  done
  log "$1 exited $(secs $(($(now_ms) - start)))s after SIGTERM"
}

cleanup() {
  local rc=$? i
  # Reverse start order: clients first, kube-apiserver, etcd last.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do stop "${names[i]}" "${pids[i]}"; done
  wait 2>/dev/null || true
  if [ "$rc" != 0 ]; then
    log "FAILED (exit $rc); last log lines:"
    for f in "$work"/*.log; do [ -f "$f" ] && { echo "== $f"; tail -15 "$f"; } >&3; done
  fi
  if [ "${KEEP:-0}" = 1 ] || [ "$rc" != 0 ]; then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_for NAME TIMEOUT_S CMD... : polls CMD every 0.2 s until it succeeds.
wait_for() {
  local name=$1 timeout=$2 start; shift 2
  start=$(now_ms)
  until "$@" >/dev/null 2>&1; do
    if [ $(($(now_ms) - start)) -gt $((timeout * 1000)) ]; then
      log "timed out after ${timeout}s waiting for $name"; return 1
    fi
    sleep 0.2
  done
  log "$name ready after $(secs $(($(now_ms) - start)))s"
}

etcd_client_port=$(free_port)
etcd_peer_port=$(free_port)
apiserver_port=$(free_port)
kcm_port=$(free_port)
scheduler_port=$(free_port)
log "work dir $work; ports etcd=$etcd_client_port/$etcd_peer_port apiserver=$apiserver_port kcm=$kcm_port scheduler=$scheduler_port"

# --- credentials ---------------------------------------------------------------
mkdir -p "$work/pki"
# Service-account token signing key pair (RSA 2048, PEM; PKCS#8 private key is fine).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/pki/sa.key" 2>/dev/null
openssl pkey -in "$work/pki/sa.key" -pubout -out "$work/pki/sa.pub"
# Static bearer tokens: token,user,uid[,"group1,group2"]. kube-controller-manager
# runs in system:masters with --use-service-account-credentials=false: with its
# own RBAC identity plus per-controller service-account credentials (kubeadm's
# way) it works too, but needs ~4.5 s instead of ~0.5 s to start its controllers.
admin_token=$(openssl rand -hex 24)
kcm_token=$(openssl rand -hex 24)
scheduler_token=$(openssl rand -hex 24)
kwok_token=$(openssl rand -hex 24)
cat > "$work/pki/tokens.csv" <<EOF
$admin_token,aether-admin,uid-admin,"system:masters"
$kcm_token,system:kube-controller-manager,uid-kcm,"system:masters"
$scheduler_token,system:kube-scheduler,uid-scheduler
$kwok_token,kwok-controller,uid-kwok,"system:masters"
EOF

# --- etcd ----------------------------------------------------------------------
"$assets/etcd" \
  --name=default \
  --data-dir="$work/etcd" \
  --listen-client-urls="http://127.0.0.1:$etcd_client_port" \
  --advertise-client-urls="http://127.0.0.1:$etcd_client_port" \
  --listen-peer-urls="http://127.0.0.1:$etcd_peer_port" \
  --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster="default=http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster-state=new \
  --unsafe-no-fsync=true \
  --log-level=warn \
  >"$work/etcd.log" 2>&1 &
pids+=($!); names+=(etcd)
wait_for etcd 30 sh -c "curl -fsS http://127.0.0.1:$etcd_client_port/health | grep -q '\"health\":\"true\"'"

# --- kube-apiserver ------------------------------------------------------------
"$assets/kube-apiserver" \
  --etcd-servers="http://127.0.0.1:$etcd_client_port" \
  --bind-address=127.0.0.1 \
  --advertise-address=127.0.0.1 \
  --endpoint-reconciler-type=none \
  --secure-port="$apiserver_port" \
  --cert-dir="$work/apiserver-certs" \
  --token-auth-file="$work/pki/tokens.csv" \
  --authorization-mode=RBAC \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$work/pki/sa.pub" \
  --service-account-signing-key-file="$work/pki/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --allow-privileged=true \
  >"$work/kube-apiserver.log" 2>&1 &
pids+=($!); names+=(kube-apiserver)
api="https://127.0.0.1:$apiserver_port"
# The self-signed serving certificate is written into --cert-dir at start-up
# (apiserver.crt = serving cert followed by its self-signed CA).
ca="$work/apiserver-certs/apiserver.crt"
wait_for "kube-apiserver /readyz" 90 sh -c \
  "test -s '$ca' && curl -fsS --cacert '$ca' -H 'Authorization: Bearer $admin_token' '$api/readyz' | grep -qx ok"

kubeconfig() { # kubeconfig FILE USER TOKEN
  cat > "$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: aether-test
  cluster:
    server: $api
    certificate-authority: $ca
users:
- name: $2
  user:
    token: $3
contexts:
- name: aether-test
  context:
    cluster: aether-test
    user: $2
current-context: aether-test
EOF
}
kubeconfig "$work/admin.kubeconfig" aether-admin "$admin_token"
kubeconfig "$work/kcm.kubeconfig" system:kube-controller-manager "$kcm_token"
kubeconfig "$work/scheduler.kubeconfig" system:kube-scheduler "$scheduler_token"
kubeconfig "$work/kwok.kubeconfig" kwok-controller "$kwok_token"

k() { # k METHOD PATH [JSON-BODY]  (admin, JSON)
  curl -fsS --cacert "$ca" -H "Authorization: Bearer $admin_token" -X "$1" \
    -H 'Content-Type: application/json' "$api$2" ${3:+--data "$3"}
}
k GET /version | tr -d '\n ' >&2; echo >&2
k GET /api/v1/namespaces | python3 -c 'import json,sys; print("namespaces:", [n["metadata"]["name"] for n in json.load(sys.stdin)["items"]])' >&2

# --- kube-controller-manager, kube-scheduler, kwok (any order, after the apiserver)
# No --authentication-kubeconfig/--authorization-kubeconfig: their own HTTPS port
# then serves anonymous requests, and only the always-allow paths (health checks).
"$assets/kube-controller-manager" \
  --kubeconfig="$work/kcm.kubeconfig" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 \
  --secure-port="$kcm_port" \
  --cert-dir="$work/kcm-certs" \
  --leader-elect=false \
  --use-service-account-credentials=false \
  --root-ca-file="$ca" \
  --service-account-private-key-file="$work/pki/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  >"$work/kube-controller-manager.log" 2>&1 &
pids+=($!); names+=(kube-controller-manager)

"$assets/kube-scheduler" \
  --kubeconfig="$work/scheduler.kubeconfig" \
  --authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics \
  --bind-address=127.0.0.1 \
  --secure-port="$scheduler_port" \
  --cert-dir="$work/scheduler-certs" \
  --leader-elect=false \
  >"$work/kube-scheduler.log" 2>&1 &
pids+=($!); names+=(kube-scheduler)

# kwok reads ~/.kwok/kwok.yaml too if it exists; HOME points at the work dir to
# keep a developer's own kwok config out of the test.
HOME="$work" "$assets/kwok" \
  --config="$here/kwok/stages.yaml" \
  --kubeconfig="$work/kwok.kubeconfig" \
  --manage-all-nodes=false \
  --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
  --node-lease-duration-seconds=40 \
  --cidr=10.244.0.0/16 \
  --node-ip=10.244.255.254 \
  >"$work/kwok.log" 2>&1 &
pids+=($!); names+=(kwok)

wait_for "kube-controller-manager /healthz" 60 curl -kfsS "https://127.0.0.1:$kcm_port/healthz"
wait_for "kube-scheduler /readyz" 60 curl -kfsS "https://127.0.0.1:$scheduler_port/readyz"
wait_for "default ServiceAccount" 60 k GET /api/v1/namespaces/default/serviceaccounts/default

# --- a fake node and a deployment ------------------------------------------------
k POST /api/v1/nodes '{
  "apiVersion": "v1", "kind": "Node",
  "metadata": {"name": "kwok-node-0",
    "annotations": {"node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake"},
    "labels": {"kubernetes.io/hostname": "kwok-node-0", "kubernetes.io/os": "linux",
               "kubernetes.io/arch": "amd64", "type": "kwok"}}
}' >/dev/null
node_ready() {
  k GET /api/v1/nodes/kwok-node-0 | python3 -c '
import json,sys; n=json.load(sys.stdin)
sys.exit(0 if any(c["type"]=="Ready" and c["status"]=="True" for c in n["status"].get("conditions",[])) else 1)'
}
wait_for "node kwok-node-0 Ready (kwok)" 60 node_ready

k POST /apis/apps/v1/namespaces/default/deployments '{
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "smoke"},
  "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "smoke"}},
    "template": {"metadata": {"labels": {"app": "smoke"}},
      "spec": {"containers": [{"name": "app", "image": "example.invalid/smoke:1"}]}}}
}' >/dev/null
pods_running() {
  k GET '/api/v1/namespaces/default/pods?labelSelector=app%3Dsmoke' | python3 -c '
import json,sys; items=json.load(sys.stdin)["items"]
sys.exit(0 if len(items)==2 and all(p["status"].get("phase")=="Running" for p in items) else 1)'
}
wait_for "2 pods Running" 60 pods_running
deploy_available() {
  k GET /apis/apps/v1/namespaces/default/deployments/smoke | python3 -c '
import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["status"].get("availableReplicas")==2 else 1)'
}
wait_for "deployment availableReplicas=2" 60 deploy_available
k GET '/api/v1/namespaces/default/pods?labelSelector=app%3Dsmoke' | python3 -c '
import json,sys
for p in json.load(sys.stdin)["items"]:
    print("pod", p["metadata"]["name"], p["spec"].get("nodeName"), p["status"]["phase"], p["status"].get("podIP"), file=sys.stderr)'

# A StatefulSet (what the operator owns): stable pod names, downward-API env.
k POST /apis/apps/v1/namespaces/default/statefulsets '{
  "apiVersion": "apps/v1", "kind": "StatefulSet",
  "metadata": {"name": "zone"},
  "spec": {"replicas": 2, "serviceName": "zone", "podManagementPolicy": "Parallel",
    "selector": {"matchLabels": {"app": "zone"}},
    "template": {"metadata": {"labels": {"app": "zone"}},
      "spec": {
        "containers": [{"name": "zone", "image": "example.invalid/zone:1",
          "env": [{"name": "SERVER_ID", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}]}}}
}' >/dev/null
sts_ready() {
  k GET /apis/apps/v1/namespaces/default/statefulsets/zone | python3 -c '
import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["status"].get("readyReplicas")==2 else 1)'
}
wait_for "statefulset zone readyReplicas=2 (zone-0, zone-1)" 60 sts_ready
k GET /api/v1/namespaces/default/pods/zone-1 >/dev/null
# Scale down: with no kubelet, kwok's pod-delete stage removes the terminating pod.
curl -fsS --cacert "$ca" -H "Authorization: Bearer $admin_token" -X PATCH \
  -H 'Content-Type: application/merge-patch+json' --data '{"spec":{"replicas":1}}' \
  "$api/apis/apps/v1/namespaces/default/statefulsets/zone/scale" >/dev/null
pod_gone() {
  [ "$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$ca" -H "Authorization: Bearer $admin_token" \
    "$api/api/v1/namespaces/default/pods/zone-1")" = 404 ]
}
wait_for "pod zone-1 deleted after scale to 1" 60 pod_gone
k GET /api/v1/namespaces/default/pods/zone-0 >/dev/null # zone-0 stays

# A CRD with a CEL validation rule and a /status subresource.
k POST /apis/apiextensions.k8s.io/v1/customresourcedefinitions '{
  "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
  "metadata": {"name": "widgets.smoke.aether.dev"},
  "spec": {"group": "smoke.aether.dev", "scope": "Namespaced",
    "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
    "versions": [{"name": "v1", "served": true, "storage": true,
      "subresources": {"status": {}},
      "schema": {"openAPIV3Schema": {"type": "object", "properties": {
        "spec": {"type": "object",
          "x-kubernetes-validations": [{"rule": "self.min <= self.max", "message": "min must be <= max"}],
          "properties": {"min": {"type": "integer"}, "max": {"type": "integer"}}},
        "status": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}}}}]}
}' >/dev/null
crd_established() {
  k GET /apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.smoke.aether.dev | python3 -c '
import json,sys; d=json.load(sys.stdin)
sys.exit(0 if any(c["type"]=="Established" and c["status"]=="True" for c in d["status"].get("conditions",[])) else 1)'
}
wait_for "CRD Established" 30 crd_established
widget() { k POST /apis/smoke.aether.dev/v1/namespaces/default/widgets \
  "{\"apiVersion\":\"smoke.aether.dev/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"$1\"},\"spec\":{\"min\":$2,\"max\":$3}}"; }
wait_for "CR create (served)" 30 widget ok 1 2
if widget bad 3 2 >/dev/null 2>&1; then log "CEL rule did not reject min > max"; exit 1; fi
log "CEL rule rejected an invalid Widget"

for i in "${!pids[@]}"; do
  log "${names[i]} RSS $(($(awk '/VmRSS/ {print $2}' "/proc/${pids[i]}/status") / 1024)) MiB"
done

if [ -n "${KUBECTL:-}" ]; then
  "$KUBECTL" --kubeconfig="$work/admin.kubeconfig" get nodes,deploy,pods -o wide >&2
fi
if [ "${HOLD:-0}" -gt 0 ]; then
  # Stay up a while to prove kwok keeps the node alive (Lease renewals) and the
  # node-lifecycle controller does not mark it NotReady or evict the pods.
  log "holding ${HOLD}s"
  sleep "$HOLD"
  node_ready || { log "node no longer Ready after ${HOLD}s"; exit 1; }
  pods_running || { log "pods no longer Running after ${HOLD}s"; exit 1; }
  log "node still Ready and pods still Running after ${HOLD}s"
fi
log "smoke test passed"
exit 0
}
