// Dashboard benchmarks (docs/performance.md, "Dashboard"), against the built standalone panel and
// the simulator, in Chromium:
//  1. server time of GET / and GET /api/services (p50/p95 over BENCH_N requests, signed in as Paul),
//     at the simulator's default size, or with BENCH_SCALE=20x400x50 and BENCH_LATENCY=200 (ms);
//  2. a change in the simulator (an app's health) → visible on an open page (p95 over 50 changes);
//  3. JavaScript shipped for the first load of / (sum of script responses, gzip -9 sizes);
//  4. server RSS when idle and after 100 / 1000 page loads.
// Run (after `bash scripts/build.sh`, under the e2e lock so no build rewrites .next meanwhile):
//   flock /tmp/homelab-panel-e2e.lock npx tsx bench/dashboard.ts
//   BENCH_SCALE=20x400x50 BENCH_LATENCY=200 flock /tmp/homelab-panel-e2e.lock npx tsx bench/dashboard.ts
// or copy the build aside and point BENCH_STANDALONE at it (no lock needed while it runs):
//   cp -a .next/standalone /tmp/panel-build && BENCH_STANDALONE=/tmp/panel-build npx tsx bench/dashboard.ts
// BENCH_JS_ONLY=1: only 3. (the first-load JS of /), then stop; BENCH_USER=marie: as a family member.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { WebSocket } from 'undici';
import { signIn } from '../e2e/support/login';
import { benchHomelab } from './support/homelab';

const N = Number(process.env.BENCH_N ?? 200);
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const STANDALONE = process.env.BENCH_STANDALONE ?? '.next/standalone';
const [sc, sa, sn] = (process.env.BENCH_SCALE ?? '').split('x').map(Number);
const scale = sc ? { clusters: sc, appsPerCluster: sa, nodesPerCluster: sn } : undefined;
const latencyMs = Number(process.env.BENCH_LATENCY ?? 0);
const url = `http://localhost:${PORT}`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// BENCH_HEAP=1: the panel runs with the inspector on, and each memory checkpoint also forces a full
// garbage collection and reads the live heap — flat live heap + rising RSS = GC sizing, not a leak.
const INSPECT_PORT = process.env.BENCH_HEAP === '1' ? PORT + 6000 : 0;
async function liveHeapMb(): Promise<number> {
  const [{ webSocketDebuggerUrl }] = (await (await fetch(`http://127.0.0.1:${INSPECT_PORT}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', reject, { once: true });
  });
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const my = ++id;
      const onMessage = (ev: { data: unknown }) => {
        const msg = JSON.parse(String(ev.data)) as { id?: number };
        if (msg.id === my) {
          ws.removeEventListener('message', onMessage);
          resolve(msg as never);
        }
      };
      ws.addEventListener('message', onMessage);
      ws.send(JSON.stringify({ id: my, method, params }));
    });
  await call('HeapProfiler.collectGarbage');
  await call('HeapProfiler.collectGarbage');
  const r = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true });
  ws.close();
  return Number(r.result?.result?.value ?? 0) / 1024 / 1024;
}

const homelab = await benchHomelab(url, 'bench', { scale, latencyMs, syncDelayMs: 500 });
const { sim, cfgFile } = homelab;
const panel = spawn(process.execPath, [path.join(STANDALONE, 'server.js')], {
  // BENCH_PANEL_NODE_OPTIONS=--max-old-space-size=192 bounds the heap: RSS then shows whether memory is really retained.
  env: { ...process.env, NODE_OPTIONS: `${process.env.BENCH_PANEL_NODE_OPTIONS ?? ''}${INSPECT_PORT ? ` --inspect=127.0.0.1:${INSPECT_PORT}` : ''}`, PORT: String(PORT), HOSTNAME: 'localhost', HOMELAB_CONFIG: cfgFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${url}/api/healthz`).catch(() => null))?.ok) break;
    if (i > 600) throw new Error('panel did not start');
    await sleep(100);
  }
  await sleep(2_000);
  const idleRss = rssMb(panel.pid!);
  console.log(`config: ${scale ? `${sc} clusters × ${sa} apps × ${sn} nodes` : 'default homelab'}, upstream latency ${latencyMs} ms`);

  const page = await (await browser.newContext({ baseURL: url, viewport: { width: 390, height: 844 }, ignoreHTTPSErrors: true })).newPage();
  const scripts = new Map<string, Buffer>();
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script' && r.url().startsWith(url)) scripts.set(r.url(), await r.body().catch(() => Buffer.alloc(0)));
  });
  await signIn(page, process.env.BENCH_USER ?? 'paul');
  await page.getByTestId('live-status').and(page.locator('[data-state=open]')).waitFor();
  await sleep(5_000);
  const loadedRss = rssMb(panel.pid!); // the live store is running now (it starts on first use)
  const gz = [...scripts.values()].reduce((s, b) => s + zlib.gzipSync(b, { level: 9 }).length, 0);
  const raw = [...scripts.values()].reduce((s, b) => s + b.length, 0);
  console.log(`first-load JS of /: ${scripts.size} scripts, ${(raw / 1024).toFixed(1)} kB raw, ${(gz / 1024).toFixed(1)} kB gzip`);
  for (const [u, b] of scripts) console.log(`  ${(zlib.gzipSync(b, { level: 9 }).length / 1024).toFixed(1).padStart(6)} kB  ${u.replace(url, '')}`);
  if (process.env.BENCH_JS_ONLY === '1') process.exitCode = 0;
  else await serverBenches(page, loadedRss, idleRss);
} finally {
  await browser.close();
  panel.kill('SIGTERM');
  await sleep(500);
  await homelab.close();
}

