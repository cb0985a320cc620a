import 'server-only';
import type { Role } from '@/lib/roles';
import { HEARTBEAT_MS, RESET_TOPIC, sseComment, sseFrame } from '@/lib/live/stream';
import { sseClients } from '../metrics';
import type { EventBus, LiveEvent } from './events';

// One browser's server-sent-events stream: replay after Last-Event-ID (or a `reset` when that id
// can't be resumed), then live events, a heartbeat comment every 15 s, admin-only events to admins.
// Open streams are counted in panel_sse_clients (up on open, down once on close, however it closes).

export interface StreamOptions {
  bus: EventBus;
  role: Role;
  lastEventId: string | null;
  heartbeatMs?: number;
  /** The request's signal: the browser went away. */
  signal?: AbortSignal;
  onOpen?: () => void;
  onClose?: () => void;
}

const visible = (e: LiveEvent, role: Role) => e.audience === 'all' || role === 'admin';
const frame = (e: LiveEvent) => sseFrame({ id: e.id, topic: e.topic, data: e.data });

export function eventStream(o: StreamOptions): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(enc.encode(text));
        } catch {
          cleanup();
        }
      };
      // Subscribe before replaying, buffering, so nothing published in between is lost or doubled.
      const buffered: LiveEvent[] = [];
      let replaying = true;
      const unsubscribe = o.bus.subscribe((e) => {
        if (!visible(e, o.role)) return;
        if (replaying) buffered.push(e);
        else send(frame(e));
      });
      // `retry` tells EventSource how soon to reconnect after a drop.
      send('retry: 2000\n\n');
      const backlog = o.bus.since(o.lastEventId);
      let lastSeq = 0;
      if (backlog === null) {
        send(sseFrame({ topic: RESET_TOPIC, data: { reason: 'cannot resume' } }));
      } else {
        for (const e of backlog) {
          lastSeq = e.seq;
          if (visible(e, o.role)) send(frame(e));
        }
      }
      for (const e of buffered) if (e.seq > lastSeq) send(frame(e));
      replaying = false;
      send(sseComment('connected'));
      const heartbeat = setInterval(() => send(sseComment('heartbeat')), o.heartbeatMs ?? HEARTBEAT_MS);
      sseClients().inc();
      o.onOpen?.();
      cleanup = () => {
        if (closed) return;
        closed = true;
        sseClients().dec();
        clearInterval(heartbeat);
        unsubscribe();
        o.onClose?.();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      if (o.signal?.aborted) cleanup();
      else o.signal?.addEventListener('abort', () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
