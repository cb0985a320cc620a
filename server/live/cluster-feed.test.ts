import { describe, expect, it } from 'vitest';
import type { PodLite } from '@/lib/live/types';
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
