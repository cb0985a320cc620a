import 'server-only';
import type { Mode, ProxmoxCapacity } from '@/lib/capacity';
import { HISTORY_RETENTION_MS, MAX_SAMPLED_CLUSTERS, MIN_SAMPLE_GAP_MS, WATCH_GAP_MS } from '@/lib/history/limits';
import type { Db } from '../../../db';

// One round of the history job: extend the current watch period (or open a new one after a gap),
// record the host's memory by mode and each cluster's ready nodes, and drop what is older than the
// retention. A round within MIN_SAMPLE_GAP_MS of the last one writes no samples, whoever runs it:
// the check and the insert run under one advisory lock, so the rate holds across replicas.

export interface ClusterSample {
  name: string;
  reachable: boolean;
  ready: number;
  total: number;
}

export interface SampleInput {
  /** Null when Proxmox is not configured or not reachable: no host sample (the chart shows a gap). */
  host: ProxmoxCapacity | null;
  clusters: ClusterSample[];
}

export interface SampleResult {
  sampled: boolean;
  deleted: number;
}

function hostRow(c: ProxmoxCapacity, at: Date) {
  const seg = (kind: string) => BigInt(c.segments.find((s) => s.kind === kind)?.bytes ?? 0);
  const mode: Mode = c.mode;
  return { at, mode, totalBytes: BigInt(c.totalBytes), reserveBytes: seg('reserve'), devBytes: seg('dev'), prodBytes: seg('prod'), gamingBytes: seg('gaming'), otherBytes: seg('other') };
}

export async function sampleHistory(db: Db, input: SampleInput, now = new Date()): Promise<SampleResult> {
  const since = new Date(now.getTime() - MIN_SAMPLE_GAP_MS);
  const horizon = new Date(now.getTime() - HISTORY_RETENTION_MS);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('panel:history:sample'))`;
    // The watch period: extended if the last round was recent enough, else a new one begins.
    const extended = await tx.$executeRaw`
      UPDATE watch_periods SET last_seen_at = GREATEST(last_seen_at, ${now}::timestamptz)
      WHERE id = (SELECT id FROM watch_periods ORDER BY last_seen_at DESC, id DESC LIMIT 1)
        AND last_seen_at >= ${new Date(now.getTime() - WATCH_GAP_MS)}::timestamptz`;
    if (extended === 0) await tx.watchPeriod.create({ data: { startedAt: now, lastSeenAt: now } });

    const recent = await tx.nodeReadySample.findFirst({ where: { at: { gt: since } }, select: { id: true } });
    const recentHost = await tx.hostMemorySample.findFirst({ where: { at: { gt: since } }, select: { id: true } });
    const sampled = !recent && !recentHost;
    if (sampled) {
      if (input.host) await tx.hostMemorySample.create({ data: hostRow(input.host, now) });
      const clusters = input.clusters.slice(0, MAX_SAMPLED_CLUSTERS);
      if (clusters.length) {
        await tx.nodeReadySample.createMany({ data: clusters.map((c) => ({ cluster: c.name, at: now, reachable: c.reachable, ready: c.ready, total: c.total })) });
      }
    }
    const deleted =
      (await tx.hostMemorySample.deleteMany({ where: { at: { lt: horizon } } })).count +
      (await tx.nodeReadySample.deleteMany({ where: { at: { lt: horizon } } })).count +
      (await tx.watchPeriod.deleteMany({ where: { lastSeenAt: { lt: horizon } } })).count;
    return { sampled, deleted };
  });
}
