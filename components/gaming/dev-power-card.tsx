'use client';
import { QueryClientContext, QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { useLiveStream } from '@/components/live/use-live-stream';
import { getQueryClient } from '@/components/providers/query-client';
import type { DevPowerDto } from '@/lib/gaming/types';
import { Card } from '@/components/ui/card';

// Admin: stop or start the DEV cluster's VMs (same pre-flight and audit as gaming, on the server).
// The key sits under ['gaming'] so the same live events refresh it.

const KEY = ['gaming', 'dev-power'] as const;

async function call(body?: unknown): Promise<DevPowerDto> {
  const res = await fetch('/api/dev-power', body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { cache: 'no-store' });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(json?.error?.message ?? `The panel answered ${res.status}.`);
  return json as DevPowerDto;
}

function Body() {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => call() });
  const m = useMutation({ mutationFn: (action: 'start' | 'stop') => call({ action }), onSuccess: (d) => qc.setQueryData(KEY, d) });
  if (q.isPending) return <p className="text-sm text-slate-500">Checking the DEV cluster…</p>;
  if (q.isError) return <p role="alert" className="text-sm text-red-700">{q.error.message}</p>;
  const running = q.data.vms.some((v) => v.running);
  const btn = 'min-h-11 rounded-lg px-4 py-2 font-semibold disabled:opacity-50';
  return (
    <div data-testid="dev-power">
      {q.data.notice ? <p className="text-sm text-amber-800">{q.data.notice}</p> : null}
      <ul className="text-sm">
        {q.data.vms.map((v) => (
          <li key={v.vmid}>
            {v.name} ({v.memoryGiB} GB): <strong>{v.running ? 'running' : 'off'}</strong>
          </li>
        ))}
      </ul>
      <div className="mt-3 flex gap-2">
        <button type="button" className={`${btn} bg-slate-200 dark:bg-slate-700`} disabled={m.isPending || !running} onClick={() => m.mutate('stop')}>
          Stop DEV
        </button>
        <button type="button" className={`${btn} bg-emerald-700 text-white`} disabled={m.isPending || q.data.vms.every((v) => v.running)} onClick={() => m.mutate('start')}>
          Start DEV
        </button>
      </div>
      {m.error ? <p role="alert" className="mt-2 text-sm text-red-700">{m.error.message}</p> : null}
    </div>
  );
}

export function DevPowerCard() {
  const outer = useContext(QueryClientContext);
  // Keeps the tab's event stream open while the card is shown: 'gaming' events invalidate ['gaming'].
  useLiveStream();
  const own = outer ? null : getQueryClient();
  const card = (
    <Card title="DEV cluster power">
      <Body />
    </Card>
  );
  return own ? <QueryClientProvider client={own}>{card}</QueryClientProvider> : card;
}
