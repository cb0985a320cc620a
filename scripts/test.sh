#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this): installs what is missing, then
# lint, type check, unit + integration tests (simulator, PostgreSQL, PGlite), the standalone build,
# and the end-to-end suite in Chromium. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# shellcheck source=lib/ensure.sh
source scripts/lib/ensure.sh
ensure_node_modules || exit 1
ensure_chromium || exit 1
ensure_postgres || exit 1

mkdir -p .reports
failed_steps=()
step() {
  local name=$1
  shift
  echo "==> $name"
  if ! "$@"; then failed_steps+=("$name"); return 1; fi
}

rm -f .reports/*.json
step lint npx eslint . --max-warnings=0
step typecheck npx tsc --noEmit -p .
step "unit + integration" npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json
# The build runs with canary values for every secret; e2e/secrets.spec.ts proves none of them is in
# the browser bundle (and that the runtime secrets appear in no response).
canary_build() {
  local names=(AUTH_SECRET AUTH_KEYCLOAK_SECRET PROXMOX_TOKEN_SECRET GITHUB_TOKEN METRICS_TOKEN)
  local envs=() json="{" v
  for n in "${names[@]}"; do
    v="canary${n//_/}$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    envs+=("$n=$v")
    json+="\"$n\":\"$v\","
  done
  v="postgresql://canary:canarydb$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')@canary.invalid/panel"
  envs+=("DATABASE_URL=$v")
  json+="\"DATABASE_URL\":\"$v\"}"
  printf '%s\n' "$json" >.reports/canaries.json
  env "${envs[@]}" AUTH_KEYCLOAK_ISSUER=https://canary.invalid/realms/homelab AUTH_KEYCLOAK_ID=canary-client bash scripts/build.sh
}

if step build canary_build; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=.reports/playwright.json step e2e npx playwright test --reporter=list,json
else
  failed_steps+=("e2e (not run: build failed)")
fi

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
try {
  const v = JSON.parse(fs.readFileSync(".reports/vitest.json", "utf8"));
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests || 0);
} catch {}
try {
  const p = JSON.parse(fs.readFileSync(".reports/playwright.json", "utf8"));
  passed += p.stats.expected; failed += p.stats.unexpected + (p.stats.flaky || 0); skipped += p.stats.skipped;
} catch {}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
'
if [ ${#failed_steps[@]} -gt 0 ]; then
  echo "failed steps: ${failed_steps[*]}" >&2
  exit 1
fi
