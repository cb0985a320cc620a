import 'server-only';
import { AskGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { coded, conflict, english } from './internal/say';
import { activeSession, firstName, isUniqueViolation } from './internal/sessions';

// "Ask Paul": the game needs DEV's room and only the admin can give it (his hold, or the refuse
// policy). One tap records the request (one pending per person: a double tap asks once) and sends
// him a notification with a link to the panel, where one tap of his starts the game (allow-gaming.ts).

export async function askGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(AskGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const backend = backendOf(ctx);
  const audit = (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.ask', target: backend.target(ctx), outcome, details });
  if (await activeSession(db)) {
    await audit('denied', { reason: 'already running' });
    throw conflict(ctx, msg('srv.ask.running'));
  }
  const plan = await backend.plan(ctx, actor).catch((e) => Promise.reject(coded(e)));
  if (!plan.preflight || plan.preflight.ok || !plan.preflight.ask) {
    const why = plan.preflight && !plan.preflight.ok ? (plan.preflight.refusal ?? msg('srv.cantStartNow')) : msg('srv.ask.notNeeded');
    await audit('denied', { reason: english(ctx, why) });
    throw conflict(ctx, why);
  }
  let id: string;
  try {
    id = (await db.gamingRequest.create({ data: { requestedBy: actor.subject, requestedByName: actor.name, requestedByRole: actor.role, createdAt: ctx.now() } })).id;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Asked already (a double tap, two tabs): the same request, asked once.
    const existing = await db.gamingRequest.findFirst({ where: { requestedBy: actor.subject, status: 'pending' } });
    await audit('ok', { request: existing?.id, again: true });
    return backend.card(ctx, actor);
  }
  await audit('ok', { request: id, reason: english(ctx, plan.preflight.refusal ?? msg('srv.cantStartNow')) });
  const name = firstName(actor.name);
  await ctx.notify(null, `${name} asks to play`, `${name} would like to start the gaming PC, which needs the DEV cluster's room. One tap in the panel lets them play (DEV shuts down and comes back after the game).`, `/gaming?request=${id}`);
  ctx.publish('gaming', { request: id });
  return backend.card(ctx, actor);
}
