// Page cost bench (docs/performance.md, "Cost of a signed-in page"): against the built standalone
// panel and the simulator, signed in as Marie (family) and Paul (admin):
//  1. server CPU per GET / (utime+stime of the panel process over BENCH_N sequential requests, after a
//     warm-up): CPU time, not wall time, so it holds on a machine shared with other work;
//  2. `wrk -t2 -c50 -d15s` on / with each role's cookie (req/s, p99), if wrk is installed;
//  3. RSS: idle 20 s after start, after 1,000 page loads and the wrk runs (and the embedded database's
//     own process, when it runs in one);
//  4. a cold load of every page in Chromium at 412 px: Cumulative Layout Shift (layout-shift entries
//     over 4 s, the live stream opened meanwhile), RSC prefetches sent and aborted.
// Options: BENCH_DB=embedded (no PostgreSQL: the embedded database), BENCH_CPU_PROF=<dir> (the panel
// runs with --cpu-prof; the profile is written on exit), BENCH_WRK=0 (skip wrk), BENCH_PAGES=0 (skip 4),
// BENCH_SCALE=20x400x50 (simulator size), BENCH_PANEL_NODE_OPTIONS (default the shipped flags; the
// shipped MALLOC_* settings apply; BENCH_MALLOC=default measures glibc's defaults),
// BENCH_MEM=1 (at each RSS checkpoint, where the memory goes: bench/support/mem-probe.mjs; it forces a
// full collection, so later checkpoints read lower than without it), BENCH_MEM=snapshot (and a heap
// snapshot at idle, written to /tmp/bench-mem-<pid>.json.heapsnapshot), BENCH_IDLE_ONLY=1 (stop after
// the idle RSS: a quick comparison of memory settings).
// BENCH_CPU=0 (skip 1 and 3's loads), BENCH_ROUNDS / BENCH_VIEWPORTS / BENCH_PAGE_LIST / BENCH_LATENCY (4),
// BENCH_LIGHTHOUSE / BENCH_LH_PAGES / BENCH_LH_RUNS (Lighthouse).
//   cp -a .next/standalone /tmp/panel-build && BENCH_STANDALONE=/tmp/panel-build npx tsx bench/page-cost.ts
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { parse, stringify } from 'yaml';
import { signIn } from '../e2e/support/login';
import { benchHomelab } from './support/homelab';

