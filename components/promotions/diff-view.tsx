// The exact unified diff the commit will make: one line per row, + green / - red, scrolls sideways on
// a phone instead of wrapping (a wrapped YAML line would look like a different change).
const ROW = { add: 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100', del: 'bg-red-50 text-red-900 dark:bg-red-950 dark:text-red-100', hunk: 'text-slate-500', file: 'font-semibold', context: '' } as const;

function kindOf(line: string): keyof typeof ROW {
  if (line.startsWith('+++') || line.startsWith('---')) return 'file';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    // tabIndex: a keyboard user can scroll a long line sideways (axe: scrollable-region-focusable).
    <pre aria-label={label} data-testid="diff" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 py-2 text-xs leading-5 dark:border-slate-800 dark:bg-slate-950">
      {lines.map((l, k) => (
        <code key={k} className={`block px-3 ${ROW[kindOf(l)]}`} data-kind={kindOf(l)}>
          {l || ' '}
        </code>
      ))}
    </pre>
  );
}
