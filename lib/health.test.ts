import { describe, expect, it } from 'vitest';
import { buildTiles, homeHealth, tileState } from './health';
import type { AppDto } from './live/types';

const app = (name: string, cluster: string, o: Partial<AppDto> = {}, meta: Partial<AppDto['meta']> = {}): AppDto => ({
  name: `${name}-${cluster}`, appNamespace: 'argocd', cluster, namespace: 'media', sync: 'Synced', health: 'Healthy', healthSince: 1000, revision: null, images: [], resourceVersion: '1',
  meta: { displayName: name, description: null, url: `https://${name}.example`, icon: 'music', group: null, audience: 'family', authTier: 2, ...meta }, ...o,
});
const input = (apps: AppDto[], o: Partial<Parameters<typeof buildTiles>[0]> = {}) => ({ apps, appsReachable: true, appsLastGood: 1, unreachable: new Map<string, number | null>(), ...o });

describe('family tiles', () => {
  it('one tile per family service with a link, the non-DEV app when both run it, sorted by name', () => {
    const tiles = buildTiles(input([app('Music', 'cloud'), app('Komga', 'dev', { health: 'Degraded' }), app('Komga', 'prod'), app('Grafana', 'prod', {}, { audience: 'admin' }), app('NoLink', 'prod', {}, { url: null })]));
    expect(tiles.map((t) => [t.name, t.cluster, t.state])).toEqual([
      ['Komga', 'prod', 'up'],
      ['Music', 'cloud', 'up'],
    ]);
  });

  it('unknown (with the last good time) when Argo CD or the service cluster cannot be reached', () => {
    expect(buildTiles(input([app('Music', 'cloud')], { appsReachable: false, appsLastGood: 77 }))[0]).toMatchObject({ state: 'unknown', since: 77 });
    expect(buildTiles(input([app('Music', 'cloud')], { unreachable: new Map([['cloud', 55]]) }))[0]).toMatchObject({ state: 'unknown', since: 55 });
  });

  it('maps Argo CD health to plain states', () => {
    expect(['Healthy', 'Progressing', 'Degraded', 'Missing', 'Suspended', 'Unknown'].map((h) => tileState(h as never))).toEqual(['up', 'updating', 'down', 'down', 'unknown', 'unknown']);
  });
});

describe('health in plain words', () => {
  it('everything is running', () => {
    expect(homeHealth(buildTiles(input([app('Music', 'cloud')])))).toEqual({ kind: 'ok' });
    expect(homeHealth([])).toEqual({ kind: 'empty' });
  });

  it('names what is down first, with since when', () => {
    const h = homeHealth(buildTiles(input([app('Music', 'cloud', { health: 'Degraded', healthSince: 5000 }), app('Books', 'prod', { health: 'Progressing' }), app('Photos', 'cloud')])));
    expect(h).toEqual({ kind: 'problems', items: [{ name: 'Music', state: 'down', since: 5000 }, { name: 'Books', state: 'updating', since: 1000 }] });
  });
});
