import 'server-only';
import type { GamingRequestDto, GamingStateDto } from '@/lib/gaming/types';
import type { VmStatus } from '../../../clients/proxmox/power';
import type { Actor } from '../../../context';
import type { GamingCtx } from './ctx';
import { activeHold, modeOf } from './modes';

/** The card's mode line, the admin's hold and the pending "Ask Paul" requests (the viewer's own; all of them for the admin). */
export async function modesView(ctx: GamingCtx, actor: Actor, vms: VmStatus[] | null, gamingVmid: number | null): Promise<{ mode: GamingStateDto['mode']; hold: GamingStateDto['hold']; requests: GamingRequestDto[] }> {
  const db = await ctx.db();
  const now = ctx.now();
  const admin = actor.role === 'admin';
  const [hold, pending] = await Promise.all([
    activeHold(db, now),
    db.gamingRequest.findMany({ where: { status: 'pending', ...(admin ? {} : { requestedBy: actor.subject }) }, orderBy: { createdAt: 'asc' }, take: 10 }),
  ]);
  return {
    mode: vms ? modeOf(vms, gamingVmid, ctx.gaming().devTag) : null,
    hold: hold ? { until: hold.until.toISOString(), byName: hold.setByName } : null,
    requests: pending.map((r) => ({ id: r.id, byName: r.requestedByName, mine: r.requestedBy === actor.subject, at: r.createdAt.toISOString() })),
  };
}
