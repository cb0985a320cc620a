import 'server-only';
import { Worker } from 'node:worker_threads';
import { log } from '../log';

// The liveness probe on a port of its own, answered by a worker thread (its own event loop). Under a
// burst the main event loop is busy for seconds accepting and refusing connections; a probe queued
// behind that work times out and Kubernetes would kill a pod that is merely busy. Liveness asks one
// question — is the main loop still turning? — so the main thread writes a heartbeat into shared
// memory every 250 ms and the worker answers 200 while the heartbeat is younger than `stallSeconds`,
// 503 once it is older (a loop stuck that long is what a restart is for). Readiness stays on the
// main port (/api/readyz): it must reflect what the main server can serve.

const HEARTBEAT_MS = 250;

// Plain JavaScript (an ES module given as a data: URL, so no bundler or file path is involved).
const WORKER_SOURCE = `
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
const beat = new BigInt64Array(workerData.shared);
const server = http.createServer((req, res) => {
  const path = (req.url || '/').split('?')[0];
  if ((path !== '/healthz' && path !== '/api/healthz') || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    return res.end('{"error":{"code":"not_found","message":"This port answers GET /healthz only."}}');
  }
  const ageMs = Date.now() - Number(Atomics.load(beat, 0));
  const ok = ageMs <= workerData.stallMs;
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: ok ? 'ok' : 'stalled', eventLoopAgeMs: ageMs }));
});
server.keepAliveTimeout = 5000;
server.on('error', (e) => parentPort.postMessage({ error: e.code || e.message }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
`;

export interface LivenessPort {
  port: number;
  close(): Promise<void>;
}

const KEY = Symbol.for('homelab-panel.liveness');
type Global = typeof globalThis & { [KEY]?: Promise<LivenessPort | null> };

/**
 * Starts the liveness port once per process. Resolves to null (and logs) when the port cannot be
 * opened: the panel goes on serving, the main port's /api/healthz still answers.
 */
export function startLivenessPort(opts: { port: number; host?: string; stallSeconds: number }): Promise<LivenessPort | null> {
  const g = globalThis as Global;
  g[KEY] ??= open(opts);
  return g[KEY];
}

function open({ port, host, stallSeconds }: { port: number; host?: string; stallSeconds: number }): Promise<LivenessPort | null> {
  const shared = new SharedArrayBuffer(8);
  const beat = new BigInt64Array(shared);
  const stamp = () => Atomics.store(beat, 0, BigInt(Date.now()));
  stamp();
  const timer = setInterval(stamp, HEARTBEAT_MS);
  timer.unref();
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE)}`), { workerData: { shared, port, host, stallMs: stallSeconds * 1000 } });
  worker.unref();
  const close = async () => {
    clearInterval(timer);
    await worker.terminate();
  };
  return new Promise((resolve) => {
    worker.once('message', (m: { port?: number; error?: string }) => {
      if (m.port === undefined) {
        log.error({ port, err: m.error }, 'liveness port: cannot listen; /api/healthz on the main port still answers');
        void close();
        return resolve(null);
      }
      log.info({ port: m.port }, 'liveness port listening (GET /healthz)');
      resolve({ port: m.port, close });
    });
    worker.once('error', (e) => {
      log.error({ err: e.message }, 'liveness port: the worker failed');
      clearInterval(timer);
      resolve(null);
    });
  });
}