const N = Number(process.env.BENCH_N ?? 500);
const PORT = Number(process.env.BENCH_PORT ?? 3310);
const STANDALONE = process.env.BENCH_STANDALONE ?? '.next/standalone';
const HEAP = process.env.BENCH_PANEL_NODE_OPTIONS ?? '--max-old-space-size=256 --max-semi-space-size=4';
/** glibc malloc as shipped (Dockerfile, scripts/start.mjs, the Deployment). */
const MALLOC = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };
const PROF = process.env.BENCH_CPU_PROF ?? '';
const EMBEDDED = process.env.BENCH_DB === 'embedded';
const MEM = process.env.BENCH_MEM ?? '';
const memOut = `/tmp/bench-mem-${process.pid}.json`;
const [sc, sa, sn] = (process.env.BENCH_SCALE ?? '').split('x').map(Number);
const scale = sc ? { clusters: sc, appsPerCluster: sa, nodesPerCluster: sn } : undefined;
const url = `http://localhost:${PORT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);
const cpuMs = (pid: number) => {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
};
const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
/** The panel's own process and, apart, any child it runs (the embedded database's process). */
const children = (pid: number): number[] => {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};
const rss = (pid: number) => {
  const kids = children(pid).map(rssOf);
  return `${rssOf(pid).toFixed(0)} MiB${kids.length ? ` (+ ${kids.map((k) => k.toFixed(0)).join(' + ')} MiB in its child process)` : ''}`;
};
/** BENCH_MEM: the probe's breakdown of the panel's memory (MiB), before and after a forced full collection. */
async function memBreakdown(pid: number): Promise<string> {
  if (!MEM) return '';
  fs.rmSync(memOut, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 600 && !fs.existsSync(memOut); i++) await sleep(100);
  await sleep(200);
  type U = { rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; mallocedMemory: number; spaces: Record<string, number> };
  type S = { anonymous: number; file: number; nodeBinary: number; threads: number; largest: string };
  const m = JSON.parse(fs.readFileSync(memOut, 'utf8')) as { before: U; after: U; smapsBefore: S; smapsAfter: S; requiredModules: number; snapshot?: string };
  const u = (x: U) => `rss ${x.rss}, heap ${x.heapUsed} used / ${x.heapTotal} total (new ${x.spaces.new_space}, old ${x.spaces.old_space}, code ${x.spaces.code_space}, large ${x.spaces.large_object_space}), external ${x.external} (arrayBuffers ${x.arrayBuffers}), V8 malloc ${x.mallocedMemory}`;
  const s = (x: S) => `anonymous ${x.anonymous} (largest, resident/mapped: ${x.largest}), files ${x.file}, node binary ${x.nodeBinary}, ${x.threads} threads`;
  return `\n  before GC: ${u(m.before)}; resident: ${s(m.smapsBefore)}\n  after GC:  ${u(m.after)}; resident: ${s(m.smapsAfter)}; ${m.requiredModules} CommonJS modules${m.snapshot ? `; heap snapshot ${m.snapshot}` : ''}`;
}

if (await fetch(`${url}/api/healthz`).catch(() => null)) throw new Error(`port ${PORT} is taken: another panel answers there (BENCH_PORT=…)`);
// BENCH_LATENCY=<ms> on every upstream answer (a real Proxmox or GitHub is not on loopback): what the
// browser fetches after load (the gaming card, DEV power) then lands after the first paint.
const LATENCY = Number(process.env.BENCH_LATENCY ?? 0);
const homelab = await benchHomelab(url, 'pagecost', { scale, syncDelayMs: 500, ...(LATENCY ? { latencyMs: LATENCY } : {}) });
let cfgFile = homelab.cfgFile;
let embeddedDir = '';
if (EMBEDDED) {
  // The same homelab.yaml without `database.url`: the panel opens its embedded database in a folder.
  embeddedDir = fs.mkdtempSync('/tmp/bench-pglite-');
  const cfg = parse(fs.readFileSync(cfgFile, 'utf8')) as { database: Record<string, unknown> };
  cfg.database = { embeddedDir: embeddedDir };
  cfgFile = path.join(path.dirname(cfgFile), 'homelab-embedded.yaml');
  fs.writeFileSync(cfgFile, stringify(cfg));
}
const panel = spawn(process.execPath, [...(PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : []), path.join(STANDALONE, 'server.js')], {
  env: {
    ...process.env,
    ...(process.env.BENCH_MALLOC === 'default' ? {} : MALLOC),
    NODE_OPTIONS: `${HEAP}${MEM ? ` --import ${pathToFileURL(path.resolve('bench/support/mem-probe.mjs')).href}` : ''}`,
    ...(MEM ? { MEM_PROBE_OUT: memOut, ...(MEM === 'snapshot' ? { MEM_PROBE_SNAPSHOT: '1' } : {}) } : {}),
    PORT: String(PORT),
    LIVENESS_PORT: String(PORT + 1), // as shipped (Dockerfile, Deployment): the liveness worker thread counts in RSS
    HOSTNAME: 'localhost', // not 127.0.0.1: docs/configuration.md (HOSTNAME)
    HOMELAB_CONFIG: cfgFile,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => panel.kill('SIGKILL'));
let browser: Browser | null = null;

async function cookieOf(user: string): Promise<string> {
  const context = await browser!.newContext({ baseURL: url, ignoreHTTPSErrors: true });
  context.setDefaultTimeout(120_000); // at scale, on a busy machine, the first pages take a while
  await signIn(await context.newPage(), user);
  const c = (await context.cookies()).map((x) => `${x.name}=${x.value}`).join('; ');
  await context.close();
  return c;
}

async function get(p: string, cookie: string): Promise<number> {
  const res = await fetch(`${url}${p}`, { headers: { cookie }, redirect: 'manual' });
  const n = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200) throw new Error(`${p}: ${res.status}`);
  return n;
}

function wrk(cookie: string): string {
  try {
    const out = execFileSync('wrk', ['-t2', '-c50', '-d15s', '--latency', '-H', `Cookie: ${cookie}`, `${url}/`], { encoding: 'utf8' });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out)?.[1];
    const p99 = /\s99%\s+([\d.]+\w+)/.exec(out)?.[1];
    const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? '0';
    const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? 'none';
    return `${Number(rps).toFixed(0)} req/s, p99 ${p99}, non-2xx ${non2xx}, socket errors ${errors}`;
  } catch (e) {
    return `wrk not run (${(e as Error).message.split('\n')[0]})`;
  }
}

// BENCH_LIGHTHOUSE=<lighthouse's cli.js> (e.g. from `npm i lighthouse` in a scratch folder): three
// mobile runs of a page per role with the session cookie, the median of each category's score and
// the accessibility / best-practices audits that failed in any run.
function lighthouse(user: string, cookie: string, p: string) {
  const runs: Record<string, number>[] = [];
  const failed = new Set<string>();
  for (let i = 0; i < Number(process.env.BENCH_LH_RUNS ?? 3); i++) {
    const out = path.join(fs.mkdtempSync('/tmp/bench-lh-'), 'report.json');
    try {
      execFileSync(process.execPath, [process.env.BENCH_LIGHTHOUSE!, `${url}${p}`, '--quiet', '--output=json', `--output-path=${out}`, '--only-categories=performance,accessibility,best-practices', `--extra-headers=${JSON.stringify({ Cookie: cookie })}`, '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage'], {
        env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
        stdio: ['ignore', 'ignore', 'ignore'],
      });
      type Category = { score: number; auditRefs: { id: string; weight: number }[] };
      type Audit = { numericValue?: number; score: number | null; details?: { items?: { issueType?: string; subItems?: { items?: unknown[] } }[] } };
      const r = JSON.parse(fs.readFileSync(out, 'utf8')) as { categories: Record<string, Category>; audits: Record<string, Audit> };
      for (const c of ['accessibility', 'best-practices'])
        for (const a of r.categories[c].auditRefs) {
          const audit = r.audits[a.id];
          const what = (audit.details?.items ?? []).map((i) => `${i.issueType ?? ''}${i.subItems?.items ? JSON.stringify(i.subItems.items).slice(0, 300) : ''}`).join(' ');
          if (a.weight > 0 && audit.score !== null && audit.score < 1) failed.add(`${a.id}${what ? ` (${what})` : ''}`);
        }
      runs.push({
        performance: Math.round(r.categories.performance.score * 100),
        accessibility: Math.round(r.categories.accessibility.score * 100),
        'best-practices': Math.round(r.categories['best-practices'].score * 100),
        cls: r.audits['cumulative-layout-shift'].numericValue ?? NaN,
        lcp: r.audits['largest-contentful-paint'].numericValue ?? NaN,
        tbt: r.audits['total-blocking-time'].numericValue ?? NaN,
      });
    } catch (e) {
      console.log(`lighthouse ${p} as ${user}: run failed (exit ${(e as { status?: number }).status ?? '?'}; a page that is not found for this role fails)`);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  }
  if (!runs.length) return;
  const median = (k: string) => [...runs.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  console.log(
    `lighthouse mobile ${p} as ${user} (median of ${runs.length}): performance ${median('performance')}, accessibility ${median('accessibility')}, best practices ${median('best-practices')}; CLS ${median('cls').toFixed(3)}, LCP ${median('lcp').toFixed(0)} ms, TBT ${median('tbt').toFixed(0)} ms${failed.size ? `; failed: ${[...failed].join(', ')}` : ''}; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
  );
}

