#!/usr/bin/env bash
# Builds the standalone app and runs the Playwright suite (or the specs given as arguments).
# Holds a lock so that two people (or agents) on one machine don't build into .next at once.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/homelab-panel-e2e.lock
flock 9
if [ "${SKIP_BUILD:-0}" != "1" ]; then bash scripts/build.sh; fi
npx playwright test "$@"
