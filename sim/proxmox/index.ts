// Proxmox VE API simulator (issue 3, item 4): `/api2/json`, PVEAPIToken auth with per-path privileges,
// UPID tasks, guest agent, and the exact `application/json;charset=UTF-8` the proxmox-api client demands.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Faults } from '../faults';
import { simTls, type ServerTls } from '../tls';
import type { SimServer } from '../types';
import { DEFAULT_TOKEN_ID, authenticate, defaultPrivileges, type PveToken } from './auth';
import { PveError, ROUTES, type PveCtx } from './routes';
import { ProxmoxState, type Task, type VmState } from './state';

export interface ProxmoxSimOptions {
  /** Default `panel@pve!panel`. */
  tokenId?: string;
  /** Must be a lowercase UUID: the proxmox-api client refuses anything else. */
  tokenSecret: string;
  faults?: Faults;
  /** Server certificate; default one signed by a self-signed "pve-root-ca" (Proxmox's own). */
  tls?: ServerTls;
  /** Time from a finished start task until the guest agent answers (default 20 s). */
  bootDelayMs?: number;
  /** How long start/shutdown/stop tasks run (default 1.5 s). */
  taskDelayMs?: number;
  /** Extra tokens (e.g. least-privilege ones) besides the default token. */
  tokens?: PveToken[];
}

/** Test and control knobs of the simulated host. */
export interface ProxmoxKnobs {
  setVmRunning(vmid: number, running: boolean, opts?: { agentReady?: boolean }): void;
  /** The next task on this VM ends with `message` as exitstatus and changes nothing. */
  failNextTask(vmid: number, message: string): void;
  setBootDelay(ms: number): void;
  setTaskDelay(ms: number): void;
  /** Memory/CPU drift on (default) or off (exact figures for assertions). */
  setDrift(on: boolean): void;
  vm(vmid: number): Readonly<VmState> | undefined;
  tasks(): readonly Readonly<Task>[];
  /** Host memory in bytes as /nodes/{node}/status reports it. */
  memory(): { total: number; used: number; free: number };
  /**
   * The next POST whose path ends with `pathSuffix` is carried out (the task starts) but its answer is
   * held `holdMs` (past the panel's bound: a lost answer), then sent to whoever still listens.
   */
  loseNextAnswer(pathSuffix: string, holdMs: number): void;
}

export interface ProxmoxSim extends SimServer {
  faults: Faults;
  calls: { method: string; path: string }[];
  state: ProxmoxKnobs;
  node: string;
  tokenId: string;
}

const CONTENT_TYPE = 'application/json;charset=UTF-8';

function reply(res: ServerResponse, status: number, body: unknown, reason?: string) {
  const text = JSON.stringify(body);
  // The reason phrase carries PVE's error text (clients show statusText); it must stay one header-safe line.
  if (reason) res.statusMessage = reason.replace(/[^\x20-\x7e]/g, ' ');
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    server: 'pve-api-daemon/3.0',
    'cache-control': 'max-age=0',
    pragma: 'no-cache',
    expires: new Date().toUTCString(),
  });
  res.end(text);
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams);
  if (req.method === 'POST' || req.method === 'PUT') {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const type = req.headers['content-type'] ?? '';
    if (text && type.includes('json')) {
      const obj = JSON.parse(text) as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) params.set(k, String(v));
    } else if (text) {
      for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
    }
  }
  return params;
}

export async function startProxmoxSim(opts: ProxmoxSimOptions): Promise<ProxmoxSim> {
  const faults = opts.faults ?? new Faults();
  const calls: { method: string; path: string }[] = [];
  const tokenId = opts.tokenId ?? DEFAULT_TOKEN_ID;
  const tokens: PveToken[] = [{ id: tokenId, secret: opts.tokenSecret, privs: defaultPrivileges() }, ...(opts.tokens ?? [])];
  const state = new ProxmoxState(opts.bootDelayMs ?? 20_000, opts.taskDelayMs ?? 1_500);
  const lose: { suffix: string; ms: number }[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    calls.push({ method, path: url.pathname });
    if (!(await faults.apply(req, res))) return;
    const prefix = '/api2/json';
    if (!url.pathname.startsWith(`${prefix}/`)) return reply(res, 501, { data: null }, `Method '${method} ${url.pathname}' not implemented`);
    const auth = authenticate(req, tokens);
    if (!auth.ok) return reply(res, 401, { data: null, message: `${auth.reason}\n` }, auth.reason);
    let path: string;
    try {
      path = url.pathname.slice(prefix.length).split('/').map(decodeURIComponent).join('/').replace(/\/$/, '');
    } catch {
      return reply(res, 400, { data: null }, 'Parameter verification failed.');
    }
    try {
      const ctx: PveCtx = { method, path, params: await readParams(req, url), token: auth.token, state };
      for (const r of ROUTES) {
        const m = r.method === method ? r.pattern.exec(path) : null;
        if (!m) continue;
        const data = r.handle(ctx, m);
        const lost = method === 'POST' ? lose.findIndex((l) => path.endsWith(l.suffix)) : -1;
        if (lost >= 0) {
          const [{ ms }] = lose.splice(lost, 1);
          await new Promise((r2) => setTimeout(r2, ms));
          if (res.destroyed || res.writableEnded) return;
        }
        return reply(res, 200, { data });
      }
      return reply(res, 501, { data: null }, `Method '${method} ${prefix}${path}' not implemented`);
    } catch (err) {
      const status = err instanceof PveError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      return reply(res, status, { data: null, message: `${message}\n` }, message);
    }
  }

  const tls = opts.tls ?? simTls('pve-root-ca');
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) reply(res, 500, { data: null }, 'internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const knobs: ProxmoxKnobs = {
    setVmRunning: (vmid, running, o) => state.setVmRunning(vmid, running, o),
    failNextTask: (vmid, message) => state.failNextTask(vmid, message),
    setBootDelay: (ms) => void (state.bootDelayMs = ms),
    setTaskDelay: (ms) => void (state.taskDelayMs = ms),
    setDrift: (on) => void (state.drift = on),
    vm: (vmid) => (state.tick(), state.vm(vmid)),
    tasks: () => (state.tick(), state.tasks),
    memory: () => state.memory(),
    loseNextAnswer: (suffix, ms) => void lose.push({ suffix, ms }),
  };

  return {
    url: `https://127.0.0.1:${port}`,
    caFile: tls.ca.file,
    node: state.node,
    tokenId,
    faults,
    calls,
    state: knobs,
    close: () =>
      new Promise<void>((resolve) => {
        if (!opts.faults) faults.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type { PveToken } from './auth';
