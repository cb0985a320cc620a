import 'server-only';
import type { Role } from '@/lib/roles';
import type { Db } from '../db';
import { log } from '../log';

// Event streams are authorised when opened, and then watched: a signed-out session (revoked_sessions),
// an expired one, or a role that changed (users.role, written at sign-in and at token refresh) ends the
// stream at the next tick. One timer and two batched queries per tick, however many streams are open.

export interface WatchedSession {
  subject: string;
  role: Role;
  sid?: string;
  expiresAtMs?: number;
  end(reason: 'signed out' | 'expired' | 'role changed'): void;
}

const watched = new Set<WatchedSession>();
let timer: NodeJS.Timeout | undefined;
let getDb: (() => Promise<Db>) | undefined;

export async function checkSessions(db: Db, sessions: WatchedSession[], now = Date.now()): Promise<void> {
  const live = sessions.filter((w) => {
    if (w.expiresAtMs !== undefined && now >= w.expiresAtMs) w.end('expired');
    else return true;
    return false;
  });
  if (!live.length) return;
  const sids = [...new Set(live.flatMap((w) => (w.sid ? [w.sid] : [])))];
  const subjects = [...new Set(live.map((w) => w.subject))];
  const [revoked, users] = await Promise.all([
    sids.length ? db.revokedSession.findMany({ where: { sid: { in: sids } }, select: { sid: true } }) : [],
    db.user.findMany({ where: { subject: { in: subjects } }, select: { subject: true, role: true } }),
  ]);
  const gone = new Set(revoked.map((r) => r.sid));
  const roles = new Map(users.map((u) => [u.subject, u.role as Role]));
  for (const w of live) {
    if (w.sid && gone.has(w.sid)) w.end('signed out');
    else if (roles.has(w.subject) && roles.get(w.subject) !== w.role) w.end('role changed');
  }
}

async function tick() {
  if (!getDb || !watched.size) return;
  try {
    await checkSessions(await getDb(), [...watched]);
  } catch (e) {
    // The database is away: streams keep running (nothing can change without it either).
    log.warn({ err: (e as Error).message }, 'session check of the open streams failed');
  }
}

/** Watches one stream's session until the returned function is called. */
export function watchSession(w: WatchedSession, db: () => Promise<Db>, everyMs: number): () => void {
  getDb = db;
  watched.add(w);
  if (!timer) {
    timer = setInterval(() => void tick(), everyMs);
    timer.unref?.();
  }
  return () => {
    watched.delete(w);
    if (!watched.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
