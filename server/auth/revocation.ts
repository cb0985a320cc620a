import 'server-only';
import type { Db } from '../db';
import { forgetSessions } from './session-cache';

// Sessions are cookies, so signing out only deletes the cookie in the browser; a request that was in
// flight at that moment (a prefetch, a refresh) could set it again. Each session carries an id (`sid`)
// and signing out records it here: a revoked id never authenticates again, on any replica.

const revoked = new Set<string>(); // revocation is forever: positive answers are cached for good
const checked = new Map<string, number>(); // sid -> last time it was found valid
const RECHECK_MS = 2_000;

export async function isRevoked(db: Db, sid: string, now = Date.now()): Promise<boolean> {
  if (revoked.has(sid)) return true;
  const last = checked.get(sid);
  if (last !== undefined && now - last < RECHECK_MS) return false;
  const row = await db.revokedSession.findUnique({ where: { sid } });
  if (row) {
    revoked.add(sid);
    forgetSessions();
    checked.delete(sid);
    return true;
  }
  checked.set(sid, now);
  if (checked.size > 10_000) checked.clear();
  return false;
}

export async function revokeSession(db: Db, sid: string): Promise<void> {
  revoked.add(sid);
  forgetSessions(); // a cookie decoded a moment ago must not answer for this session any more
  await db.revokedSession.upsert({ where: { sid }, create: { sid }, update: {} });
}
