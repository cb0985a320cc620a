import 'server-only';
import { z } from 'zod';
import { requirePermission } from '../../auth/guard';
import { bus as defaultBus, type EventBus } from '../../live/events';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { eventStream } from '../../live/sse';
import { viewerJoined } from '../../live/viewers';
import { parseInput } from '../../validation';

// The live stream behind every page (GET /api/events): who may open it, and from where it resumes.
const Input = z.object({ lastEventId: z.string().max(64).nullable() }).strict();

export async function openEventStream(input: unknown, ctx: LiveCtx = liveCtx(), signal?: AbortSignal, bus: EventBus = defaultBus): Promise<ReadableStream<Uint8Array>> {
  const actor = await requirePermission('home:view', ctx);
  const { lastEventId } = parseInput(Input, input);
  const store = ctx.live(); // make sure the watches run before the first event is awaited
  let leave = () => {};
  return eventStream({
    bus,
    role: actor.role,
    lastEventId,
    signal,
    onOpen: () => {
      leave = viewerJoined();
      store.viewerArrived();
    },
    onClose: () => leave(),
  });
}
