// The simulator's control API: knobs for faults, outages, watch cuts, Argo CD states, bad images,
// external commits and VM states, so tests and people can break the homelab on purpose.
// Documented in docs/simulator.md. Loopback only, no auth: it is a test tool.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BadImages } from './argocd';
import type { FaultSettings } from './faults';
import type { GithubSim } from './github';
import type { KubeSim } from './kubernetes';
import type { NtfySim } from './ntfy';
import type { PushSim } from './push';
import type { TelegramSim } from './telegram';
import type { OidcSim } from './oidc';
import type { ProxmoxSim } from './proxmox';
import type { TcpMode, TcpProxy } from './tcp-proxy';
import type { Faults, SimServer } from './types';

export interface ControlTargets {
  oidc: OidcSim;
  github: GithubSim;
  proxmox: ProxmoxSim;
  clusters: Map<string, KubeSim>;
  badImages: BadImages;
  ntfy?: NtfySim;
  push?: PushSim;
  telegram?: TelegramSim;
  tcp?: Map<string, TcpProxy>;
}

// The simulator's own knobs: plain HTTP on 127.0.0.1 (not an upstream of the panel).
export interface ControlServer extends Omit<SimServer, 'caFile'> {
  /** TCP fault proxies (e.g. `database`) a harness registers, driven by `POST /tcp/<name>`. */
  tcp: Map<string, TcpProxy>;
}

function telegramOf(t: ControlTargets): TelegramSim {
  if (!t.telegram) throw new HttpError(404, 'no Telegram Bot API in this simulator');
  return t.telegram;
}

function pushOf(t: ControlTargets): PushSim {
  if (!t.push) throw new HttpError(404, 'no push service in this simulator');
  return t.push;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function body(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) {
    raw += chunk;
    if (raw.length > 1_000_000) throw new HttpError(413, 'body too large');
  }
  if (!raw) return {};
  try {
    const v = JSON.parse(raw);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'body must be a JSON object');
  }
}

function faultsOf(t: ControlTargets, target: string): Faults {
  if (target === 'oidc') return t.oidc.faults;
  if (target === 'github') return t.github.faults;
  if (target === 'proxmox') return t.proxmox.faults;
  const m = target.match(/^cluster:(.+)$/);
  const sim = m && t.clusters.get(m[1]);
  if (sim) return sim.faults;
  throw new HttpError(404, `unknown target "${target}" (oidc, github, proxmox, cluster:<name>)`);
}

function cluster(t: ControlTargets, name: string): KubeSim {
  const sim = t.clusters.get(name);
  if (!sim) throw new HttpError(404, `unknown cluster "${name}"`);
  return sim;
}

function argo(t: ControlTargets): KubeSim {
  const sim = [...t.clusters.values()].find((c) => c.argocd);
  if (!sim) throw new HttpError(404, 'no cluster runs Argo CD');
  return sim;
}

const FAULT_KEYS: (keyof FaultSettings)[] = ['latencyMs', 'errorRate', 'errorStatus', 'down', 'hang'];

type Route = [string, RegExp, (t: ControlTargets, m: RegExpMatchArray, b: Record<string, unknown>) => unknown | Promise<unknown>];

