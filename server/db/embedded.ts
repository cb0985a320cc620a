import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// The embedded default database: PGlite (PostgreSQL compiled to WASM) persisted in a folder, served on a
// loopback port through pglite-socket so the app uses the very same pg/adapter-pg path as with a server.

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgres> {
  const memory = dir === 'memory://';
  if (!memory) fs.mkdirSync(path.resolve(dir), { recursive: true });
  const db = await PGlite.create(memory ? undefined : path.resolve(dir));
  // pg-pool drops a connection after a failed query and opens a new one at once; a little headroom keeps
  // that reconnect from being refused while the old socket is still closing. The app pools one connection.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const conn = server.getServerConn();
  const port = Number(conn.split(':').pop());
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
