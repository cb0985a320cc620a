// What Prisma (adapter-pg) throws when the database goes away or stops answering, and that
// isDatabaseUnavailable() recognises it (so adapters can answer 503 instead of 500).
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '@/sim/tcp-proxy';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { openDatabase } from '../db';
import { isDatabaseUnavailable } from './unavailable';

let tdb: TestDatabase;
let proxy: TcpProxy;
let opened: Awaited<ReturnType<typeof openDatabase>>;

beforeAll(async () => {
  tdb = await createTestDatabase('postgres');
  const u = new URL(tdb.url!);
  proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  opened = await openDatabase({ url: u.toString(), embeddedDir: 'unused', migrationsDir: path.resolve('prisma/migrations') });
});

afterAll(async () => {
  proxy?.set('up');
  await opened?.client.$disconnect();
  await proxy?.close();
  await tdb?.drop();
});

const failure = async () => {
  try {
    await opened.client.auditEvent.count();
  } catch (e) {
    return e;
  }
  return null;
};

it('recognises a database that is down, one that hangs, and not a plain query error', async () => {
  expect(await opened.client.auditEvent.count()).toBe(0);
  proxy.set('down');
  const down = await failure();
  expect(down, 'a query fails while the database is down').not.toBeNull();
  expect(isDatabaseUnavailable(down)).toBe(true);
  // The pool's breaker (server/db/breaker.ts) now fails queries at once for 5 s …
  const t0 = performance.now();
  const fast = await failure();
  expect(isDatabaseUnavailable(fast)).toBe(true);
  expect(performance.now() - t0, 'failed at once, not after a timeout').toBeLessThan(1_000);
  // … then lets one through: against a hung database it fails after the pool's query bound.
  await new Promise((r) => setTimeout(r, 5_100));
  proxy.set('hang');
  const hung = await failure();
  expect(hung, 'a query fails (bounded) while the database hangs').not.toBeNull();
  expect(isDatabaseUnavailable(hung)).toBe(true);
  proxy.set('up');
  let back = false;
  for (let i = 0; i < 150 && !back; i++) {
    back = await opened.client.auditEvent.count().then(() => true, () => false);
    if (!back) await new Promise((r) => setTimeout(r, 100));
  }
  expect(back, 'back without a restart').toBe(true);
  const bad = await opened.client.$queryRawUnsafe('SELECT * FROM no_such_table').then(() => null, (e: unknown) => e);
  expect(isDatabaseUnavailable(bad)).toBe(false);
}, 60_000);
