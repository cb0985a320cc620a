import type { EndReason, GamingSessionDto } from '@/lib/gaming/types';

const HOW: Record<EndReason, string> = {
  stopped: 'Stopped',
  lease: 'Time was up',
  idle: 'Idle',
  failed: "Couldn't start",
  cancelled: 'Cancelled',
  external: 'Shut down from Windows',
};

const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

function how(s: GamingSessionDto): string {
  if (!s.endReason) return s.state === 'ended' ? 'Ended' : 'Running now';
  const base = HOW[s.endReason];
  if (s.endReason === 'stopped' && s.stoppedByName) return `${base} by ${s.stoppedByName.split(' ')[0]}`;
  if (s.endReason === 'failed' && s.failure) return s.failure;
  return base;
}

export function HistoryTable({ sessions, showWho }: { sessions: GamingSessionDto[]; showWho: boolean }) {
  if (sessions.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No gaming sessions yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            {showWho ? <th className="py-1 pr-3">Who</th> : null}
            <th className="py-1 pr-3">Started</th>
            <th className="py-1 pr-3">Ended</th>
            <th className="py-1 pr-3">Played</th>
            <th className="py-1">How it ended</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id} data-testid="gaming-session" className="border-b border-slate-100 dark:border-slate-800">
              {showWho ? <td className="py-1 pr-3">{s.startedByName}</td> : null}
              <td className="py-1 pr-3">{when(s.startedAt)}</td>
              <td className="py-1 pr-3">{s.endedAt ? when(s.endedAt) : '—'}</td>
              <td className="py-1 pr-3">{s.durationMinutes === null ? '—' : `${Math.floor(s.durationMinutes / 60)} h ${s.durationMinutes % 60} min`}</td>
              <td className="py-1">{how(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
