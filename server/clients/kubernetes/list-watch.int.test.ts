// A watch stream that breaks while the API server is fine is resumed without marking the cluster
// unreachable; a stream that cannot be reopened is a failure, and recovery resets the backoff.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import type { LiveStore } from '../../live/store';
import { storeFor, until } from '@/test/live-support';

let sim: Simulator;
let dir: string;
let store: LiveStore;
const ctl = (p: string, body: unknown = {}) => fetch(`${sim.endpoints.control.url}${p}`, { method: 'POST', body: JSON.stringify(body) });
const dev = () => store.summaries().find((c) => c.name === 'dev')!;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'list-watch-'));
  sim = await startSimulator({ dir, syncDelayMs: 200 });
  store = storeFor(sim, null).start();
  await until(() => store.summaries().every((c) => c.freshness.reachable && c.nodesTotal > 0), 15_000, 'store ready');
});

afterAll(async () => {
  await store?.stop();
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('an abrupt cut of an open stream is resumed without the cluster going stale', async () => {
  const watches = store.watchers('dev').reduce((n, w) => n + w.watches, 0);
  await ctl('/clusters/dev/watches/cut');
  const seen: boolean[] = [];
  const end = Date.now() + 800;
  while (Date.now() < end) {
    seen.push(dev().freshness.reachable);
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(seen.every(Boolean)).toBe(true);
  await until(() => store.watchers('dev').reduce((n, w) => n + w.watches, 0) > watches, 5_000, 'watches reopened');
});

it('a stream that cannot be reopened marks the cluster stale; after recovery a later cut is resumed at once', async () => {
  await ctl('/faults/cluster:dev', { errorRate: 1, errorStatus: 500 });
  await ctl('/clusters/dev/watches/cut');
  await until(() => !dev().freshness.reachable, 5_000, 'dev stale');
  await new Promise((r) => setTimeout(r, 1_000)); // several failed attempts: the backoff has grown
  await ctl('/faults/cluster:dev/reset');
  await until(() => dev().freshness.reachable, 5_000, 'dev back');
  await ctl('/clusters/dev/watches/cut');
  await new Promise((r) => setTimeout(r, 300));
  expect(dev().freshness.reachable).toBe(true);
});
