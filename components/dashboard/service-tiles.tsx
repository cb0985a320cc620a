'use client';
import type { ServiceTile, TileState } from '@/lib/health';
import { useI18n } from '../providers/i18n';
import { StatusDot, type DotTone } from '../ui/status-dot';

// The family's services as big tap targets: icon, name, status (shape + word), the link.
const TONE: Record<TileState, DotTone> = { up: 'good', updating: 'warn', down: 'bad', unknown: 'unknown' };
// A letter badge rather than an emoji: emoji fonts are missing on some desktops (boxes instead of icons).
// The colour follows the icon annotation so related services look alike; it is decoration only.
const BADGE = ['bg-blue-700', 'bg-emerald-700', 'bg-fuchsia-700', 'bg-amber-700', 'bg-teal-700', 'bg-rose-700', 'bg-indigo-700', 'bg-slate-700'];
const badgeClass = (key: string) => BADGE[[...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % BADGE.length];

export function ServiceTiles({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useI18n();
  if (tiles.length === 0) return <p className="text-slate-600 dark:text-slate-400">{t('home.noServices')}</p>;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" data-testid="service-tiles">
      {tiles.map((s) => (
        <li key={s.id}>
          <a
            href={s.url}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={`${t('tile.open', { name: s.name })} (${t(`tile.${s.state}`)})`}
            data-testid="service-tile"
            data-state={s.state}
            className="flex min-h-24 flex-col gap-1 rounded-xl border border-slate-200 bg-white p-3 shadow-sm hover:border-blue-500 dark:border-slate-800 dark:bg-slate-900"
          >
            <span aria-hidden="true" className={`flex h-9 w-9 items-center justify-center rounded-lg text-lg font-bold text-white ${badgeClass(s.icon ?? s.name)}`}>
              {s.name.charAt(0).toUpperCase()}
            </span>
            <span className="font-semibold">{s.name}</span>
            <StatusDot tone={TONE[s.state]} label={t(`tile.${s.state}`)} />
          </a>
        </li>
      ))}
    </ul>
  );
}
