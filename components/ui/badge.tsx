const TONES = {
  neutral: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100',
  good: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  warn: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  bad: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  info: 'bg-blue-100 text-blue-900 dark:bg-blue-900 dark:text-blue-100',
} as const;

export type Tone = keyof typeof TONES;

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: React.ReactNode }) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${TONES[tone]}`}>{children}</span>;
}
