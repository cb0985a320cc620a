// The notification outbox on PostgreSQL and PGlite, against the simulated ntfy, push service and
// Telegram Bot API:
// once-only queuing, delivery of the real encrypted Web Push payload, the retry bound, preferences,
// quiet hours and languages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { msg } from '@/lib/i18n/message';
import { startNtfySim, type NtfySim } from '@/sim/ntfy';
import { startPushSim, vapidKeys, type PushSim } from '@/sim/push';
import { startTelegramSim, type TelegramSim } from '@/sim/telegram';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { MARIE, PAUL, testCtx } from '@/test/ctx';
import { getNotificationSettings } from '../services/notifications/get-notification-settings';
import { saveNotificationPreferences } from '../services/notifications/save-notification-preferences';
import { subscribePush } from '../services/notifications/subscribe-push';
import { unsubscribePush } from '../services/notifications/unsubscribe-push';
import { listDeliveryFailures } from '../services/notifications/list-delivery-failures';
import type { NotifyCtx } from '../services/notifications/internal/settings';
import { dispatchDue } from './dispatch';
import { enqueueNotice } from './outbox';
import type { NotifySettings } from './settings';

describe.each(DB_KINDS)('notification outbox on %s', (kind) => {
  const database = useTestDatabase(kind);
  let ntfy: NtfySim;
  let push: PushSim;
  let telegram: TelegramSim;
  let s: NotifySettings;
  const db = () => database().client;
  const ctx = (actor = PAUL): NotifyCtx => ({ ...testCtx(db(), actor), notifySettings: () => s });

  beforeAll(async () => {
    ntfy = await startNtfySim();
    push = await startPushSim();
    telegram = await startTelegramSim();
    s = {
      publicUrl: 'https://panel.example',
      timeZone: 'Europe/Paris',
      notifications: { webPush: { ...vapidKeys(), subject: 'mailto:paul@homelab.example', allowedHosts: [new URL(push.url).host], tls: { caFile: push.caFile, insecureSkipVerify: false } }, maxAttempts: 3, retryBaseSeconds: 30, dispatchEverySeconds: 1, readyCheckSeconds: 1 },
      admin: { ntfy: { url: `${ntfy.url}/paul-homelab` } },
      gamingNtfy: { url: ntfy.url, topics: { 'marie@homelab.example': 'marie-gaming' }, adminTopic: 'paul-homelab' },
    };
    await db().user.createMany({
      data: [
        { subject: PAUL.subject, name: PAUL.name, email: PAUL.email, role: 'admin', locale: 'fr' },
        { subject: MARIE.subject, name: MARIE.name, email: MARIE.email, role: 'family', locale: 'en' },
      ],
    });
  });
  afterAll(async () => {
    await ntfy.close();
    await push.close();
    await telegram.close();
  });
  beforeEach(async () => {
    await db().notificationOutbox.deleteMany({});
    await db().notificationPreference.deleteMany({});
    await db().pushSubscription.deleteMany({});
    ntfy.clear();
    push.clear();
    telegram.clear();
  });

  const ready = (key = 'promotion.ready:komga:[1]') => ({ event: 'promotion.ready' as const, to: null, title: msg('nt.promotionReady.title', { service: 'komga' }), body: msg('nt.promotionReady.body', { summary: '0.9 → 1.0' }), path: '/promotions?candidate=komga', key });

  it('queues a keyed notice once, however often it is announced, and delivers ntfy + the encrypted Web Push in the recipient’s language', async () => {
    await subscribePush(push.subscribe(), ctx(PAUL));
    const now = new Date('2026-12-02T10:00:00Z');
    const counts = await Promise.all([1, 2, 3].map(() => enqueueNotice(db(), s, ready(), now)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2); // webpush + ntfy, whoever won
    expect(await enqueueNotice(db(), s, ready(), now)).toBe(0);
    const [a, b] = await Promise.all([dispatchDue(db(), s, now), dispatchDue(db(), s, now)]);
    expect(a.sent + b.sent).toBe(2); // two dispatchers at once: each row claimed once
    expect(ntfy.messages).toHaveLength(1);
    expect(ntfy.messages[0]).toMatchObject({ topic: 'paul-homelab', title: 'Prêt à promouvoir : komga', click: 'https://panel.example/promotions?candidate=komga' });
    expect(push.received).toHaveLength(1);
    const p = push.received[0];
    expect(p).toMatchObject({ status: 201, encoding: 'aes128gcm', vapid: { ok: true, sub: 'mailto:paul@homelab.example' } });
    expect(JSON.parse(p.payload!)).toMatchObject({ title: 'Prêt à promouvoir : komga', url: 'https://panel.example/promotions?candidate=komga' });
    expect(await dispatchDue(db(), s, new Date(now.getTime() + 3_600_000))).toMatchObject({ sent: 0 });
  });

  it('retries a failing channel with back-off, gives up after maxAttempts and shows the failure to the admin', async () => {
    await subscribePush(push.subscribe(), ctx(PAUL));
    await db().pushSubscription.deleteMany({ where: { subject: { not: PAUL.subject } } });
    const t0 = new Date('2026-12-02T10:00:00Z');
    await enqueueNotice(db(), s, { ...ready('k2'), event: 'promotion.state' }, t0);
    push.failNext(500, 10);
    expect(await dispatchDue(db(), s, t0)).toMatchObject({ sent: 1, retrying: 1 }); // ntfy went, push failed
    expect(await dispatchDue(db(), s, new Date(t0.getTime() + 10_000))).toMatchObject({ sent: 0, retrying: 0 }); // backing off (30 s)
    expect(await dispatchDue(db(), s, new Date(t0.getTime() + 31_000))).toMatchObject({ retrying: 1 });
    expect(await dispatchDue(db(), s, new Date(t0.getTime() + 31_000 + 61_000))).toMatchObject({ failed: 1 });
    expect(await dispatchDue(db(), s, new Date(t0.getTime() + 3_600_000))).toEqual({ sent: 0, retrying: 0, failed: 0, expired: 0 });
    const failed = await db().notificationOutbox.findFirstOrThrow({ where: { channel: 'webpush' } });
    expect(failed).toMatchObject({ state: 'failed', attempts: 3, lastError: expect.stringContaining('500') });
    const shown = await listDeliveryFailures(testCtx(db(), PAUL));
    expect(shown).toEqual([expect.objectContaining({ channel: 'webpush', recipient: PAUL.name, attempts: 3, state: 'failed' })]);
    await expect(listDeliveryFailures(testCtx(db(), MARIE))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("sends the admin's events to the Telegram Bot API, retries its failures with the bound and shows them to the admin", async () => {
    const withTelegram: NotifySettings = { ...s, admin: { ...s.admin, telegram: { botToken: telegram.botToken, chatId: telegram.chatId, apiUrl: telegram.url, tls: { caFile: telegram.caFile, insecureSkipVerify: false } } } };
    const t0 = new Date('2026-12-02T10:00:00Z');
    expect(await enqueueNotice(db(), withTelegram, ready('tg1'), t0)).toBe(2); // ntfy + Telegram (no device)
    expect(await dispatchDue(db(), withTelegram, t0)).toMatchObject({ sent: 2 });
    expect(telegram.messages).toEqual([expect.objectContaining({ chat_id: telegram.chatId, text: expect.stringMatching(/^Prêt à promouvoir : komga\n.*0\.9 → 1\.0.*\nhttps:\/\/panel\.example\/promotions\?candidate=komga$/), disable_web_page_preview: true })]);

    // Flood control (429), then the service back: the row goes on its second try.
    telegram.failNext(429);
    await enqueueNotice(db(), withTelegram, { ...ready('tg2'), event: 'promotion.state' }, t0);
    expect(await dispatchDue(db(), withTelegram, t0)).toMatchObject({ sent: 1, retrying: 1 });
    expect(await dispatchDue(db(), withTelegram, new Date(t0.getTime() + 31_000))).toMatchObject({ sent: 1 });
    expect(telegram.messages).toHaveLength(2);

    // Down for good: maxAttempts (3) tries, then failed, with Telegram's reason, shown to the admin.
    telegram.failNext(500, 10);
    await enqueueNotice(db(), withTelegram, { ...ready('tg3'), event: 'promotion.state' }, t0);
    expect(await dispatchDue(db(), withTelegram, t0)).toMatchObject({ retrying: 1 });
    expect(await dispatchDue(db(), withTelegram, new Date(t0.getTime() + 31_000))).toMatchObject({ retrying: 1 });
    expect(await dispatchDue(db(), withTelegram, new Date(t0.getTime() + 31_000 + 61_000))).toMatchObject({ failed: 1 });
    expect(telegram.calls.filter((c) => c.status === 500)).toHaveLength(3);
    const shown = await listDeliveryFailures(testCtx(db(), PAUL));
    expect(shown).toEqual([expect.objectContaining({ channel: 'telegram', attempts: 3, state: 'failed', lastError: 'Telegram answered 500: Internal Server Error' })]);
    expect(JSON.stringify(shown)).not.toContain(telegram.botToken);
  });

  it('drops a subscription the push service says is gone, without retrying', async () => {
    const sub = push.subscribe();
    await subscribePush(sub, ctx(MARIE));
    push.expire(sub.endpoint.split('/').pop()!);
    const now = new Date('2026-12-02T10:00:00Z');
    await enqueueNotice(db(), s, { event: 'gaming.ready', to: MARIE.subject, title: msg('nt.gamingReady.title'), body: msg('nt.gamingReady.body', { time: '21:00' }), key: 'gaming.ready:s1' }, now);
    expect(await dispatchDue(db(), s, now)).toMatchObject({ sent: 1, failed: 1 });
    expect(await db().pushSubscription.count({ where: { subject: MARIE.subject } })).toBe(0);
    expect(ntfy.messages[0]).toMatchObject({ topic: 'marie-gaming', title: 'The gaming PC is ready', message: 'Have fun! It shuts down at 21:00.' });
  });

  it('follows preferences: a channel turned off is not used, quiet hours hold the message, an expired one is dropped', async () => {
    await subscribePush(push.subscribe(), ctx(MARIE));
    await saveNotificationPreferences({ events: { 'gaming.leaseEnding': { webpush: true, ntfy: false, telegram: false } }, quietStart: '22:00', quietEnd: '07:00', locale: 'fr' }, ctx(MARIE));
    const settings = await getNotificationSettings(ctx(MARIE));
    expect(settings).toMatchObject({ quietStart: '22:00', quietEnd: '07:00', events: { 'gaming.leaseEnding': { ntfy: false, webpush: true } }, available: { events: ['gaming.ready', 'gaming.leaseEnding', 'gaming.other'], channels: ['webpush', 'ntfy'] } });
    const day = new Date('2026-12-02T15:00:00Z');
    const lease = { event: 'gaming.leaseEnding' as const, to: MARIE.subject, title: msg('nt.leaseEnding.title', { n: 10 }), body: msg('nt.leaseEnding.body', { time: '16:10' }) };
    expect(await enqueueNotice(db(), s, { ...lease, key: 'lease:1' }, day)).toBe(1); // webpush only
    await dispatchDue(db(), s, day);
    expect(ntfy.messages).toHaveLength(0);
    expect(JSON.parse(push.received[0].payload!)).toMatchObject({ title: 'PC de jeu : plus que 10 minutes' }); // her language now
    // 23:00 in Paris: held until 07:00, and a notice that expires before then is not queued at all.
    const night = new Date('2026-12-02T22:00:00Z');
    expect(await enqueueNotice(db(), s, { ...lease, key: 'lease:2', expiresAt: new Date(night.getTime() + 600_000) }, night)).toBe(0);
    expect(await enqueueNotice(db(), s, { event: 'gaming.other', to: MARIE.subject, title: 'Gaming PC shutting down', body: 'Your gaming time is up.' }, night)).toBe(2);
    expect(await dispatchDue(db(), s, night)).toMatchObject({ sent: 0 });
    expect(await dispatchDue(db(), s, new Date('2026-12-03T06:00:00Z'))).toMatchObject({ sent: 2 });
  });

  it('refuses a push endpoint outside the allowed push services, and a malformed subscription, with 4xx errors', async () => {
    const sub = push.subscribe();
    await expect(subscribePush({ ...sub, endpoint: 'https://evil.example/push/x' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('evil.example') });
    await expect(subscribePush({ ...sub, keys: { p256dh: 'short', auth: sub.keys.auth } }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
    await expect(saveNotificationPreferences({ quietStart: '22:00' }, ctx(PAUL))).rejects.toMatchObject({ code: 'validation' });
    // Subscribing twice is one row; unsubscribing twice is not an error.
    await subscribePush(sub, ctx(PAUL));
    await subscribePush(sub, ctx(PAUL));
    expect(await db().pushSubscription.count({ where: { endpoint: sub.endpoint } })).toBe(1);
    expect(await unsubscribePush({ endpoint: sub.endpoint }, ctx(PAUL))).toEqual({ removed: true });
    expect(await unsubscribePush({ endpoint: sub.endpoint }, ctx(PAUL))).toEqual({ removed: false });
    const audit = await db().auditEvent.findMany({ where: { action: { startsWith: 'notifications.' } }, select: { action: true, outcome: true } });
    expect(audit).toEqual(expect.arrayContaining([{ action: 'notifications.push.subscribe', outcome: 'denied' }, { action: 'notifications.push.unsubscribe', outcome: 'ok' }]));
  });
});
