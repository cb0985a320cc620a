// The burst bench's monitors (bench/burst.ts), in a worker thread with its own event loop and
// connections: /api/healthz on the main port and /healthz on the liveness port, each every 250 ms
// (1 s timeout), the panel's RSS, a signed-in admin's GET /.
// Plain JavaScript: a worker thread does not go through tsx's loader.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const { url, livenessUrl, cookie, pid } = workerData;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = () => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
};
async function get(path, withCookie, timeoutMs, base = url) {
  try {
    const res = await fetch(`${base}${path}`, { headers: withCookie ? { cookie } : {}, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return String(res.status);
  } catch {
    return 'err';
  }
}

let running = true;
let phase = 'start';
const out = { health: { n: 0, fail: 0, max: 0 }, healthBy: {}, live: { n: 0, fail: 0, max: 0 }, liveBy: {}, maxRss: 0, adminMs: [], adminStatus: {} };
const probe = (path, base, total, by) => (async () => {
  while (running) {
    const t0 = performance.now();
    const ok = (await get(path, false, 1_000, base)) === '200';
    const ms = performance.now() - t0;
    for (const x of [total, (by[phase] ??= { n: 0, fail: 0, max: 0 })]) {
      x.n++;
      if (!ok || ms > 1_000) x.fail++;
      x.max = Math.max(x.max, ms);
    }
    out.maxRss = Math.max(out.maxRss, rssMb());
    await sleep(250);
  }
})();
const loops = [
  probe('/api/healthz', url, out.health, out.healthBy),
  ...(livenessUrl ? [probe('/healthz', livenessUrl, out.live, out.liveBy)] : []),
  (async () => {
    while (running) {
      const t0 = performance.now();
      const status = await get('/', true, 30_000);
      out.adminStatus[status] = (out.adminStatus[status] ?? 0) + 1;
      if (status === '200') out.adminMs.push(performance.now() - t0);
      await sleep(100);
    }
  })(),
];
parentPort.on('message', async (m) => {
  if (m.phase) phase = m.phase;
  if (m.stop) {
    running = false;
    await Promise.all(loops);
    parentPort.postMessage(out);
  }
});
