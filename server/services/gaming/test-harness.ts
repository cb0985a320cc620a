// Test harness (integration tests and the benchmark): a Proxmox simulator, a real database and a
// GamingCtx wired to both, with captured events and notifications. Not imported by the app.
import path from 'node:path';
import { GamingConfigSchema, type GamingConfig } from '@/lib/gaming/config';
import { startProxmoxSim, type ProxmoxSim, type PveToken } from '@/sim/proxmox';
import { createTestDatabase, type DbKind, type TestDatabase } from '@/test/databases';
import { testCtx } from '@/test/ctx';
import { connectProxmox } from '../../clients/proxmox/connect';
import { powerApi } from '../../clients/proxmox/power';
import type { Actor } from '../../context';
import { openDatabase, type Db } from '../../db';
import { tcpProbe, type GamingCtx } from './ctx';
import { advance } from './engine';
import { activeSession } from './sessions';

export const SECRET = '6f1c3a2e-9b4d-4e8a-a1c7-52d9e0f3b8aa';

export interface Harness {
  sim: ProxmoxSim;
  db: Db;
  extraDb(): Promise<Db>;
  events: { topic: string; data: unknown }[];
  notes: { to: string | null; title: string }[];
  cfg: GamingConfig;
  ctx(actor: Actor | null, opts?: { db?: Db; tokenId?: string; tokenSecret?: string; now?: () => Date }): GamingCtx;
  close(): Promise<void>;
}

export async function startHarness(kind: DbKind = 'postgres', o: { taskDelayMs?: number; bootDelayMs?: number; tokens?: PveToken[]; gaming?: unknown; latencyMs?: number } = {}): Promise<Harness> {
  const sim = await startProxmoxSim({ tokenSecret: SECRET, taskDelayMs: o.taskDelayMs ?? 60, bootDelayMs: o.bootDelayMs ?? 200, tokens: o.tokens });
  sim.state.setDrift(false);
  if (o.latencyMs) sim.faults.set({ latencyMs: o.latencyMs });
  const tdb: TestDatabase = await createTestDatabase(kind);
  const open = () => openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
  const main = await open();
  const extra: Awaited<ReturnType<typeof open>>[] = [];
  const events: Harness['events'] = [];
  const notes: Harness['notes'] = [];
  const cfg = GamingConfigSchema.parse(o.gaming ?? {});
  return {
    sim,
    db: main.client,
    extraDb: async () => {
      const d = await open();
      extra.push(d);
      return d.client;
    },
    events,
    notes,
    cfg,
    ctx(actor, c = {}) {
      const api = powerApi(connectProxmox({ url: sim.url, node: 'pve', tokenId: c.tokenId ?? sim.tokenId, tokenSecret: c.tokenSecret ?? SECRET, tls: { insecureSkipVerify: false } }), 'pve');
      return {
        ...testCtx(c.db ?? main.client, actor),
        proxmox: () => api,
        gaming: () => cfg,
        promotionInFlight: async () => false,
        publish: (topic, data) => void events.push({ topic, data }),
        notify: async (to, title) => void notes.push({ to, title }),
        probe: tcpProbe,
        wake: () => undefined,
        now: c.now ?? (() => new Date()),
      };
    },
    async close() {
      for (const d of [main, ...extra]) await d.client.$disconnect();
      await main.embedded?.close();
      await tdb.drop();
      await sim.close();
    },
  };
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
    await advance(ctx, row);
    await new Promise((r) => setTimeout(r, 40));
  }
  throw new Error(`the session never reached ${state}`);
}
