// Real clients the project did not write, as contract tests: kubectl (Go client-go: TLS with the
// kubeconfig's CA, discovery, watch) against the simulated clusters, and `git clone` over HTTPS with
// the token from the simulated GitHub. Skipped, saying why, where kubectl or git is not installed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GAMING_VM } from './gitops-template';
import { startSimulator, type Simulator } from './index';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const KUBECTL = has('kubectl', ['version', '--client']);
const GIT = has('git', ['--version']);
for (const [ok, what] of [[KUBECTL, 'kubectl'], [GIT, 'git']] as const) {
  if (!ok) process.stdout.write(`real-clients: SKIPPED the ${what} contract tests: ${what} is not on PATH\n`);
}

let sim: Simulator;
let dir: string;

beforeAll(async () => {
  if (!KUBECTL && !GIT) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-clients-'));
  sim = await startSimulator({ dir, kubevirt: true, syncDelayMs: 200, bootDelayMs: 200 });
}, 60_000);
afterAll(async () => {
  await sim?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const kubeconfigOf = (cluster: string) => sim.endpoints.clusters.find((c) => c.name === cluster)!.kubeconfig;

/** Runs a command without blocking the event loop (the simulator answers from this process). */
function run(cmd: string, args: string[], o: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: o.env ?? process.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function kubectl(cluster: string, ...args: string[]): Promise<string> {
  const r = await run('kubectl', ['--request-timeout=10s', ...args], { env: { ...process.env, KUBECONFIG: kubeconfigOf(cluster) } });
  if (r.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

describe.skipIf(!KUBECTL)(`kubectl against the simulated clusters${KUBECTL ? '' : ' (SKIPPED: kubectl is not on PATH)'}`, () => {
  it('kubectl version: the server version from the catalogue, over TLS verified with the kubeconfig CA', async () => {
    const v = JSON.parse(await kubectl('prod', 'version', '-o', 'json')) as { serverVersion: { gitVersion: string } };
    expect(v.serverVersion.gitVersion).toBe('v1.32.1');
  });

  it('kubectl api-resources: discovery lists core, metrics, Argo CD and KubeVirt resources', async () => {
    const out = await kubectl('prod', 'api-resources', '--no-headers');
    for (const re of [/^pods\s+po\s+v1\s+true\s+Pod$/m, /^nodes\s+no\s+v1\s+false\s+Node$/m, /^applications\s+app,apps\s+argoproj\.io\/v1alpha1\s+true\s+Application$/m, /^virtualmachines\s.*kubevirt\.io\/v1\s+true\s+VirtualMachine$/m]) expect(out).toMatch(re);
  });

  it('kubectl get nodes,pods -A', async () => {
    const out = await kubectl('prod', 'get', 'nodes,pods', '-A');
    expect(out).toMatch(/^node\/talos-prod-cp\s/m);
    expect(out).toMatch(/^argocd\s+pod\/argocd-application-controller-0\s/m);
    const names = (await kubectl('dev', 'get', 'pods', '-A', '-o', 'name')).trim().split('\n');
    expect(names.length).toBeGreaterThan(3);
  });

  it('kubectl get applications.argoproj.io -n argocd', async () => {
    const items = (JSON.parse(await kubectl('prod', 'get', 'applications.argoproj.io', '-n', 'argocd', '-o', 'json')) as { items: { metadata: { name: string } }[] }).items;
    expect(items.length).toBeGreaterThan(10);
    expect(await kubectl('prod', 'get', 'applications.argoproj.io', '-n', 'argocd')).toMatch(new RegExp(`^${items[0].metadata.name}\\s`, 'm'));
  });

  it('kubectl get virtualmachines,virtualmachineinstances (KubeVirt mode)', async () => {
    const out = await kubectl('prod', 'get', 'virtualmachines,virtualmachineinstances', '-n', GAMING_VM.namespace, '-o', 'name');
    expect(out).toContain(`virtualmachine.kubevirt.io/${GAMING_VM.name}`);
  });

  it('kubectl get --watch sees a change (kubectl delete pod: DELETED, then its replacement ADDED)', async () => {
    const ns = 'home';
    const pod = sim.clusters.get('prod')!.store.list('v1/pods').find((p) => p.metadata.namespace === ns)!.metadata.name;
    const child = spawn('kubectl', ['get', 'pods', '-n', ns, '--watch', '--output-watch-events'], { env: { ...process.env, KUBECONFIG: kubeconfigOf('prod') } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await until(() => new RegExp(`^ADDED\\s+${pod}\\s`, 'm').test(out), 'the initial list');
      await kubectl('prod', 'delete', 'pod', '-n', ns, pod, '--wait=false');
      await until(() => new RegExp(`^DELETED\\s+${pod}\\s`, 'm').test(out), `DELETED ${pod} in the watch: ${out}`);
      const prefix = pod.replace(/-[a-z0-9]+$/, '');
      await until(() => new RegExp(`^ADDED\\s+${prefix}-(?!${pod.slice(prefix.length + 1)})[a-z0-9]+\\s+\\d+s$`, 'm').test(out), `the replacement pod in the watch: ${out}`);
    } finally {
      child.kill();
    }
  });

  it('a read-only token is refused a delete, as RBAC would', async () => {
    const ro = kubeconfigOf('prod').replace('.kubeconfig.yaml', '-readonly.kubeconfig.yaml');
    const r = await run('kubectl', ['delete', 'pod', '-n', 'argocd', 'argocd-application-controller-0', '--wait=false'], { env: { ...process.env, KUBECONFIG: ro } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/forbidden/i);
  });
});

describe.skipIf(!GIT)(`git clone of the simulated GitHub repository${GIT ? '' : ' (SKIPPED: git is not on PATH)'}`, () => {
  const cloneUrl = (token: string) => {
    const u = new URL(sim.endpoints.github.apiUrl);
    return `https://x-access-token:${token}@${u.host}/paul/homelab.git`;
  };
  const git = (args: string[], cwd = dir) => run('git', args, { cwd, env: { ...process.env, GIT_SSL_CAINFO: sim.endpoints.github.caFile, GIT_TERMINAL_PROMPT: '0' } });

  it('clones over HTTPS with the token (smart HTTP), verifying the certificate with GIT_SSL_CAINFO', async () => {
    const r = await git(['clone', '--quiet', cloneUrl(sim.endpoints.github.token), 'clone']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const log = await git(['log', '--oneline', '-1'], path.join(dir, 'clone'));
    expect(log.stdout.trim().length).toBeGreaterThan(7);
    expect(fs.existsSync(path.join(dir, 'clone', 'kubernetes'))).toBe(true);
  });

  it('a wrong token is refused, and so is an unverified certificate', async () => {
    expect((await git(['clone', '--quiet', cloneUrl('ghp_wrong'), 'wrong'])).stderr).toMatch(/Authentication failed|401|Invalid username/);
    const noCa = await run('git', ['clone', '--quiet', cloneUrl(sim.endpoints.github.token), 'no-ca'], { cwd: dir, env: { ...process.env, GIT_SSL_CAINFO: '', GIT_TERMINAL_PROMPT: '0' } });
    expect(noCa.status).not.toBe(0);
    expect(noCa.stderr).toMatch(/certificate|SSL/i);
  });
});

async function until(fn: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
