import 'server-only';
import type { Db } from '../db';
import { AppError } from '../errors';

// Fixed-window rate limits kept in PostgreSQL, so every replica counts the same requests.
// One upsert per check; old windows are swept now and then.

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterS: number,
    /** The first refusal of its window (the one worth an audit row). */
    readonly first = true,
  ) {
    super('rate_limited', `Too many requests. Try again in ${retryAfterS} s.`, { retryAfterS });
  }
}

let lastSweep = 0;

export async function hit(db: Db, limit: Limit, now = Date.now()): Promise<{ count: number; retryAfterS: number }> {
  const start = new Date(Math.floor(now / limit.windowMs) * limit.windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_windows (key, window_start, count) VALUES (${limit.key}, ${start}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
    RETURNING count`;
  if (now - lastSweep > 10 * 60_000) {
    lastSweep = now;
    await db.$executeRaw`DELETE FROM rate_limit_windows WHERE window_start < ${new Date(now - 3_600_000)}`;
  }
  return { count: Number(rows[0]?.count ?? 0), retryAfterS: Math.ceil((start.getTime() + limit.windowMs - now) / 1000) };
}

/** Throws RateLimitedError (429) when any of the limits is exceeded. */
export async function enforce(db: Db, limits: Limit[]): Promise<void> {
  for (const l of limits) {
    const { count, retryAfterS } = await hit(db, l);
    if (count > l.max) throw new RateLimitedError(retryAfterS, count === l.max + 1);
  }
}
