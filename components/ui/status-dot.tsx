// A status shown as a shape + a word (colour is never the only signal).
const STYLE = {
  good: { cls: 'text-emerald-700 dark:text-emerald-400', glyph: '●' },
  warn: { cls: 'text-amber-700 dark:text-amber-400', glyph: '◐' },
  bad: { cls: 'text-red-700 dark:text-red-400', glyph: '▲' },
  unknown: { cls: 'text-slate-600 dark:text-slate-400', glyph: '○' },
} as const;

export type DotTone = keyof typeof STYLE;

export function StatusDot({ tone, label, className = '' }: { tone: DotTone; label: string; className?: string }) {
  const s = STYLE[tone];
  return (
    <span className={`inline-flex items-center gap-1 text-sm font-medium ${className}`} data-tone={tone}>
      <span aria-hidden="true" className={s.cls}>
        {s.glyph}
      </span>
      {label}
    </span>
  );
}
