import 'server-only';
import type { Mode } from '@/lib/capacity';
import { memoryHistory, WEEK_MS, type MemoryHistoryDto } from '@/lib/history/dto';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';

/** The Proxmox host's memory by mode over the last 7 days, from the history job's samples. */
export async function getMemoryHistory(ctx: Ctx = requestCtx()): Promise<MemoryHistoryDto> {
  await requirePermission('dashboard:view', ctx);
  const db = await ctx.db();
  const now = Date.now();
  const window = { from: now - WEEK_MS, to: now };
  const rows = await db.hostMemorySample.findMany({ where: { at: { gte: new Date(window.from) } }, orderBy: { at: 'asc' }, take: 5_000 });
  const points = rows.map((r) => ({
    at: r.at.getTime(),
    mode: r.mode as Mode,
    dev: Number(r.devBytes),
    prod: Number(r.prodBytes),
    gaming: Number(r.gamingBytes),
    other: Number(r.otherBytes),
    reserve: Number(r.reserveBytes),
  }));
  const last = rows[rows.length - 1];
  return memoryHistory(points, last ? Number(last.totalBytes) : null, window);
}