async function serverBenches(page: import('@playwright/test').Page, loadedRss: number, idleRss: number) {

  // 1. server time, with the signed-in cookie (sequential requests, after a warm-up)
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const time = async (p: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}${p}`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return performance.now() - t0;
  };
  for (const p of ['/api/healthz', '/api/me', '/', '/api/services', '/api/services?q=app-01&health=Healthy&page=3', '/clusters']) {
    for (let i = 0; i < 20; i++) await time(p);
    const xs: number[] = [];
    for (let i = 0; i < N; i++) xs.push(await time(p));
    console.log(`GET ${p}: ${fmt(xs)}`);
  }

  // 2. event → page: toggle one family app's health, wait until the open page shows it
  const appName = scale ? (sim.clusters.get('cluster-01') ? 'app-0003-cluster-01' : '') : 'navidrome-cloud';
  const argo = [...sim.clusters.values()].find((c) => c.argocd)!;
  await page.goto(scale ? `/services?q=${appName}` : '/');
  await page.getByTestId('live-status').and(page.locator('[data-state=open]')).waitFor();
  const target = scale ? page.locator(`[data-testid=app-row][data-app="${appName}"]`) : page.getByTestId('service-tile').filter({ hasText: 'Music' });
  const attr = scale ? 'data-health' : 'data-state';
  const values = scale ? ['Degraded', 'Healthy'] : ['down', 'up'];
  const lat: number[] = [];
  for (let i = 0; i < 50; i++) {
    const health = i % 2 === 0 ? 'Degraded' : 'Healthy';
    const t0 = performance.now();
    argo.setAppStatus(appName, { health });
    await target.and(page.locator(`[${attr}="${values[i % 2]}"]`)).waitFor({ timeout: 10_000 });
    lat.push(performance.now() - t0);
    await sleep(100 + Math.random() * 200);
  }
  console.log(`event → page (${appName}): ${fmt(lat)}`);

  // 4. memory: idle, then 1000 loads of / (server render + the API calls a page makes)
  const rss: string[] = [`started ${idleRss.toFixed(0)} MB`, `store loaded, idle ${loadedRss.toFixed(0)} MB${INSPECT_PORT ? ` (live heap after GC ${(await liveHeapMb()).toFixed(1)} MB)` : ''}`];
  for (let i = 1; i <= 1000; i++) {
    await time('/');
    if (i === 100 || i === 300 || i === 500 || i === 700 || i === 1000) {
      const heap = INSPECT_PORT ? ` (live heap after GC ${(await liveHeapMb()).toFixed(1)} MB)` : '';
      rss.push(`after ${i} loads ${rssMb(panel.pid!).toFixed(0)} MB${heap}`);
    }
  }
  console.log(`RSS: ${rss.join(', ')}`);
}
