import 'server-only';
import { z } from 'zod';
import { DAY_MS, nodeBuckets, STRIP_BUCKETS, strip, WEEK_MS, type ClusterHistoryDto } from '@/lib/history/dto';
import { requirePermission } from '../../auth/guard';
import { NotFoundError } from '../../errors';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { parseInput } from '../../validation';
import { reachabilityChanges, watchedSpans } from './internal/read';

const Input = z.object({ name: z.string().regex(/^[a-z0-9-]{1,42}$/, 'expected a cluster name like "prod"') }).strict();

/** One cluster's reachability (24 h, 7 days) and its ready nodes over 7 days (the history job's samples). */
export async function getClusterHistory(input: unknown, ctx: LiveCtx = liveCtx()): Promise<ClusterHistoryDto> {
  await requirePermission('dashboard:view', ctx);
  const { name } = parseInput(Input, input);
  if (!ctx.live().clusters.has(name)) throw new NotFoundError(`There is no cluster called "${name}".`);
  const db = await ctx.db();
  const now = Date.now();
  const week = { from: now - WEEK_MS, to: now };
  const day = { from: now - DAY_MS, to: now };
  const [changes, watched, samples] = await Promise.all([
    reachabilityChanges(db, name, week),
    watchedSpans(db, week, now),
    db.nodeReadySample.findMany({ where: { cluster: name, at: { gte: new Date(week.from) } }, orderBy: { at: 'asc' }, take: 5_000 }),
  ]);
  return {
    cluster: name,
    now,
    reachability: { day: strip(changes, day, watched, [], STRIP_BUCKETS.day), week: strip(changes, week, watched, [], STRIP_BUCKETS.week) },
    nodes: nodeBuckets(
      samples.map((s) => ({ at: s.at.getTime(), reachable: s.reachable, ready: s.ready, total: s.total })),
      week,
      STRIP_BUCKETS.week,
    ),
  };
}
