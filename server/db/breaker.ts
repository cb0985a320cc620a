import 'server-only';
import type pg from 'pg';
import { log } from '../log';
import { isDatabaseUnavailable } from './unavailable';

// A circuit breaker on the connection pool. A database that stops answering costs each query its
// full bound (5 s); a request that makes several queries (a mutation: its rate limit, then its
// refusal's audit row) would wait several bounds. Once a query has failed because the database is
// away, the next ones fail at once for `openMs`; then one is let through to try again (half-open),
// and the first success closes the breaker. Errors look like a refused connection, so they take the
// same path as a database that is down (503 `unavailable`, docs/reliability.md).

// Waiting for a free connection of a busy pool ends with the same message as a connection attempt
// that timed out: that is load, not an outage, so it does not open the breaker.
const POOL_WAIT = /timeout exceeded when trying to connect|Timed out fetching a new connection/i;
// A statement cancelled by statement_timeout (57014) is a slow query: 503 for its request, but the
// database answered, as it did for any other SQLSTATE error.
const STATEMENT_TIMEOUT = '57014';
const sqlState = (e: unknown) => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
};
const tripsBreaker = (e: unknown) => isDatabaseUnavailable(e) && sqlState(e) !== STATEMENT_TIMEOUT && !(e instanceof Error && POOL_WAIT.test(e.message));
const databaseAnswered = (e: unknown) => sqlState(e) !== null && !tripsBreaker(e);

export interface Breaker {
  /** Runs a pool call through the breaker. */
  run<T>(call: () => Promise<T>): Promise<T>;
  readonly open: boolean;
}

export function createBreaker(openMs: number, now: () => number = Date.now): Breaker {
  let openUntil = 0;
  let tripped = false;
  return {
    get open() {
      return now() < openUntil;
    },
    async run<T>(call: () => Promise<T>): Promise<T> {
      if (now() < openUntil) {
        throw Object.assign(new Error('The database did not answer a moment ago; not waiting for it again yet (circuit open).'), { code: 'ECONNREFUSED' });
      }
      if (tripped) openUntil = now() + openMs; // half-open: this call tries, the others keep failing fast meanwhile
      try {
        const result = await call();
        if (tripped) log.info('database answers again: circuit closed');
        tripped = false;
        openUntil = 0;
        return result;
      } catch (e) {
        if (tripsBreaker(e)) {
          if (!tripped) log.warn({ err: (e as Error).message }, 'database unavailable: circuit open');
          tripped = true;
          openUntil = now() + openMs;
        } else if (tripped && databaseAnswered(e)) {
          tripped = false; // an error from the server itself (a unique violation, say) proves it is back
          openUntil = 0;
        }
        throw e;
      }
    },
  };
}

/** Puts a pool's promise-returning `query` and `connect` (what adapter-pg uses) behind the breaker. */
export function guardPool(pool: pg.Pool, breaker: Breaker): pg.Pool {
  const query = pool.query.bind(pool) as (...a: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...a: unknown[]) => unknown;
  const wrap = (fn: (...a: unknown[]) => unknown) =>
    ((...args: unknown[]) => (typeof args[args.length - 1] === 'function' ? fn(...args) : breaker.run(() => fn(...args) as Promise<unknown>))) as never;
  pool.query = wrap(query);
  pool.connect = wrap(connect);
  return pool;
}
