import 'server-only';
import { AllowGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import type { Actor } from '../../context';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { conflict } from './internal/say';
import { firstName } from './internal/sessions';
import { startFor } from './internal/start';

// The admin's one tap on "Let Marie play" (the notification's link or the card): it ends his hold on
// DEV and starts the game for the person who asked (DEV shut down first, whatever the policy; back
// after the game). The claim pending → allowed is conditional, so a double tap or two tabs start once;
// a tap on a request already allowed answers with the card. If the start is refused (quiet hours,
// maintenance…), the request and the hold go back as they were and the refusal is the answer.

export async function allowGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const admin = await requirePermission('dev:power', ctx);
  const { request } = parseInput(AllowGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const backend = backendOf(ctx);
  const now = ctx.now();
  const audit = (outcome: 'ok' | 'denied' | 'failed', details: Record<string, unknown>) =>
    recordAudit(db, { actor: admin.subject, actorName: admin.name, role: admin.role, ip, action: 'gaming.allow', target: backend.target(ctx), outcome, details: { request, ...details } });

  const claimed = await db.gamingRequest.updateMany({ where: { id: request, status: 'pending' }, data: { status: 'allowed', decidedBy: admin.subject, decidedByName: admin.name, decidedAt: now } });
  if (claimed.count === 0) {
    const r = await db.gamingRequest.findUnique({ where: { id: request } });
    if (r?.status === 'allowed') return backend.card(ctx, admin); // the other tap did it
    await audit('denied', { reason: r ? `already ${r.status}` : 'no such request' });
    throw conflict(ctx, msg('srv.ask.gone'));
  }
  const r = await db.gamingRequest.findUniqueOrThrow({ where: { id: request } });
  const asker: Actor = { subject: r.requestedBy, name: r.requestedByName, email: null, role: r.requestedByRole };
  const hold = await db.devHold.findUnique({ where: { id: 'dev' } });
  if (hold) await db.devHold.deleteMany({ where: { id: 'dev', until: hold.until } });
  try {
    const { session } = await startFor(ctx, asker, { allowed: true, by: admin });
    await db.gamingRequest.updateMany({ where: { id: request }, data: { sessionId: session } });
    await audit('ok', { for: asker.name, session, holdEnded: hold ? hold.until.toISOString() : null });
    await ctx.notify(asker.subject, `${firstName(admin.name)} said yes`, 'The gaming PC is starting for you.', '/');
  } catch (e) {
    // Nothing started: put things back as they were.
    await db.gamingRequest.updateMany({ where: { id: request, status: 'allowed', sessionId: null }, data: { status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null } });
    if (hold && hold.until > now) await db.devHold.upsert({ where: { id: 'dev' }, create: hold, update: {} });
    await audit(e instanceof AppError && e.code === 'conflict' ? 'denied' : 'failed', { for: asker.name, reason: (e as Error).message });
    throw e;
  }
  ctx.publish('gaming', { request, allowed: true });
  return backend.card(ctx, admin);
}
