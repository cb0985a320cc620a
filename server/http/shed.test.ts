import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLoadShedding, SOCKET_IP_HEADER } from './shed';

// A real HTTP server whose handler holds every request until released, so the bound is observable.
let server: http.Server;
let base: string;
const held: (() => void)[] = [];
const seen: string[] = [];
const state = installLoadShedding({ maxConnections: 100, maxInFlight: 4, maxStreams: 2, retryAfterSeconds: 3 });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(String(req.headers[SOCKET_IP_HEADER]));
    if (req.url === '/api/healthz' || req.url === '/fast') return res.end('ok');
    if (req.url === '/action') return ((res.statusCode = 500), res.end('refused by the framework'));
    held.push(() => res.end('done'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const until = async (cond: () => boolean) => {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('load shedding', () => {
  it('answers past the bound with 503 + Retry-After at once, keeps /api/healthz, and frees slots', async () => {
    const slow = Array.from({ length: 4 }, () => fetch(`${base}/slow`));
    await until(() => held.length === 4);
    const extra = await Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/slow`)));
    expect(extra.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect(extra[0].headers.get('retry-after')).toBe('3');
    expect((await extra[0].json()).error.code).toBe('overloaded');
    const live = await fetch(`${base}/api/healthz`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]); // answered at the door, not by the app
    expect(live.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    held.splice(0).forEach((f) => f());
    await Promise.all(slow);
    await until(() => state.inFlight === 0);
    expect((await fetch(`${base}/fast`)).status).toBe(200);
    expect(state.shed).toBe(5);
  });

  it('bounds event streams separately from requests', async () => {
    const streams = [fetch(`${base}/api/events`), fetch(`${base}/api/events?x=1`)];
    await until(() => held.length === 2);
    expect((await fetch(`${base}/api/events`)).status).toBe(503);
    expect((await fetch(`${base}/fast`)).status).toBe(200);
    held.splice(0).forEach((f) => f());
    await Promise.all(streams);
  });

  it('answers a badly percent-encoded path with 400 before Next sees it', async () => {
    expect((await fetch(`${base}/api/clusters/%ff%fe`)).status).toBe(400);
  });

  it('stamps the socket address over a client-sent header of the same name', async () => {
    seen.length = 0;
    await fetch(`${base}/fast`, { headers: { [SOCKET_IP_HEADER]: '6.6.6.6' } });
    expect(seen).toEqual(['127.0.0.1']);
  });

  it("answers a server-action post that Next's handler refused with 400, not 500", async () => {
    const action = await fetch(`${base}/action`, { method: 'POST', headers: { 'next-action': 'tampered' }, body: 'not json' });
    expect(action.status).toBe(400);
    expect((await fetch(`${base}/action`, { method: 'POST', body: '{}' })).status).toBe(500);
  });
});
