import 'server-only';
import type { GamingConfig } from '@/lib/gaming/config';
import { canExtend, initialLeaseEnd, leasePhase, minutesBetween } from '@/lib/gaming/lease';
import type { GamingSessionDto } from '@/lib/gaming/types';
import { msg, readStoredMessage, type Message } from '@/lib/i18n/message';
import type { Db } from '../../../db';
import type { Actor } from '../../../context';
import type { GamingSession, Prisma } from '../../../generated/prisma/client';
import type { GamingCtx } from './ctx';

// Session rows: the one active session per VM, and conditional transitions (UPDATE … WHERE state IN …)
// so that concurrent requests, the background loop on every replica and the leader job never apply
// the same step twice.

export type SessionRow = GamingSession;
export const ACTIVE = { endedAt: null } as const;

export function activeSession(db: Db, vmid?: number): Promise<SessionRow | null> {
  return db.gamingSession.findFirst({ where: { ...ACTIVE, ...(vmid !== undefined ? { vmid } : {}) } }); // vmid 0 is the KubeVirt VM
}

export function lastEnded(db: Db, vmid: number): Promise<SessionRow | null> {
  return db.gamingSession.findFirst({ where: { vmid, NOT: { endedAt: null } }, orderBy: { endedAt: 'desc' } });
}

/** Applies `data` only if the session is still in one of `from`; true when this caller won. */
export async function transition(db: Db, id: string, from: SessionRow['state'][], data: Prisma.GamingSessionUpdateManyMutationInput, extra: Prisma.GamingSessionWhereInput = {}): Promise<boolean> {
  const r = await db.gamingSession.updateMany({ where: { id, state: { in: from }, ...extra }, data });
  return r.count === 1;
}

/** The partial unique index refused a second active session. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string } };
  return err?.code === 'P2002' || err?.cause?.code === '23505' || /gaming_sessions_one_active|unique constraint/i.test(err?.message ?? '');
}

/**
 * Inserts the one active session of the VM. The partial unique index lets exactly one concurrent
 * request win: the others get `{ winner }` (the session they join), or null if it already ended.
 */
export async function openSession(
  ctx: GamingCtx,
  actor: Pick<Actor, 'subject' | 'name' | 'role'>,
  s: { vmid: number; state: 'starting' | 'booting'; startUpid: string | null; stopDev?: boolean },
): Promise<{ row: SessionRow } | { winner: SessionRow | null }> {
  const db = await ctx.db();
  const now = ctx.now();
  try {
    const row = await db.gamingSession.create({
      data: { ...s, stopDev: s.stopDev ?? false, startedBy: actor.subject, startedByName: actor.name, startedByRole: actor.role, startedAt: now, leaseEndsAt: initialLeaseEnd(now, ctx.gaming().lease) },
    });
    return { row };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return { winner: await activeSession(db, s.vmid) };
  }
}

/** Minutes this person played in the last 7 days (the weekly allowance). */
export async function weeklyMinutes(db: Db, subject: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - 7 * 24 * 3600_000);
  const rows = await db.gamingSession.findMany({ where: { startedBy: subject, startedAt: { gte: since } }, select: { startedAt: true, endedAt: true } });
  return rows.reduce((n, r) => n + ((r.endedAt ?? now).getTime() - r.startedAt.getTime()) / 60_000, 0);
}

export function firstName(name: string): string {
  return name.split(/\s+/)[0] || name;
}

export function toSessionDto(r: SessionRow, viewer: string): GamingSessionDto {
  return {
    id: r.id,
    state: r.state,
    startedByName: r.startedByName,
    mine: r.startedBy === viewer,
    startedAt: r.startedAt.toISOString(),
    readyAt: r.readyAt?.toISOString() ?? null,
    leaseEndsAt: r.leaseEndsAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    endReason: r.endReason,
    failure: readStoredMessage(r.failure),
    stoppedByName: r.stoppedByName,
    durationMinutes: r.endedAt ? minutesBetween(r.readyAt ?? r.startedAt, r.endedAt) : null,
    stopDev: r.stopDev,
    adopted: r.adopted,
  };
}

/** The card's lease parts, the same for both backends: the warning near the end, and whether Extend may be offered. */
export function leaseView(active: SessionRow | null, now: Date, lease: GamingConfig['lease']): { leaseWarning: Message | null; extendable: boolean } {
  const running = !!active && (active.state === 'booting' || active.state === 'ready');
  if (!active || !running) return { leaseWarning: null, extendable: false };
  return {
    leaseWarning: leasePhase(active.leaseEndsAt, now, lease) === 'warn' ? msg('srv.leaseWarning', { time: { at: active.leaseEndsAt.toISOString() } }) : null,
    extendable: canExtend(active, lease),
  };
}
