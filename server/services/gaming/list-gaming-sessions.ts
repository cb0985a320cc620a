import 'server-only';
import { can } from '@/lib/permissions';
import { HistoryQuerySchema } from '@/lib/gaming/schemas';
import type { GamingHistoryDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { parseInput } from '../../validation';
import { toSessionDto } from './internal/sessions';

// History: family members see their own sessions, the admin everyone's. Newest first.
export async function listGamingSessions(input: unknown, ctx: Ctx = requestCtx()): Promise<GamingHistoryDto> {
  const actor = await requirePermission('gaming:power', ctx);
  const q = parseInput(HistoryQuerySchema, input ?? {});
  const all = can(actor.role, 'gaming:history:all');
  const db = await ctx.db();
  const rows = await db.gamingSession.findMany({
    where: all ? {} : { startedBy: actor.subject },
    orderBy: { startedAt: 'desc' },
    take: q.limit,
  });
  return { sessions: rows.map((r) => toSessionDto(r, actor.subject)), all };
}
