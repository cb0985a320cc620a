import 'server-only';
import type { GamingStateDto, PreflightResult } from '@/lib/gaming/types';
import { msg } from '@/lib/i18n/message';
import { ProxmoxError } from '../../../clients/proxmox/errors';
import type { Actor } from '../../../context';
import { UpstreamError } from '../../../errors';
import { recordAudit } from '../../audit/internal/record-audit';
import { backendOf } from '../backends';
import type { AuditFn } from '../backends/types';
import type { GamingCtx } from './ctx';
import { coded, conflict, english } from './say';
import { activeSession, openSession, type SessionRow } from './sessions';

// Start = the backend's pre-flight (reads only) → insert the session (the partial unique index lets
// exactly one concurrent request win; the others join it) → the winner makes the backend's one start
// (a Proxmox start task, DEV shut down first when needed, or a runStrategy commit). Then advance().
// `by`: who tapped (the admin, when he allows a request) when it is not the person the game is for.

export async function startFor(ctx: GamingCtx, actor: Actor, opts: { allowed?: boolean; by?: Actor } = {}): Promise<{ card: GamingStateDto; session: string }> {
  const db = await ctx.db();
  const ip = await ctx.ip();
  const backend = backendOf(ctx);
  const via = opts.by ? { allowedBy: opts.by.name } : {};
  const audit: AuditFn = (a) => recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.start', ...a, details: { ...a.details, ...via } });

  const existing = await activeSession(db);
  if (existing) return join(ctx, actor, existing, audit);

  let plan;
  try {
    plan = await backend.plan(ctx, actor, { allowed: opts.allowed });
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
  // A game is on: pending "Ask Paul" requests are moot.
  await db.gamingRequest.updateMany({ where: { status: 'pending' }, data: { status: 'cancelled', decidedAt: ctx.now(), sessionId: row.id } });
  ctx.publish('gaming', { session: row.id, state: row.state });
  if (!plan.adopt) await backend.begin(ctx, row, plan);
  ctx.wake();
  return { card: await backend.card(ctx, actor), session: row.id };
}

async function join(ctx: GamingCtx, actor: Actor, row: SessionRow, audit: AuditFn): Promise<{ card: GamingStateDto; session: string }> {
  const backend = backendOf(ctx);
  if (row.state === 'stopping') {
    // "Start again" after a Stop by mistake: the same session and lease, started again once the guest is off.
    if (!backend.resume || !(await backend.resume(ctx, row))) {
      const now = await activeSession(await ctx.db());
      if (now?.id === row.id && now.state !== 'stopping') return join(ctx, actor, now, audit);
      throw conflict(ctx, msg('srv.start.stopping'));
    }
    await audit({ target: backend.target(ctx, row), outcome: 'ok', details: { session: row.id, resumed: true, leaseEndsAt: row.leaseEndsAt.toISOString() } });
    ctx.publish('gaming', { session: row.id, resumed: true });
    ctx.wake();
    return { card: await backend.card(ctx, actor), session: row.id };
  }
  await audit({ target: backend.target(ctx, row), outcome: 'ok', details: { session: row.id, joined: true } });
  return { card: await backend.card(ctx, actor), session: row.id };
}

/** The pre-flight said no: audited (in English), and a 409 with the refusal and the checks. */
async function refuse(ctx: GamingCtx, pf: PreflightResult, target: string, audit: AuditFn) {
  const refusal = pf.refusal ?? msg('srv.cantStartNow');
  await audit({ target, outcome: 'denied', details: { reason: english(ctx, refusal), checks: pf.checks.filter((c) => !c.ok).map((c) => c.id), ...(pf.ask ? { canAsk: true } : {}) } });
  return conflict(ctx, refusal, { checks: pf.checks, ask: pf.ask });
}
