import 'server-only';
import type { Ctx } from '../../../context';
import { db } from '../../../db';
import { config } from '../../../env';
import { backendFor } from '../backends';
import { gamingCtx, setWakeHook } from '../internal/ctx';
import { runGamingLeases } from './leases';
import { runGamingMonitor } from './monitor';

// The gaming background work, started once per process by the boot hook (server/boot.ts): the
// monitor on every replica, the lease job on the leader. Nothing starts unless the backend is configured.

const g = globalThis as unknown as { __gamingJobs?: { stop(): void } };

function backgroundCtx(): Ctx {
  return { db, session: async () => null, ip: async () => null };
}

export function startGamingJobs(): { stop(): void } {
  if (g.__gamingJobs) return g.__gamingJobs;
  const cfg = config();
  if (!backendFor(cfg.gaming.backend).configured(cfg)) return { stop: () => undefined };
  const ctx = gamingCtx(backgroundCtx());
  const monitor = runGamingMonitor(ctx);
  setWakeHook(() => monitor.wake());
  const leases = runGamingLeases(ctx);
  g.__gamingJobs = {
    stop() {
      monitor.stop();
      leases.stop();
      setWakeHook(() => undefined);
      g.__gamingJobs = undefined;
    },
  };
  return g.__gamingJobs;
}
