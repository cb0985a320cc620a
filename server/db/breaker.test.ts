import { describe, expect, it } from 'vitest';
import { createBreaker } from './breaker';

const away = () => Object.assign(new Error('Connection terminated due to connection timeout'), { code: 'ETIMEDOUT' });
const badQuery = () => Object.assign(new Error('relation "nope" does not exist'), { code: '42P01' });

describe('the database circuit breaker', () => {
  it('fails fast while open, lets one call try after the window, and closes on success', async () => {
    let t = 0;
    const b = createBreaker(5_000, () => t);
    let calls = 0;
    const fail = () => b.run(async () => { calls++; throw away(); });
    const ok = () => b.run(async () => { calls++; return 'ok'; });
    await expect(fail()).rejects.toThrow(/connection timeout/);
    expect(b.open).toBe(true);
    await expect(ok()).rejects.toMatchObject({ code: 'ECONNREFUSED' }); // not even tried
    expect(calls).toBe(1);
    t = 5_001;
    await expect(ok()).resolves.toBe('ok');
    expect(b.open).toBe(false);
    expect(calls).toBe(2);
  });

  it('keeps failing fast while the half-open try fails, and ignores plain query errors', async () => {
    let t = 0;
    const b = createBreaker(1_000, () => t);
    await expect(b.run(async () => { throw badQuery(); })).rejects.toThrow(/does not exist/);
    expect(b.open).toBe(false);
    // A busy pool (waiting for a free connection) is load, not an outage.
    await expect(b.run(async () => { throw new Error('timeout exceeded when trying to connect'); })).rejects.toThrow();
    expect(b.open).toBe(false);
    await expect(b.run(async () => { throw away(); })).rejects.toThrow();
    t = 1_500;
    let release!: () => void;
    const probe = b.run(() => new Promise((_, reject) => { release = () => reject(away()); }));
    // While the one try is in flight, the others fail at once.
    await expect(b.run(async () => 'x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();
    await expect(probe).rejects.toThrow();
    expect(b.open).toBe(true);
  });

  it('closes when the half-open try gets an answer from the server, even an error; a slow statement does not open it', async () => {
    let t = 0;
    const b = createBreaker(1_000, () => t);
    await expect(b.run(async () => { throw away(); })).rejects.toThrow();
    t = 1_500;
    await expect(b.run(async () => { throw Object.assign(new Error('duplicate key'), { code: '23505' }); })).rejects.toThrow(/duplicate/);
    expect(b.open).toBe(false);
    await expect(b.run(async () => 'x')).resolves.toBe('x');
    await expect(b.run(async () => { throw Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }); })).rejects.toThrow();
    expect(b.open).toBe(false);
  });
});
