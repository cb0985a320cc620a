import { describe, expect, it } from 'vitest';
import { diffLines } from './diff';
import { applyEdits, OverlayError, parseOverlay, renderScalar } from './overlay';

// A real-looking Renovate-maintained overlay: comments, a document marker, blank lines, quoting styles.
const PROMETHEUS = `# Prometheus — PROD overlay
# PROD: only promoted versions land here (DEV → PROD).
---
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: monitoring

resources:
  - ../../../base/monitoring/prometheus

images:
  # renovate: datasource=docker depName=quay.io/prometheus/prometheus
  - name: quay.io/prometheus/prometheus
    newTag: "v3.1.0"   # pinned by Renovate
  - name: 'quay.io/prometheus-operator/prometheus-config-reloader'
    newName: ghcr.io/mirror/prometheus-config-reloader
    newTag: v0.79.2
    digest: sha256:1111111111111111111111111111111111111111111111111111111111111111

helmCharts:
  - name: prometheus
    repo: https://prometheus-community.github.io/helm-charts
    # renovate: datasource=helm depName=prometheus registryUrl=https://prometheus-community.github.io/helm-charts
    version: 26.1.0
    releaseName: prometheus
    namespace: monitoring
    valuesInline:
      server:
        retention: 15d
`;

const changed = (a: string, b: string) => diffLines(a, b).filter((l) => l.kind !== 'context');

describe('parseOverlay', () => {
  it('reads images (name, newName, newTag, digest) and helm charts', () => {
    expect(parseOverlay(PROMETHEUS)).toEqual({
      images: [
        { name: 'quay.io/prometheus/prometheus', newTag: 'v3.1.0' },
        { name: 'quay.io/prometheus-operator/prometheus-config-reloader', newName: 'ghcr.io/mirror/prometheus-config-reloader', newTag: 'v0.79.2', digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111' },
      ],
      charts: [{ name: 'prometheus', version: '26.1.0' }],
    });
  });

  it('keeps versions as written (a plain 27.30 is not the number 27.3)', () => {
    const pins = parseOverlay('images:\n  - name: app\n    newTag: 1.10\nhelmCharts:\n  - name: c\n    version: 27.30\n');
    expect(pins.images[0].newTag).toBe('1.10');
    expect(pins.charts[0].version).toBe('27.30');
  });

  it('has no pins for an overlay without images or charts', () => {
    expect(parseOverlay('resources:\n  - a\n')).toEqual({ images: [], charts: [] });
  });

  it('refuses broken YAML and entries without a name', () => {
    expect(() => parseOverlay('images: [\n')).toThrow(OverlayError);
    expect(() => parseOverlay('images:\n  - newTag: x\n')).toThrow(/no name/);
  });
});

describe('applyEdits', () => {
  it('changes only the tag line; the quoting and the trailing comment survive', () => {
    const out = applyEdits(PROMETHEUS, [{ kind: 'image', name: 'quay.io/prometheus/prometheus', field: 'newTag', to: 'v3.2.0' }]);
    expect(changed(PROMETHEUS, out).map((l) => `${l.kind} ${l.text}`)).toEqual(['del     newTag: "v3.1.0"   # pinned by Renovate', 'add     newTag: "v3.2.0"   # pinned by Renovate']);
  });

  it('changes a chart version, a digest and an unquoted tag at once, nothing else', () => {
    const out = applyEdits(PROMETHEUS, [
      { kind: 'chart', name: 'prometheus', field: 'version', to: '27.3.0' },
      { kind: 'image', name: 'quay.io/prometheus-operator/prometheus-config-reloader', field: 'newTag', to: 'v0.80.0' },
      { kind: 'image', name: 'quay.io/prometheus-operator/prometheus-config-reloader', field: 'digest', to: 'sha256:2222222222222222222222222222222222222222222222222222222222222222' },
    ]);
    const lines = changed(PROMETHEUS, out);
    expect(lines.filter((l) => l.kind === 'add').map((l) => l.text)).toEqual([
      '    newTag: v0.80.0',
      '    digest: sha256:2222222222222222222222222222222222222222222222222222222222222222',
      '    version: 27.3.0',
    ]);
    expect(lines.filter((l) => l.kind === 'del')).toHaveLength(3);
    expect(out.split('\n').length).toBe(PROMETHEUS.split('\n').length);
  });

  it('quotes a plain value that would otherwise change type', () => {
    const out = applyEdits('images:\n  - name: app\n    newTag: v1\n', [{ kind: 'image', name: 'app', field: 'newTag', to: '11.5' }]);
    expect(out).toBe('images:\n  - name: app\n    newTag: "11.5"\n');
    expect(renderScalar("it's", 'QUOTE_SINGLE')).toBe("'it''s'");
  });

  it('adds a missing key after the entry, and removes a key DEV no longer pins', () => {
    const src = 'images:\n  - name: app # the app\n    newTag: "1.0.0"\n\n# end\n';
    const added = applyEdits(src, [{ kind: 'image', name: 'app', field: 'digest', to: 'sha256:abc' }]);
    expect(added).toBe('images:\n  - name: app # the app\n    newTag: "1.0.0"\n    digest: sha256:abc\n\n# end\n');
    expect(applyEdits(added, [{ kind: 'image', name: 'app', field: 'digest', to: null }])).toBe(src);
  });

  it('is a no-op when the value is already right, and refuses unknown entries', () => {
    expect(applyEdits(PROMETHEUS, [{ kind: 'chart', name: 'prometheus', field: 'version', to: '26.1.0' }])).toBe(PROMETHEUS);
    expect(() => applyEdits(PROMETHEUS, [{ kind: 'chart', name: 'loki', field: 'version', to: '1' }])).toThrow(/no entry named loki/);
  });
});
