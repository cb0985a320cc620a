import 'server-only';
import { db } from '../db';
import { config } from '../env';
import { autoPromote } from '../services/promotions/auto-promote';
import { promotionCtx, type PromotionCtx } from '../services/promotions/internal/ctx';
import { trackPromotions } from '../services/promotions/internal/track';
import { runAsLeader, type JobHandle } from './leader';

// Background jobs of promotions, each on one replica (job lease): the tracker follows committed
// promotions every 2 s; the auto-promotion policy is checked every minute (a no-op unless enabled).

export function jobCtx(): PromotionCtx {
  return promotionCtx({ db, session: async () => null, ip: async () => null });
}

export function startPromotionJobs(opts: { trackEveryMs?: number; autoEveryMs?: number } = {}): JobHandle {
  const ctx = jobCtx();
  const jobs = [
    runAsLeader(db, 'promotions.track', opts.trackEveryMs ?? 2_000, () => trackPromotions(ctx)),
    runAsLeader(db, 'promotions.auto', opts.autoEveryMs ?? 60_000, async () => {
      await autoPromote(ctx);
    }),
  ];
  return { stop: () => jobs.forEach((j) => j.stop()) };
}

const g = globalThis as unknown as { __promotionJobs?: JobHandle };

/** Starts the jobs once per process (the boot hook, server/boot.ts), when GitHub and Argo CD are configured. */
export function ensurePromotionJobs(): void {
  if (g.__promotionJobs) return;
  const cfg = config();
  if (!cfg.github || !cfg.argocd) return;
  g.__promotionJobs = startPromotionJobs();
}
