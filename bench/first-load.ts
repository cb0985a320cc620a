// First-load JavaScript of a route, read from a build's manifests (no server, no browser): the root
// main files plus the client chunks of every segment the route renders (layouts, page, error and
// not-found boundaries; the global error page and the noModule polyfills excluded), gzip -9.
// `bench/dashboard.ts` measures what Chromium really loads for `/`; this one is quick, reaches any
// route, and can name the chunks that only load on demand (dynamic import) by a string they contain.
//   bash scripts/build.sh && npx tsx bench/first-load.ts / /capacity /services/[cluster]/[app]
//   BENCH_BUILD=/tmp/other/.next npx tsx bench/first-load.ts /        # another build (before/after)
//   BENCH_FIND='memory-chart' npx tsx bench/first-load.ts /capacity  # + the lazy chunks containing it
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

const dir = path.resolve(process.env.BENCH_BUILD ?? '.next');
const gz = (f: string) => zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length;
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const build = JSON.parse(fs.readFileSync(path.join(dir, 'build-manifest.json'), 'utf8')) as { rootMainFiles: string[] };

function manifestFile(route: string): string {
  const rel = route === '/' ? '' : route;
  for (const group of ['[locale]/[audience]/(panel)', '[locale]', '(panel)', '']) {
    const f = path.join(dir, 'server/app', group, rel, 'page_client-reference-manifest.js');
    if (fs.existsSync(f)) return f;
  }
  throw new Error(`no client manifest for ${route} in ${dir}`);
}

function routeFiles(route: string): string[] {
  const sandbox: { self: Record<string, unknown>; globalThis?: unknown } = { self: {} };
  sandbox.globalThis = sandbox.self;
  vm.runInNewContext(fs.readFileSync(manifestFile(route), 'utf8'), sandbox);
  const manifests = (sandbox.self.__RSC_MANIFEST ?? {}) as Record<string, { entryJSFiles: Record<string, string[]> }>;
  const files = new Set(build.rootMainFiles);
  for (const m of Object.values(manifests)) {
    for (const [entry, list] of Object.entries(m.entryJSFiles)) if (!entry.endsWith('/global-error')) list.forEach((f) => files.add(f));
  }
  return [...files];
}

for (const route of process.argv.slice(2)) {
  const files = routeFiles(route);
  const total = files.reduce((s, f) => s + gz(f), 0);
  console.log(`${route}: ${files.length} scripts, ${kB(total)} gzip -9 (${total} bytes)`);
  const needle = process.env.BENCH_FIND;
  if (needle) {
    const chunks = fs.readdirSync(path.join(dir, 'static/chunks')).filter((f) => f.endsWith('.js')).map((f) => `static/chunks/${f}`);
    for (const f of chunks.filter((c) => !files.includes(c) && fs.readFileSync(path.join(dir, c), 'utf8').includes(needle))) {
      console.log(`  loaded on demand: ${f} ${kB(gz(f))} gzip -9`);
    }
  }
}
