import { NextRequest } from 'next/server';
import { describe, expect, it, vi } from 'vitest';
import { NotFoundError, UpstreamError } from '../errors';
import { currentRequestId, log } from '../log';
import { metrics } from '../metrics';
import { actionResult, jsonRoute, ROUTE_LABEL, route } from './respond';

const get = (headers: Record<string, string> = {}) => new NextRequest('http://localhost:3000/api/things/42', { headers });
const countOf = async (route: string, status: number) => {
  const m = (await metrics.render()).match(new RegExp(`^panel_http_request_duration_seconds_count\\{method="GET",route="${route.replace(/[[\]/]/g, '\\$&')}",status="${status}"\\} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : 0;
};

describe('the route wrapper', () => {
  it('answers with the caller’s sane request id, or a fresh one', async () => {
    const handler = route('GET /api/things/[id]', () => Response.json({ ok: true }));
    expect((await handler(get({ 'x-request-id': 'lb-1234567890' }), {})).headers.get('x-request-id')).toBe('lb-1234567890');
    const fresh = (await handler(get({ 'x-request-id': 'bad id <script>' }), {})).headers.get('x-request-id');
    expect(fresh).toMatch(/^[0-9a-f-]{36}$/);
    expect(handler[ROUTE_LABEL]).toBe('GET /api/things/[id]');
  });

  it('runs the handler under the request id (what log lines carry)', async () => {
    let seen: string | undefined;
    const handler = route('GET /api/things/[id]', async () => {
      await new Promise((r) => setTimeout(r, 1));
      seen = currentRequestId();
      return new Response(null, { status: 204 });
    });
    await handler(get({ 'x-request-id': 'trace-abcdef01' }), {});
    expect(seen).toBe('trace-abcdef01');
  });

  it('times every answer by route pattern and status', async () => {
    const label = 'GET /api/timed-test/[id]';
    const ok = route(label, () => jsonRoute(async () => ({ n: 1 })));
    const missing = route(label, () => jsonRoute(async () => Promise.reject(new NotFoundError())));
    const before = [await countOf('/api/timed-test/[id]', 200), await countOf('/api/timed-test/[id]', 404)];
    await ok(get(), {});
    await ok(get(), {});
    await missing(get(), {});
    expect([await countOf('/api/timed-test/[id]', 200), await countOf('/api/timed-test/[id]', 404)]).toEqual([before[0] + 2, before[1] + 1]);
  });

  it('turns a thrown error into a 500 JSON that quotes the request id (and counts it as a 500)', async () => {
    const handler = route('GET /api/broken-test', () => {
      throw new TypeError('boom');
    });
    const res = await handler(get({ 'x-request-id': 'quote-me-123' }), {});
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('quote-me-123');
    expect(await res.json()).toEqual({ error: { code: 'internal', message: expect.any(String), requestId: 'quote-me-123' } });
    expect(await countOf('/api/broken-test', 500)).toBe(1);
  });

  it('logs the unexpected error while the request id is in scope (so the line carries reqId)', async () => {
    const logged: (string | undefined)[] = [];
    vi.spyOn(log, 'error').mockImplementation(() => void logged.push(currentRequestId()));
    const handler = route('GET /api/broken-test-2', () => jsonRoute(async () => Promise.reject(new Error('db down'))));
    await handler(get({ 'x-request-id': 'logged-req-1' }), {});
    expect(logged).toEqual(['logged-req-1']);
  });

  it('puts the request id in server errors mapped from services (5xx), not in refusals (4xx)', async () => {
    const upstream = route('GET /api/upstream-test', () => jsonRoute(async () => Promise.reject(new UpstreamError('proxmox', undefined, 'unreachable'))));
    const res = await upstream(get({ 'x-request-id': 'upstream-req-1' }), {});
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect((await res.json()).error.requestId).toBe('upstream-req-1');
    const missing = route('GET /api/missing-test', () => jsonRoute(async () => Promise.reject(new NotFoundError())));
    expect((await (await missing(get(), {})).json()).error.requestId).toBeUndefined();
  });

  it('sets the id on responses whose headers are immutable (redirects)', async () => {
    const handler = route('GET /api/redirect-test', () => Response.redirect('http://localhost:3000/elsewhere', 303));
    const res = await handler(get({ 'x-request-id': 'redirect-req-1' }), {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('http://localhost:3000/elsewhere');
    expect(res.headers.get('x-request-id')).toBe('redirect-req-1');
  });
});

describe('server action results', () => {
  it('run under a request id and quote it on unexpected failures', async () => {
    let seen: string | undefined;
    const ok = await actionResult(async () => {
      seen = currentRequestId();
      return 3;
    });
    expect(ok).toEqual({ ok: true, data: 3 });
    expect(seen).toMatch(/^[0-9a-f-]{36}$/);
    const failed = await actionResult(async () => {
      throw new Error('db down');
    });
    expect(failed).toMatchObject({ ok: false, code: 'internal', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
