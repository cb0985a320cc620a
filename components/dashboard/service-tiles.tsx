'use client';
import type { ServiceTile, TileState } from '@/lib/health';
import { useI18n } from '../providers/i18n';
import { StatusDot, type DotTone } from '../ui/status-dot';

// The family's services as big tap targets: icon, name, status (shape + word), the link. Tiles with
// a group (panel.homelab/group or Homepage's gethomepage.dev/group) come under its heading.
const TONE: Record<TileState, DotTone> = { up: 'good', updating: 'warn', down: 'bad', unknown: 'unknown' };
// Without a known icon, a letter badge rather than an emoji (emoji fonts are missing on some desktops).
// The colour follows the icon annotation so related services look alike; it is decoration only.
const BADGE = ['bg-blue-700', 'bg-emerald-700', 'bg-fuchsia-700', 'bg-amber-700', 'bg-teal-700', 'bg-rose-700', 'bg-indigo-700', 'bg-slate-700'];
const badgeClass = (key: string) => BADGE[[...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % BADGE.length];

function TileIcon({ s }: { s: ServiceTile }) {
  const g = s.glyph;
  if (g?.kind === 'svg') {
    return (
      <span aria-hidden="true" className="flex h-9 w-9 items-center justify-center rounded-lg bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100" data-icon="brand">
        <svg viewBox="0 0 24 24" className="h-6 w-6" fill="currentColor">
          <path d={g.path} />
        </svg>
      </span>
    );
  }
  if (g?.kind === 'img') {
    // eslint-disable-next-line @next/next/no-img-element -- an icon URL from an annotation, on an allowed origin; no optimiser in between
    return <img src={g.src} alt="" width={36} height={36} loading="lazy" referrerPolicy="no-referrer" className="h-9 w-9 rounded-lg object-contain" data-icon="image" />;
  }
  return (
    <span aria-hidden="true" className={`flex h-9 w-9 items-center justify-center rounded-lg text-lg font-bold text-white ${badgeClass(s.icon ?? s.name)}`} data-icon="initial">
      {s.name.charAt(0).toUpperCase()}
    </span>
  );
}

function TileList({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useI18n();
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
            <TileIcon s={s} />
            <span className="font-semibold">{s.name}</span>
            <StatusDot tone={TONE[s.state]} label={t(`tile.${s.state}`)} />
          </a>
        </li>
      ))}
    </ul>
  );
}

export function ServiceTiles({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useI18n();
  if (tiles.length === 0) return <p className="text-slate-600 dark:text-slate-400">{t('home.noServices')}</p>;
  const groups = [...new Set(tiles.map((s) => s.group))];
  if (groups.length === 1 && groups[0] === null) return <TileList tiles={tiles} />;
  return (
    <div className="grid gap-4">
      {groups.map((g) => (
        <section key={g ?? ''} aria-label={g ?? t('tile.otherGroup')} data-testid="tile-group">
          <h3 className="mb-2 text-sm font-semibold text-slate-700 dark:text-slate-300">{g ?? t('tile.otherGroup')}</h3>
          <TileList tiles={tiles.filter((s) => s.group === g)} />
        </section>
      ))}
    </div>
  );
}
