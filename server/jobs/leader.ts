import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { log } from '../log';

// Background jobs run on exactly one replica: a lease row per job in `job_leases`, taken or renewed
// with one conditional UPDATE (works through any connection pool, PGlite included). Jobs must still
// make their effects idempotent (conditional updates), since a lease can expire mid-run.

const INSTANCE = randomBytes(6).toString('hex');

export async function tryLead(db: Db, job: string, leaseMs: number, instance = INSTANCE): Promise<boolean> {
  await db.$executeRaw`INSERT INTO job_leases (name, holder, until) VALUES (${job}, '', to_timestamp(0)) ON CONFLICT (name) DO NOTHING`;
  const n = await db.$executeRaw`
    UPDATE job_leases SET holder = ${instance}, until = now() + (${leaseMs}::int * interval '1 millisecond')
    WHERE name = ${job} AND (holder = ${instance} OR until < now())`;
  return n === 1;
}

export interface JobHandle {
  stop(): void;
}

/** Runs `tick` every `intervalMs` on the replica holding the job's lease. Errors are logged, never thrown. */
export function runAsLeader(
  db: () => Promise<Db>,
  job: string,
  intervalMs: number,
  tick: (db: Db) => Promise<void>,
  instance = INSTANCE,
): JobHandle {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    try {
      const client = await db();
      if (await tryLead(client, job, intervalMs * 3, instance)) await tick(client);
    } catch (e) {
      log.warn({ job, err: (e as Error).message }, 'background job tick failed');
    }
    if (!stopped) timer = setTimeout(loop, intervalMs).unref();
  };
  timer = setTimeout(loop, 0).unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
