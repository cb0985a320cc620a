import type { GamingStateDto } from '@/lib/gaming/types';

// What a tap on Start would do, or why it would be refused, in plain words.
export function PreflightList({ preflight }: { preflight: NonNullable<GamingStateDto['preflight']> }) {
  return (
    <div data-testid="gaming-preflight" className="mt-2 text-sm">
      {preflight.refusal ? <p className="font-medium text-red-800 dark:text-red-300">Can&apos;t start now: {preflight.refusal}</p> : null}
      {preflight.note ? <p className="font-medium text-amber-800 dark:text-amber-200">{preflight.note}</p> : null}
      <details className="mt-1">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-400">Checks</summary>
        <ul className="mt-1 space-y-0.5">
          {preflight.checks.map((c) => (
            <li key={c.id}>
              <span aria-hidden>{c.ok ? '✓' : '✗'}</span> {c.message}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
