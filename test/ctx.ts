// A service context for tests: a real database, a chosen caller, a fixed IP.
import type { Actor, Ctx } from '@/server/context';
import type { Db } from '@/server/db';

export const PAUL: Actor = { subject: 'sub-paul', name: 'Paul Martin', email: 'paul@homelab.example', role: 'admin' };
export const MARIE: Actor = { subject: 'sub-marie', name: 'Marie Martin', email: 'marie@homelab.example', role: 'family' };
export const GUEST: Actor = { subject: 'sub-guest', name: 'Guest User', email: null, role: 'none' };

export function testCtx(db: Db, actor: Actor | null, ip = '192.0.2.10'): Ctx {
  return { db: async () => db, session: async () => actor, ip: async () => ip };
}
