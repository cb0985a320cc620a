#!/usr/bin/env bash
# Production build: Prisma client, Next.js standalone output, and the static files the standalone
# server expects beside it (exactly what the Dockerfile does).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/prisma-generate.sh >/dev/null
npx next build
# The CSP hashes of the prerendered page shells, beside the build the server reads (issue 15).
npx tsx scripts/shell-csp.ts .next
rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
[ -d public ] && cp -r public .next/standalone/public
echo "build: .next/standalone ready"
