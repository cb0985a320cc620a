import { describe, expect, it } from 'vitest';
import type { RouteMeta } from '@/lib/live/route-meta';
import type { PodLite } from '@/lib/live/types';
import { UpstreamError } from '../errors';
import { clusterSink, newCluster } from './cluster-feed';
import type { Publisher } from './publisher';

const pod = (i: number): PodLite => ({ key: `ns/p${i}`, namespace: 'ns', name: `p${i}`, node: null, ready: true, phase: 'Running', restarts: 0, reason: null, memRequestBytes: 0, cpuRequestMilli: 0 });
const hooks = { publisher: { now() {}, soon() {} } as unknown as Publisher, history: null, changed() {}, clusterEvent() {} };

describe('the live store per cluster', () => {
  it('keeps at most its bound of pods, from a list and from watch events, and still applies deletions', () => {
    const c = newCluster('c1', 'C1', null);
    const sink = clusterSink(c, hooks, { nodes: 2, pods: 3 });
    sink.pods([1, 2, 3, 4, 5].map(pod));
    expect(c.pods.size).toBe(3);
    sink.pod('ADDED', pod(9));
    expect(c.pods.has('ns/p9')).toBe(false);
    sink.pod('MODIFIED', { ...pod(1), restarts: 2 });
    expect(c.pods.get('ns/p1')?.restarts).toBe(2);
    sink.pod('DELETED', pod(1));
    sink.pod('ADDED', pod(9));
    expect([...c.pods.keys()].sort()).toEqual(['ns/p2', 'ns/p3', 'ns/p9']);
  });
});

describe('Homepage-annotated routes per cluster', () => {
  const r = (kind: RouteMeta['kind'], name: string, title = name): RouteMeta => ({ kind, namespace: 'media', name, app: `${name}-prod`, homepage: { 'gethomepage.dev/name': title }, href: null });
  const err = (status: number) => new UpstreamError('kubernetes:c1', status, `HTTP ${status}`);

  it('keeps both kinds apart, follows changes, and forgets a kind whose API is gone, without touching reachability', () => {
    const c = newCluster('c1', 'C1', null);
    let changes = 0;
    const sink = clusterSink(c, { ...hooks, changed: () => changes++ });
    sink.healthy('nodes');
    sink.routes('Ingress', [r('Ingress', 'emby')]);
    sink.routes('HTTPRoute', [r('HTTPRoute', 'comet')]);
    sink.routes('Ingress', [r('Ingress', 'emby'), r('Ingress', 'romm')]); // a relist of one kind keeps the other
    expect([...c.routes.keys()].sort()).toEqual(['HTTPRoute/media/comet', 'Ingress/media/emby', 'Ingress/media/romm']);
    const before = changes;
    sink.route('Ingress', 'Ingress/media/emby', r('Ingress', 'emby')); // no change
    expect(changes).toBe(before);
    sink.route('Ingress', 'Ingress/media/emby', r('Ingress', 'emby', 'Emby'));
    sink.route('Ingress', 'Ingress/media/romm', null); // deleted, or no longer enabled
    expect(changes).toBe(before + 2);
    sink.routesFailed('HTTPRoute', err(404)); // the CRDs were removed
    sink.routesFailed('Ingress', err(403));
    expect([...c.routes.values()].map((x) => x.homepage['gethomepage.dev/name'])).toEqual(['Emby']);
    expect(c.freshness.reachable).toBe(true);
  });
});
