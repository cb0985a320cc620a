import 'server-only';
import type { ClusterSummary } from '@/lib/live/types';
import { requirePermission } from '../../auth/guard';
import { liveCtx, type LiveCtx } from '../../live/ctx';

/** Every configured cluster's card, from the live store (stale ones keep their last good figures). */
export async function listClusters(ctx: LiveCtx = liveCtx()): Promise<ClusterSummary[]> {
  await requirePermission('dashboard:view', ctx);
  const store = ctx.live();
  await store.ready();
  return store.summaries();
}
