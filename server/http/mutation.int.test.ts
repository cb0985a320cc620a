import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { MARIE, testCtx } from '@/test/ctx';
import { useTestDatabase } from '@/test/databases';
import { z } from 'zod';
import { ConflictError, ValidationError } from '../errors';
import { flushAnonymousRefusals } from '../services/audit/internal/record-anonymous-refusal';
import { parseInput } from '../validation';
import { mutationRoute } from './mutation';

const PUBLIC = 'http://localhost:3000';
const limits = { perUserPerMinute: 30, perIpPerMinute: 60 };

describe('the mutation wrapper', () => {
  const database = useTestDatabase('postgres');

  const post = (body: string, headers: Record<string, string> = {}) =>
    new NextRequest(`${PUBLIC}/api/thing`, { method: 'POST', body, headers: { 'content-type': 'application/json', origin: PUBLIC, ...headers } });
  const run = (req: NextRequest, ip = '192.0.2.1', work = async (b: unknown) => ({ got: b })) =>
    mutationRoute(req, work, { ctx: testCtx(database().client, MARIE, ip), publicUrl: PUBLIC, action: 'thing.do', limits });

  it('passes a same-origin JSON body to the service', async () => {
    const res = await run(post('{"a":1}'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ got: { a: 1 } });
  });

  it('refuses a cross-site POST with 403 and audits it', async () => {
    const res = await run(post('{}', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }));
    expect(res.status).toBe(403);
    const rows = await database().client.auditEvent.findMany({ where: { action: 'thing.do', outcome: 'denied' } });
    expect(rows.some((r) => (r.details as { reason?: string }).reason === 'cross-site request')).toBe(true);
  });

  it('answers malformed JSON, a wrong content type and an oversized body with 4xx and a clear message', async () => {
    const bad = await run(post('{"a":'));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/not valid JSON/);
    const type = await run(post('a=1', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(type.status).toBe(400);
    expect((await type.json()).error.message).toMatch(/as JSON/);
    const big = await run(post(JSON.stringify({ x: 'y'.repeat(20_000) })));
    expect(big.status).toBe(413);
  });

  it('maps service errors without leaking internals', async () => {
    const v = await run(post('{}'), '192.0.2.2', async () => {
      throw new ValidationError('minutes: must be at most 120');
    });
    expect(v.status).toBe(400);
    expect((await v.json()).error.message).toBe('minutes: must be at most 120');
  });

  it('rate-limits per IP with 429 and Retry-After, auditing the first refusal once', async () => {
    // Fixed one-minute windows: don't start right before a boundary.
    const toBoundary = 60_000 - (Date.now() % 60_000);
    if (toBoundary < 5_000) await new Promise((r) => setTimeout(r, toBoundary + 50));
    const statuses: number[] = [];
    for (let i = 0; i < 65; i++) statuses.push((await mutationRoute(post('{}'), async () => ({}), { ctx: testCtx(database().client, null, '198.51.100.7'), publicUrl: PUBLIC, action: 'flood', limits })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.slice(60).every((s) => s === 429)).toBe(true);
    await flushAnonymousRefusals();
    const audited = await database().client.auditEvent.count({ where: { action: 'flood', outcome: 'denied' } });
    expect(audited).toBe(1);
  });

  it('audits a refusal or failure the service did not audit (409, 500), and refuses NUL characters with 400', async () => {
    const conflict = await run(post('{}'), '192.0.2.3', async () => {
      throw new ConflictError('already done');
    });
    expect(conflict.status).toBe(409);
    const boom = await run(post('{}'), '192.0.2.3', async () => {
      throw new Error('database said no');
    });
    expect(boom.status).toBe(500);
    const nul = await run(post(JSON.stringify({ reason: 'a\u0000b' })), '192.0.2.3', async (b) => ({ got: parseInput(z.object({ reason: z.string() }).strict(), b) }));
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.message).toMatch(/reason: must not contain a NUL/);
    const rows = await database().client.auditEvent.findMany({ where: { action: 'thing.do', actor: MARIE.subject }, orderBy: { id: 'asc' } });
    expect(rows.slice(-3).map((r) => [r.outcome, (r.details as { status?: number }).status])).toEqual([
      ['denied', 409],
      ['failed', 500],
      ['denied', 400],
    ]);
  });
});
