#!/usr/bin/env bash
# `prisma generate` needs no engine binary for the prisma-client generator, but the CLI still tries to
# download the schema engine unless one is named. These machines cannot reach that host, so we point
# it at a stub that is never executed by `generate`.
set -euo pipefail
cd "$(dirname "$0")/.."
stub="node_modules/.cache/prisma-engine-stub"
mkdir -p "$(dirname "$stub")"
[ -x "$stub" ] || { printf '#!/bin/sh\necho "schema engine not available on this machine" >&2\nexit 1\n' >"$stub"; chmod +x "$stub"; }
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$PWD/$stub}"
export PRISMA_HIDE_UPDATE_MESSAGE=1 CHECKPOINT_DISABLE=1
exec npx prisma generate "$@"
