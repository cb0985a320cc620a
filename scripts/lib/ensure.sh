# Shared set-up steps for scripts/demo.sh and scripts/test.sh (sourced, not run).
# Everything a fresh machine of this kind lacks is installed here: npm packages, the generated Prisma
# client, Debian's Chromium for the browser tests, and a running local PostgreSQL for the test suite.

ensure_node_modules() {
  local stamp=node_modules/.install-stamp
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "==> installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" >"$stamp"
  fi
  bash scripts/prisma-generate.sh >/dev/null 2>&1 || bash scripts/prisma-generate.sh
}

ensure_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then return; fi
  echo "==> installing Debian's chromium for the browser tests"
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return; fi
  echo "==> starting the local PostgreSQL"
  if command -v pg_ctlcluster >/dev/null && ls /etc/postgresql >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && return
    sleep 1
  done
  echo "PostgreSQL is not reachable on 127.0.0.1:5432 (trust auth expected; set TEST_PG_URL otherwise)" >&2
  return 1
}