const PAGES = (process.env.BENCH_PAGE_LIST ?? '/,/services,/clusters,/gaming,/capacity,/promotions,/audit').split(',');
// BENCH_ROUNDS cold loads of every page per viewport (the shifts that remain are intermittent: one
// run is not a verdict); BENCH_VIEWPORTS=412x823,390x844,1280x800 (below 768 px wide: a phone).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const VIEWPORTS = (process.env.BENCH_VIEWPORTS ?? '412x823').split(',').map((v) => v.split('x').map(Number) as [number, number]);

type Load = { cls: number; shifted: string[]; rsc: number; aborted: number; status: number };

async function coldLoad(p: string, cookie: string, [width, height]: [number, number]): Promise<Load> {
  const phone = width < 768;
  const context = await browser!.newContext({ baseURL: url, viewport: { width, height }, deviceScaleFactor: phone ? 2.625 : 1, isMobile: phone, hasTouch: phone });
  await context.addCookies(cookie.split('; ').map((kv) => ({ name: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1), url })));
  // tsx (esbuild's keepNames) wraps named arrow functions in `__name(…)`, which the page does not
  // have: without this, the observer below threw before it was registered and every CLS read 0.
  await context.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifted: string[] };
    w.__cls = 0;
    w.__shifted = [];
    type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
    const name = (n: Node | null | undefined) => {
      const el = n instanceof Element ? n : n?.parentElement;
      if (!el) return '?';
      const id = el.getAttribute('data-testid') ?? el.closest('[data-testid]')?.getAttribute('data-testid');
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}`;
    };
    const move = (s: { previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }) => `${Math.round(s.currentRect.y - s.previousRect.y)}px`;
    new PerformanceObserver((l) => {
      for (const e of l.getEntries() as Shift[]) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        w.__shifted.push(`${e.value.toFixed(3)}@${Math.round(e.startTime)}ms:${(e.sources ?? []).map((s) => `${name(s.node)}${move(s)}`).join('+')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  let rsc = 0;
  let aborted = 0;
  page.on('request', (r) => {
    if (r.url().includes('_rsc=')) rsc++;
  });
  page.on('requestfailed', (r) => {
    if (r.url().includes('_rsc=')) aborted++;
  });
  const res = await page.goto(p);
  await sleep(4_000);
  const { cls, shifted } = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifted: string[] };
    return { cls: w.__cls, shifted: w.__shifted };
  });
  await context.close();
  return { cls, shifted, rsc, aborted, status: res?.status() ?? 0 };
}

