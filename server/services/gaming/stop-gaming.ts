import 'server-only';
import { StopGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto } from '@/lib/gaming/types';
import { requirePermission } from '../../auth/guard';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import type { AuditFn } from './backends/types';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { activeSession, openSession } from './internal/sessions';

// Stop = one conditional transition to `stopping` (so a double tap or two people stop once), then the
// backend's one stop effect (a guest-agent/ACPI shutdown, or a runStrategy Halted commit); advance()
// finishes it. A VM running without a session (started outside the panel) is adopted first.

export async function stopGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(StopGamingSchema, input ?? {});
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
  await backend.stop(ctx, actor, session, audit);
  ctx.publish('gaming', { session: session.id });
  ctx.wake();
  return backend.card(ctx, actor);
}
