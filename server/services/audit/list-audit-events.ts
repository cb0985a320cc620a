import 'server-only';
import { AuditQuerySchema, type AuditEventDto, type AuditPage } from '@/lib/audit';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { parseInput } from '../../validation';

// Newest first, filtered by actor (subject or name), action prefix and outcome, paginated by cursor.
export async function listAuditEvents(input: unknown, ctx: Ctx = requestCtx()): Promise<AuditPage> {
  await requirePermission('audit:read', ctx);
  const q = parseInput(AuditQuerySchema, input);
  const db = await ctx.db();
  const rows = await db.auditEvent.findMany({
    where: {
      ...(q.actor ? { OR: [{ actor: q.actor }, { actorName: { contains: q.actor, mode: 'insensitive' } }] } : {}),
      ...(q.action ? { action: { startsWith: q.action } } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}),
    },
    orderBy: { id: 'desc' },
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const events: AuditEventDto[] = page.map((r) => ({
    id: r.id.toString(),
    at: r.at.toISOString(),
    actor: r.actor,
    actorName: r.actorName,
    role: r.role,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    details: (r.details ?? {}) as Record<string, unknown>,
    ip: r.ip,
  }));
  return { events, nextCursor: rows.length > q.limit ? page[page.length - 1].id.toString() : null };
}
