import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { startEventBridge, type Bridge } from './bridge';
import { EventBus, type LiveEvent } from './events';

describe('the event bridge between replicas', () => {
  let tdb: TestDatabase;
  const buses = [new EventBus(), new EventBus()];
  let bridges: Bridge[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    bridges = await Promise.all(buses.map((b) => startEventBridge(tdb.url!, b)));
  });
  afterAll(async () => {
    await Promise.all(bridges.map((b) => b.stop()));
    await tdb?.drop();
  });

  it('delivers everyReplica events to the other replica once, and local-only events nowhere else', async () => {
    const seen: LiveEvent[][] = [[], []];
    buses.forEach((b, i) => b.subscribe((e) => seen[i].push(e)));
    buses[0].publish('promotions', { id: 'p1', state: 'live' }, 'admin', { everyReplica: true });
    buses[0].publish('app', { name: 'komga-dev' }); // every replica watches apps itself
    const deadline = Date.now() + 5_000;
    while (seen[1].length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    expect(seen[1].map((e) => [e.topic, e.audience, e.data])).toEqual([['promotions', 'admin', { id: 'p1', state: 'live' }]]);
    expect(seen[0].map((e) => e.topic)).toEqual(['promotions', 'app']);
  });

  it('sends only the topic when the data is too big for NOTIFY', async () => {
    const seen: LiveEvent[] = [];
    buses[1].subscribe((e) => seen.push(e));
    buses[0].publish('promotions', { blob: 'x'.repeat(10_000) }, 'admin', { everyReplica: true });
    const deadline = Date.now() + 5_000;
    while (!seen.some((e) => e.topic === 'promotions') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(seen.find((e) => e.topic === 'promotions')?.data).toBeNull();
  });
});
