import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '@/test/databases';
import { GUEST, MARIE, PAUL, testCtx } from '@/test/ctx';
import { openDatabase } from '../../db';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../errors';
import { listAuditEvents } from './list-audit-events';
import { recordAudit } from './internal/record-audit';
import { flushAnonymousRefusals } from './internal/record-anonymous-refusal';

describe.each(DB_KINDS)('the audit log on %s', (kind) => {
  let tdb: TestDatabase;
  let opened: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir: path.resolve('prisma/migrations') });
    for (let i = 0; i < 7; i++) {
      await recordAudit(opened.client, { actor: PAUL.subject, actorName: PAUL.name, role: 'admin', action: `promotion.approve`, target: `svc-${i}`, outcome: 'ok' });
    }
    await recordAudit(opened.client, { actor: MARIE.subject, actorName: MARIE.name, role: 'family', action: 'gaming.start', outcome: 'failed' });
  });
  afterAll(async () => {
    await opened?.client.$disconnect();
    await opened?.embedded?.close();
    await tdb?.drop();
  });

  it('lists newest first and pages by cursor without gaps or repeats', async () => {
    const ctx = testCtx(opened.client, PAUL);
    const first = await listAuditEvents({ limit: '3', action: 'promotion.' }, ctx);
    expect(first.events.map((e) => e.target)).toEqual(['svc-6', 'svc-5', 'svc-4']);
    const second = await listAuditEvents({ limit: '3', action: 'promotion.', cursor: first.nextCursor! }, ctx);
    const third = await listAuditEvents({ limit: '3', action: 'promotion.', cursor: second.nextCursor! }, ctx);
    expect([...second.events, ...third.events].map((e) => e.target)).toEqual(['svc-3', 'svc-2', 'svc-1', 'svc-0']);
    expect(third.nextCursor).toBeNull();
  });

  it('filters by actor name, action and outcome', async () => {
    const ctx = testCtx(opened.client, PAUL);
    const byName = await listAuditEvents({ actor: 'marie' }, ctx);
    expect(byName.events.every((e) => e.actor === MARIE.subject)).toBe(true);
    const failed = await listAuditEvents({ outcome: 'failed' }, ctx);
    expect(failed.events.map((e) => e.action)).toContain('gaming.start');
    expect(failed.events.every((e) => e.outcome === 'failed')).toBe(true);
  });

  it('refuses bad filters with a clear message', async () => {
    const ctx = testCtx(opened.client, PAUL);
    await expect(listAuditEvents({ outcome: 'maybe' }, ctx)).rejects.toBeInstanceOf(ValidationError);
    await expect(listAuditEvents({ cursor: 'abc' }, ctx)).rejects.toThrow(/cursor must be the id/);
    await expect(listAuditEvents({ cursor: '9999999999999999999' }, ctx)).rejects.toThrow(/cursor must be the id/);
    await expect(listAuditEvents({ actor: '\u0000' }, ctx)).rejects.toThrow(/actor: must not contain a NUL/);
    await expect(listAuditEvents({ limit: '5000' }, ctx)).rejects.toThrow(/limit/);
    await expect(listAuditEvents({ sort: 'asc' }, ctx)).rejects.toThrow(/unknown field sort/);
  });

  it('refuses family, no-role and anonymous callers, and audits each refusal', async () => {
    await expect(listAuditEvents({}, testCtx(opened.client, MARIE))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEvents({}, testCtx(opened.client, GUEST))).rejects.toThrow(/Ask Paul for access/);
    await expect(listAuditEvents({}, testCtx(opened.client, null))).rejects.toBeInstanceOf(UnauthenticatedError);
    await flushAnonymousRefusals(); // anonymous refusals are counted and written once a second
    const denied = await listAuditEvents({ outcome: 'denied', action: 'audit:read' }, testCtx(opened.client, PAUL));
    expect(denied.events.map((e) => e.actor).sort()).toEqual(['anonymous', GUEST.subject, MARIE.subject].sort());
    expect(denied.events.every((e) => e.ip === '192.0.2.10')).toBe(true);
  });
});
