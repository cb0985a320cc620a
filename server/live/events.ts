import 'server-only';
import { randomBytes } from 'node:crypto';

// The in-process event bus behind the server-sent-events stream (/api/events). Producers (the live
// store, promotions, gaming) publish small patches; each SSE connection subscribes. Event ids are
// `<epoch>-<n>`: a client resuming with an id from another process (restart, other replica) gets a
// `reset` and refetches, instead of silently missing events.

export type Audience = 'all' | 'admin';

export interface LiveEvent {
  id: string;
  seq: number;
  topic: string;
  audience: Audience;
  data: unknown;
  at: number;
}

type Listener = (e: LiveEvent) => void;

export interface PublishOptions {
  /**
   * Also deliver on the other replicas (through PostgreSQL NOTIFY, server/live/bridge.ts). For
   * changes of shared state that only one replica observes (a promotion moved by the leader's job);
   * not for what every replica's own watches see anyway.
   */
  everyReplica?: boolean;
}

export type Relay = (e: LiveEvent) => void;

const RING = 2_000;

export class EventBus {
  readonly epoch = randomBytes(4).toString('hex');
  private seq = 0;
  private ring: LiveEvent[] = [];
  private listeners = new Set<Listener>();
  private relay: Relay | null = null;

  setRelay(relay: Relay | null) {
    this.relay = relay;
  }

  publish(topic: string, data: unknown, audience: Audience = 'all', opts: PublishOptions = {}): LiveEvent {
    const seq = ++this.seq;
    const e: LiveEvent = { id: `${this.epoch}-${seq}`, seq, topic, audience, data, at: Date.now() };
    this.ring.push(e);
    if (this.ring.length > RING) this.ring.splice(0, this.ring.length - RING);
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a broken subscriber must not stop the others
      }
    }
    if (opts.everyReplica && this.relay) {
      try {
        this.relay(e);
      } catch {
        // the relay logs its own failures; local delivery already happened
      }
    }
    return e;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  /**
   * Events after `lastEventId`, or null when they can't be replayed (unknown epoch, malformed id,
   * or older than the ring): the client must then refetch everything.
   */
  since(lastEventId: string | null | undefined): LiveEvent[] | null {
    if (!lastEventId) return [];
    const m = /^([0-9a-f]{8})-(\d{1,15})$/.exec(lastEventId);
    if (!m || m[1] !== this.epoch) return null;
    const after = Number(m[2]);
    if (after > this.seq) return null;
    const first = this.ring[0]?.seq ?? this.seq + 1;
    if (after < first - 1) return null;
    return this.ring.filter((e) => e.seq > after);
  }
}

const g = globalThis as unknown as { __panelBus?: EventBus };
export const bus: EventBus = (g.__panelBus ??= new EventBus());
