// The embedded database's own process (server/db/embedded.ts starts it): PGlite (PostgreSQL compiled
// to WASM) persisted in a folder, served on a loopback port through pglite-socket. Its memory (the
// WASM heap, ~200 MiB and more during a first initdb) stays out of the panel's process, so the
// panel's heap bound and RSS are the same as with a PostgreSQL server; this process has its own
// figure (docs/performance.md). Plain JavaScript, run by node as it is (no build step).
// Protocol: the parent passes the folder as the first argument ('memory://' for none) and receives
// { url } (or { error }, or { initialised } after a first initdb: start it again) over IPC; 'close' ends it cleanly; a parent that dies ends it too.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dir = process.argv[2] ?? 'memory://';
const memory = dir === 'memory://';
let db;
let server;
let closing = false;

async function close(code = 0) {
  if (closing) return;
  closing = true;
  try {
    await server?.stop();
    await db?.close();
  } finally {
    process.exit(code);
  }
}

process.on('message', (m) => {
  if (m === 'close') void close(0);
});
process.on('disconnect', () => void close(0)); // the panel is gone
process.on('SIGTERM', () => void close(0));

try {
  if (!memory) fs.mkdirSync(path.resolve(dir), { recursive: true });
  // A homelab panel's database is tiny: small buffers keep the WASM heap (which never shrinks) small.
  const startParams = [...(PGlite.defaultStartParams ?? []), '-c', 'shared_buffers=16MB', '-c', 'temp_buffers=2MB', '-c', 'work_mem=2MB', '-c', 'maintenance_work_mem=16MB'];
  const fresh = !memory && !fs.existsSync(path.join(dir, 'PG_VERSION'));
  db = await PGlite.create(memory ? undefined : path.resolve(dir), PGlite.defaultStartParams ? { startParams } : {});
  if (fresh) {
    // initdb grows the WASM heap to ~700 MiB, and a WASM heap never shrinks: the parent starts a new
    // process on the folder now initialised, which needs ~170 MiB.
    await db.close();
    db = undefined;
    process.send?.({ initialised: true }, () => process.exit(0));
    await new Promise(() => undefined);
  }
  // pg-pool drops a connection after a failed query and opens a new one at once; a little headroom
  // keeps that reconnect from being refused while the old socket is still closing.
  server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());
  process.send?.({ url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable` });
} catch (e) {
  process.send?.({ error: e instanceof Error ? e.message : String(e) });
  await close(1);
}
