#!/usr/bin/env bash
# The floor under the panel's first-load JS: builds an empty App Router page ("hi") with the same
# Next.js and React as the panel, and prints the gzip -9 size of the scripts a modern browser loads
# for it (the noModule polyfills excluded, as Chromium skips them). docs/performance.md compares the
# panel's `/` against this figure.
#   bash bench/next-floor.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/app"
cp -al "$root/node_modules" "$dir/node_modules" 2>/dev/null || cp -a "$root/node_modules" "$dir/node_modules"
echo '{"name":"next-floor","private":true}' > "$dir/package.json"
echo "export default { output: 'standalone' };" > "$dir/next.config.mjs"
echo 'export default function Layout({ children }) { return <html lang="en"><body>{children}</body></html>; }' > "$dir/app/layout.jsx"
echo 'export default function Page() { return <p>hi</p>; }' > "$dir/app/page.jsx"
(cd "$dir" && NEXT_TELEMETRY_DISABLED=1 node node_modules/next/dist/bin/next build >/dev/null)
html="$dir/.next/server/app/index.html"
total=0
for src in $(grep -o '<script src="[^"]*"[^>]*>' "$html" | grep -v noModule | sed 's/<script src="\([^"]*\)".*/\1/' | sort -u); do
  n=$(gzip -9c "$dir/.next/${src#/_next/}" | wc -c)
  total=$((total + n))
  printf '%8d  %s\n' "$n" "$src"
done
echo "next $(node -p "require('$root/node_modules/next/package.json').version"), react $(node -p "require('$root/node_modules/react/package.json').version"): empty page first-load JS $((total / 1000)) kB gzip -9 ($total bytes)"