async function coldLoads(user: string, cookie: string, viewport: [number, number]) {
  const out: string[] = [];
  for (const p of PAGES) {
    const loads: Load[] = [];
    for (let i = 0; i < ROUNDS; i++) loads.push(await coldLoad(p, cookie, viewport));
    const worst = loads.reduce((a, b) => (b.cls > a.cls ? b : a));
    const over = loads.filter((l) => l.cls > 0.01).length;
    const statuses = [...new Set(loads.map((l) => l.status))].filter((s) => s !== 200);
    out.push(
      `${p}${statuses.length ? ` (HTTP ${statuses.join('/')})` : ''} CLS max ${worst.cls.toFixed(3)}${ROUNDS > 1 ? ` (> 0.01 in ${over} of ${ROUNDS})` : ''}${worst.cls > 0 ? ` [${worst.shifted.join(', ')}]` : ''}, RSC prefetches ${Math.max(...loads.map((l) => l.rsc))} (aborted ${Math.max(...loads.map((l) => l.aborted))})`,
    );
  }
  console.log(`cold loads as ${user} (${viewport.join('×')}${ROUNDS > 1 ? `, ${ROUNDS} rounds, worst shown` : ''}): ${out.join('; ')}`);
}

const IDLE_ONLY = Symbol('idle only');
try {
  for (let i = 0; !(await fetch(`${url}/api/healthz`).catch(() => null))?.ok; i++) {
    if (i > 900) throw new Error('panel did not start');
    await sleep(100);
  }
  const started = Date.now();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const cookies = { marie: await cookieOf('marie'), paul: await cookieOf('paul') };
  await sleep(Math.max(0, 20_000 - (Date.now() - started)));
  const idle = rss(panel.pid!);
  console.log(`config: ${scale ? `${sc} clusters × ${sa} apps × ${sn} nodes` : 'default homelab'}, database ${EMBEDDED ? 'embedded' : 'PostgreSQL'}, ${HEAP}`);
  console.log(`RSS idle (20 s after start, both signed in, store loaded): ${idle}${await memBreakdown(panel.pid!)}`);
  if (process.env.BENCH_IDLE_ONLY === '1') throw IDLE_ONLY;
  // The panel's own background work (live store, monitors, jobs) while nobody asks anything: its CPU
  // rate is taken off the per-request figures below (net = CPU over the run − rate × run's wall time).
  // BENCH_CPU=0: no CPU figures and no 1,000 loads (only the browser's measures, Lighthouse).
  if (process.env.BENCH_CPU !== '0') {
    const b0 = cpuMs(panel.pid!);
    await sleep(10_000);
    const bgRate = (cpuMs(panel.pid!) - b0) / 10_000;
    console.log(`background CPU while idle: ${(bgRate * 1000).toFixed(0)} ms per second`);
    const measure = async (label: string, p: string, cookie: string) => {
      for (let i = 0; i < 50; i++) await get(p, cookie);
      const c0 = cpuMs(panel.pid!);
      const t0 = performance.now();
      for (let i = 0; i < N; i++) await get(p, cookie);
      const wall = performance.now() - t0;
      const cpu = cpuMs(panel.pid!) - c0;
      const size = await get(p, cookie);
      console.log(`GET ${p} as ${label}: server CPU ${((cpu - bgRate * wall) / N).toFixed(2)} ms per request net of background (${(cpu / N).toFixed(2)} gross), wall ${(wall / N).toFixed(1)} ms, ${(size / 1024).toFixed(1)} kB (n=${N}, sequential)`);
    };
    // Where a page's CPU goes, from the floor up: a route without session, the session alone, the home
    // page's data as JSON, the page.
    for (const p of ['/api/healthz', '/api/me', '/api/services/home']) await measure('paul', p, cookies.paul);
    for (const [user, cookie] of Object.entries(cookies)) await measure(user, '/', cookie);
    for (let i = 0; i < 1000 - 2 * N - 100; i++) await get('/', i % 2 ? cookies.marie : cookies.paul);
    console.log(`RSS after 1,000 page loads: ${rss(panel.pid!)}${await memBreakdown(panel.pid!)}`);
  }
  if (process.env.BENCH_WRK !== '0') {
    for (const [user, cookie] of Object.entries(cookies)) console.log(`wrk -t2 -c50 -d15s / as ${user}: ${wrk(cookie)}`);
    console.log(`RSS after the wrk runs: ${rss(panel.pid!)}${await memBreakdown(panel.pid!)}`);
  }
  if (process.env.BENCH_PAGES !== '0') for (const v of VIEWPORTS) for (const [user, cookie] of Object.entries(cookies)) await coldLoads(user, cookie, v);
  // BENCH_LH_PAGES=/,/gaming,… (default /): the pages Lighthouse runs on; BENCH_LH_RUNS runs each (default 3).
  const lhPages = (process.env.BENCH_LH_PAGES ?? '/').split(',');
  if (process.env.BENCH_LIGHTHOUSE) for (const p of lhPages) for (const [user, cookie] of Object.entries(cookies)) lighthouse(user, cookie, p);
} catch (e) {
  if (e !== IDLE_ONLY) throw e;
} finally {
  await browser?.close();
  panel.kill('SIGTERM'); // --cpu-prof writes its profile on a clean exit
  await new Promise((r) => panel.once('exit', r).once('error', r) && setTimeout(r, 5_000));
  await homelab.close();
  if (embeddedDir) fs.rmSync(embeddedDir, { recursive: true, force: true });
}
