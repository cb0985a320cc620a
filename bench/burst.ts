// Burst bench (docs/reliability.md, "Overload"): against the built standalone panel on loopback, with
// the deployment's heap bound, sends 5,000 concurrent anonymous requests, then 5,000 as a family
// member, then opens 2,000 event streams as that member (held 10 s). Throughout, it polls
// /api/healthz and the liveness port's /healthz (1 s timeout), samples the panel's RSS, and times a signed-in admin's GET / in a loop.
// Bounded: BENCH_BURST requests per phase (default 5000), every request times out after 60 s.
//   cp -a .next/standalone /tmp/panel-build && BENCH_STANDALONE=/tmp/panel-build npx tsx bench/burst.ts
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { Worker } from 'node:worker_threads';
import { Agent } from 'undici';
import { signIn } from '../e2e/support/login';
import { benchHomelab } from './support/homelab';

const BURST = Math.min(Number(process.env.BENCH_BURST ?? 5000), 5000);
const STREAMS = Math.min(Number(process.env.BENCH_STREAMS ?? 2000), 2000);
const PORT = Number(process.env.BENCH_PORT ?? 3460);
// The liveness port (server/http/liveness.ts), as the Deployment opens it; BENCH_LIVENESS_PORT=0 leaves it closed.
const LIVENESS_PORT = Number(process.env.BENCH_LIVENESS_PORT ?? 3461);
const STANDALONE = process.env.BENCH_STANDALONE ?? '.next/standalone';
const HEAP = process.env.BENCH_PANEL_NODE_OPTIONS ?? '--max-old-space-size=256';
const url = `http://localhost:${PORT}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] : NaN);
const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
// One connection per concurrent request, as 5,000 separate clients would open.
const burstAgent = new Agent({ connections: 6000, pipelining: 0, headersTimeout: 60_000, bodyTimeout: 60_000 });

const homelab = await benchHomelab(url, 'burst');
const { cfgFile } = homelab;
const panel = spawn(process.execPath, [path.join(STANDALONE, 'server.js')], {
  env: { ...process.env, NODE_OPTIONS: HEAP, PORT: String(PORT), ...(LIVENESS_PORT ? { LIVENESS_PORT: String(LIVENESS_PORT) } : {}), HOSTNAME: 'localhost', HOMELAB_CONFIG: cfgFile, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error' },
  stdio: ['ignore', process.env.BENCH_PANEL_LOG ? fs.openSync(process.env.BENCH_PANEL_LOG, 'w') : 'ignore', 'pipe'],
});
// Never leave the panel behind, whatever happens to this script.
process.on('exit', () => panel.kill('SIGKILL'));
let crashed: string | null = null;
let stderrTail = '';
panel.stderr!.on('data', (b: Buffer) => (stderrTail = (stderrTail + b.toString()).slice(-2000)));
panel.on('exit', (code, signal) => (crashed = `exit code ${code} signal ${signal}`));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });

async function cookieOf(user: string): Promise<string> {
  // The simulated Keycloak's login page is HTTPS with the simulator's own CA (docs/simulator.md).
  const context = await browser.newContext({ baseURL: url, ignoreHTTPSErrors: true });
  await signIn(await context.newPage(), user);
  const c = (await context.cookies()).map((x) => `${x.name}=${x.value}`).join('; ');
  await context.close();
  return c;
}

interface Stat {
  n: number;
  fail: number;
  max: number;
}
interface MonitorResult {
  health: Stat;
  healthBy: Record<string, Stat>;
  live: Stat;
  liveBy: Record<string, Stat>;
  maxRss: number;
  adminMs: number[];
  adminStatus: Record<string, number>;
}

/** Fires n requests at once; returns the count per status ('err' for a reset or timeout). */
async function burst(n: number, path: string, cookie: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: n }, async () => {
      let key = 'err';
      try {
        const res = await fetch(`${url}${path}`, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(60_000), dispatcher: burstAgent } as RequestInit);
        await res.arrayBuffer();
        key = String(res.status);
      } catch {
        // connection reset or timed out
      }
      counts[key] = (counts[key] ?? 0) + 1;
    }),
  );
  return counts;
}

if ((await fetch(`${url}/api/healthz`).catch(() => null)) && panel.exitCode === null) {
  // Something else answers on this port already: measuring it would be meaningless.
  await sleep(1_000);
  if (crashed) throw new Error(`port ${PORT} is taken (${crashed})`);
}
try {
  for (let i = 0; !(await fetch(`${url}/api/healthz`).catch(() => null))?.ok; i++) {
    if (i > 600) throw new Error('panel did not start');
    await sleep(100);
  }
  const [paul, marie] = [await cookieOf('paul'), await cookieOf('marie')];
  await fetch(`${url}/`, { headers: { cookie: paul } }).then((r) => r.arrayBuffer()); // warm: the live store starts
  await sleep(3_000);
  const idle = rssMb(panel.pid!);

  // Monitors: liveness, RSS, and an admin using the panel while the burst goes on. They run in a
  // worker thread, so the burst's own event-loop load on this side does not count against the panel.
  const monitor = new Worker(new URL('./burst-monitor.mjs', import.meta.url), { workerData: { url, livenessUrl: LIVENESS_PORT ? `http://127.0.0.1:${LIVENESS_PORT}` : null, cookie: paul, pid: panel.pid } });
  let phase = 'anonymous';
  const setPhase = (p: string) => monitor.postMessage({ phase: (phase = p) });
  setPhase(phase);
  const t0 = Date.now();
  const anon = await burst(BURST, '/api/me', '');
  console.log(`${BURST} anonymous GET /api/me at once: ${JSON.stringify(anon)} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  setPhase('family');
  const t1 = Date.now();
  const family = await burst(BURST, '/api/services/home', marie);
  console.log(`${BURST} family GET /api/services/home at once: ${JSON.stringify(family)} (${((Date.now() - t1) / 1000).toFixed(1)} s)`);
  setPhase('streams');
  const streams: Record<string, number> = {};
  const ctl = new AbortController();
  await Promise.all(
    Array.from({ length: STREAMS }, async () => {
      let key = 'err';
      try {
        const res = await fetch(`${url}/api/events`, { headers: { cookie: marie }, signal: AbortSignal.any([ctl.signal, AbortSignal.timeout(60_000)]), dispatcher: burstAgent } as RequestInit);
        key = String(res.status);
        if (res.status !== 200) await res.arrayBuffer();
        else void res.arrayBuffer().catch(() => undefined); // held open until aborted
      } catch {
        // reset
      }
      streams[key] = (streams[key] ?? 0) + 1;
    }),
  );
  await sleep(10_000); // held open
  ctl.abort();
  console.log(`${STREAMS} family event streams at once (held 10 s): ${JSON.stringify(streams)}`);
  await sleep(2_000);
  const result = new Promise<MonitorResult>((resolve) => monitor.once('message', resolve));
  monitor.postMessage({ stop: true });
  const { health, healthBy, live, liveBy, maxRss: rss, adminMs, adminStatus } = await result;
  await monitor.terminate();
  const maxRss = Math.max(idle, rss);
  console.log(`crashes: ${crashed ? `1 (${crashed})` : 0}${crashed ? `\n${stderrTail}` : ''}`);
  console.log(`RSS: idle ${idle.toFixed(0)} MB, max during the burst ${maxRss.toFixed(0)} MB (deployment limit 512 MiB), heap option ${HEAP}`);
  console.log(`/api/healthz: ${health.n} probes, ${health.fail} failed or over 1 s, slowest ${health.max.toFixed(0)} ms; by phase ${JSON.stringify(healthBy, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  if (LIVENESS_PORT) console.log(`liveness port /healthz: ${live.n} probes, ${live.fail} failed or over 1 s, slowest ${live.max.toFixed(0)} ms; by phase ${JSON.stringify(liveBy, (_, v) => (typeof v === 'number' ? Math.round(v) : v))}`);
  console.log(`admin GET / during the burst: ${JSON.stringify(adminStatus)}; 200s p50 ${pct(adminMs, 50).toFixed(0)} ms, p99 ${pct(adminMs, 99).toFixed(0)} ms (n=${adminMs.length})`);
} finally {
  await browser.close();
  panel.kill('SIGTERM');
  await sleep(500);
  await homelab.close();
  await burstAgent.close();
}
