import 'server-only';
import type { EventBus } from './events';

// Coalesces bursts (a relist of 8 000 apps, a pod storm) into one small event per key and window,
// so the browser gets "cluster prod changed" once per window instead of thousands of patches.

export class Publisher {
  private queued = new Map<string, { topic: string; data: () => unknown }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: EventBus,
    private readonly windowMs = 200,
  ) {}

  /** Publishes now (small, rare events: an app's status, a reachability change). */
  now(topic: string, data: unknown) {
    this.bus.publish(topic, data);
  }

  /** Publishes `data()` once at the end of the window, whatever the number of calls with this key. */
  soon(key: string, topic: string, data: () => unknown) {
    this.queued.set(key, { topic, data });
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = [...this.queued.values()];
    this.queued.clear();
    for (const i of items) this.bus.publish(i.topic, i.data());
  }

  stop() {
    clearTimeout(this.timer);
    this.queued.clear();
  }
}
