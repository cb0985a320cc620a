import { describe, expect, it } from 'vitest';
import { KubeStore } from './store';
import { fieldMatcher, labelMatcher } from './selectors';
import { jsonPatch, mergePatch } from './patch';
import { scaleCatalogue } from './scale';
import type { KubeObject } from './resources';

const obj = (name: string, ns = 'default', labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, uid: '', creationTimestamp: '2025-01-01T00:00:00Z', labels }, spec: { nodeName: 'n1' } });

describe('KubeStore', () => {
  it('bumps one resourceVersion per change and keeps lists in key order', () => {
    const s = new KubeStore();
    s.create('v1/pods', obj('b'));
    s.create('v1/pods', obj('a'));
    s.create('v1/nodes', { ...obj('n1'), metadata: { ...obj('n1').metadata, namespace: undefined } });
    expect(s.resourceVersion).toBe(3);
    expect(s.list('v1/pods').map((o) => o.metadata.name)).toEqual(['a', 'b']);
    const before = s.get('v1/pods', 'default', 'a')!;
    const after = s.update('v1/pods', 'default', 'a', (d) => {
      d.metadata.labels = { x: '1' };
    });
    expect(before.metadata.labels).toEqual({}); // copy-on-write
    expect(after.metadata.resourceVersion).toBe('4');
    const gone = s.delete('v1/pods', 'default', 'b')!;
    expect(gone.metadata.resourceVersion).toBe('5');
    expect(s.eventsSince('v1/pods', 3)).toMatchObject([{ type: 'MODIFIED', rv: 4 }, { type: 'DELETED', rv: 5 }]);
  });

  it('keeps a bounded history window and reports older versions as expired', () => {
    const s = new KubeStore(3);
    s.create('v1/pods', obj('a'));
    for (let i = 0; i < 10; i++) s.update('v1/pods', 'default', 'a', () => {});
    expect(s.resourceVersion).toBe(11);
    expect(s.eventsSince('v1/pods', 8)).toHaveLength(3);
    expect(s.eventsSince('v1/pods', 7)).toBe('expired');
    expect(s.eventsSince('v1/pods', 11)).toEqual([]);
    s.compactAll();
    expect(s.eventsSince('v1/pods', 10)).toBe('expired');
    expect(s.eventsSince('v1/pods', 11)).toEqual([]);
  });
});

describe('selectors', () => {
  it('matches label and field selectors', () => {
    const o = obj('x', 'home', { app: 'komga', tier: 'web' });
    expect(labelMatcher('app=komga,tier in (web,api)')(o)).toBe(true);
    expect(labelMatcher('app!=komga')(o)).toBe(false);
    expect(labelMatcher('!missing,app')(o)).toBe(true);
    expect(fieldMatcher('metadata.name=x,metadata.namespace==home')(o)).toBe(true);
    expect(fieldMatcher('spec.nodeName!=n1')(o)).toBe(false);
  });
});

describe('patches', () => {
  it('applies merge and json patches', () => {
    expect(mergePatch({ a: { b: 1, c: 2 } }, { a: { b: null, d: 3 } })).toEqual({ a: { c: 2, d: 3 } });
    expect(jsonPatch({ a: [1, 2] }, [{ op: 'add', path: '/a/-', value: 3 }, { op: 'replace', path: '/a/0', value: 0 }, { op: 'add', path: '/b~1c', value: true }])).toEqual({ a: [0, 2, 3], 'b/c': true });
  });
});

describe('scaleCatalogue', () => {
  it('generates N clusters × M services × K nodes', () => {
    const c = scaleCatalogue({ clusters: 20, appsPerCluster: 400, nodesPerCluster: 50 });
    expect(c.clusters).toHaveLength(20);
    expect(c.clusters.every((x) => x.nodes.length === 50)).toBe(true);
    expect(c.services).toHaveLength(400);
    expect(c.services.every((s) => s.clusters.length === 20)).toBe(true);
    expect(c.argocdCluster).toBe('cluster-01');
  });
});
