import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CLUSTERS, SERVICES } from '../seed/catalogue';
import { checkKustomizations, type Kustomization } from './check';
import { devBumps, finalTree, overlayPath, seedHistory } from './index';

describe('GitOps template repository', () => {
  const files = finalTree();

  it('has every kustomization.yaml parse and every referenced path exist', () => {
    expect(checkKustomizations(files)).toEqual([]);
    expect(Object.keys(files).filter((f) => f.endsWith('kustomization.yaml')).length).toBeGreaterThan(50);
  });

  it('finds broken references (the checker is not vacuous)', () => {
    const broken = { ...files, 'kubernetes/overlays/dev/kustomization.yaml': 'resources:\n  - nope\n', 'x/kustomization.yaml': 'a: [' };
    const problems = checkKustomizations(broken);
    expect(problems.some((p) => p.includes('nope'))).toBe(true);
    expect(problems.some((p) => p.startsWith('x/kustomization.yaml: does not parse'))).toBe(true);
  });

  it('pins exactly the catalogue tags and chart versions in each overlay', () => {
    for (const svc of SERVICES) {
      for (const env of svc.clusters) {
        const text = files[overlayPath(env, svc)];
        expect(text, `${env}/${svc.name}`).toBeDefined();
        expect(text).toContain('# renovate: datasource=docker');
        const k = parse(text) as Kustomization;
        expect(k.images).toEqual([{ name: svc.image, newTag: svc.tags[env] }]);
        if (svc.chart) expect(k.helmCharts?.[0]).toMatchObject({ name: svc.chart.name, version: svc.chart.versions[env] });
      }
    }
    // The env overlay lists exactly the services of that cluster.
    for (const c of CLUSTERS) {
      const k = parse(files[`kubernetes/overlays/${c.name}/kustomization.yaml`]) as Kustomization;
      expect(k.resources?.sort()).toEqual(SERVICES.filter((s) => s.clusters.includes(c.name)).map((s) => s.name).sort());
    }
  });

  it('writes Omni cluster templates with the catalogue versions', () => {
    for (const c of CLUSTERS) {
      const doc = parse(files[`omni/clusters/${c.name}.yaml`]) as { kind: string; spec: { talosVersion: string; kubernetesVersion: string } };
      expect(doc.kind).toBe('Cluster');
      expect(doc.spec).toMatchObject(c.template);
    }
    expect(() => JSON.parse(files['renovate.json'])).not.toThrow();
  });

  it('seeds DEV ahead of PROD through dated Renovate commits, or not at all', () => {
    const history = seedHistory({ owner: 'paul', ownerId: 1 });
    const bumps = devBumps();
    expect(bumps.map((b) => b.svc.name)).toEqual(['adguard-home', 'home-assistant', 'komga', 'prometheus', 'grafana', 'alloy']);
    const renovate = history.filter((c) => c.author.name === 'renovate[bot]');
    expect(renovate).toHaveLength(bumps.length);
    expect(renovate.every((c) => c.ageMinutes <= 30 * 60 && c.ageMinutes > 5 * 60)).toBe(true);
    // Ages only decrease: history is oldest first.
    expect(history.map((c) => c.ageMinutes)).toEqual([...history.map((c) => c.ageMinutes)].sort((a, b) => b - a));

    const flat = finalTree({ devAhead: false });
    const grafana = SERVICES.find((s) => s.name === 'grafana');
    if (!grafana) throw new Error('catalogue changed');
    expect(flat[overlayPath('dev', grafana)]).toContain(`newTag: "${grafana.tags.prod}"`);
    expect(checkKustomizations(flat)).toEqual([]);
  });
});
