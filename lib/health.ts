// The family's view of the homelab: one tile per service meant for them, and the state of things
// in plain words ("Everything is running" / "Music is down since 14:05"). Pure; the words
// themselves come from the message catalogue (lib/i18n), this decides what to say.
import type { TileGlyph } from './icons';
import type { AppDto, HealthStatus } from './live/types';

export type TileState = 'up' | 'updating' | 'down' | 'unknown';

export interface ServiceTile {
  id: string;
  name: string;
  description: string | null;
  icon: string | null;
  /** What the tile draws instead of the initial (resolved on the server from `icon`); null: the initial. */
  glyph: TileGlyph | null;
  group: string | null;
  url: string;
  state: TileState;
  /** Epoch ms the state began (down since …), or the last good time when unknown. */
  since: number | null;
  cluster: string;
}

export function tileState(h: HealthStatus): TileState {
  if (h === 'Healthy') return 'up';
  if (h === 'Progressing') return 'updating';
  if (h === 'Degraded' || h === 'Missing') return 'down';
  return 'unknown';
}

/** DEV validates the PROD manifests with the same annotations: the family's tile is the non-DEV app. */
const isDevCluster = (name: string) => /^dev(-|$)/.test(name);

export interface TileInput {
  apps: Iterable<AppDto>;
  /** Apps source down: every tile is unknown since the last good data. */
  appsLastGood: number | null;
  appsReachable: boolean;
  /** Destination clusters the panel cannot reach, with their last good time. */
  unreachable: Map<string, number | null>;
}

export function buildTiles(input: TileInput): ServiceTile[] {
  const byUrl = new Map<string, AppDto>();
  for (const a of input.apps) {
    if (a.meta.audience !== 'family' || !a.meta.url) continue;
    const cur = byUrl.get(a.meta.url);
    if (!cur || (isDevCluster(cur.cluster) && !isDevCluster(a.cluster))) byUrl.set(a.meta.url, a);
  }
  const tiles: ServiceTile[] = [];
  for (const [url, a] of byUrl) {
    let state = tileState(a.health);
    let since = a.healthSince;
    if (!input.appsReachable) {
      state = 'unknown';
      since = input.appsLastGood;
    } else if (input.unreachable.has(a.cluster)) {
      state = 'unknown';
      since = input.unreachable.get(a.cluster) ?? null;
    }
    tiles.push({ id: `${a.appNamespace}/${a.name}`, name: a.meta.displayName, description: a.meta.description, icon: a.meta.icon, glyph: null, group: a.meta.group, url, state, since, cluster: a.cluster });
  }
  // Grouped tiles first, by group, then the ungrouped ones; by name within.
  return tiles.sort((x, y) => (x.group === null ? 1 : 0) - (y.group === null ? 1 : 0) || (x.group ?? '').localeCompare(y.group ?? '') || x.name.localeCompare(y.name));
}

export type HomeHealth =
  | { kind: 'ok' }
  | { kind: 'empty' }
  | { kind: 'problems'; items: { name: string; state: Exclude<TileState, 'up'>; since: number | null }[] };

/** Worst first: down, then can't-check, then updating; at most `max` named. */
export function homeHealth(tiles: ServiceTile[], max = 4): HomeHealth {
  if (tiles.length === 0) return { kind: 'empty' };
  const rank: Record<TileState, number> = { down: 0, unknown: 1, updating: 2, up: 3 };
  const bad = tiles.filter((t) => t.state !== 'up').sort((a, b) => rank[a.state] - rank[b.state] || a.name.localeCompare(b.name));
  if (bad.length === 0) return { kind: 'ok' };
  return { kind: 'problems', items: bad.slice(0, max).map((t) => ({ name: t.name, state: t.state as Exclude<TileState, 'up'>, since: t.since })) };
}
