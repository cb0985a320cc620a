import 'server-only';
import { config } from '../env';
import { log } from '../log';
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

/** Refused at once by an upstream's breaker: it hung a moment ago and has not answered since. */
export class UpstreamBreakerOpenError extends Error {
  constructor(upstream: string) {
    super(`${upstream}: did not answer a moment ago; not waiting for it again yet (circuit open)`);
    // A timeout for every caller (isTimeout, the clients' "did not answer in time" wording).
    this.name = 'TimeoutError';
  }
}

/** How long the breaker waits between two background probes of a hung upstream. */
export const BREAKER_PROBE_GAP_MS = 500;

/**
 * A fetch bounded by `ms` (headers and body: the signal stays armed while the body is read) and
 * counted as `upstream`: ok for any answer below 500, error for 5xx and network failures.
 *
 * With a breaker, like the database's (server/db/breaker.ts): once a read (GET) has timed out, the
 * next calls through this fetch are refused at once (UpstreamBreakerOpenError, a timeout to
 * callers) instead of each waiting the full bound again, and the last read is re-sent in the
 * background, one at a time, half a second apart after each failure; the first answer closes the
 * breaker. Writes are never re-sent by the breaker, and a write that times out does not open it. A refused network connection or a 5xx does not
 * open it: that upstream answers (fast), which is all the breaker is about.
 */
export function boundedFetch(base: typeof fetch, upstream: string, ms: () => number = upstreamTimeoutMs, probeMs: () => number = upstreamTimeoutMs): typeof fetch {
  let open = false;
  let probe: { input: Parameters<typeof fetch>[0]; init?: RequestInit } | null = null;
  let probing = false;
  let retryAt = 0; // without a read to probe with (only writes were seen), one call goes through then
  const isGet = (init?: RequestInit) => (init?.method ?? 'GET').toUpperCase() === 'GET';
  const background = () => {
    if (probing || !open || !probe) return;
    probing = true;
    const { input, init } = probe;
    void (async () => {
      try {
        // The full configured bound: `ms` may be what is left of a caller's call (Proxmox), which the
        // background has no part of.
        const res = await base(input, { ...init, signal: AbortSignal.timeout(probeMs()) });
        await res.arrayBuffer().catch(() => undefined);
        countUpstream(upstream, res.status >= 500 ? 'error' : 'ok');
        if (open) log.info({ upstream }, 'upstream answers again: circuit closed');
        open = false;
        probing = false;
      } catch (e) {
        const hung = isTimeout(e);
        countUpstream(upstream, hung ? 'timeout' : 'error');
        if (!hung) open = false; // it answers (a refusal is an answer): callers see the real error
        setTimeout(() => {
          probing = false;
          background();
        }, BREAKER_PROBE_GAP_MS).unref?.();
      }
    })();
  };
  return (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    if (open && (probe || isGet(init) || Date.now() < retryAt)) {
      if (isGet(init)) probe = { input, init: { ...init, signal: undefined } };
      background();
      throw new UpstreamBreakerOpenError(upstream);
    }
    const bound = ms();
    const started = Date.now();
    const timeout = AbortSignal.timeout(bound);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const res = await base(input, { ...init, signal });
      countUpstream(upstream, res.status >= 500 ? 'error' : 'ok');
      open = false;
      return res;
    } catch (e) {
      // Our bound, or the caller's own abort at the same moment (proxmox-api aborts at its queryTimeout,
      // which is this bound): a hang. A caller that gave up earlier is not one.
      const hung = (timeout.aborted && !init?.signal?.aborted) || (isTimeout(e) && Date.now() - started >= bound - 5);
      countUpstream(upstream, hung || isTimeout(e) ? 'timeout' : 'error');
      // Only a read that hangs opens it: a write whose answer was lost (it may have been carried out)
      // says nothing of the next call, and its caller already reconciles by reading.
      if (hung && isGet(init)) retryAt = Date.now() + 5 * BREAKER_PROBE_GAP_MS;
      if (hung && isGet(init) && !open) {
        open = true;
        log.warn({ upstream, err: (e as Error).message }, 'upstream did not answer: circuit open, retrying in the background');
        if (isGet(init)) probe = { input, init: { ...init, signal: undefined } };
        setTimeout(background, BREAKER_PROBE_GAP_MS).unref?.();
      }
      throw e;
    }
  }) as typeof fetch;
}
