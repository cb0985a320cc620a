# syntax=docker/dockerfile:1
# Homelab panel: a multi-stage build of the Next.js standalone output (the same output the test
# suite runs: scripts/build.sh). Non-root, read-only-root-filesystem friendly, migrations at start.
# Node 24 (the current LTS); the code also runs on Node 20. Multi-arch (amd64 + arm64, the CLOUD
# cluster is arm64): docs/deployment.md has the `docker buildx build --platform` command.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# Same steps as scripts/build.sh: Prisma client (schema engine stubbed), next build, static files.
RUN bash scripts/build.sh

FROM ${NODE_IMAGE} AS run
WORKDIR /app
# Memory (docs/performance.md, "Memory"): the heap bound keeps RSS flat under load (V8 otherwise defers
# full collections although the live heap stays ~110 MB; raise it for a homelab far bigger than three
# clusters); a 4 MB young generation instead of 16; glibc malloc with two arenas, large blocks mapped
# apart and free memory returned (the default keeps an arena per thread and what module loading freed).
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 LIVENESS_PORT=9091 HOSTNAME=0.0.0.0 PANEL_DATA_DIR=/data/pglite \
  NODE_OPTIONS="--max-old-space-size=256 --max-semi-space-size=4" \
  MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072
RUN groupadd --system --gid 1001 panel && useradd --system --uid 1001 --gid panel --home /app panel \
  && mkdir -p /data && chown panel:panel /data
COPY --from=build --chown=panel:panel /app/.next/standalone ./
USER panel
EXPOSE 3000 9091
# The server applies pending database migrations at start (instrumentation.ts → server/boot.ts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "server.js"]
