import 'server-only';
import { StopGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import type { AuditFn } from './backends/types';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { activeSession, firstName, openSession } from './internal/sessions';
import { conflict } from './internal/say';
import { msg } from '@/lib/i18n/message';

// Stop = one conditional transition to `stopping` (so a double tap or two people stop once), then the
// backend's one stop effect (a guest-agent/ACPI shutdown, or a runStrategy Halted commit); advance()
// finishes it. A VM running without a session (started outside the panel) is adopted first. Stopping
// someone else's game needs `confirm: true` (the card asks); a stop by mistake is undone by Start.

export async function stopGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  const { confirm } = parseInput(StopGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const backend = backendOf(ctx);
  let row = await activeSession(db);
  if (!row) {
    const found = await backend.unowned(ctx);
    if (found) {
      const opened = await openSession(ctx, actor, { ...found, state: 'booting' });
      row = 'row' in opened ? opened.row : opened.winner;
    }
  }
  if (!row) return backend.card(ctx, actor); // already off: nothing to do
  const session = row;
  const audit: AuditFn = (a) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.stop', target: backend.target(ctx, session), outcome: a.outcome, details: { session: session.id, ...a.details } });
  // Safe taps: someone else's game (or one found running) stops only once the caller confirmed.
  if (session.startedBy !== actor.subject && !confirm && (session.state === 'booting' || session.state === 'ready')) {
    await audit({ outcome: 'denied', details: { reason: 'not confirmed: someone else started it', startedBy: session.startedByName } });
    throw conflict(ctx, msg('srv.stop.confirm', { name: firstName(session.startedByName) }), { confirm: true });
  }
  await backend.stop(ctx, actor, session, audit);
  ctx.publish('gaming', { session: session.id });
  ctx.wake();
  return backend.card(ctx, actor);
}
