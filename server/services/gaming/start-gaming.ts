import 'server-only';
import { StartGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto, PreflightResult } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import { ProxmoxError } from '../../clients/proxmox/errors';
import type { Actor } from '../../context';
import { UpstreamError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { backendOf } from './backends';
import type { AuditFn } from './backends/types';
import { gamingCtx, type GamingCtx } from './internal/ctx';
import { coded, conflict, english } from './internal/say';
import { activeSession, openSession, type SessionRow } from './internal/sessions';

// Start = the backend's pre-flight (reads only) → insert the session (the partial unique index lets
// exactly one concurrent request win; the others join it) → the winner makes the backend's one start
// (a Proxmox start task, DEV shut down first when needed, or a runStrategy commit). Then advance().

export async function startGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(StartGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const backend = backendOf(ctx);
  const audit: AuditFn = (a) => recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.start', ...a });

  const existing = await activeSession(db);
  if (existing) return join(ctx, actor, existing, audit);

  let plan;
  try {
    plan = await backend.plan(ctx, actor);
  } catch (e) {
    if (e instanceof UpstreamError) {
      await audit({ target: backend.target(ctx), outcome: 'failed', details: { reason: e.message, upstream: e.upstream, ...(e instanceof ProxmoxError ? { proxmox: e.reason } : {}) } });
    }
    throw coded(e);
  }
  const target = backend.target(ctx, { vmid: plan.vmid });
  if (plan.preflight && !plan.preflight.ok) throw await refuse(ctx, plan.preflight, target, audit);

  const opened = await openSession(ctx, actor, { vmid: plan.vmid, ...plan.session });
  if ('winner' in opened) {
    if (!opened.winner) throw conflict(ctx, msg('srv.start.race'));
    return join(ctx, actor, opened.winner, audit);
  }
  const row = opened.row;
  const checks = plan.preflight?.checks.map((c) => english(ctx, c.message)) ?? [];
  await audit({ target, outcome: 'ok', details: { session: row.id, adopted: plan.adopt, ...plan.details, checks } });
  ctx.publish('gaming', { session: row.id, state: row.state });
  if (!plan.adopt) await backend.begin(ctx, row, plan);
  ctx.wake();
  return backend.card(ctx, actor);
}

async function join(ctx: GamingCtx, actor: Actor, row: SessionRow, audit: AuditFn): Promise<GamingStateDto> {
  if (row.state === 'stopping') throw conflict(ctx, msg('srv.start.stopping'));
  await audit({ target: backendOf(ctx).target(ctx, row), outcome: 'ok', details: { session: row.id, joined: true } });
  return backendOf(ctx).card(ctx, actor);
}

/** The pre-flight said no: audited (in English), and a 409 with the refusal and the checks. */
async function refuse(ctx: GamingCtx, pf: PreflightResult, target: string, audit: AuditFn) {
  const refusal = pf.refusal ?? msg('srv.cantStartNow');
  await audit({ target, outcome: 'denied', details: { reason: english(ctx, refusal), checks: pf.checks.filter((c) => !c.ok).map((c) => c.id) } });
  return conflict(ctx, refusal, { checks: pf.checks });
}
