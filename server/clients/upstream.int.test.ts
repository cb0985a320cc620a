// Every upstream client gives up on a hung upstream (accepts, never answers) after its bound, with
// an UpstreamError a person can read, counts it as a timeout, and never re-sends a write.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '@/sim/index';
import { startTcpProxy } from '@/sim/tcp-proxy';
import { renderMetrics } from '../metrics';
import { connectGithub, readFileAt } from './github';
import { argoAppReader } from './kubernetes/argo-apps';
import { connectProxmox } from './proxmox/connect';
import { powerApi } from './proxmox/power';

const BOUND = 400;
let sim: Simulator;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-bounds-'));
  sim = await startSimulator({ dir, syncDelayMs: 200 });
});

afterEach(async () => {
  await fetch(`${sim.endpoints.control.url}/reset`, { method: 'POST' });
});

afterAll(async () => {
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hang = (target: string) => fetch(`${sim.endpoints.control.url}/faults/${target}`, { method: 'POST', body: JSON.stringify({ hang: true }) });
const counter = async (upstream: string, outcome: string) => {
  const line = (await renderMetrics())
    .split('\n')
    .find((l) => l.startsWith('panel_upstream_requests_total{') && l.includes(`upstream="${upstream}"`) && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').pop()) : 0;
};

describe('a hung upstream', () => {
  it('Proxmox: a start is sent once (proxmox-api would retry it); after a read times out the breaker answers at once', async () => {
    const ep = sim.endpoints.proxmox;
    const api = powerApi(connectProxmox({ url: ep.url, node: ep.node, tokenId: ep.tokenId, tokenSecret: ep.tokenSecret, tls: { caFile: ep.caFile, insecureSkipVerify: false } }, BOUND), ep.node);
    expect((await api.listVms()).length).toBeGreaterThan(0);
    const timeouts = await counter('proxmox', 'timeout');
    await hang('proxmox');
    const before = sim.proxmox.calls.length;
    await expect(api.start(300)).rejects.toMatchObject({ upstream: 'proxmox' });
    const posts = sim.proxmox.calls.slice(before).filter((c) => c.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(await counter('proxmox', 'timeout')).toBeGreaterThan(timeouts);
    await expect(api.listVms()).rejects.toMatchObject({ upstream: 'proxmox', status: undefined }); // waits its bound, opens
    // The breaker is open: reads fail at once, as unreachable, while it retries in the background.
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await expect(api.listVms()).rejects.toMatchObject({ upstream: 'proxmox', status: undefined });
      expect(performance.now() - t0).toBeLessThan(50);
    }
    await fetch(`${sim.endpoints.control.url}/reset`, { method: 'POST' });
    // The background retry sees Proxmox answer again and closes the breaker.
    await expect.poll(async () => (await api.listVms().catch(() => [])).length, { timeout: 5_000, interval: 200 }).toBeGreaterThan(0);
  });

  it('GitHub: a read says GitHub did not answer in time', async () => {
    const ep = sim.endpoints.github;
    const gh = connectGithub({ apiUrl: ep.apiUrl, owner: ep.owner, repo: ep.repo, branch: ep.branch, token: ep.token, tls: { caFile: ep.caFile, insecureSkipVerify: false } }, BOUND);
    expect(await readFileAt(gh, 'README.md')).not.toBeUndefined();
    await hang('github');
    await expect(readFileAt(gh, 'README.md')).rejects.toMatchObject({ upstream: 'github', message: expect.stringMatching(/did not answer in time/) });
    expect(await counter('github', 'timeout')).toBeGreaterThan(0);
  });

  it('GitHub: a connection refused is "unreachable", not "answered 500"', async () => {
    const ep = sim.endpoints.github;
    const gh = connectGithub({ apiUrl: 'http://127.0.0.1:9', owner: ep.owner, repo: ep.repo, branch: ep.branch, token: ep.token, tls: { caFile: ep.caFile, insecureSkipVerify: false } }, BOUND);
    await expect(readFileAt(gh, 'README.md')).rejects.toMatchObject({ upstream: 'github', status: undefined, message: expect.stringMatching(/unreachable/) });
  });

  it('Kubernetes: an Argo CD application read gives up and names the cluster', async () => {
    const c = sim.endpoints.clusters.find((x) => x.name === sim.endpoints.argocd.cluster)!;
    const read = argoAppReader({ kubeconfig: c.kubeconfig, context: c.context, namespace: 'argocd', cluster: c.name, timeoutMs: BOUND });
    await hang(`cluster:${c.name}`);
    await expect(read('immich-prod')).rejects.toMatchObject({ upstream: `kubernetes:${c.name}`, message: expect.stringMatching(/did not answer in time/) });
    expect(await counter(`kubernetes:${c.name}`, 'timeout')).toBeGreaterThan(0);
  });
});

describe('the TCP fault proxy', () => {
  it('forwards, refuses when down, swallows when hung, and resets hung connections when back up', async () => {
    const echo = await import('node:net').then((net) => net.createServer((s) => s.on('error', () => undefined).pipe(s)));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const proxy = await startTcpProxy({ host: '127.0.0.1', port: (echo.address() as { port: number }).port });
    const net = await import('node:net');
    const talk = (ms = 300) =>
      new Promise<string>((resolve) => {
        const s = net.connect(proxy.port, '127.0.0.1');
        let got = '';
        s.on('data', (d) => (got += d));
        s.on('error', () => resolve('error'));
        s.on('close', () => resolve(got || 'closed'));
        s.write('ping');
        setTimeout(() => {
          s.destroy();
          resolve(got || 'silent');
        }, ms);
      });
    try {
      expect(await talk()).toBe('ping');
      proxy.set('down');
      expect(['error', 'closed']).toContain(await talk());
      proxy.set('hang');
      expect(await talk()).toBe('silent');
      proxy.set('up');
      expect(await talk()).toBe('ping');
    } finally {
      await proxy.close();
      echo.close();
    }
  });
});
