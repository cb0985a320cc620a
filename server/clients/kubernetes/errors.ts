import 'server-only';
import { UpstreamError } from '../../errors';

/** Any failure talking to a cluster, as an UpstreamError naming the cluster and the HTTP status. */
export function kubeError(cluster: string, what: string, e: unknown): UpstreamError {
  if (e instanceof UpstreamError) return e;
  const err = e as { code?: unknown; statusCode?: unknown; message?: string; cause?: { code?: string } };
  const status = typeof err?.code === 'number' ? err.code : typeof err?.statusCode === 'number' ? err.statusCode : undefined;
  const detail = err?.cause?.code ?? (err?.message ?? String(e)).split('\n')[0].slice(0, 200);
  return new UpstreamError(`kubernetes:${cluster}`, status, `${what} on cluster ${cluster} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`);
}

/** 401/403 are configuration problems: retrying soon only hammers the API server. */
export const isAuthFailure = (e: UpstreamError) => e.status === 401 || e.status === 403;

/** Rejects after `ms` (the underlying request is left to its own socket timeout). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** Exponential backoff with equal jitter: half fixed, half random, so replicas don't retry in step. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
