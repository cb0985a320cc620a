import 'server-only';
import { DevHoldSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import { ValidationError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from '../gaming/backends';
import { gamingCtx, type GamingCtx } from '../gaming/internal/ctx';
import { english } from '../gaming/internal/say';

// The admin's hold on DEV ("I'm testing until 21:00"): while it is ahead, a game that needs DEV's
// room is refused in plain words and the family may "Ask Paul". One row (upsert), so a double tap
// sets it once; `clear` ends it. Audited `dev.hold` either way (and when refused).

export async function setDevHold(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('dev:power', ctx);
  const body = parseInput(DevHoldSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const now = ctx.now();
  const audit = (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'dev.hold', target: 'dev-cluster', outcome, details });
  if ('clear' in body) {
    const gone = await db.devHold.deleteMany({ where: { id: 'dev' } });
    await audit('ok', { cleared: gone.count > 0 });
  } else {
    const until = new Date(body.until);
    const max = ctx.gaming().holdMaxHours;
    const refusal = until <= now ? msg('srv.hold.past') : until.getTime() - now.getTime() > max * 3600_000 ? msg('srv.hold.tooLong', { h: max }) : null;
    if (refusal) {
      await audit('denied', { until: body.until, reason: english(ctx, refusal) });
      throw new ValidationError(english(ctx, refusal)).withMsg(refusal);
    }
    await db.devHold.upsert({ where: { id: 'dev' }, create: { id: 'dev', until, setBy: actor.subject, setByName: actor.name, setAt: now }, update: { until, setBy: actor.subject, setByName: actor.name, setAt: now } });
    await audit('ok', { until: until.toISOString() });
  }
  ctx.publish('gaming', { hold: true });
  return backendOf(ctx).card(ctx, actor);
}