const ROUTES: Route[] = [
  ['GET', /^\/$/, (t) => ({
    targets: ['oidc', 'github', 'proxmox', ...[...t.clusters.keys()].map((c) => `cluster:${c}`)],
    faults: Object.fromEntries([['oidc', t.oidc.faults.settings], ['github', t.github.faults.settings], ['proxmox', t.proxmox.faults.settings], ...[...t.clusters].map(([n, c]) => [`cluster:${n}`, c.faults.settings])]),
  })],
  ['POST', /^\/faults\/([^/]+)$/, (t, m, b) => {
    const patch = Object.fromEntries(Object.entries(b).filter(([k]) => FAULT_KEYS.includes(k as keyof FaultSettings)));
    const f = faultsOf(t, decodeURIComponent(m[1]));
    f.set(patch as Partial<FaultSettings>);
    return f.settings;
  }],
  ['POST', /^\/faults\/([^/]+)\/reset$/, (t, m) => {
    const f = faultsOf(t, decodeURIComponent(m[1]));
    f.reset();
    return f.settings;
  }],
  ['POST', /^\/reset$/, (t) => {
    for (const f of [t.oidc.faults, t.github.faults, t.proxmox.faults, ...[...t.clusters.values()].map((c) => c.faults)]) f.reset();
    for (const c of t.clusters.values()) c.setReachable(true);
    return { ok: true };
  }],
  ['POST', /^\/clusters\/([^/]+)\/watches\/cut$/, (t, m, b) => ({ cut: cluster(t, m[1]).cutWatches({ graceful: b.graceful === true }) })],
  ['POST', /^\/clusters\/([^/]+)\/history\/expire$/, (t, m) => {
    cluster(t, m[1]).expireHistory();
    return { ok: true };
  }],
  ['POST', /^\/clusters\/([^/]+)\/reachable$/, (t, m, b) => {
    cluster(t, m[1]).setReachable(b.up !== false);
    return { reachable: cluster(t, m[1]).reachable };
  }],
  ['POST', /^\/clusters\/([^/]+)\/nodes\/([^/]+)\/ready$/, (t, m, b) => {
    cluster(t, m[1]).setNodeReady(m[2], b.ready !== false);
    return { ok: true };
  }],
  ['POST', /^\/argocd\/apps\/([^/]+)\/status$/, (t, m, b) => {
    const s: { health?: string; sync?: string; message?: string } = {};
    if (typeof b.health === 'string') s.health = b.health;
    if (typeof b.sync === 'string') s.sync = b.sync;
    if (typeof b.message === 'string') s.message = b.message;
    argo(t).setAppStatus(m[1], s as never);
    return { ok: true };
  }],
  ['POST', /^\/images\/bad$/, (t, _m, b) => {
    if (typeof b.ref !== 'string') throw new HttpError(400, 'ref ("repo:tag") is required');
    t.badImages.mark(b.ref, b.bad !== false);
    return { bad: t.badImages.list() };
  }],
  ['POST', /^\/github\/external-commit$/, async (t, _m, b) => {
    if (typeof b.message !== 'string' || typeof b.files !== 'object' || b.files === null) throw new HttpError(400, 'message and files are required');
    const sha = await t.github.repo.externalCommit({ message: b.message, files: b.files as Record<string, string>, branch: typeof b.branch === 'string' ? b.branch : undefined });
    return { sha };
  }],
  ['GET', /^\/github\/calls$/, (t) => ({ count: t.github.calls.length, calls: t.github.calls.slice(-200) })],
  ['GET', /^\/proxmox\/calls$/, (t) => ({ count: t.proxmox.calls.length, calls: t.proxmox.calls.slice(-200) })],
  // Every write (power call, agent command) since the start, in order: few, unlike the reads, so never cut.
  ['GET', /^\/proxmox\/writes$/, (t) => ({ calls: t.proxmox.calls.filter((c) => c.method !== 'GET') })],
  ['POST', /^\/proxmox\/vms\/(\d+)\/running$/, (t, m, b) => {
    t.proxmox.state.setVmRunning(Number(m[1]), b.running !== false, { agentReady: b.agentReady !== false });
    return t.proxmox.state.vm(Number(m[1])) ?? null;
  }],
  ['POST', /^\/proxmox\/vms\/(\d+)\/fail-next-task$/, (t, m, b) => {
    t.proxmox.state.failNextTask(Number(m[1]), typeof b.message === 'string' ? b.message : 'simulated task failure');
    return { ok: true };
  }],
  ['POST', /^\/proxmox\/lose-next-answer$/, (t, _m, b) => {
    // The next POST ending with `path` is carried out but answered only after `ms` (a lost answer).
    t.proxmox.state.loseNextAnswer(typeof b.path === 'string' ? b.path : '/status/start', Number(b.ms ?? 10_000));
    return { ok: true };
  }],
  ['POST', /^\/proxmox\/task-delay$/, (t, _m, b) => {
    t.proxmox.state.setTaskDelay(Number(b.ms ?? 1_500));
    return { ok: true };
  }],
  ['POST', /^\/proxmox\/boot-delay$/, (t, _m, b) => {
    t.proxmox.state.setBootDelay(Number(b.ms ?? 0));
    return { ok: true };
  }],
  ['GET', /^\/tcp$/, (t) => Object.fromEntries([...(t.tcp ?? new Map<string, TcpProxy>())].map(([n, p]) => [n, { mode: p.mode, accepted: p.accepted, url: p.url }]))],
  ['POST', /^\/tcp\/([^/]+)$/, (t, m, b) => {
    const p = t.tcp?.get(decodeURIComponent(m[1]));
    if (!p) throw new HttpError(404, `no TCP proxy "${m[1]}"`);
    if (b.mode !== 'up' && b.mode !== 'down' && b.mode !== 'hang') throw new HttpError(400, 'mode must be up, down or hang');
    p.set(b.mode as TcpMode);
    return { mode: p.mode, accepted: p.accepted };
  }],
  ['GET', /^\/ntfy\/messages$/, (t) => ({ count: t.ntfy?.messages.length ?? 0, messages: (t.ntfy?.messages ?? []).slice(-200) })],
  ['POST', /^\/ntfy\/clear$/, (t) => {
    t.ntfy?.clear();
    return { ok: true };
  }],
  // Web Push: a subscription as a browser would make it (the sim keeps its private key), the pushes
  // received (decrypted), and a knob to fail the next ones.
  ['POST', /^\/push\/subscriptions$/, (t) => pushOf(t).subscribe()],
  ['GET', /^\/push\/messages$/, (t) => ({ count: pushOf(t).received.length, messages: pushOf(t).received.slice(-200) })],
  ['POST', /^\/push\/clear$/, (t) => {
    pushOf(t).clear();
    return { ok: true };
  }],
  ['POST', /^\/push\/fail$/, (t, _m, b) => {
    if (typeof b.status !== 'number' || b.status < 400 || b.status > 599) throw new HttpError(400, 'status (400-599) is required');
    pushOf(t).failNext(b.status, typeof b.count === 'number' ? b.count : 1);
    return { ok: true };
  }],
  // Telegram: the messages the bot sent, every call with its answer, and a knob to fail the next ones.
  ['GET', /^\/telegram\/messages$/, (t) => ({ count: telegramOf(t).messages.length, messages: telegramOf(t).messages.slice(-200), calls: telegramOf(t).calls.slice(-200).map(({ token: _t, ...c }) => c) })],
  ['POST', /^\/telegram\/clear$/, (t) => {
    telegramOf(t).clear();
    return { ok: true };
  }],
  ['POST', /^\/telegram\/fail$/, (t, _m, b) => {
    if (typeof b.status !== 'number' || b.status < 400 || b.status > 599) throw new HttpError(400, 'status (400-599) is required');
    telegramOf(t).failNext(b.status, typeof b.count === 'number' ? b.count : 1);
    return { ok: true };
  }],
  ['GET', /^\/oidc\/grants$/, (t) => t.oidc.grants],
  ['GET', /^\/oidc\/sessions$/, async (t) => ({ users: await t.oidc.activeSessions() })],
];

export async function startControl(given: ControlTargets, port = 0): Promise<ControlServer> {
  const tcp = given.tcp ?? new Map<string, TcpProxy>();
  const targets = { ...given, tcp };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    try {
      for (const [method, re, handler] of ROUTES) {
        const m = url.pathname.match(re);
        if (m && req.method === method) return send(200, await handler(targets, m, method === 'POST' ? await body(req) : {}));
      }
      send(404, { error: `no control route ${req.method} ${url.pathname}` });
    } catch (e) {
      send(e instanceof HttpError ? e.status : 500, { error: (e as Error).message });
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tcp,
    close: async () => {
      for (const p of tcp.values()) await p.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
