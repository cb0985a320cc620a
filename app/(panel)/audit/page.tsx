import type { Metadata } from 'next';
import Link from 'next/link';
import { AUDIT_OUTCOMES, auditQueryFromSearch } from '@/lib/audit';
import { AppError } from '@/server/errors';
import { listAuditEvents } from '@/server/services/audit/list-audit-events';
import { AuditTable } from './_components/audit-table';

export const metadata: Metadata = { title: 'Audit log' };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = auditQueryFromSearch(await searchParams);
  let page;
  try {
    page = await listAuditEvents(raw);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'validation' || e.code === 'forbidden')) {
      return <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">{e.message}</p>;
    }
    throw e;
  }
  const next = page.nextCursor ? `/audit?${new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString()}` : null;
  const field = 'mt-1 w-full rounded-lg border border-slate-300 bg-white px-2 py-2 dark:border-slate-700 dark:bg-slate-900';
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-bold">Audit log</h1>
      <form method="get" className="grid grid-cols-2 gap-2 sm:grid-cols-4 sm:items-end" aria-label="Filter the audit log">
        <label className="text-sm font-medium">
          Actor
          <input name="actor" defaultValue={raw.actor ?? ''} placeholder="name or subject" className={field} />
        </label>
        <label className="text-sm font-medium">
          Action
          <input name="action" defaultValue={raw.action ?? ''} placeholder="e.g. auth." className={field} />
        </label>
        <label className="text-sm font-medium">
          Outcome
          <select name="outcome" defaultValue={raw.outcome ?? ''} className={field}>
            <option value="">Any</option>
            {AUDIT_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      <AuditTable events={page.events} />
      <div className="flex gap-3">
        {raw.cursor ? (
          <Link href="/audit" className="text-brand-600 underline">
            Newest
          </Link>
        ) : null}
        {next ? (
          <Link href={next} className="text-brand-600 underline" rel="next">
            Older events
          </Link>
        ) : null}
      </div>
    </div>
  );
}
