// Shared setup for the Kubernetes simulator's tests: temp kubeconfig dir, servers closed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach } from 'vitest';
import { startKubeSim, type KubeSim, type KubeSimOptions } from '../index';

export const TOKEN = 'admin-token-for-tests';
export const RO_TOKEN = 'read-only-token-for-tests';

const open: KubeSim[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export async function sim(o: Partial<KubeSimOptions> & { cluster: string }): Promise<KubeSim> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubesim-'));
  dirs.push(dir);
  const s = await startKubeSim({ token: TOKEN, readOnlyToken: RO_TOKEN, kubeconfigDir: dir, ...o });
  open.push(s);
  return s;
}

export function kubeconfig(s: KubeSim, readOnly = false): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(readOnly ? (s.readOnlyKubeconfigPath ?? '') : s.kubeconfigPath);
  return kc;
}

/** Polls until `fn` returns a truthy value (or throws after `ms`). */
export async function until<T>(fn: () => T | Promise<T>, ms = 10_000, what = 'condition'): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
