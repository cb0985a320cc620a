'use client';
import { gib, PLAN, type SegmentKind } from '@/lib/capacity';
import { formatGb, formatTime } from '@/lib/format';
import type { CapacityDto } from '@/lib/live/dto';
import { useI18n } from '../providers/i18n';
import { Card } from '../ui/card';
import { FreshnessNote } from '../ui/freshness';
import { Meter } from '../ui/meter';
import { StackedBar } from '../ui/stacked-bar';
import { StatusDot } from '../ui/status-dot';
import { useNow } from '../ui/use-now';

const SEG_CLASS: Record<SegmentKind, string> = {
  reserve: 'bg-slate-500',
  dev: 'bg-amber-500',
  prod: 'bg-blue-600',
  gaming: 'bg-fuchsia-600',
  other: 'bg-teal-600',
  free: 'bg-slate-100 dark:bg-slate-800',
};

export function ProxmoxPanel({ p, fetchedAt, compact = false }: { p: CapacityDto['proxmox']; fetchedAt: number; compact?: boolean }) {
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const gb = (b: number) => gib(b);
  let body: React.ReactNode;
  if (!p.configured) body = <p>{t('capacity.proxmoxNotConfigured')}</p>;
  else if (!p.capacity) {
    const time = p.freshness.lastSuccess ? formatTime(p.freshness.lastSuccess, locale, now || undefined) : null;
    body = (
      <p role="status" data-testid="proxmox-down" suppressHydrationWarning>
        <StatusDot tone="bad" label={time ? t('capacity.proxmoxDown', { time }) : t('capacity.proxmoxDownNever')} />
      </p>
    );
  } else {
    const c = p.capacity;
    body = (
      <div className="grid gap-3">
        <p className="font-semibold" data-testid="capacity-mode" data-mode={c.mode}>
          {t('capacity.mode', { mode: t(`capacity.mode.${c.mode}`) })} · {t('capacity.used', { used: gb(c.usedBytes), total: gb(c.totalBytes) })}
        </p>
        {c.devWhileGaming ? <StatusDot tone="warn" label={t('capacity.devWhileGaming')} /> : null}
        <StackedBar
          label={t('capacity.proxmox')}
          total={Math.max(c.totalBytes, c.usedBytes)}
          segments={c.segments.filter((s) => !compact || s.bytes > 0).map((s) => ({ key: s.kind, label: t(`capacity.seg.${s.kind}`), value: s.bytes, valueText: formatGb(s.bytes, locale), className: SEG_CLASS[s.kind] }))}
        />
        {!compact && p.whatIfs.length ? (
          <section aria-labelledby="whatif-h">
            <h3 id="whatif-h" className="font-semibold">{t('capacity.whatIf')}</h3>
            <ul className="grid gap-1" data-testid="what-ifs">
              {p.whatIfs.map((w) => {
                const verdict = w.fits ? t('capacity.fits') : w.fitsAfterStoppingDev ? t('capacity.noFitStopDev') : t('capacity.noFit');
                return (
                  <li key={w.action}>
                    <StatusDot tone={w.fits ? 'good' : 'bad'} label={`${t(`capacity.whatIf.${w.action}`, { used: gb(w.usedBytes), total: gb(w.totalBytes) })} (${verdict})`} />
                  </li>
                );
              })}
            </ul>
          </section>
        ) : null}
      </div>
    );
  }
  return (
    <div data-testid="proxmox-card">
      <Card title={t('capacity.proxmox')}>
        <div className="grid gap-2">
          {body}
          {p.configured ? <FreshnessNote f={p.freshness} source="Proxmox" fetchedAt={fetchedAt} /> : null}
        </div>
      </Card>
    </div>
  );
}

export function OciPanel({ o, fetchedAt }: { o: CapacityDto['oci']; fetchedAt: number }) {
  const { t, locale } = useI18n();
  const c = o.capacity;
  return (
    <div data-testid="oci-card">
      <Card title={t('capacity.oci')}>
        {!o.configured || !c ? (
          <p>{t('capacity.oci.missing')}</p>
        ) : (
          <div className="grid gap-2">
            <Meter label={t('capacity.oci.allocatable')} used={c.allocatableBytes} total={c.totalBytes} text={t('cluster.usedOf', { used: formatGb(c.allocatableBytes, locale), total: formatGb(c.totalBytes, locale) })} />
            <Meter label={t('capacity.oci.requested')} used={c.requestedBytes} total={c.allocatableBytes} text={t('cluster.usedOf', { used: formatGb(c.requestedBytes, locale), total: formatGb(c.allocatableBytes, locale) })} />
            <Meter label={t('capacity.oci.used')} used={c.usedBytes} total={c.allocatableBytes} text={c.usedBytes === null ? t('cluster.noMetrics') : t('cluster.usedOf', { used: formatGb(c.usedBytes, locale), total: formatGb(c.allocatableBytes, locale) })} />
            {o.freshness ? <FreshnessNote f={o.freshness} source={o.cluster} fetchedAt={fetchedAt} /> : null}
          </div>
        )}
      </Card>
    </div>
  );
}

/** The architecture's §8 plan beside what is measured now. */
export function PlanTable({ d }: { d: CapacityDto }) {
  const { t } = useI18n();
  const seg = (k: SegmentKind) => d.proxmox.capacity?.segments.find((s) => s.kind === k)?.bytes;
  const m = (b: number | null | undefined) => (b === null || b === undefined ? '—' : t('capacity.gb', { n: gib(b) }));
  const mode = d.proxmox.capacity?.mode;
  const rows: [string, number, string][] = [
    [t('capacity.seg.reserve'), PLAN.proxmox.host + PLAN.proxmox.zfsArc, m(seg('reserve'))],
    [t('capacity.seg.dev'), PLAN.proxmox.dev, m(seg('dev'))],
    [t('capacity.seg.prod'), PLAN.proxmox.prod, m(seg('prod'))],
    [t('capacity.seg.gaming'), PLAN.proxmox.gaming, m(seg('gaming'))],
    ...(['Normal', 'Testing', 'Gaming'] as const).map((md): [string, number, string] => [t('capacity.plan.mode', { mode: t(`capacity.mode.${md}`) }), PLAN.modes[md], md === mode ? m(d.proxmox.capacity?.usedBytes) : '—']),
    [t('capacity.plan.ociK8s'), PLAN.oci.kubernetesMvp, m(d.oci.capacity?.requestedBytes)],
  ];
  return (
    <Card title={t('capacity.plan')}>
      <table className="w-full text-left text-sm">
        <thead>
          <tr>
            <th scope="col" className="py-1">{t('capacity.plan.item')}</th>
            <th scope="col" className="py-1 text-right">{t('capacity.plan.planned')}</th>
            <th scope="col" className="py-1 text-right">{t('capacity.plan.measured')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, plan, measured]) => (
            <tr key={label} className="border-t border-slate-200 dark:border-slate-800">
              <th scope="row" className="py-1 font-normal">{label}</th>
              <td className="py-1 text-right tabular-nums">{t('capacity.gb', { n: plan })}</td>
              <td className="py-1 text-right tabular-nums">{measured}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
