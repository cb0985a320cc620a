import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLivenessPort, type LivenessPort } from './liveness';

const ROOT = path.resolve(import.meta.dirname, '../..');

let started: LivenessPort | null = null;
afterAll(() => started?.close());

describe('the liveness port', () => {
  it('answers GET /healthz from its own thread while the main loop turns, and nothing else', async () => {
    started = await startLivenessPort({ port: 0, host: '127.0.0.1', stallSeconds: 30 });
    expect(started).not.toBeNull();
    const base = `http://127.0.0.1:${started!.port}`;
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const body = (await ok.json()) as { status: string; eventLoopAgeMs: number };
    expect(body.status).toBe('ok');
    expect(body.eventLoopAgeMs).toBeLessThan(30_000);
    expect((await fetch(`${base}/api/me`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'POST' })).status).toBe(404);
  });

  it('answers at once while the main loop is blocked, and 503 once it has been blocked past the stall bound', async () => {
    // A real process whose main thread blocks for 4 s after opening the port (stall bound 1 s).
    const script = `
      import { startLivenessPort } from './server/http/liveness.ts';
      const p = await startLivenessPort({ port: 0, host: '127.0.0.1', stallSeconds: 1 });
      process.stdout.write('port ' + p.port + '\\n');
      const until = Date.now() + 4000;
      while (Date.now() < until) {}
      process.stdout.write('free\\n');
      setTimeout(() => process.exit(0), 2000);
    `;
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    let out = '';
    const seen = (re: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        const check = () => {
          const m = out.match(re);
          if (m) resolve(m);
          else child.stdout!.once('data', (d) => ((out += d), check()));
        };
        check();
      });
    try {
      const port = Number((await seen(/port (\d+)/))[1]);
      const url = `http://127.0.0.1:${port}/healthz`;
      const first = await fetch(url);
      expect(first.status).toBe(200); // the loop has been blocked for less than 1 s
      await new Promise((r) => setTimeout(r, 1_800));
      const t0 = performance.now();
      const stalled = await fetch(url);
      const took = performance.now() - t0;
      expect(stalled.status).toBe(503);
      expect(((await stalled.json()) as { status: string }).status).toBe('stalled');
      expect(took).toBeLessThan(1_500); // answered while the main thread is still blocked (it frees at 4 s)
      await seen(/free/);
      await new Promise((r) => setTimeout(r, 400));
      expect((await fetch(url)).status).toBe(200);
    } finally {
      child.kill();
    }
  }, 20_000);
});
