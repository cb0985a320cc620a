import 'server-only';
import { z } from 'zod';
import { healthAvailability, spansIn } from '@/lib/history/uptime';
import { DAY_MS, STRIP_BUCKETS, strip, WEEK_MS, type ServiceHistoryDto } from '@/lib/history/dto';
import { requirePermission } from '../../auth/guard';
import { NotFoundError } from '../../errors';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { parseInput } from '../../validation';
import { healthChanges, reachabilityChanges, watchedSpans } from './internal/read';

const Input = z
  .object({
    cluster: z.string().regex(/^[a-z0-9-]{1,42}$/, 'expected a cluster name like "prod"'),
    app: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,252}$/, 'expected an application name like "komga"'),
  })
  .strict();

/** One service's availability over the last 24 h and 7 days: strips, uptime and outages. */
export async function getServiceHistory(input: unknown, ctx: LiveCtx = liveCtx()): Promise<ServiceHistoryDto> {
  await requirePermission('dashboard:view', ctx);
  const { cluster, app } = parseInput(Input, input);
  const store = ctx.live();
  await store.ready();
  const current = store.appList().find((a) => a.cluster === cluster && a.name === app);
  if (!current) throw new NotFoundError(`There is no service "${app}" on "${cluster}".`);
  const db = await ctx.db();
  const now = Date.now();
  const week = { from: now - WEEK_MS, to: now };
  const day = { from: now - DAY_MS, to: now };
  const [changes, reach, watched] = await Promise.all([healthChanges(db, cluster, app, week), reachabilityChanges(db, cluster, week), watchedSpans(db, week, now)]);
  // The live store may be a flush ahead of the database (the writer batches for 250 ms): its state is the latest change.
  const live = healthAvailability(current.health);
  const last = changes[changes.length - 1];
  if (!last || last.state !== live) changes.push({ at: Math.min(now, Math.max(last?.at ?? 0, current.healthSince ?? now)), state: live });
  const blind = spansIn(reach, 'down', week);
  return {
    cluster,
    app,
    displayName: current.meta.displayName,
    now,
    day: strip(changes, day, watched, blind, STRIP_BUCKETS.day),
    week: strip(changes, week, watched, blind, STRIP_BUCKETS.week),
  };
}
