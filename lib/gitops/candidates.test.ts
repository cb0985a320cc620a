import { renderEn } from '../i18n/render-en';
import { describe, expect, it } from 'vitest';
import { commitMessage, computeDeltas, describeChanges, renderChange } from './candidates';
import { unifiedDiff } from './diff';

const overlay = (env: string, tag: string, chart?: string) =>
  `# Grafana — ${env} overlay\n---\nkind: Kustomization\n\nimages:\n  # renovate: datasource=docker depName=grafana/grafana\n  - name: grafana/grafana\n    newTag: "${tag}"\n` +
  (chart ? `\nhelmCharts:\n  - name: grafana\n    version: ${chart}\n` : '') +
  (env === 'DEV' ? '\n# DEV is minimal\npatches: []\n' : '');

describe('computeDeltas', () => {
  it('lists per service what DEV pins and PROD does not, and skips equal or DEV-only services', () => {
    const dev = [
      { rel: 'grafana/kustomization.yaml', text: overlay('DEV', '11.5.1', '8.9.0') },
      { rel: 'loki/kustomization.yaml', text: overlay('DEV', '3.3.2') },
      { rel: 'newsvc/kustomization.yaml', text: overlay('DEV', '1.0.0') },
      { rel: 'kustomization.yaml', text: 'resources:\n  - grafana\n' },
      { rel: 'grafana/values.yaml', text: 'x: 1\n' },
    ];
    const prod = [
      { rel: 'grafana/kustomization.yaml', text: overlay('PROD', '11.4.0', '8.8.0') },
      { rel: 'loki/kustomization.yaml', text: overlay('PROD', '3.3.2') },
      { rel: 'kustomization.yaml', text: 'resources:\n  - grafana\n' },
    ];
    const d = computeDeltas(dev, prod);
    expect(d.map((x) => x.service)).toEqual(['grafana']);
    expect(d[0].changes).toEqual([
      { kind: 'image', name: 'grafana/grafana', field: 'newTag', from: '11.4.0', to: '11.5.1' },
      { kind: 'chart', name: 'grafana', field: 'version', from: '8.8.0', to: '8.9.0' },
    ]);
    expect(describeChanges(d[0].changes).text).toBe('grafana/grafana 11.4.0 → 11.5.1, chart grafana 8.8.0 → 8.9.0');
  });

  it('notes an image DEV uses that PROD does not pin, instead of inventing an edit', () => {
    const d = computeDeltas([{ rel: 'a/kustomization.yaml', text: 'images:\n  - name: x\n    newTag: "2"\n  - name: y\n    newTag: "1"\n' }], [{ rel: 'a/kustomization.yaml', text: 'images:\n  - name: x\n    newTag: "2"\n' }]);
    expect(d[0].changes).toEqual([]);
    expect(renderEn(d[0].notes[0])).toMatch(/y, which PROD does not pin/);
  });

  it('renders the PROD change as a unified diff of only the changed line', () => {
    const prod = overlay('PROD', '11.4.0');
    const [delta] = computeDeltas([{ rel: 'g/kustomization.yaml', text: overlay('DEV', '11.5.1') }], [{ rel: 'g/kustomization.yaml', text: prod }]);
    const { after, diff } = renderChange('kubernetes/overlays/prod/g/kustomization.yaml', prod, delta);
    expect(after).toBe(prod.replace('11.4.0', '11.5.1'));
    expect(diff).toBe(
      '--- a/kubernetes/overlays/prod/g/kustomization.yaml\n+++ b/kubernetes/overlays/prod/g/kustomization.yaml\n@@ -5,4 +5,4 @@\n images:\n   # renovate: datasource=docker depName=grafana/grafana\n   - name: grafana/grafana\n-    newTag: "11.4.0"\n+    newTag: "11.5.1"\n',
    );
    expect(unifiedDiff('x', 'a\n', 'a\n')).toBe('');
  });
});

describe('commitMessage', () => {
  it('is promote(<service>): <old> → <new> with the trailers', () => {
    const m = commitMessage({ services: [{ service: 'komga', changes: [{ kind: 'image', name: 'gotson/komga', field: 'newTag', from: '1.15.1', to: '1.16.0' }] }], devSha: 'abc123', approver: { name: 'Paul Martin', email: 'paul@example.org' }, promotionId: 'p-1' });
    expect(m).toBe('promote(komga): 1.15.1 → 1.16.0\n\nPromoted-From: dev@abc123\nApproved-By: Paul Martin <paul@example.org>\nPromotion-Id: p-1\n');
  });

  it('lists every service of a batch in the body', () => {
    const c = (from: string, to: string) => [{ kind: 'image' as const, name: 'i', field: 'newTag' as const, from, to }];
    const m = commitMessage({ services: [{ service: 'a', changes: c('1', '2') }, { service: 'b', changes: c('3', '4') }], devSha: 'd', approver: { name: 'P', email: null }, promotionId: 'x' });
    expect(m.split('\n').slice(0, 5)).toEqual(['promote(a, b): 2 services', '', '- a: 1 → 2', '- b: 3 → 4', '']);
  });

  it('carries the provenance of a roll-back as trailers, so Git alone tells who, why and what', () => {
    const c = [{ kind: 'image' as const, name: 'i', field: 'newTag' as const, from: '2', to: '1' }];
    const m = commitMessage({ services: [{ service: 'a', changes: c }], devSha: 'd', approver: { name: 'Paul', email: 'p@x' }, promotionId: 'r-1', rollsBack: 'c0ffee', restoredFrom: 'bad5eed', requestedBy: 'Paul', requestId: 'req-9' });
    expect(m).toBe('rollback(a): 2 → 1\n\nRolls-Back: c0ffee\nRestored-From: bad5eed\nRequested-By: Paul\nApproved-By: Paul <p@x>\nPromotion-Id: r-1\nRequest-Id: req-9\n');
  });
});
