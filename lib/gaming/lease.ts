// Lease maths: when a session ends, how far Extend may push it, and when to warn.
import type { GamingConfig } from './config';

type Lease = GamingConfig['lease'];
const MIN = 60_000;

export function initialLeaseEnd(startedAt: Date, lease: Lease): Date {
  return new Date(startedAt.getTime() + Math.min(lease.defaultMinutes, lease.maxMinutes) * MIN);
}

export type ExtendResult = { ok: true; leaseEndsAt: Date; addedMinutes: number } | { ok: false; reason: 'at-max'; maxEndsAt: Date };

/** Adds `extendMinutes` to the later of the current end and now, never past start + maxMinutes. */
export function extendLease(s: { startedAt: Date; leaseEndsAt: Date }, now: Date, lease: Lease): ExtendResult {
  const cap = s.startedAt.getTime() + lease.maxMinutes * MIN;
  if (s.leaseEndsAt.getTime() >= cap) return { ok: false, reason: 'at-max', maxEndsAt: new Date(cap) };
  const base = Math.max(s.leaseEndsAt.getTime(), now.getTime());
  const end = Math.min(base + lease.extendMinutes * MIN, cap);
  return { ok: true, leaseEndsAt: new Date(end), addedMinutes: Math.round((end - s.leaseEndsAt.getTime()) / MIN) };
}

export type LeasePhase = 'running' | 'warn' | 'expired';

export function leasePhase(leaseEndsAt: Date, now: Date, lease: Lease): LeasePhase {
  const left = leaseEndsAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= lease.warnMinutes * MIN ? 'warn' : 'running';
}

export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / MIN));
}

export function canExtend(s: { startedAt: Date; leaseEndsAt: Date }, lease: Lease): boolean {
  return s.leaseEndsAt.getTime() < s.startedAt.getTime() + lease.maxMinutes * MIN;
}
