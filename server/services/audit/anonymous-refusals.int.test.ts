import { describe, expect, it } from 'vitest';
import { testCtx } from '@/test/ctx';
import { useTestDatabase } from '@/test/databases';
import { requirePermission } from '../../auth/guard';
import { UnauthenticatedError } from '../../errors';
import { flushAnonymousRefusals, refusalKey } from './internal/record-anonymous-refusal';

describe('refusals without a session', () => {
  const database = useTestDatabase('postgres');

  it('10,000 anonymous refusals from a few addresses leave a bounded number of rows', async () => {
    const db = database().client;
    const before = await db.auditEvent.count();
    const ips = ['198.51.100.1', '198.51.100.2', '2001:db8:1:2::1', '2001:db8:1:2::ffff'];
    for (let batch = 0; batch < 200; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          requirePermission(i % 2 ? 'home:view' : 'audit:read', testCtx(db, null, ips[(batch + i) % ips.length])).then(
            () => expect.unreachable(),
            (e) => expect(e).toBeInstanceOf(UnauthenticatedError),
          ),
        ),
      );
    }
    await flushAnonymousRefusals();
    // One audit row per address and window (the two IPv6 addresses share a /64), not one per request.
    const audit = await db.auditEvent.count();
    expect(audit - before).toBeLessThanOrEqual(3 * 2); // a window boundary may fall inside the run
    const windows = await db.anonymousRefusal.findMany();
    expect(windows.length).toBeLessThanOrEqual(6);
    expect(windows.reduce((n, w) => n + w.count, 0)).toBe(10_000);
    const row = await db.auditEvent.findFirst({ where: { actor: 'anonymous' }, orderBy: { id: 'desc' } });
    expect(row?.outcome).toBe('denied');
    expect(row?.details).toMatchObject({ reason: 'not signed in', counted: 'anonymous_refusals' });
  });

  it('keys IPv6 addresses by /64 and bounds the stored value', () => {
    expect(refusalKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(refusalKey(null)).toBe('unknown');
    expect(refusalKey('9'.repeat(6000)).length).toBeLessThanOrEqual(45);
  });

  it('keeps the audit log append-only to the application', async () => {
    const db = database().client;
    await expect(db.$executeRaw`DELETE FROM audit_events`).rejects.toThrow(/append-only/);
  });
});
