import 'server-only';
import { bus } from '../../../live/events';
import { log } from '../../../log';
import { backendOf } from '../backends';
import type { GamingCtx } from '../internal/ctx';

// Every replica follows the gaming VM for its own SSE clients: it moves transitional sessions on
// (start → booting → ready, stopping → off) and publishes 'gaming' whenever what the card would show
// changes, including changes made on the upstream itself or by another replica.

const FAST_MS = 500;
const WATCHED_MS = 1_000;
const IDLE_MS = 5_000;

export interface MonitorResult {
  changed: boolean;
  transitional: boolean;
}

let last = '';

/** One look: advance the session if it is mid-way, publish when the picture changed. */
export async function monitorTick(ctx: GamingCtx): Promise<MonitorResult> {
  const { row, picture, state } = await backendOf(ctx).look(ctx);
  const now = JSON.stringify(picture);
  const changed = now !== last;
  if (changed) {
    last = now;
    ctx.publish('gaming', { state });
  }
  return { changed, transitional: !!row && row.state !== 'ready' };
}

export function runGamingMonitor(ctx: GamingCtx): { stop(): void; wake(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const loop = async () => {
    if (running) return;
    running = true;
    let delay = IDLE_MS;
    try {
      const r = await monitorTick(ctx);
      delay = r.transitional ? FAST_MS : bus.subscribers > 0 ? WATCHED_MS : IDLE_MS;
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'gaming monitor tick failed');
    }
    running = false;
    if (!stopped) timer = setTimeout(loop, delay).unref();
  };
  timer = setTimeout(loop, 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    wake() {
      if (stopped || running) return;
      clearTimeout(timer);
      timer = setTimeout(loop, 50).unref();
    },
  };
}
