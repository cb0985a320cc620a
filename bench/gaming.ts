// Gaming benchmarks (docs/performance.md, "Gaming"):
//  1. tap → Proxmox `status/start`: server time of startGaming() until the simulator receives the start
//     call, pre-flight included, at the simulator's default latency (0 ms added);
//  2. a Proxmox state change (the VM powered on/off in Proxmox itself) → the 'gaming' event published by
//     the monitor → the card's refetch (GET state) answered.
// Run: npx tsx --conditions=react-server bench/gaming.ts   (PostgreSQL at TEST_PG_URL; BENCH_N, BENCH_LATENCY_MS)
import { bus } from '@/server/live/events';
import { runGamingMonitor } from '@/server/services/gaming/jobs/monitor';
import { getGamingState } from '@/server/services/gaming/get-gaming-state';
import { startGaming } from '@/server/services/gaming/start-gaming';
import { startHarness } from '@/test/gaming-harness';
import { MARIE } from '@/test/ctx';

const N = Number(process.env.BENCH_N ?? 40);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

const h = await startHarness('postgres', { gaming: { memory: { hostReserveGiB: 4, zfsArcGiB: 8, bufferGiB: 0 } }, taskDelayMs: 5, bootDelayMs: 5, latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 0) });
try {
  let startAt = 0;
  const push = h.sim.calls.push.bind(h.sim.calls);
  h.sim.calls.push = (...items) => {
    for (const c of items) if (c.method === 'POST' && c.path.endsWith('/qemu/300/status/start')) startAt = performance.now();
    return push(...items);
  };
  const ctx = h.ctx(MARIE);
  const tap: number[] = [];
  for (let i = 0; i < N + 3; i++) {
    await h.db.gamingSession.updateMany({ where: { endedAt: null }, data: { state: 'ended', endedAt: new Date(), endReason: 'stopped' } });
    h.sim.state.setVmRunning(300, false);
    startAt = 0;
    const t0 = performance.now();
    await startGaming({}, ctx);
    if (i >= 3 && startAt) tap.push(startAt - t0); // the first runs warm the connections and caches
    await new Promise((r) => setTimeout(r, 60)); // the 5 ms start task finishes before the next round
  }
  console.log(`tap → Proxmox status/start: ${fmt(tap)}`);

  await h.db.gamingSession.updateMany({ where: { endedAt: null }, data: { state: 'ended', endedAt: new Date(), endReason: 'stopped' } });
  h.sim.state.setVmRunning(300, false);
  const published: number[] = [];
  const monitorCtx = { ...h.ctx(null), publish: () => void published.push(performance.now()) };
  const unsubscribe = bus.subscribe(() => undefined); // a phone is watching: the monitor looks every second
  const monitor = runGamingMonitor(monitorCtx);
  await new Promise((r) => setTimeout(r, 1_500));
  const change: number[] = [];
  const refetch: number[] = [];
  for (let i = 0; i < Math.min(N, 15); i++) {
    const seen = published.length;
    const t0 = performance.now();
    h.sim.state.setVmRunning(300, i % 2 === 0, { agentReady: true });
    const until = performance.now() + 10_000;
    while (published.length === seen && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    if (published.length === seen) throw new Error(`no gaming event within 10 s of the change (round ${i})`);
    change.push(published[seen] - t0);
    const r0 = performance.now();
    await getGamingState({}, ctx);
    refetch.push(performance.now() - r0);
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 700)); // land at random points of the 1 s cadence
  }
  monitor.stop();
  unsubscribe();
  const total = change.map((c, i) => c + 50 + refetch[i]); // + the client's 50 ms invalidation batch
  console.log(`Proxmox change → 'gaming' event: ${fmt(change)}`);
  console.log(`card refetch (GET state): ${fmt(refetch)}`);
  console.log(`Proxmox change → card updated (event + 50 ms batch + refetch): ${fmt(total)}`);
} finally {
  await h.close();
}
