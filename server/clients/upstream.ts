import 'server-only';
import { config } from '../env';
import { countUpstream } from '../metrics';

// The one bound on every upstream call (`upstreams.timeoutMs`), and the per-upstream request counter.
// A hung upstream must cost a request at most this long; the live store serves pages meanwhile.

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 5_000;

/** `upstreams.timeoutMs` (validated at boot); code run outside the app (tests, benches) gets the default. */
export function upstreamTimeoutMs(): number {
  try {
    return config().upstreams.timeoutMs;
  } catch {
    return DEFAULT_UPSTREAM_TIMEOUT_MS;
  }
}

export class UpstreamTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** An abort by a timeout signal, or our own deadline (undici/node-fetch/octokit spell it differently). */
export function isTimeout(e: unknown): boolean {
  for (let cur = e as { name?: string; cause?: unknown } | undefined, depth = 0; cur && depth < 4; cur = cur.cause as typeof cur, depth++) {
    if (cur.name === 'TimeoutError' || cur.name === 'AbortError') return true;
  }
  return false;
}

/** Rejects after `ms` with an UpstreamTimeoutError (pass `abort` to cancel the underlying request too). */
export function deadline<T>(p: Promise<T>, ms: number, what: string, abort?: () => void): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort?.();
        reject(new UpstreamTimeoutError(what, ms));
      }, ms);
    }),
  ]);
}

/** Counts one call of `upstream` by outcome (answered, failed, timed out) and passes its result on. */
export async function counted<T>(upstream: string, call: Promise<T>, answered: (e: unknown) => boolean = () => false): Promise<T> {
  try {
    const v = await call;
    countUpstream(upstream, 'ok');
    return v;
  } catch (e) {
    countUpstream(upstream, isTimeout(e) ? 'timeout' : answered(e) ? 'ok' : 'error');
    throw e;
  }
}

/**
 * A fetch bounded by `ms` (headers and body: the signal stays armed while the body is read) and
 * counted as `upstream`: ok for any answer below 500, error for 5xx and network failures.
 */
export function boundedFetch(base: typeof fetch, upstream: string, ms: () => number = upstreamTimeoutMs): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const timeout = AbortSignal.timeout(ms());
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const res = await base(input, { ...init, signal });
      countUpstream(upstream, res.status >= 500 ? 'error' : 'ok');
      return res;
    } catch (e) {
      countUpstream(upstream, timeout.aborted || isTimeout(e) ? 'timeout' : 'error');
      throw e;
    }
  }) as typeof fetch;
}
