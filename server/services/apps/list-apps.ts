import 'server-only';
import { z } from 'zod';
import { HEALTH_VALUES, SYNC_VALUES, type AppPage } from '@/lib/live/dto';
import { requirePermission } from '../../auth/guard';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { parseInput } from '../../validation';

// Every Argo CD Application across clusters, filtered and paginated on the server (8 000 apps are
// never sent to a phone). Filters come from the query string, so they are strings.

export const AppQuery = z
  .object({
    cluster: z.string().max(64).optional(),
    health: z.enum(HEALTH_VALUES as [string, ...string[]]).optional(),
    sync: z.enum(SYNC_VALUES as [string, ...string[]]).optional(),
    q: z.string().max(100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    size: z.coerce.number().int().min(10).max(200).default(50),
  })
  .strict();

export async function listApps(input: unknown, ctx: LiveCtx = liveCtx()): Promise<AppPage> {
  await requirePermission('dashboard:view', ctx);
  const raw = Object.fromEntries(Object.entries((input ?? {}) as Record<string, unknown>).filter(([, v]) => v !== '' && v !== undefined));
  const q = parseInput(AppQuery, raw);
  const store = ctx.live();
  await store.ready();
  const all = store.appList();
  const needle = q.q?.trim().toLowerCase();
  const items = all.filter(
    (a) =>
      (!q.cluster || a.cluster === q.cluster) &&
      (!q.health || a.health === q.health) &&
      (!q.sync || a.sync === q.sync) &&
      (!needle || a.name.toLowerCase().includes(needle) || a.namespace.toLowerCase().includes(needle) || a.meta.displayName.toLowerCase().includes(needle) || a.images.some((i) => i.toLowerCase().includes(needle))),
  );
  const pages = Math.max(1, Math.ceil(items.length / q.size));
  const page = Math.min(q.page, pages);
  return {
    items: items.slice((page - 1) * q.size, page * q.size),
    total: items.length,
    all: all.length,
    page,
    pages,
    size: q.size,
    clusters: [...store.clusters.keys()],
    freshness: store.appsFreshness(),
  };
}
