import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { requestCtx, type Actor, type Ctx } from '../context';
import { config } from '../env';
import { AppError, ForbiddenError, HTTP_STATUS, ValidationError } from '../errors';
import { currentRequestId, log } from '../log';
import { recordAudit, takeAudited } from '../services/audit/internal/record-audit';
import { jsonError } from './respond';
import { assertSameOrigin } from './origin';
import { enforce, RateLimitedError } from './rate-limit';

// The one wrapper of every mutating route handler: same-origin check (CSRF), rate limits per user and
// per IP, JSON body with a size limit, then one service call; errors mapped in one place.
// Refusals made here are audited (the first per window, for rate limits) and logged with the request id.

export const MAX_BODY_BYTES = 16 * 1024;

export interface MutationLimits {
  perUserPerMinute: number;
  perIpPerMinute: number;
}

function configuredLimits(): MutationLimits {
  const r = config().rateLimits;
  return { perUserPerMinute: r.mutationsPerUserPerMinute, perIpPerMinute: r.mutationsPerIpPerMinute };
}

class PayloadTooLargeError extends AppError {
  constructor(max: number) {
    super('validation', `The request body is larger than ${max} bytes.`);
  }
}

/** Reads a body counting bytes as they arrive (chunked bodies have no Content-Length): stops past the limit. */
export async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function readJson(req: NextRequest, maxBytes: number): Promise<unknown> {
  const length = Number(req.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const text = await readLimited(req.body, maxBytes);
  if (text.trim() === '') return {};
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ValidationError('Send the body as JSON (Content-Type: application/json).');
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError('The request body is not valid JSON.');
  }
}

/** A refused or failed mutation the service did not audit itself (a 409, a lost race, a 500) gets its row here. */
async function auditUnaudited(ctx: Ctx, actor: Actor | null, ip: string | null, action: string, e: unknown): Promise<void> {
  if (takeAudited(currentRequestId()) || !actor) return; // anonymous refusals: audited (counted) by the guard
  const status = e instanceof AppError ? HTTP_STATUS[e.code] : 500;
  const code = e instanceof AppError ? e.code : 'internal';
  const message = e instanceof AppError ? e.message : 'unexpected error';
  await recordAudit(await ctx.db(), { actor: actor.subject, actorName: actor.name, role: actor.role, action, outcome: status >= 500 ? 'failed' : 'denied', details: { reason: message, code, status }, ip }).catch((err) =>
    log.warn({ action, err: (err as Error).message }, 'could not audit a refused mutation'),
  );
}

export async function mutationRoute<T>(
  req: NextRequest,
  work: (body: unknown) => Promise<T>,
  opts: { maxBytes?: number; action?: string; ctx?: Ctx; publicUrl?: string; limits?: MutationLimits } = {},
): Promise<NextResponse> {
  const ctx = opts.ctx ?? requestCtx();
  const action = opts.action ?? `${req.method} ${req.nextUrl.pathname}`;
  try {
    try {
      assertSameOrigin(req, opts.publicUrl);
    } catch (e) {
      if (e instanceof ForbiddenError) {
        const actor = await ctx.session().catch(() => null);
        log.warn({ action, actor: actor?.subject ?? 'anonymous', origin: req.headers.get('origin'), site: req.headers.get('sec-fetch-site') }, 'cross-site request refused');
        await recordAudit(await ctx.db(), { actor: actor?.subject ?? 'anonymous', actorName: actor?.name, role: actor?.role ?? 'none', action, outcome: 'denied', details: { reason: 'cross-site request', origin: req.headers.get('origin') }, ip: await ctx.ip() });
      }
      throw e;
    }
    const [actor, ip] = await Promise.all([ctx.session(), ctx.ip()]);
    const db = await ctx.db();
    const limits = opts.limits ?? configuredLimits();
    try {
      await enforce(db, [
        ...(actor ? [{ key: `user:${actor.subject}`, max: limits.perUserPerMinute, windowMs: 60_000 }] : []),
        ...(ip ? [{ key: `ip:${ip}`, max: limits.perIpPerMinute, windowMs: 60_000 }] : []),
      ]);
    } catch (e) {
      if (e instanceof RateLimitedError) {
        log.warn({ action, actor: actor?.subject ?? 'anonymous', ip, retryAfterS: e.retryAfterS, first: e.first }, 'rate limited');
        if (e.first) await recordAudit(db, { actor: actor?.subject ?? 'anonymous', actorName: actor?.name, role: actor?.role ?? 'none', action, outcome: 'denied', details: { reason: 'rate limited' }, ip });
        const res = jsonError(e);
        res.headers.set('Retry-After', String(e.retryAfterS));
        return res;
      }
      throw e;
    }
    const body = await readJson(req, opts.maxBytes ?? MAX_BODY_BYTES);
    try {
      const data = await work(body);
      takeAudited(currentRequestId());
      return NextResponse.json(data ?? { ok: true }, { headers: { 'cache-control': 'no-store' } });
    } catch (e) {
      await auditUnaudited(ctx, actor, ip, action, e);
      throw e;
    }
  } catch (e) {
    const res = jsonError(e);
    if (e instanceof PayloadTooLargeError) return NextResponse.json(await res.json(), { status: 413 });
    return res;
  }
}

/** Merges a route's `[id]` segment into the JSON body (a non-object body is left for the schema to refuse). */
export function bodyWithId(body: unknown, id: string): unknown {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, id } : body;
}
