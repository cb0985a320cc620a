// Test harness (integration tests and the benchmark): a Proxmox simulator (or, for the KubeVirt
// backend, the GitHub simulator and the prod cluster with Argo CD and KubeVirt), a real database and
// a GamingCtx wired to them, with captured events and notifications. Not imported by the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Message } from '@/lib/i18n/message';
import { GamingConfigSchema, type GamingConfig } from '@/lib/gaming/config';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { GAMING_VM } from '@/sim/gitops-template';
import { startKubeSim, type KubeSim } from '@/sim/kubernetes';
import { startProxmoxSim, type ProxmoxSim, type PveToken } from '@/sim/proxmox';
import { createTestDatabase, type DbKind, type TestDatabase } from '@/test/databases';
import { testCtx } from '@/test/ctx';
import { connectGithub, type GithubClient } from '@/server/clients/github';
import { kubevirtApi } from '@/server/clients/kubernetes/kubevirt';
import { connectProxmox } from '@/server/clients/proxmox/connect';
import { powerApi } from '@/server/clients/proxmox/power';
import type { Actor } from '@/server/context';
import { openDatabase, type Db } from '@/server/db';
import { UnavailableError } from '@/server/errors';
import { backendOf } from '@/server/services/gaming/backends';
import { tcpProbe, type GamingCtx } from '@/server/services/gaming/internal/ctx';
import { activeSession } from '@/server/services/gaming/internal/sessions';
import { runGamingLeases } from '@/server/services/gaming/jobs/leases';

export const SECRET = '6f1c3a2e-9b4d-4e8a-a1c7-52d9e0f3b8aa';

/** A fresh migrated database of `kind`, more connections to it on demand, all closed and dropped by close(). */
async function harnessDb(kind: DbKind) {
  const tdb: TestDatabase = await createTestDatabase(kind);
  const open = () => openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  const main = await open();
  const extra: Awaited<ReturnType<typeof open>>[] = [];
  return {
    main: main.client,
    extraDb: async () => {
      const d = await open();
      extra.push(d);
      return d.client;
    },
    async close() {
      for (const d of [main, ...extra]) await d.client.$disconnect();
      await main.embedded?.close();
      await tdb.drop();
    },
  };
}

/** The parts of a GamingCtx both backends' harnesses share: config, captured events and notes, the clock. */
function sharedCtx(cfg: GamingConfig, events: Harness['events'], notes: Harness['notes'], now?: () => Date) {
  return {
    gaming: () => cfg,
    promotionInFlight: async () => false,
    publish: (topic: string, data: unknown) => void events.push({ topic, data }),
    notify: async (to: string | null, title: string | Message, message: string | Message, link?: string) =>
      void notes.push({ to, title: typeof title === 'string' ? title : title.code, message: typeof message === 'string' ? message : message.code, link }),
    probe: tcpProbe,
    wake: () => undefined,
    now: now ?? (() => new Date()),
  };
}

export interface Harness {
  sim: ProxmoxSim;
  db: Db;
  extraDb(): Promise<Db>;
  events: { topic: string; data: unknown }[];
  notes: { to: string | null; title: string; message?: string; link?: string }[];
  cfg: GamingConfig;
  ctx(actor: Actor | null, opts?: { db?: Db; tokenId?: string; tokenSecret?: string; now?: () => Date }): GamingCtx;
  close(): Promise<void>;
}

export async function startHarness(kind: DbKind = 'postgres', o: { taskDelayMs?: number; bootDelayMs?: number; tokens?: PveToken[]; gaming?: unknown; latencyMs?: number; timeoutMs?: number } = {}): Promise<Harness> {
  const sim = await startProxmoxSim({ tokenSecret: SECRET, taskDelayMs: o.taskDelayMs ?? 60, bootDelayMs: o.bootDelayMs ?? 200, tokens: o.tokens });
  sim.state.setDrift(false);
  if (o.latencyMs) sim.faults.set({ latencyMs: o.latencyMs });
  const dbs = await harnessDb(kind);
  const events: Harness['events'] = [];
  const notes: Harness['notes'] = [];
  const cfg = GamingConfigSchema.parse(o.gaming ?? {});
  return {
    sim,
    db: dbs.main,
    extraDb: dbs.extraDb,
    events,
    notes,
    cfg,
    ctx(actor, c = {}) {
      const api = powerApi(connectProxmox({ url: sim.url, node: 'pve', tokenId: c.tokenId ?? sim.tokenId, tokenSecret: c.tokenSecret ?? SECRET, tls: { caFile: sim.caFile, insecureSkipVerify: false } }, o.timeoutMs), 'pve');
      return {
        ...testCtx(c.db ?? dbs.main, actor),
        proxmox: () => api,
        kubevirt: () => {
          throw new UnavailableError('This harness runs the Proxmox backend.');
        },
        github: () => {
          throw new UnavailableError('This harness runs the Proxmox backend.');
        },
        ...sharedCtx(cfg, events, notes, c.now),
      };
    },
    async close() {
      await dbs.close();
      await sim.close();
    },
  };
}

