import { describe, expect, it } from 'vitest';
import { EventBus } from './events';

describe('the live event bus', () => {
  it('delivers to subscribers and replays what a resuming client missed', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const off = bus.subscribe((e) => seen.push(e.topic));
    const a = bus.publish('a', 1);
    bus.publish('b', 2);
    off();
    bus.publish('c', 3);
    expect(seen).toEqual(['a', 'b']);
    expect(bus.since(a.id)?.map((e) => e.topic)).toEqual(['b', 'c']);
    expect(bus.since(null)).toEqual([]);
  });

  it('asks for a full refetch when the id is from another process, malformed or too old', () => {
    const bus = new EventBus();
    bus.publish('a', 1);
    expect(bus.since('deadbeef-1')).toBeNull();
    expect(bus.since('garbage')).toBeNull();
    expect(bus.since(`${bus.epoch}-999`)).toBeNull();
    const first = bus.publish('x', 0);
    for (let i = 0; i < 2_100; i++) bus.publish('y', i);
    expect(bus.since(first.id)).toBeNull();
  });

  it('keeps delivering when one subscriber throws', () => {
    const bus = new EventBus();
    const seen: number[] = [];
    bus.subscribe(() => {
      throw new Error('broken');
    });
    bus.subscribe((e) => seen.push(e.data as number));
    bus.publish('t', 7);
    expect(seen).toEqual([7]);
  });
});
