import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { log } from '../log';

// Background jobs run on exactly one replica: a lease row per job in `job_leases`, taken or renewed
// with one conditional UPDATE (works through any connection pool, PGlite included). Jobs must still
// make their effects idempotent (conditional updates), since a lease can expire mid-run.

const INSTANCE = randomBytes(6).toString('hex');
/** Every holder name this process has led under, so a shutdown can hand all of its leases back. */
const holders = new Set<string>([INSTANCE]);

/** A crashed leader's lease expires within one interval; the slack absorbs timer jitter. */
export const LEASE_SLACK_MS = 500;
export const leaseFor = (intervalMs: number) => intervalMs + LEASE_SLACK_MS;

let shuttingDown = false;

export async function tryLead(db: Db, job: string, leaseMs: number, instance = INSTANCE): Promise<boolean> {
  if (shuttingDown) return false;
  holders.add(instance);
  await db.$executeRaw`INSERT INTO job_leases (name, holder, until) VALUES (${job}, '', to_timestamp(0)) ON CONFLICT (name) DO NOTHING`;
  const n = await db.$executeRaw`
    UPDATE job_leases SET holder = ${instance}, until = now() + (${leaseMs}::int * interval '1 millisecond')
    WHERE name = ${job} AND (holder = ${instance} OR until < now())`;
  return n === 1;
}

/** Hands this process's leases back (shutdown): a fresh process takes the jobs on its next tick. */
export async function releaseLeases(db: Db, only: string[] = [...holders]): Promise<number> {
  if (only.length === 0) return 0;
  return db.$executeRaw`UPDATE job_leases SET holder = '', until = to_timestamp(0) WHERE holder = ANY(${only}::text[])`;
}

/**
 * On SIGTERM/SIGINT (a rollout, `docker stop`, Ctrl-C): lead nothing more and hand every lease back
 * at once, so the replica that carries on (or the fresh process) runs the jobs on its next tick
 * instead of waiting for the lease to expire. Prepended so it starts before Next.js's own exit.
 */
export function releaseLeasesOnShutdown(db: () => Promise<Db>): void {
  const g = globalThis as unknown as { __leaseRelease?: boolean };
  if (g.__leaseRelease) return;
  g.__leaseRelease = true;
  const release = () => {
    shuttingDown = true;
    const done = db()
      .then((client) => releaseLeases(client))
      .then((n) => log.info({ released: n }, 'job leases handed back on shutdown'))
      .catch((e: Error) => log.warn({ err: e.message }, 'job leases not handed back; they expire within one interval'));
    // Next.js ends its own SIGTERM handling with process.exit(); let that wait for the UPDATE
    // (bounded), or a quick exit would race it and leave the leases to expire instead.
    const exit = process.exit.bind(process);
    const bounded = Promise.race([done, new Promise((r) => setTimeout(r, 2_000).unref())]);
    process.exit = ((code?: number) => void bounded.finally(() => exit(code))) as typeof process.exit;
  };
  process.prependOnceListener('SIGTERM', release);
  process.prependOnceListener('SIGINT', release);
}

export interface JobHandle {
  stop(): void;
}

/**
 * Runs `tick` every `intervalMs` on the replica holding the job's lease, at a fixed rate (the next
 * round is due one interval after this one started), so the lease of one interval is renewed in
 * time. Errors are logged, never thrown.
 */
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
    const started = Date.now();
    try {
      const client = await db();
      if (await tryLead(client, job, leaseFor(intervalMs), instance)) await tick(client);
    } catch (e) {
      log.warn({ job, err: (e as Error).message }, 'background job tick failed');
    }
    if (!stopped) timer = setTimeout(loop, Math.max(0, intervalMs - (Date.now() - started))).unref();
  };
  timer = setTimeout(loop, 0).unref();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
