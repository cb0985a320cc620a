import 'server-only';
import { extendLease } from '@/lib/gaming/lease';
import { windowChecks } from '@/lib/gaming/preflight';
import { ExtendGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { msg } from '@/lib/i18n/message';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { conflict } from './internal/say';
import { activeSession, transition, weeklyMinutes } from './internal/sessions';

// Extend = optimistic update on the lease end the caller saw: a double tap extends once.
export async function extendGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  const cmd = parseInput(ExtendGamingSchema, input ?? {});
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const row = await activeSession(db);
  const ip = await ctx.ip();
  if (!row || (row.state !== 'booting' && row.state !== 'ready')) {
    await recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.extend', outcome: 'denied', details: { reason: 'not-running' } });
    throw conflict(ctx, msg('srv.extend.notRunning'));
  }
  const seen = cmd.leaseEndsAt ? new Date(cmd.leaseEndsAt) : row.leaseEndsAt;
  // The lease already moved since the caller looked (a double tap, or someone else extended).
  if (seen.getTime() !== row.leaseEndsAt.getTime()) return backendOf(ctx).card(ctx, actor);
  const r = extendLease(row, ctx.now(), cfg.lease);
  const audit = (outcome: 'ok' | 'denied', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.extend', target: backendOf(ctx).target(ctx, row), outcome, details: { session: row.id, ...details } });
  // More time is a new grant: maintenance, quiet hours and the weekly allowance apply as at Start.
  const weeklyMinutesUsed = cfg.weeklyHoursPerPerson && actor.role !== 'admin' ? await weeklyMinutes(db, actor.subject, ctx.now()) : 0;
  const refused = windowChecks({ cfg, now: ctx.now(), role: actor.role, weeklyMinutesUsed }).find((c) => !c.ok);
  if (refused) {
    await audit('denied', { reason: refused.id });
    throw conflict(ctx, refused.message);
  }
  if (!r.ok) {
    await audit('denied', { reason: 'at-max' });
    throw conflict(ctx, msg('srv.extend.max', { time: { at: r.maxEndsAt.toISOString() }, h: cfg.lease.maxMinutes / 60 }));
  }
  const won = await transition(db, row.id, ['booting', 'ready'], { leaseEndsAt: r.leaseEndsAt, warnedAt: null }, { leaseEndsAt: row.leaseEndsAt });
  if (won) {
    await audit('ok', { from: row.leaseEndsAt.toISOString(), to: r.leaseEndsAt.toISOString(), addedMinutes: r.addedMinutes });
    ctx.publish('gaming', { session: row.id });
  }
  return backendOf(ctx).card(ctx, actor);
}