/** Expires the active session's lease, then runs the lease job as two replicas (two connections) until the session ends. */
export async function expireWithTwoLeaseJobs(h: { db: Db; extraDb(): Promise<Db>; ctx(actor: null, opts?: { db?: Db }): GamingCtx }): Promise<void> {
  const a = h.ctx(null);
  const b = h.ctx(null, { db: await h.extraDb() });
  await h.db.gamingSession.updateMany({ data: { leaseEndsAt: new Date(Date.now() - 1000) } });
  const runners = [runGamingLeases(a, 'replica-a', 50), runGamingLeases(b, 'replica-b', 50)];
  try {
    await driveUntil(a, 'ended');
  } finally {
    runners.forEach((r) => r.stop());
  }
}

/** Runs advance() until the active session reaches `state` (or the session ends, for 'ended'). */
export async function driveUntil(ctx: GamingCtx, state: 'booting' | 'ready' | 'ended', timeoutMs = 10_000): Promise<void> {
  const db = await ctx.db();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const row = await activeSession(db);
    if (!row) {
      if (state === 'ended') return;
      throw new Error(`the session ended before reaching ${state}`);
    }
    if (row.state === state) return;
    await backendOf(ctx).advance(ctx, row);
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`the session never reached ${state}`);
}

export interface KubevirtHarness {
  github: GithubSim;
  prod: KubeSim;
  gh: GithubClient;
  db: Db;
  extraDb(): Promise<Db>;
  events: { topic: string; data: unknown }[];
  notes: { to: string | null; title: string; message?: string; link?: string }[];
  cfg: GamingConfig;
  /** Commits that touched the VM's manifest, newest first (subject lines, from the bare repository). */
  vmCommits(): Promise<string[]>;
  ctx(actor: Actor | null, opts?: { db?: Db; now?: () => Date }): GamingCtx;
  close(): Promise<void>;
}

const GH_TOKEN = 'ghp_simkubevirtharness0000000000000000';
const KUBE_TOKEN = 'kubevirt-harness-admin-token';
const KUBE_RO_TOKEN = 'kubevirt-harness-readonly-token';

/** The KubeVirt backend against the GitHub simulator and a prod cluster running Argo CD and KubeVirt. */
export async function startKubevirtHarness(kind: DbKind = 'postgres', o: { syncDelayMs?: number; bootDelayMs?: number; gaming?: Record<string, unknown> } = {}): Promise<KubevirtHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gaming-kubevirt-'));
  const github = await startGithubSim({ dir: path.join(dir, 'github'), token: GH_TOKEN });
  const prod = await startKubeSim({
    cluster: 'prod',
    token: KUBE_TOKEN,
    readOnlyToken: KUBE_RO_TOKEN,
    kubeconfigDir: path.join(dir, 'kube'),
    argocd: { repo: github.repo, syncDelayMs: o.syncDelayMs ?? 80, progressMs: o.syncDelayMs ?? 80, vms: [{ app: GAMING_VM.app, cluster: 'prod', namespace: GAMING_VM.namespace, vm: GAMING_VM.name, dir: GAMING_VM.dir, file: GAMING_VM.file }] },
    kubevirt: { namespace: GAMING_VM.namespace, name: GAMING_VM.name, gpu: GAMING_VM.gpu, memory: GAMING_VM.memory, bootDelayMs: o.bootDelayMs ?? 200, stepMs: 40 },
  });
  const dbs = await harnessDb(kind);
  const events: KubevirtHarness['events'] = [];
  const notes: KubevirtHarness['notes'] = [];
  const cfg = GamingConfigSchema.parse({ backend: 'kubevirt', ...o.gaming });
  const gh = connectGithub({ apiUrl: github.url, owner: 'paul', repo: 'homelab', branch: github.repo.branch, token: GH_TOKEN, tls: { caFile: github.caFile, insecureSkipVerify: false } } as Parameters<typeof connectGithub>[0]);
  // The panel reads the cluster with the read-only token, as in production.
  const kv = kubevirtApi({ name: 'prod', kubeconfig: prod.readOnlyKubeconfigPath, context: 'prod-readonly', inCluster: false, tls: { insecureSkipVerify: false } } as Parameters<typeof kubevirtApi>[0], { namespace: cfg.kubevirt.namespace, vm: cfg.kubevirt.vm });
  return {
    github,
    prod,
    gh,
    db: dbs.main,
    extraDb: dbs.extraDb,
    events,
    notes,
    cfg,
    async vmCommits() {
      const { execFile } = await import('node:child_process');
      return new Promise((resolve, reject) =>
        execFile('git', ['-C', github.repo.path, 'log', '--format=%s', github.repo.branch, '--', cfg.kubevirt.manifestPath], (err, out) => (err ? reject(err) : resolve(out.split('\n').filter((l) => l.startsWith('gaming:'))))),
      );
    },
    ctx(actor, c = {}) {
      return {
        ...testCtx(c.db ?? dbs.main, actor),
        proxmox: () => {
          throw new UnavailableError('This harness runs the KubeVirt backend.');
        },
        kubevirt: () => kv,
        github: () => gh,
        ...sharedCtx(cfg, events, notes, c.now),
      };
    },
    async close() {
      await dbs.close();
      await prod.close();
      await github.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
