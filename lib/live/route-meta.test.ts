import { describe, expect, it } from 'vitest';
import { routeForApp, tileAnnotations, trackedApp, type RouteMeta } from './route-meta';
import type { AppDto } from './types';

const app = (name: string, namespace: string, appNamespace = 'argocd'): AppDto => ({
  name, appNamespace, cluster: 'prod', namespace, sync: 'Synced', health: 'Healthy', healthSince: null, revision: null, images: [], resourceVersion: '1',
  meta: { displayName: name, description: null, url: null, icon: null, group: null, audience: 'admin', authTier: null },
});
const route = (name: string, namespace: string, owner: string | null, kind: RouteMeta['kind'] = 'Ingress'): RouteMeta => ({ kind, namespace, name, app: owner, homepage: { 'gethomepage.dev/enabled': 'true', 'gethomepage.dev/name': name }, href: `https://${name}.example/` });

describe('which Application a Homepage-annotated route belongs to', () => {
  it("reads Argo CD's tracking-id annotation first, then the instance labels", () => {
    expect(trackedApp({ 'app.kubernetes.io/instance': 'helm-release' }, { 'argocd.argoproj.io/tracking-id': 'emby-prod:networking.k8s.io/Ingress:media/emby' })).toBe('emby-prod');
    expect(trackedApp({ 'argocd.argoproj.io/instance': 'emby-prod', 'app.kubernetes.io/instance': 'x' }, {})).toBe('emby-prod');
    expect(trackedApp({ 'app.kubernetes.io/instance': 'emby-prod' }, {})).toBe('emby-prod');
    expect(trackedApp({}, { 'argocd.argoproj.io/tracking-id': 'malformed' })).toBeNull();
  });

  const apps = [app('emby-prod', 'media'), app('jellyfin-prod', 'media'), app('glance-prod', 'dashboard'), app('vault', 'critical', 'team')];

  it('matches by name (also the apps-in-any-namespace form), the first route by kind and name when several do', () => {
    const routes = [route('b', 'media', 'emby-prod', 'HTTPRoute'), route('z', 'media', 'emby-prod'), route('a', 'media', 'jellyfin-prod'), route('v', 'critical', 'team_vault')];
    expect(routeForApp(apps[0], routes, apps)?.name).toBe('z');
    expect(routeForApp(apps[1], routes, apps)?.name).toBe('a');
    expect(routeForApp(apps[3], routes, apps)?.name).toBe('v');
  });

  it("falls back to the namespace only when one Application deploys there, never taking another app's route", () => {
    const unmarked = [route('m', 'media', null), route('g', 'dashboard', null), route('other', 'dashboard', 'jellyfin-prod')];
    expect(routeForApp(apps[0], unmarked, apps)).toBeNull(); // two apps in media: ambiguous
    expect(routeForApp(apps[2], unmarked, apps)?.name).toBe('g');
    expect(routeForApp(apps[2], [route('h', 'dashboard', 'glance')], apps)?.name).toBe('h'); // a Helm release name no app has
    expect(routeForApp(apps[2], [], apps)).toBeNull();
  });

  it("merges under the Application's own annotations, the route's host as the default href", () => {
    const r = route('emby', 'media', 'emby-prod');
    expect(tileAnnotations({ 'panel.homelab/auth-tier': '2' }, r)).toEqual({ 'gethomepage.dev/href': 'https://emby.example/', 'gethomepage.dev/enabled': 'true', 'gethomepage.dev/name': 'emby', 'panel.homelab/auth-tier': '2' });
    expect(tileAnnotations({ 'gethomepage.dev/name': 'Films' }, { ...r, homepage: { ...r.homepage, 'gethomepage.dev/href': 'https://films.example' } })).toMatchObject({ 'gethomepage.dev/name': 'Films', 'gethomepage.dev/href': 'https://films.example' });
    expect(tileAnnotations({ a: 'b' }, null)).toEqual({ a: 'b' });
  });
});
