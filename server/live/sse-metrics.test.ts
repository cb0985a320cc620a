import { describe, expect, it } from 'vitest';
import { metrics, sseClients } from '../metrics';
import { EventBus } from './events';
import { eventStream } from './sse';

const scraped = async () => Number((await metrics.render()).match(/^panel_sse_clients (-?\d+)$/m)?.[1]);
const open = async () => (await sseClients().get()).values[0]?.value ?? 0;

describe('the open event streams gauge', () => {
  it('goes up when a stream opens and down once when it closes, however it closes', async () => {
    const bus = new EventBus();
    const base = await open();
    const ac = new AbortController();
    eventStream({ bus, role: 'family', lastEventId: null, signal: ac.signal });
    const second = eventStream({ bus, role: 'admin', lastEventId: null });
    expect(await open()).toBe(base + 2);
    expect(await scraped()).toBe(base + 2);

    ac.abort(); // the browser went away
    ac.abort();
    expect(await open()).toBe(base + 1);

    const reader = second.getReader();
    await reader.read();
    await reader.cancel(); // the reader gave up
    await reader.cancel().catch(() => undefined);
    expect(await open()).toBe(base);
    expect(await scraped()).toBe(base);
  });

  it('does not count a stream whose request was already aborted', async () => {
    const base = await open();
    const ac = new AbortController();
    ac.abort();
    eventStream({ bus: new EventBus(), role: 'family', lastEventId: null, signal: ac.signal });
    expect(await open()).toBe(base);
  });
});
