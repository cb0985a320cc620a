import 'server-only';
import { NextResponse } from 'next/server';
import { AppError, HTTP_STATUS } from '../errors';
import { log } from '../log';

// The one place where service errors become transport errors: JSON + status for routes,
// `{ ok:false, code, message }` for server actions. Unknown errors are logged and become 500s.

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

export function errorBody(e: unknown): { status: number; code: string; message: string; details?: unknown } {
  if (e instanceof AppError) {
    return { status: HTTP_STATUS[e.code], code: e.code, message: e.message, details: e.code === 'validation' ? e.details : undefined };
  }
  log.error({ err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'unexpected error');
  return { status: 500, code: 'internal', message: 'Something went wrong on the panel. It has been logged.' };
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

export async function actionResult<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (e) {
    const { code, message } = errorBody(e);
    return { ok: false, code, message };
  }
}
