#!/usr/bin/env bash
# Sets up and runs the panel. With no homelab configured (no homelab.yaml, no HOMELAB_CONFIG), it
# runs in demo mode: the simulated homelab (sim/) plus the embedded database under data/.
# DEMO_SIM=1 runs the demo even when a homelab.yaml is present (it is left alone, not read);
# SIM_ARGS passes simulator knobs, e.g. SIM_ARGS="--soak-minutes 2 --auto-rollback 1" (docs/simulator.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# shellcheck source=lib/ensure.sh
source scripts/lib/ensure.sh
ensure_node_modules
[ "${SKIP_BUILD:-0}" = "1" ] && [ -f .next/standalone/server.js ] || bash scripts/build.sh

port=${PORT:-3000}
url="http://localhost:${port}"
pids=()
# Stops a process and everything it started (npx → tsx → node), so that a SIGTERM from a service
# manager or `timeout` leaves no simulator behind (Ctrl-C reaches the whole process group anyway).
kill_tree() {
  local child
  if command -v pgrep >/dev/null; then
    for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  fi
  kill "$1" 2>/dev/null || true
}
cleanup() {
  for p in "${pids[@]}"; do kill_tree "$p"; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

if [ "${DEMO_SIM:-0}" != "1" ] && { [ -n "${HOMELAB_CONFIG:-}" ] || [ -f homelab.yaml ]; }; then
  export HOMELAB_CONFIG="$(realpath "${HOMELAB_CONFIG:-homelab.yaml}")"
  echo "==> using your homelab configuration: $HOMELAB_CONFIG"
else
  if [ "${DEMO_SIM:-0}" = "1" ]; then echo "==> DEMO_SIM=1: starting the simulated homelab (demo mode)"
  else echo "==> no homelab configured: starting the simulated homelab (demo mode)"; fi
  mkdir -p .sim data
  rm -f .sim/sim.log
  # shellcheck disable=SC2086 # SIM_ARGS (e.g. "--kubevirt --latency 200") is split on purpose
  npx tsx sim/main.ts --dir .sim --config-out .sim/homelab.yaml --public-url "$url" --data-dir "$PWD/data/pglite" ${SIM_ARGS:-} >.sim/sim.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    grep -q "simulator ready" .sim/sim.log 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || { cat .sim/sim.log >&2; exit 1; }
    sleep 0.5
  done
  export HOMELAB_CONFIG="$PWD/.sim/homelab.yaml"
fi

echo "==> starting the panel on $url"
# The image's memory settings (Dockerfile; docs/performance.md, "Memory").
PORT=$port HOSTNAME=${HOSTNAME_BIND:-0.0.0.0} NODE_ENV=production MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 \
  node --max-old-space-size=256 --max-semi-space-size=4 .next/standalone/server.js &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "$url/api/healthz" >/dev/null 2>&1 && break
  kill -0 "${pids[-1]}" 2>/dev/null || exit 1
  sleep 0.5
done

cat <<MSG

  Homelab panel: $url
MSG
if [ -f .sim/sim.log ] && [ "$HOMELAB_CONFIG" = "$PWD/.sim/homelab.yaml" ]; then
  cat <<MSG
  Demo sign-ins (simulated Keycloak; the password is the user name):
    paul   - admin (promotions, audit log, everything)
    marie  - family (also lucas, emma)
    guest  - signed in but no role ("ask Paul for access")
  The simulated Keycloak speaks HTTPS with a certificate of its own CA (.sim/tls/keycloak-ca.pem):
  your browser asks you to accept it once (or trust that CA); the panel trusts it via auth.tls.caFile.
  Simulator knobs: see docs/simulator.md (control API in .sim/endpoints.json)
MSG
fi
echo "  Stop with Ctrl-C."
wait -n "${pids[@]}"
