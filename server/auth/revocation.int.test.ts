import { describe, expect, it } from 'vitest';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { isRevoked, revokeSession } from './revocation';

describe.each(DB_KINDS)('signed-out sessions on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('a revoked session id never authenticates again, also as seen from another replica', async () => {
    const db = database().client;
    const [a, b, c] = ['a', 'b', 'c'].map((x) => `sid-${kind}-${x}`); // the in-process cache is shared by both kinds
    expect(await isRevoked(db, a)).toBe(false);
    await revokeSession(db, a);
    expect(await isRevoked(db, a)).toBe(true);
    await revokeSession(db, a); // twice is fine (double click)
    // Another replica only has the database: insert directly, and wait out the recheck window.
    await db.revokedSession.create({ data: { sid: b } });
    expect(await isRevoked(db, b, Date.now() + 5_000)).toBe(true);
    expect(await isRevoked(db, c)).toBe(false);
  });
});
