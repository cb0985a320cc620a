// One bar split into labelled segments (the Proxmox host's 64 GB). A legend with the figures
// follows, so colour is never the only way to read it.
export interface BarSegment {
  key: string;
  label: string;
  value: number;
  valueText: string;
  className: string;
}

export function StackedBar({ label, segments, total }: { label: string; segments: BarSegment[]; total: number }) {
  const shown = segments.filter((s) => s.value > 0);
  return (
    <figure className="grid gap-2">
      <div role="img" aria-label={`${label}: ${shown.map((s) => `${s.label} ${s.valueText}`).join(', ')}`} className="flex h-6 overflow-hidden rounded-lg ring-1 ring-slate-300 dark:ring-slate-700">
        {shown.map((s) => (
          <div key={s.key} className={`${s.className} h-full`} style={{ width: `${(s.value / total) * 100}%` }} />
        ))}
      </div>
      <figcaption>
        <ul className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-3">
          {segments.map((s) => (
            <li key={s.key} className="flex items-center gap-2" data-testid={`segment-${s.key}`}>
              <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-sm ${s.className}`} />
              <span>{s.label}</span>
              <span className="ml-auto tabular-nums font-medium">{s.valueText}</span>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
