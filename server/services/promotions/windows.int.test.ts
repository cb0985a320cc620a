// Promotion windows and freezes on PostgreSQL and PGlite: set by the admin (audited, validated, one
// row for a double click), shown as a gate, and enforced on approval (no override) and auto-promotion.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMOTION_CONFIG } from '@/lib/promotions/config';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { MARIE, PAUL, testCtx } from '@/test/ctx';
import type { Actor } from '../../context';
import { addWindow } from './add-window';
import { approvePromotion } from './approve-promotion';
import { autoPromote } from './auto-promote';
import type { PromotionCtx } from './internal/ctx';
import { listWindows } from './list-windows';
import { removeWindow } from './remove-window';

describe.each(DB_KINDS)('promotion windows on %s', (kind) => {
  const database = useTestDatabase(kind);
  // Tuesday 15 December 2026, 11:00 in Paris: inside the exam-week freeze below.
  const now = new Date('2026-12-15T10:00:00Z');
  const ctx = (actor: Actor = PAUL): PromotionCtx => ({
    ...testCtx(database().client, actor),
    github: () => {
      throw new Error('no repository in this test: nothing may reach GitHub during a freeze');
    },
    apps: () => async () => null,
    settings: () => ({ ...DEFAULT_PROMOTION_CONFIG, services: { komga: { auto: { enabled: true } } } }),
    now: () => now,
    timeZone: () => 'Europe/Paris',
  });
  const exam = { kind: 'freeze', startsAt: '2026-12-14T00:00', endsAt: '2026-12-19T18:00', reason: 'exam week' };

  it('adds a freeze once for a double click, read in the owner’s time zone, audited; family may not', async () => {
    const [a, b] = await Promise.all([addWindow(exam, ctx()), addWindow(exam, ctx())]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ kind: 'freeze', startsAt: '2026-12-13T23:00:00.000Z', endsAt: '2026-12-19T17:00:00.000Z', reason: 'exam week', createdBy: PAUL.name });
    await expect(addWindow(exam, ctx(MARIE))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addWindow({ ...exam, endsAt: '2026-12-13T00:00' }, ctx())).rejects.toMatchObject({ code: 'validation', message: 'The freeze must end after it starts.' });
    await expect(addWindow({ kind: 'window', days: [], from: '09:00', to: '17:00', reason: 'x' }, ctx())).rejects.toMatchObject({ code: 'validation' });
    const w = await listWindows(ctx());
    expect(w.rules).toHaveLength(1);
    expect(w.gate).toMatchObject({ status: 'failed', detail: { code: 'gate.window.frozen', params: { reason: 'exam week', until: '2026-12-19 18:00', zone: 'Europe/Paris' } } });
    const audit = await database().client.auditEvent.findMany({ where: { action: 'promotion.window.add' }, select: { outcome: true } });
    expect(audit.filter((r) => r.outcome === 'ok')).toHaveLength(2);
    expect(audit.filter((r) => r.outcome === 'denied').length).toBeGreaterThanOrEqual(1);
  });

  it('refuses an approval during the freeze with its reason, even "approve anyway", and audits the refusal', async () => {
    const p = await database().client.promotion.create({ data: { services: ['komga'], title: 'promote(komga): 0.9 → 1.0', changes: [], baseSha: 'a', devSha: 'a', proposedBy: 'Paul' } });
    const refused = approvePromotion({ id: p.id, overrideGates: true }, ctx());
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: 'PROD is frozen until 2026-12-19 18:00 (Europe/Paris): exam week. Nothing was committed.', msg: { code: 'srv.window.frozen' } });
    expect((await database().client.promotion.findUniqueOrThrow({ where: { id: p.id } })).state).toBe('proposed');
    const row = await database().client.auditEvent.findFirst({ where: { action: 'promotion.approve', outcome: 'denied' } });
    expect(row?.details).toMatchObject({ id: p.id, reason: expect.stringContaining('exam week') });
  });

  it('keeps auto-promotion away during the freeze (it does not even read the repository)', async () => {
    expect(await autoPromote(ctx())).toBeNull();
  });

  it('weekly windows: outside them a promotion waits; removing the freeze and the window lifts the gate', async () => {
    const w = await addWindow({ kind: 'window', days: ['sat', 'sun'], from: '10:00', to: '12:00', reason: 'weekends only' }, ctx());
    const all = await listWindows(ctx());
    for (const r of all.rules.filter((x) => x.kind === 'freeze')) await removeWindow({ id: r.id }, ctx());
    expect((await listWindows(ctx())).gate).toMatchObject({ status: 'waiting', detail: { code: 'gate.window.closed', params: { windows: 'sat, sun 10:00–12:00' } } });
    const p = await database().client.promotion.findFirstOrThrow({ where: { state: 'proposed' } });
    await expect(approvePromotion({ id: p.id }, ctx())).rejects.toMatchObject({ code: 'conflict', msg: { code: 'srv.window.closed' } });
    expect(await removeWindow({ id: w.id }, ctx())).toEqual({ removed: true });
    expect(await removeWindow({ id: w.id }, ctx())).toEqual({ removed: false });
    expect((await listWindows(ctx())).gate).toMatchObject({ status: 'passed', detail: { code: 'gate.window.anyTime' } });
  });
});
