import 'server-only';
import { z } from 'zod';
import { requirePermission } from '../../auth/guard';
import { readSessionToken, type SessionToken } from '../../auth/session-token';
import { config } from '../../env';
import { RateLimitedError } from '../../http/rate-limit';
import { bus as defaultBus, type EventBus } from '../../live/events';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { watchSession } from '../../live/session-watch';
import { eventStream } from '../../live/sse';
import { viewerJoined } from '../../live/viewers';
import { log } from '../../log';
import { parseInput } from '../../validation';

// The live stream behind every page (GET /api/events): who may open it, from where it resumes, how
// many one person may hold open (the total is bounded at the door, server/http/shed.ts), and when it
// ends with its session (sign-out, expiry, role change: server/live/session-watch.ts).
const Input = z.object({ lastEventId: z.string().max(64).nullable() }).strict();

export interface StreamCtx extends LiveCtx {
  sessionToken(): Promise<SessionToken | null>;
  limits(): { maxStreamsPerUser: number; recheckMs: number };
}

export function streamCtx(base: LiveCtx = liveCtx()): StreamCtx {
  return {
    ...base,
    sessionToken: async () => {
      const { headers } = await import('next/headers');
      return readSessionToken(await headers());
    },
    limits: () => ({ maxStreamsPerUser: config().load.maxStreamsPerUser, recheckMs: config().load.streamRecheckSeconds * 1000 }),
  };
}

const perUser = new Map<string, number>();

export async function openEventStream(input: unknown, ctx: StreamCtx = streamCtx(), signal?: AbortSignal, bus: EventBus = defaultBus): Promise<ReadableStream<Uint8Array>> {
  const actor = await requirePermission('home:view', ctx);
  const { lastEventId } = parseInput(Input, input);
  const { maxStreamsPerUser, recheckMs } = ctx.limits();
  // Counted before any await, so concurrent opens cannot all pass the check.
  if ((perUser.get(actor.subject) ?? 0) >= maxStreamsPerUser) throw new RateLimitedError(5);
  perUser.set(actor.subject, (perUser.get(actor.subject) ?? 0) + 1);
  const release = () => {
    const n = (perUser.get(actor.subject) ?? 1) - 1;
    if (n > 0) perUser.set(actor.subject, n);
    else perUser.delete(actor.subject);
  };
  let token: SessionToken | null;
  try {
    token = await ctx.sessionToken();
  } catch (e) {
    release();
    throw e;
  }
  const store = ctx.live(); // make sure the watches run before the first event is awaited
  const ended = new AbortController();
  let leave = () => {};
  let unwatch = () => {};
  return eventStream({
    bus,
    role: actor.role,
    lastEventId,
    signal: signal ? AbortSignal.any([signal, ended.signal]) : ended.signal,
    onOpen: () => {
      leave = viewerJoined();
      store.viewerArrived();
      const session = { subject: actor.subject, role: actor.role, sid: token?.sid, expiresAtMs: token?.expiresAtMs };
      unwatch = watchSession({ ...session, end: (reason) => (log.info({ actor: actor.subject, reason }, 'event stream ended with its session'), ended.abort()) }, () => ctx.db(), recheckMs);
    },
    onClose: () => {
      leave();
      unwatch();
      release();
    },
  });
}
