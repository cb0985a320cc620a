import 'server-only';
import { Observable, type ConfigurationOptions, type ObservableMiddleware } from '@kubernetes/client-node';
import { UpstreamError } from '../../errors';
import { tlsProblem } from '../../http/tls-fetch';
import { counted, deadline } from '../upstream';

/** Any failure talking to a cluster, as an UpstreamError naming the cluster and the HTTP status. */
export function kubeError(cluster: string, what: string, e: unknown): UpstreamError {
  if (e instanceof UpstreamError) return e;
  const tls = tlsProblem(e, `cluster ${cluster}`);
  if (tls) return new UpstreamError(`kubernetes:${cluster}`, undefined, `${what} on cluster ${cluster} failed: ${tls}`);
  const err = e as { code?: unknown; statusCode?: unknown; message?: string; cause?: { code?: string } };
  const status = typeof err?.code === 'number' ? err.code : typeof err?.statusCode === 'number' ? err.statusCode : undefined;
  const detail = err?.cause?.code ?? (err?.message ?? String(e)).split('\n')[0].slice(0, 200);
  return new UpstreamError(`kubernetes:${cluster}`, status, `${what} on cluster ${cluster} failed${status ? ` (HTTP ${status})` : ''}: ${detail}`);
}

/** 401/403 are configuration problems: retrying soon only hammers the API server. */
export const isAuthFailure = (e: UpstreamError) => e.status === 401 || e.status === 403;

/** Per-call options for client-node's API classes: the request is aborted (socket freed) after `ms`. */
export function abortAfter(ms: number): ConfigurationOptions<ObservableMiddleware> {
  return {
    middleware: [
      {
        pre: (ctx) => {
          ctx.setSignal(AbortSignal.timeout(ms));
          return new Observable(Promise.resolve(ctx));
        },
        post: (res) => new Observable(Promise.resolve(res)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/**
 * One bounded, counted request to a cluster: `call` gets the abort options to pass to the API
 * class, and the answer is awaited at most `ms` whatever the client does.
 */
export function kubeCall<T>(cluster: string, what: string, ms: number, call: (opts: ConfigurationOptions<ObservableMiddleware>) => Promise<T>): Promise<T> {
  // A 4xx is an answer (404 = no metrics-server, 403 = RBAC): the cluster is up.
  const answered = (e: unknown) => {
    const s = (e as { code?: unknown }).code;
    return typeof s === 'number' && s < 500;
  };
  return counted(`kubernetes:${cluster}`, deadline(call(abortAfter(ms)), ms, `${what} on ${cluster}`), answered);
}

/** Exponential backoff with equal jitter: half fixed, half random, so replicas don't retry in step. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}
