// GET /api/events — the live stream (server-sent events): state changes with ids, resumable with Last-Event-ID.
import type { NextRequest } from 'next/server';
import { jsonError, route } from '@/server/http/respond';
import { openEventStream } from '@/server/services/dashboard/open-event-stream';

export const dynamic = 'force-dynamic';

export const GET = route('GET /api/events', async (req: NextRequest) => {
  try {
    const lastEventId = req.headers.get('last-event-id') ?? req.nextUrl.searchParams.get('lastEventId');
    const stream = await openEventStream({ lastEventId }, undefined, req.signal);
    return new Response(stream, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        // no-transform keeps the compression middleware from buffering the stream.
        'cache-control': 'no-cache, no-store, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  } catch (e) {
    return jsonError(e);
  }
});
