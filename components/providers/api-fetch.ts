'use client';
import { isMessage, msg, type Message } from '@/lib/i18n/message';

// The one way the browser calls the panel's API: GET without a body, POST with a JSON body. A failed
// answer is an ApiError carrying the server's code and its coded message (`error.msg`) when it has one;
// a cut or non-JSON body is an error too, never data, so the last good data stays on screen.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly msg?: Message,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; msg?: unknown } } | null;

export function apiError(status: number, json: ErrorBody): ApiError {
  const e = json?.error;
  const coded = isMessage(e?.msg) ? e.msg : typeof e?.message === 'string' ? undefined : msg('srv.panelStatus', { status });
  return new ApiError(typeof e?.message === 'string' ? e.message : `The panel answered ${status}.`, status, typeof e?.code === 'string' ? e.code : undefined, coded);
}

/** GET without a body; with one, POST (or `method`: PUT, DELETE) as JSON. */
export async function apiFetch<T>(url: string, body?: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST'): Promise<T> {
  const init: RequestInit =
    body === undefined
      ? { cache: 'no-store', headers: { accept: 'application/json' } }
      : { method, headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(url, init);
  const json = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw apiError(res.status, json as ErrorBody);
  if (json === null) throw new ApiError(`The panel answered ${res.status}.`, res.status, undefined, msg('srv.panelStatus', { status: res.status }));
  return json as T;
}
