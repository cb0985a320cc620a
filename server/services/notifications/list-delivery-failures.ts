import 'server-only';
import type { DeliveryFailureDto, NotifyChannel } from '@/lib/notify/prefs';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';

// GET /api/notifications/failures — messages of the last 7 days that failed, or failed at least once
// and are waiting for their next try (admin: shown on /settings/notifications).
export async function listDeliveryFailures(ctx: Ctx = requestCtx()): Promise<DeliveryFailureDto[]> {
  await requirePermission('audit:read', ctx);
  const db = await ctx.db();
  const since = new Date(Date.now() - 7 * 86_400_000);
  const rows = await db.notificationOutbox.findMany({
    where: { createdAt: { gte: since }, OR: [{ state: 'failed' }, { state: 'pending', lastError: { not: null } }] },
    orderBy: { id: 'desc' },
    take: 50,
  });
  const names = new Map((await db.user.findMany({ where: { subject: { in: rows.map((r) => r.recipient).filter((x): x is string => !!x) } }, select: { subject: true, name: true } })).map((u) => [u.subject, u.name]));
  return rows.map((r) => ({
    id: String(r.id),
    event: r.event,
    channel: r.channel as NotifyChannel,
    recipient: r.recipient ? (names.get(r.recipient) ?? r.recipient) : null,
    title: r.title,
    attempts: r.attempts,
    lastError: r.lastError,
    state: r.state === 'failed' ? 'failed' : 'pending',
    createdAt: r.createdAt.toISOString(),
  }));
}
