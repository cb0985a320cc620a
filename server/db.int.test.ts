import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '@/test/databases';
import { openDatabase } from './db';
import { recordAudit } from './services/audit/internal/record-audit';

const migrationsDir = path.resolve('prisma/migrations');

describe.each(DB_KINDS)('the database on %s', (kind) => {
  let tdb: TestDatabase;
  let opened: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    opened = await openDatabase({ url: tdb.url, embeddedDir: tdb.embeddedDir, migrationsDir });
  });
  afterAll(async () => {
    await opened?.client.$disconnect();
    await opened?.embedded?.close();
    await tdb?.drop();
  });

  it('migrates from empty, and a second start applies nothing', async () => {
    const rows = await opened.client.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations`;
    expect(rows.map((r) => r.migration_name)).toEqual(fs.readdirSync(migrationsDir).filter((d) => /^\d/.test(d)).sort());
    expect(await opened.client.user.count()).toBe(0);
  });

  it('appends audit events, and the database refuses to change or delete them', async () => {
    await recordAudit(opened.client, { actor: 'sub-1', actorName: 'Paul', role: 'admin', action: 'test.append', outcome: 'ok', details: { n: 1 }, ip: '127.0.0.1' });
    await recordAudit(opened.client, { actor: 'sub-2', role: 'none', action: 'test.append', outcome: 'denied' });
    const events = await opened.client.auditEvent.findMany({ where: { action: 'test.append' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.actor, e.outcome])).toEqual([
      ['sub-1', 'ok'],
      ['sub-2', 'denied'],
    ]);
    expect(events[0].details).toEqual({ n: 1 });
    await expect(opened.client.auditEvent.updateMany({ data: { outcome: 'ok' } })).rejects.toThrow(/append-only/);
    await expect(opened.client.auditEvent.deleteMany({})).rejects.toThrow(/append-only/);
    expect(await opened.client.auditEvent.count({ where: { action: 'test.append' } })).toBe(2);
  });

  it('runs interactive transactions', async () => {
    await opened.client.$transaction(async (tx) => {
      await tx.user.create({ data: { subject: 'tx-user', name: 'T', role: 'family' } });
    });
    await expect(
      opened.client.$transaction(async (tx) => {
        await tx.user.create({ data: { subject: 'rolled-back', name: 'R', role: 'family' } });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await opened.client.user.findUnique({ where: { subject: 'rolled-back' } })).toBeNull();
    expect(await opened.client.user.findUnique({ where: { subject: 'tx-user' } })).not.toBeNull();
  });
});
