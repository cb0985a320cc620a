import 'server-only';
import pg from 'pg';
import { log } from '../log';
import { bus as defaultBus, type Audience, type EventBus } from './events';

// Carries `everyReplica` events between panel replicas through PostgreSQL LISTEN/NOTIFY, so a page
// open on one replica hears what the background job of another did. One dedicated connection per
// replica, reconnected with backoff. (The embedded database serves a single replica: no bridge.)

const CHANNEL = 'panel_events';
const MAX_PAYLOAD = 7_500; // NOTIFY payloads must stay under 8000 bytes

interface Wire {
  origin: string;
  topic: string;
  audience: Audience;
  data: unknown;
}

export interface Bridge {
  stop(): Promise<void>;
}

export async function startEventBridge(url: string, bus: EventBus = defaultBus): Promise<Bridge> {
  let client: pg.Client | null = null;
  let stopped = false;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (!n.payload) return;
      try {
        const m = JSON.parse(n.payload) as Wire;
        if (m.origin !== bus.epoch) bus.publish(m.topic, m.data, m.audience);
      } catch {
        log.warn('ignored a malformed event from another replica');
      }
    });
    c.on('error', (e) => {
      log.warn({ err: e.message }, 'event bridge connection lost');
      client = null;
      if (!stopped) setTimeout(() => void reconnect(), delay).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
    delay = 500;
  };
  const reconnect = async () => {
    try {
      await connect();
    } catch (e) {
      delay = Math.min(delay * 2, 30_000);
      log.warn({ err: (e as Error).message, retryInMs: delay }, 'event bridge cannot connect');
      if (!stopped) setTimeout(() => void reconnect(), delay).unref();
    }
  };

  bus.setRelay((e) => {
    let payload = JSON.stringify({ origin: bus.epoch, topic: e.topic, audience: e.audience, data: e.data } satisfies Wire);
    // Too big for NOTIFY: send the topic alone; clients then refetch it.
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ origin: bus.epoch, topic: e.topic, audience: e.audience, data: null });
    client?.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((err: Error) => log.warn({ err: err.message }, 'event bridge could not notify'));
  });
  await connect();
  return {
    async stop() {
      stopped = true;
      bus.setRelay(null);
      await client?.end().catch(() => undefined);
    },
  };
}
