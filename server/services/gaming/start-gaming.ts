import 'server-only';
import { initialLeaseEnd } from '@/lib/gaming/lease';
import { evaluateKubevirtPreflight, vmiActive } from '@/lib/gaming/kubevirt';
import { evaluatePreflight } from '@/lib/gaming/preflight';
import { StartGamingSchema } from '@/lib/gaming/schemas';
import type { GamingStateDto, PreflightResult } from '@/lib/gaming/types';
import { proxmoxErrorClause } from '@/lib/gaming/words';
import { msg, plainText } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import { ProxmoxError } from '../../clients/proxmox/errors';
import type { Actor } from '../../context';
import { UpstreamError } from '../../errors';
import { parseInput } from '../../validation';
import { recordAudit, type AuditInput } from '../audit/record-audit';
import { gamingCtx, type GamingCtx } from './ctx';
import { claimAndStart, failSession, shutDownDev } from './engine';
import { gatherFacts } from './facts';
import { isKubevirt, KUBEVIRT_VMID, kvClaimAndStart, kvGatherFacts } from './kubevirt';
import { sessionTarget } from './outcome';
import { coded, conflict, english } from './say';
import { buildState } from './get-gaming-state';
import { activeSession, isUniqueViolation, type SessionRow } from './sessions';

// Start = pre-flight (reads only) → insert the session (the partial unique index lets exactly one
// concurrent request win; the others join it) → the winner makes the one Proxmox start call, or
// first shuts the DEV cluster down under the stop-dev policy. Booting → Ready is followed by advance().
// With the KubeVirt backend the one start is a commit of runStrategy Always (startKubevirt below).

type Audit = (a: Omit<AuditInput, 'actor' | 'actorName' | 'role' | 'ip' | 'action'>) => Promise<void>;

export async function startGaming(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<GamingStateDto> {
  const actor = await requirePermission('gaming:power', ctx);
  parseInput(StartGamingSchema, input ?? {});
  const db = await ctx.db();
  const ip = await ctx.ip();
  const audit = (a: Omit<AuditInput, 'actor' | 'actorName' | 'role' | 'ip' | 'action'>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: 'gaming.start', ...a });

  const existing = await activeSession(db);
  if (existing) return join(ctx, actor, existing, audit);
  if (isKubevirt(ctx)) return startKubevirt(ctx, actor, audit);

  let facts;
  try {
    facts = await gatherFacts(ctx, actor);
  } catch (e) {
    if (e instanceof ProxmoxError) await audit({ outcome: 'failed', details: { reason: e.message, proxmox: e.reason } });
    throw coded(e);
  }
  const vm = facts.vms.find((v) => v.vmid === facts.gamingVmid)!;
  const target = `vm/${facts.gamingVmid}`;
  // Already running (started from Proxmox itself): adopt it instead of starting it again.
  const adopt = vm?.running ?? false;
  const pf = adopt ? null : evaluatePreflight(facts);
  if (pf && !pf.ok) throw await refuse(ctx, pf, target, audit);

  let row: SessionRow;
  try {
    row = await db.gamingSession.create({
      data: {
        vmid: facts.gamingVmid,
        state: adopt ? 'booting' : 'starting',
        startedBy: actor.subject,
        startedByName: actor.name,
        startedByRole: actor.role,
        startedAt: ctx.now(),
        leaseEndsAt: initialLeaseEnd(ctx.now(), ctx.gaming().lease),
        stopDev: pf?.stopDev ?? false,
      },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await activeSession(db, facts.gamingVmid);
    if (!winner) throw conflict(ctx, msg('srv.start.race'));
    return join(ctx, actor, winner, audit);
  }
  await audit({ target, outcome: 'ok', details: { session: row.id, adopted: adopt, stopDev: row.stopDev, checks: pf?.checks.map((c) => english(ctx, c.message)) ?? [] } });
  ctx.publish('gaming', { session: row.id, state: row.state });

  if (row.stopDev) {
    try {
      await shutDownDev(ctx, row, pf!.devVmids);
    } catch (e) {
      const err = e instanceof ProxmoxError ? e : null;
      await failSession(ctx, row, msg('srv.cantStart.dev', { why: err ? proxmoxErrorClause(err) : plainText((e as Error).message) }), err?.reason);
      throw coded(e);
    }
  } else if (!adopt) {
    await claimAndStart(ctx, row);
  }
  ctx.wake();
  return buildState(ctx, actor);
}

async function startKubevirt(ctx: GamingCtx, actor: Actor, audit: Audit): Promise<GamingStateDto> {
  const db = await ctx.db();
  const target = sessionTarget(ctx, { vmid: KUBEVIRT_VMID });
  ctx.github(); // not configured → 503 now, before any session exists
  let facts;
  try {
    facts = await kvGatherFacts(ctx, actor);
  } catch (e) {
    if (e instanceof UpstreamError) await audit({ target, outcome: 'failed', details: { reason: e.message, upstream: e.upstream } });
    throw coded(e);
  }
  // Already running or on its way (started by a commit or virtctl outside the panel): adopt it.
  const adopt = vmiActive(facts.vmi);
  const pf = adopt ? null : evaluateKubevirtPreflight(facts);
  if (pf && !pf.ok) throw await refuse(ctx, pf, target, audit);
  let row: SessionRow;
  try {
    row = await db.gamingSession.create({
      data: {
        vmid: KUBEVIRT_VMID,
        state: adopt && facts.vmi?.phase === 'Running' ? 'booting' : 'starting',
        startUpid: adopt ? 'commit:none' : null,
        startedBy: actor.subject,
        startedByName: actor.name,
        startedByRole: actor.role,
        startedAt: ctx.now(),
        leaseEndsAt: initialLeaseEnd(ctx.now(), ctx.gaming().lease),
      },
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await activeSession(db, KUBEVIRT_VMID);
    if (!winner) throw conflict(ctx, msg('srv.start.race'));
    return join(ctx, actor, winner, audit);
  }
  await audit({ target, outcome: 'ok', details: { session: row.id, adopted: adopt, backend: 'kubevirt', checks: pf?.checks.map((c) => english(ctx, c.message)) ?? [] } });
  ctx.publish('gaming', { session: row.id, state: row.state });
  if (!adopt) await kvClaimAndStart(ctx, row);
  ctx.wake();
  return buildState(ctx, actor);
}

async function join(ctx: GamingCtx, actor: Actor, row: SessionRow, audit: Audit): Promise<GamingStateDto> {
  if (row.state === 'stopping') throw conflict(ctx, msg('srv.start.stopping'));
  await audit({ target: sessionTarget(ctx, row), outcome: 'ok', details: { session: row.id, joined: true } });
  return buildState(ctx, actor);
}

/** The pre-flight said no: audited (in English), and a 409 with the refusal and the checks. */
async function refuse(ctx: GamingCtx, pf: PreflightResult, target: string, audit: Audit) {
  const refusal = pf.refusal ?? msg('srv.cantStartNow');
  await audit({ target, outcome: 'denied', details: { reason: english(ctx, refusal), checks: pf.checks.filter((c) => !c.ok).map((c) => c.id) } });
  return conflict(ctx, refusal, { checks: pf.checks });
}
