// The database-backed metrics, scraped from a real PostgreSQL and from PGlite: promotions by state,
// gaming sessions not ended by state, and sessions ended by reason, every known label present.
import { describe, expect, it } from 'vitest';
import { DB_KINDS, useTestDatabase } from '@/test/databases';
import { PROMOTION_STATES } from '@/lib/promotions/state';
import { metrics } from './metrics';
import { registerDomainMetrics } from './metrics-domain';

const series = (text: string, name: string) =>
  Object.fromEntries([...text.matchAll(new RegExp(`^${name}\\{(\\w+)="(\\w+)"\\} (\\d+)$`, 'gm'))].map((m) => [m[2], Number(m[3])]));

describe.each(DB_KINDS)('domain metrics (%s)', (kind) => {
  const database = useTestDatabase(kind);

  it('count promotions by state and gaming sessions from the database at scrape time', async () => {
    const db = database().client;
    const promotion = (state: 'proposed' | 'live' | 'failed') =>
      db.promotion.create({ data: { state, services: ['grafana'], title: 'grafana 1.2.3', changes: [], baseSha: 'a', devSha: 'b', proposedBy: 'sub-paul' } });
    await Promise.all([promotion('proposed'), promotion('proposed'), promotion('live'), promotion('failed')]);
    const session = (vmid: number, state: 'ready' | 'ended', endReason?: 'lease' | 'idle') =>
      db.gamingSession.create({
        data: { vmid, state, startedBy: 'sub-marie', startedByName: 'Marie', startedByRole: 'family', leaseEndsAt: new Date(Date.now() + 3_600_000), ...(endReason ? { endedAt: new Date(), endReason } : {}) },
      });
    await Promise.all([session(300, 'ready'), session(300, 'ended', 'lease'), session(300, 'ended', 'lease'), session(300, 'ended', 'idle')]);

    registerDomainMetrics(async () => db);
    const text = await metrics.render();
    expect(text).toContain('# TYPE panel_promotions gauge');
    expect(text).toContain('# TYPE panel_gaming_sessions_ended_total counter');
    for (const line of text.trim().split('\n').filter(Boolean)) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{.*\})? -?[\d.e+]+)$/);
    expect(series(text, 'panel_promotions')).toMatchObject({ proposed: 2, live: 1, failed: 1, approved: 0, rejected: 0 });
    expect(Object.keys(series(text, 'panel_promotions'))).toHaveLength(PROMOTION_STATES.length);
    expect(series(text, 'panel_gaming_sessions_active')).toEqual({ starting: 0, booting: 0, ready: 1, stopping: 0 });
    expect(series(text, 'panel_gaming_sessions_ended_total')).toEqual({ stopped: 0, lease: 2, idle: 1, failed: 0, cancelled: 0, external: 0 });

    await db.gamingSession.updateMany({ where: { endedAt: null }, data: { state: 'ended', endedAt: new Date(), endReason: 'stopped' } });
    const after = await metrics.render();
    expect(series(after, 'panel_gaming_sessions_active').ready).toBe(0);
    expect(series(after, 'panel_gaming_sessions_ended_total').stopped).toBe(1);
  });
});
