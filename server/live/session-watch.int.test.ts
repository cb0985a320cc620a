// Event streams end with their session: sign-out (revoked sid), expiry, or a role that changed.
import { describe, expect, it } from 'vitest';
import { MARIE, PAUL, testCtx } from '@/test/ctx';
import { useTestDatabase } from '@/test/databases';
import type { Actor } from '../context';
import { revokeSession } from '../auth/revocation';
import { openEventStream, type StreamCtx } from '../services/dashboard/open-event-stream';
import { EventBus } from './events';
import type { LiveStore } from './store';

describe('a stream and its session', () => {
  const database = useTestDatabase('postgres');
  const ctx = (actor: Actor, sid: string, expiresAtMs?: number): StreamCtx => ({
    ...testCtx(database().client, actor),
    live: () => ({ viewerArrived: () => undefined }) as unknown as LiveStore,
    templates: () => null,
    capacity: () => ({ reserveBytes: 0, bufferBytes: 0 }),
    sessionToken: async () => ({ sid, expiresAtMs }),
    limits: () => ({ maxStreamsPerUser: 2, recheckMs: 200 }),
  });

  /** Reads a stream until it ends; returns what it received and how long it stayed open after `mark`. */
  async function drain(stream: ReadableStream<Uint8Array>) {
    const reader = stream.getReader();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  }

  it('closes the stream of a session signed out elsewhere within 5 s, and stops sending admin events', async () => {
    const db = database().client;
    await db.user.upsert({ where: { subject: PAUL.subject }, create: { subject: PAUL.subject, name: PAUL.name, role: 'admin' }, update: { role: 'admin' } });
    const bus = new EventBus();
    const stream = await openEventStream({ lastEventId: null }, ctx(PAUL, 'sid-paul-1'), undefined, bus);
    const ended = drain(stream);
    bus.publish('audit', { before: true }, 'admin');
    await revokeSession(db, 'sid-paul-1');
    const t0 = Date.now();
    const text = await ended;
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(text).toContain('"before":true');
    bus.publish('audit', { after: true }, 'admin');
    expect(text).not.toContain('"after":true');
  });

  it('closes an expired session and a session whose role changed', async () => {
    const db = database().client;
    const expired = drain(await openEventStream({ lastEventId: null }, ctx(PAUL, 'sid-paul-2', Date.now() + 300), undefined, new EventBus()));
    await expect(expired).resolves.toContain('connected');
    await db.user.upsert({ where: { subject: MARIE.subject }, create: { subject: MARIE.subject, name: MARIE.name, role: 'family' }, update: { role: 'family' } });
    const demoted = drain(await openEventStream({ lastEventId: null }, ctx(MARIE, 'sid-marie-1'), undefined, new EventBus()));
    await db.user.update({ where: { subject: MARIE.subject }, data: { role: 'none' } });
    await expect(demoted).resolves.toContain('connected');
  });

  it('caps the streams one person holds open', async () => {
    const c = ctx({ ...MARIE, subject: 'sub-cap' }, 'sid-cap');
    const open = [await openEventStream({ lastEventId: null }, c, undefined, new EventBus()), await openEventStream({ lastEventId: null }, c, undefined, new EventBus())];
    await expect(openEventStream({ lastEventId: null }, c, undefined, new EventBus())).rejects.toMatchObject({ code: 'rate_limited' });
    // Opened at the same moment (several tabs reconnecting): still no more than the cap.
    const racing = await Promise.allSettled(Array.from({ length: 5 }, () => openEventStream({ lastEventId: null }, ctx({ ...MARIE, subject: 'sub-race' }, 'sid-race'), undefined, new EventBus())));
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of racing) if (r.status === 'fulfilled') await r.value.cancel();
    await open[0].cancel();
    const again = await openEventStream({ lastEventId: null }, c, undefined, new EventBus());
    await Promise.all([open[1].cancel(), again.cancel()]);
  });
});
