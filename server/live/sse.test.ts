import { describe, expect, it } from 'vitest';
import { EventBus } from './events';
import { eventStream } from './sse';

async function read(stream: ReadableStream<Uint8Array>, until: (text: string) => boolean): Promise<string> {
  const reader = stream.getReader();
  const dec = new TextDecoder();
  let text = '';
  while (!until(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += dec.decode(value);
  }
  await reader.cancel();
  return text;
}

describe('the live event stream', () => {
  it('streams events with ids, resumes after Last-Event-ID, and hides admin events from family members', async () => {
    const bus = new EventBus();
    const first = bus.publish('app', { name: 'a' });
    bus.publish('promotions', { n: 1 }, 'admin');
    bus.publish('cluster', { name: 'prod' });
    const family = await read(eventStream({ bus, role: 'family', lastEventId: first.id }), (t) => t.includes(': connected'));
    expect(family).toContain('retry: 2000');
    expect(family).not.toContain('"topic":"app"'); // already seen
    expect(family).not.toContain('promotions');
    expect(family).toMatch(/id: [0-9a-f]{8}-3\ndata: \{"topic":"cluster","data":\{"name":"prod"\}\}\n\n/);
    const admin = await read(eventStream({ bus, role: 'admin', lastEventId: first.id }), (t) => t.includes(': connected'));
    expect(admin).toContain('"topic":"promotions"');
  });

  it('sends a reset when the id cannot be resumed (another process, or too old)', async () => {
    const bus = new EventBus();
    const text = await read(eventStream({ bus, role: 'admin', lastEventId: 'deadbeef-12' }), (t) => t.includes(': connected'));
    expect(text).toContain('"topic":"reset"');
  });

  it('delivers live events after the replay, heartbeats, and unsubscribes on close', async () => {
    const bus = new EventBus();
    let closed = 0;
    const stream = eventStream({ bus, role: 'family', lastEventId: null, heartbeatMs: 20, onClose: () => closed++ });
    expect(bus.subscribers).toBe(1);
    setTimeout(() => bus.publish('app', { name: 'live' }), 10);
    const text = await read(stream, (t) => t.includes('"live"') && t.includes(': heartbeat'));
    expect(text).toContain('"topic":"app"');
    expect(bus.subscribers).toBe(0);
    expect(closed).toBe(1);
  });
});

describe('the live event stream and its request', () => {
  it('closes and unsubscribes when the request is aborted', async () => {
    const bus = new EventBus();
    const ac = new AbortController();
    let closed = 0;
    eventStream({ bus, role: 'admin', lastEventId: null, signal: ac.signal, onClose: () => closed++ });
    expect(bus.subscribers).toBe(1);
    ac.abort();
    expect(bus.subscribers).toBe(0);
    expect(closed).toBe(1);
  });
});
