import 'server-only';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The embedded default database: PGlite (PostgreSQL compiled to WASM) persisted in a folder, served on a
// loopback port through pglite-socket so the app uses the very same pg/adapter-pg path as with a server.
// It runs in its own process (server/db/pglite-process.mjs): its WASM heap (~200 MiB) then neither
// counts against the panel's heap bound nor shows in the panel's RSS (docs/performance.md).

export interface EmbeddedPostgres {
  url: string;
  /** The database process's id (its memory is measured apart). */
  pid: number;
  close(): Promise<void>;
}

/** The child's script: beside this file in the sources, traced into the standalone output (next.config.ts). */
function script(): string {
  const candidates = [path.resolve('server/db/pglite-process.mjs'), path.join(process.cwd(), '..', 'server/db/pglite-process.mjs')];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`the embedded database's process script is missing (looked for ${candidates[0]})`);
  return found;
}

export async function startEmbeddedPostgres(dir: string): Promise<EmbeddedPostgres> {
  const target = dir === 'memory://' ? dir : path.resolve(dir);
  // A first start initialises the folder and ends (its initdb heap is too big to keep); the next serves.
  for (let attempt = 0; ; attempt++) {
    const child = fork(script(), [target], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    const answer = await new Promise<{ url?: string; initialised?: boolean }>((resolve, reject) => {
      child.once('message', (m: { url?: string; error?: string; initialised?: boolean }) => (m.error ? reject(new Error(`the embedded database did not start: ${m.error}`)) : resolve(m)));
      child.once('exit', (code) => reject(new Error(`the embedded database's process ended (exit code ${code}) before it was ready`)));
      child.once('error', reject);
    });
    if (answer.initialised && attempt === 0) {
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      continue;
    }
    if (!answer.url) throw new Error('the embedded database did not start: its folder was initialised twice');
    // It ends with the panel (IPC disconnect); an unexpected end of it shows as the database being away.
    child.removeAllListeners('exit');
    child.unref();
    child.channel?.unref();
    return {
      url: answer.url,
      pid: child.pid!,
      close: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send('close', (e) => e && child.kill('SIGTERM'));
        }),
    };
  }
}
