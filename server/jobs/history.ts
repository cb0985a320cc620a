import 'server-only';
import { proxmoxCapacity } from '@/lib/capacity';
import { SAMPLE_EVERY_MS } from '@/lib/history/limits';
import { db } from '../db';
import { capacitySettings } from '../live/ctx';
import { liveStore } from '../live';
import type { LiveStore } from '../live/store';
import { sampleHistory, type SampleInput } from '../services/history/internal/sample';
import { runAsLeader, type JobHandle } from './leader';

// The history job (issue 16): one replica samples the host's memory by mode and the clusters'
// ready nodes every 5 minutes into the database, and keeps the watch periods the strips rely on.

/** What the live store shows now, as one round of samples. */
export function sampleInput(store: LiveStore, reserveBytes: number): SampleInput {
  const pve = store.proxmoxState();
  const host = pve.memTotalBytes !== null && pve.freshness.reachable ? proxmoxCapacity(pve.memTotalBytes, pve.vms, reserveBytes) : null;
  const clusters = store.summaries().map((c) => ({ name: c.name, reachable: c.freshness.reachable, ready: c.nodesReady, total: c.nodesTotal }));
  return { host, clusters };
}

export function startHistoryJob(everyMs = SAMPLE_EVERY_MS): JobHandle {
  return runAsLeader(db, 'history.sample', everyMs, async (client) => {
    const store = liveStore();
    await store.ready();
    await sampleHistory(client, sampleInput(store, capacitySettings().reserveBytes));
  });
}

const g = globalThis as unknown as { __historyJob?: JobHandle };

/** Starts the job once per process (the boot hook, server/boot.ts). */
export function ensureHistoryJob(): void {
  g.__historyJob ??= startHistoryJob();
}
