import { describe, expect, it } from 'vitest';
import { appDefs } from './applications';
import { BadImages } from './bad-images';
import { renderApp, sameRender } from './render';
import { SEED_CATALOGUE } from '../kubernetes/catalogue';
import { SERVICES } from '../seed/catalogue';

const own = `# komga
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
  # renovate: datasource=docker
  - name: gotson/komga
    newTag: "1.16.0"
helmCharts:
  - name: prometheus
    version: 27.3.0
`;

describe('renderApp', () => {
  it('reads images (newName/newTag/digest) and chart versions', () => {
    expect(renderApp(own, null, {})).toEqual({ images: ['gotson/komga:1.16.0'], charts: ['prometheus:27.3.0'] });
    const digest = 'images:\n  - name: a/b\n    newName: reg.io/a/b\n    newTag: "2"\n    digest: sha256:abc\n';
    expect(renderApp(digest, null, {})?.images).toEqual(['reg.io/a/b:2@sha256:abc']);
  });

  it('takes only matching entries from the cluster-wide overlay, the app file wins', () => {
    const shared = 'images:\n  - name: gotson/komga\n    newTag: "1.0"\n  - name: other/app\n    newTag: "9"\n';
    expect(renderApp(null, shared, { image: 'gotson/komga' })?.images).toEqual(['gotson/komga:1.0']);
    expect(renderApp(own, shared, { image: 'gotson/komga' })?.images).toEqual(['gotson/komga:1.16.0']);
    expect(renderApp(null, shared, { image: 'nope' })).toBeNull();
    expect(renderApp('::: not yaml :::\n  - [', null, {})).toBeNull();
  });

  it('compares renders', () => {
    expect(sameRender({ images: ['a:1'], charts: [] }, { images: ['a:1'], charts: [] })).toBe(true);
    expect(sameRender({ images: ['a:1'], charts: [] }, { images: ['a:2'], charts: [] })).toBe(false);
  });
});

describe('appDefs', () => {
  it('has one app per (service, cluster) plus infra, named <service>-<cluster>', () => {
    const defs = appDefs(SEED_CATALOGUE);
    const pairs = SERVICES.flatMap((s) => s.clusters.map((c) => `${s.name}-${c}`));
    expect(defs.map((d) => d.name)).toEqual(expect.arrayContaining(pairs));
    expect(new Set(defs.map((d) => d.name)).size).toBe(defs.length);
    expect(defs.find((d) => d.name === 'komga-dev')).toMatchObject({ cluster: 'dev', path: 'kubernetes/overlays/dev/komga', namespace: 'home' });
  });
});

describe('BadImages', () => {
  it('matches tags and digests', () => {
    const b = new BadImages();
    b.mark('a/b:1');
    expect(b.isBad('a/b:1')).toBe(true);
    expect(b.isBad('a/b:1@sha256:x')).toBe(true);
    expect(b.isBad('a/b:2')).toBe(false);
    b.mark('a/b:1', false);
    expect(b.isBad('a/b:1')).toBe(false);
  });
});
