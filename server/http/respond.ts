import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { NextResponse, type NextRequest } from 'next/server';
import type { Message } from '@/lib/i18n/message';
import { AppError, HTTP_STATUS } from '../errors';
import { currentRequestId, log, REQUEST_ID_HEADER, requestIdFrom, withRequestId } from '../log';
import { observeHttp } from '../metrics';
import { isDatabaseUnavailable } from '../db/unavailable';

// The one place where service errors become transport errors (JSON + status for routes, `{ ok:false,
// code, message }` for server actions; `msg` too when the error carries a coded message); unknown
// errors are logged and become 500s. Server errors quote the request id. `route()` wraps every
// app/api handler: request id, timing by route pattern and status.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; msg?: Message; requestId?: string };

export function errorBody(e: unknown): { status: number; code: string; message: string; msg?: Message; details?: unknown; requestId?: string } {
  const requestId = currentRequestId();
  if (e instanceof AppError) {
    const status = HTTP_STATUS[e.code];
    if (status >= 500) log.warn({ code: e.code, status, err: e.message }, 'request failed');
    else log.info({ code: e.code, status, err: e.message }, 'request refused');
    return { status, code: e.code, message: e.message, ...(e.msg ? { msg: e.msg } : {}), details: e.code === 'validation' ? e.details : undefined, ...(status >= 500 && requestId ? { requestId } : {}) };
  }
  if (isDatabaseUnavailable(e)) {
    log.warn({ code: 'unavailable', status: 503, err: e instanceof Error ? e.message : String(e) }, 'database unavailable');
    return { status: 503, code: 'unavailable', message: "The panel's database is unavailable; nothing was changed. Try again in a minute.", ...(requestId ? { requestId } : {}) };
  }
  log.error({ err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unexpected error');
  return { status: 500, code: 'internal', message: 'Something went wrong on the panel. It has been logged.', ...(requestId ? { requestId } : {}) };
}

export function jsonError(e: unknown): NextResponse {
  const { status, ...body } = errorBody(e);
  return NextResponse.json({ error: body }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Wraps a route handler body: returns its JSON, or the mapped error. */
export async function jsonRoute<T>(work: () => Promise<T>, init?: ResponseInit): Promise<NextResponse> {
  try {
    const data = await work();
    return NextResponse.json(data, { ...init, headers: { 'cache-control': 'no-store', ...(init?.headers ?? {}) } });
  } catch (e) {
    return jsonError(e);
  }
}

/** The request id a server action runs under: the one the proxy set on the request, else a fresh one. */
async function actionRequestId(): Promise<string> {
  try {
    const { headers } = await import('next/headers');
    return requestIdFrom((await headers()).get(REQUEST_ID_HEADER));
  } catch (e) {
    unstable_rethrow(e); // Next's own control flow (e.g. a prerender bailing out to dynamic rendering)
    return requestIdFrom(null); // called outside a request (tests, scripts)
  }
}

export async function actionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  const reqId = currentRequestId() ?? (await actionRequestId());
  return withRequestId(reqId, async () => {
    try {
      return { ok: true as const, data: await work() };
    } catch (e) {
      const { code, message, msg, requestId } = errorBody(e);
      return { ok: false as const, code, message, ...(msg ? { msg } : {}), ...(requestId ? { requestId } : {}) };
    }
  });
}

/** Marks a wrapped handler with its "METHOD /pattern", so a test can check that every export is wrapped. */
export const ROUTE_LABEL = Symbol.for('homelab-panel.route');

export type RouteHandler<C> = ((req: NextRequest, ctx: C) => Promise<Response>) & { [ROUTE_LABEL]: string };

function withRequestIdHeader(res: Response, reqId: string): Response {
  try {
    res.headers.set(REQUEST_ID_HEADER, reqId);
    return res;
  } catch {
    // Immutable headers (Response.redirect, a fetched response): copy them.
    const copy = new Response(res.body, res);
    copy.headers.set(REQUEST_ID_HEADER, reqId);
    return copy;
  }
}

/**
 * Wraps one route handler; `label` is its method and route pattern as in the file tree,
 * e.g. `route('GET /api/promotions/[id]', …)` in app/api/promotions/[id]/route.ts.
 */
export function route<C = unknown>(label: string, handler: (req: NextRequest, ctx: C) => Promise<Response> | Response): RouteHandler<C> {
  const wrapped = async (req: NextRequest, ctx: C): Promise<Response> => {
    const reqId = requestIdFrom(req.headers.get(REQUEST_ID_HEADER));
    const start = performance.now();
    let status = 500;
    try {
      const res = await withRequestId(reqId, async () => {
        try {
          return await handler(req, ctx);
        } catch (e) {
          return jsonError(e);
        }
      });
      status = res.status;
      return withRequestIdHeader(res, reqId);
    } finally {
      observeHttp(label, status, (performance.now() - start) / 1000);
    }
  };
  return Object.assign(wrapped, { [ROUTE_LABEL]: label });
}
