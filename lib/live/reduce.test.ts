import { describe, expect, it } from 'vitest';
import { applyEvent, appTransition, carryHealthSince, countApps, replaceAll, sameApp, samePod, summariseCluster, summarisePods, clusterVersions, applyNodeMetrics, type ClusterCore } from './reduce';
import { UNKNOWN } from './freshness';
import type { AppDto, NodeDto, PodLite } from './types';

const pod = (name: string, o: Partial<PodLite> = {}): PodLite => ({ key: `ns/${name}`, namespace: 'ns', name, node: 'n1', ready: true, phase: 'Running', restarts: 0, reason: null, memRequestBytes: 100, cpuRequestMilli: 10, ...o });
const app = (name: string, o: Partial<AppDto> = {}): AppDto => ({
  name, appNamespace: 'argocd', cluster: 'prod', namespace: 'home', sync: 'Synced', health: 'Healthy', healthSince: null, revision: 'abc', images: ['x:1'],
  meta: { displayName: name, description: null, url: null, icon: null, group: null, audience: 'family', authTier: 2 }, resourceVersion: '1', ...o,
});
const node = (name: string, o: Partial<NodeDto> = {}): NodeDto => ({ name, roles: ['worker'], ready: true, kubeletVersion: 'v1.32.1', osVersion: 'v1.9.3', cpuAllocatableMilli: 2000, memAllocatableBytes: 4e9, cpuUsedMilli: null, memUsedBytes: null, ...o });

describe('watch event reducers', () => {
  it('adds, ignores no-op modifications, reports real changes and deletes', () => {
    const m = new Map<string, PodLite>();
    expect(applyEvent(m, 'ADDED', 'ns/a', pod('a'), samePod)?.next?.name).toBe('a');
    expect(applyEvent(m, 'MODIFIED', 'ns/a', pod('a'), samePod)).toBeNull();
    const ch = applyEvent(m, 'MODIFIED', 'ns/a', pod('a', { ready: false }), samePod);
    expect(ch?.prev?.ready).toBe(true);
    expect(ch?.next?.ready).toBe(false);
    expect(applyEvent(m, 'DELETED', 'ns/a', pod('a'), samePod)?.next).toBeUndefined();
    expect(m.size).toBe(0);
    expect(applyEvent(m, 'DELETED', 'ns/zzz', pod('zzz'), samePod)).toBeNull();
  });

  it('a relist replaces the state and returns only the differences', () => {
    const m = new Map<string, PodLite>([['ns/a', pod('a')], ['ns/b', pod('b')]]);
    const changes = replaceAll(m, [['ns/a', pod('a')], ['ns/c', pod('c')]], samePod);
    expect(changes.map((c) => [c.key, !!c.prev, !!c.next])).toEqual([['ns/c', false, true], ['ns/b', true, false]]);
    expect([...m.keys()].sort()).toEqual(['ns/a', 'ns/c']);
  });

  it('summarises pods: not-ready, restarts, requests; finished pods hold nothing', () => {
    const s = summarisePods([pod('a'), pod('b', { ready: false, reason: 'CrashLoopBackOff', restarts: 4 }), pod('job', { phase: 'Succeeded', ready: false })]);
    expect(s).toMatchObject({ total: 3, notReady: 1, restarts: 4, memRequestBytes: 200, cpuRequestMilli: 20 });
    expect(s.notReadyPods).toEqual([{ namespace: 'ns', name: 'b', reason: 'CrashLoopBackOff', restarts: 4 }]);
  });

  it('health/sync transitions are what gets recorded; revision-only changes are not', () => {
    expect(appTransition(undefined, app('a'))).toBe(true);
    expect(appTransition(app('a'), app('a', { revision: 'def' }))).toBe(false);
    expect(appTransition(app('a'), app('a', { health: 'Degraded' }))).toBe(true);
    expect(appTransition(app('a'), app('a', { sync: 'OutOfSync' }))).toBe(true);
    expect(appTransition(app('a'), undefined)).toBe(false);
    expect(sameApp(app('a'), app('a', { resourceVersion: '9' }))).toBe(true);
  });

  it('keeps when the current health began across events without a transition time', () => {
    const first = carryHealthSince(undefined, app('a'), 1000);
    expect(first.healthSince).toBe(1000);
    expect(carryHealthSince(first, app('a'), 5000).healthSince).toBe(1000);
    expect(carryHealthSince(first, app('a', { health: 'Degraded' }), 5000).healthSince).toBe(5000);
    expect(carryHealthSince(first, app('a', { healthSince: 42 }), 5000).healthSince).toBe(42);
  });

  it('summarises a cluster: nodes ready, allocatable, usage once metrics arrived, app counts, versions', () => {
    const c: ClusterCore = { name: 'prod', displayName: 'PROD', omniUrl: null, freshness: UNKNOWN, metricsAt: null, nodes: new Map([['a', node('a')], ['b', node('b', { ready: false, osVersion: 'v1.9.2' })]]), pods: new Map([['ns/p', pod('p')]]), warnings: [] };
    let s = summariseCluster(c, [app('x'), app('y', { health: 'Degraded', sync: 'OutOfSync' })]);
    expect(s).toMatchObject({ nodesReady: 1, nodesTotal: 2, cpuAllocatableMilli: 4000, cpuUsedMilli: null, apps: { total: 2, healthy: 1, degraded: 1, outOfSync: 1 } });
    applyNodeMetrics(c.nodes, new Map([['a', { cpuMilli: 500, memBytes: 1e9 }], ['b', { cpuMilli: 250, memBytes: 5e8 }]]));
    s = summariseCluster(c, []);
    expect(s.cpuUsedMilli).toBe(750);
    expect(s.memUsedBytes).toBe(1.5e9);
    expect(clusterVersions([node('a'), node('b'), node('c', { osVersion: 'v1.9.2' })])).toEqual({ kubernetes: 'v1.32.1', talos: 'v1.9.3' });
    expect(countApps([])).toEqual({ total: 0, healthy: 0, outOfSync: 0, degraded: 0 });
  });
});
