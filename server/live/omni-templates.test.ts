import { describe, expect, it } from 'vitest';
import { OmniTemplates, parseOmniTemplate } from './omni-templates';

describe('Omni cluster templates', () => {
  it('reads talosVersion and kubernetesVersion; anything else is null', () => {
    expect(parseOmniTemplate('kind: Cluster\nspec:\n  talosVersion: 1.9.3\n  kubernetesVersion: 1.32.1\n')).toEqual({ talosVersion: '1.9.3', kubernetesVersion: '1.32.1' });
    expect(parseOmniTemplate('kind: Cluster\nspec: {}\n')).toEqual({ talosVersion: null, kubernetesVersion: null });
    expect(parseOmniTemplate(': : not yaml [')).toBeNull();
  });

  it('keeps one value per cluster, read in the background; a missing file is null, a failed read leaves it unknown', async () => {
    const files: Record<string, string> = { 'omni/clusters/prod.yaml': 'spec:\n  talosVersion: 1.9.3\n' };
    const t = new OmniTemplates(['prod', 'dev', 'cloud'], async (p) => {
      if (p.includes('cloud')) throw new Error('github down');
      return files[p] ?? null;
    });
    await t.refresh();
    t.stop();
    expect(t.get('prod')).toEqual({ talosVersion: '1.9.3', kubernetesVersion: null });
    expect(t.get('dev')).toBeNull();
    expect(t.get('cloud')).toBeUndefined();
  });
});
