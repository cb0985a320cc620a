// A labelled "used of total" bar; the figures are always written out beside it.
import { percent } from '@/lib/format';

export function Meter({ label, used, total, text }: { label: string; used: number | null; total: number; text: string }) {
  const p = used === null ? 0 : percent(used, total);
  return (
    <div className="grid gap-1">
      <div className="flex justify-between gap-2 text-sm">
        <span className="font-medium">{label}</span>
        <span className="tabular-nums text-slate-700 dark:text-slate-300">{text}</span>
      </div>
      <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={p} aria-valuetext={text} className="h-2 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700">
        <div className={`h-full ${p > 90 ? 'bg-red-600' : p > 75 ? 'bg-amber-500' : 'bg-blue-600'}`} style={{ width: `${p}%` }} />
      </div>
    </div>
  );
}
