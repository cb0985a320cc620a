import 'server-only';
import { randomBytes } from 'node:crypto';
import { requestCtx, type Ctx } from '../context';
import { db } from '../db';
import { config } from '../env';
import { gamingCtx, setWakeHook } from '../services/gaming/ctx';
import { runGamingLeases } from './gaming-leases';
import { runGamingMonitor } from './gaming-monitor';

// Starts the gaming background work once per process: the monitor on every replica, the lease job on
// the leader. Call startGamingJobs() from the boot hook; ensureGamingJobs() is the lazy fallback the
// gaming routes call, so the card works before the boot hook is wired.

const g = globalThis as unknown as { __gamingJobs?: { stop(): void } };

function backgroundCtx(): Ctx {
  const base = requestCtx();
  return { ...base, db, session: async () => null, ip: async () => null };
}

export function startGamingJobs(): { stop(): void } {
  if (g.__gamingJobs) return g.__gamingJobs;
  const cfg = config();
  // Proxmox: needs `proxmox:`; KubeVirt: the repository (`github:`) the VM's manifest is committed to.
  if (cfg.gaming.backend === 'kubevirt' ? !cfg.github : !cfg.proxmox) return { stop: () => undefined };
  const ctx = gamingCtx(backgroundCtx());
  const monitor = runGamingMonitor(ctx);
  setWakeHook(() => monitor.wake());
  const leases = runGamingLeases(ctx, `gaming-${randomBytes(6).toString('hex')}`);
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

export function ensureGamingJobs(): void {
  if (!g.__gamingJobs) startGamingJobs();
}
