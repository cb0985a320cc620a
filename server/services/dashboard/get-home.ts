import 'server-only';
import { buildTiles, homeHealth } from '@/lib/health';
import type { HomeDto } from '@/lib/live/dto';
import { requirePermission } from '../../auth/guard';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { capacityOf } from '../capacity/get-capacity';
import { resolveIcon } from '../icons/internal/resolve';

// The home screen: the family's service tiles and health in plain words for everyone; cluster
// cards and the capacity summary for admins. Read from the live store only.
export async function getHome(ctx: LiveCtx = liveCtx()): Promise<HomeDto> {
  const actor = await requirePermission('home:view', ctx);
  const store = ctx.live();
  await store.ready();
  const clusters = store.summaries();
  const apps = store.appsFreshness();
  const unreachable = new Map(clusters.filter((c) => !c.freshness.reachable).map((c) => [c.name, c.freshness.lastSuccess]));
  const icons = ctx.icons?.() ?? { imageOrigins: [] };
  const tiles = buildTiles({ apps: store.appList(), appsReachable: apps.reachable, appsLastGood: apps.lastSuccess, unreachable }).map((t) => ({ ...t, glyph: resolveIcon(t.icon, icons) }));
  return {
    firstName: actor.name.split(/\s+/)[0] ?? actor.name,
    tiles,
    health: homeHealth(tiles),
    appsFreshness: apps,
    admin: actor.role === 'admin' ? { clusters, capacity: capacityOf(store, ctx.capacity()) } : null,
  };
}
