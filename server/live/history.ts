import 'server-only';
import type { AppDto } from '@/lib/live/types';
import type { Db } from '../db';
import { log } from '../log';

// Health history in the database: one row per Application health/sync transition and per cluster
// reachability change. Every replica writes what it sees; the database keeps one row per event
// (unique (cluster, app, resourceVersion) for apps, an advisory-locked "differs from the last row"
// check for reachability), so N replicas and restarts never duplicate a transition.

interface Latest {
  sync: string;
  health: string;
}

export interface TransitionRow {
  cluster: string;
  app: string;
  resourceVersion: string;
  fromSync: string | null;
  toSync: string;
  fromHealth: string | null;
  toHealth: string;
  revision: string | null;
  images: string[];
  at: Date;
}

export class HistoryWriter {
  private latest: Map<string, Latest> | null = null;
  private pending: { prev: AppDto | undefined; next: AppDto; at: number }[] = [];
  private reach: { cluster: string; reachable: boolean; reason: string | null; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly flushMs = 250,
  ) {}

  /** An app was seen (first time: prev undefined) or changed health/sync. */
  app(prev: AppDto | undefined, next: AppDto, at = Date.now()) {
    this.pending.push({ prev, next, at });
    this.schedule();
  }

  reachability(cluster: string, reachable: boolean, reason: string | null, at = Date.now()) {
    this.reach.push({ cluster, reachable, reason, at });
    this.schedule();
  }

  private schedule() {
    if (this.pending.length > 50_000) this.pending.splice(0, this.pending.length - 50_000); // DB down for long: keep the newest
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes everything queued; on failure the queue is kept for the next attempt. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Loop: several callers may be waiting on the same write; each re-checks after it ends.
    while (this.running) await this.running;
    if (!this.pending.length && !this.reach.length) return;
    this.running = this.write().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async write() {
    if (!this.pending.length && !this.reach.length) return;
    const batch = this.pending.splice(0);
    const reach = this.reach.splice(0);
    try {
      const db = await this.db();
      await this.writeTransitions(db, batch);
      for (const r of reach) await writeReachability(db, r.cluster, r.reachable, r.reason, new Date(r.at));
    } catch (e) {
      this.pending.unshift(...batch);
      this.reach.unshift(...reach);
      log.warn({ err: (e as Error).message, queued: this.pending.length }, 'live: health history not written yet, will retry');
      this.timer ??= setTimeout(() => void this.flush(), 5_000).unref();
    }
  }

  private async loadLatest(db: Db): Promise<Map<string, Latest>> {
    const rows = await db.$queryRaw<{ cluster: string; app: string; to_sync: string; to_health: string }[]>`
      SELECT DISTINCT ON (cluster, app) cluster, app, to_sync, to_health FROM health_transitions ORDER BY cluster, app, at DESC, id DESC`;
    return new Map(rows.map((r) => [`${r.cluster}/${r.app}`, { sync: r.to_sync, health: r.to_health }]));
  }

  private async writeTransitions(db: Db, batch: { prev: AppDto | undefined; next: AppDto; at: number }[]) {
    if (!batch.length) return;
    this.latest ??= await this.loadLatest(db);
    const rows: TransitionRow[] = [];
    for (const { prev, next, at } of batch) {
      const key = `${next.cluster}/${next.name}`;
      // First sight after a start: compare with the last recorded state, not with "nothing".
      const before: Latest | undefined = prev ? { sync: prev.sync, health: prev.health } : this.latest.get(key);
      if (before && before.sync === next.sync && before.health === next.health) continue;
      const when = !prev && !before && next.healthSince ? next.healthSince : at;
      rows.push({
        cluster: next.cluster,
        app: next.name,
        resourceVersion: next.resourceVersion,
        fromSync: before?.sync ?? null,
        toSync: next.sync,
        fromHealth: before?.health ?? null,
        toHealth: next.health,
        revision: next.revision,
        images: next.images,
        at: new Date(when),
      });
      this.latest.set(key, { sync: next.sync, health: next.health });
    }
    for (let i = 0; i < rows.length; i += 1000) {
      await db.healthTransition.createMany({ data: rows.slice(i, i + 1000), skipDuplicates: true });
    }
  }
}

/** Inserts a reachability row only when it differs from the cluster's last one (one row per change, whatever the replicas). */
export async function writeReachability(db: Db, cluster: string, reachable: boolean, reason: string | null, at: Date): Promise<boolean> {
  // A batch transaction: the lock is held until commit, and the INSERT (a later statement) sees
  // whatever the previous holder committed.
  const [, n] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`panel:reachability:${cluster}`}::text))`,
    db.$executeRaw`
      INSERT INTO cluster_reachability (cluster, reachable, reason, at)
      SELECT ${cluster}::text, ${reachable}::boolean, ${reason}::text, ${at}::timestamptz
      WHERE (SELECT reachable FROM cluster_reachability WHERE cluster = ${cluster} ORDER BY at DESC, id DESC LIMIT 1) IS DISTINCT FROM ${reachable}::boolean`,
  ]);
  return n === 1;
}
