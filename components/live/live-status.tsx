'use client';
import { useLiveStream } from './use-live-stream';

// "Live" / "Reconnecting…" in the header. Text and a shape, never colour alone. A fixed width (the
// longest word in either language), so the header never moves when the state changes.
export function LiveStatus({ labels }: { labels: { open: string; reconnecting: string; connecting: string } }) {
  const state = useLiveStream();
  const tone = state === 'open' ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100' : 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100';
  return (
    <span role="status" aria-live="polite" data-testid="live-status" data-state={state} className={`inline-flex w-[7.25rem] shrink-0 items-center justify-center gap-1 overflow-hidden whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${tone}`}>
      <span aria-hidden="true">{state === 'open' ? '●' : '◌'}</span>
      {labels[state]}
    </span>
  );
}
