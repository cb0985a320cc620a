import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@/server/env';
import { homelabConfigFromEndpoints } from './config';
import { startSimulator, type Simulator } from './index';
import { fetchTrusting } from './tls';

// The whole simulator, as `npm run sim` and the e2e stack start it, and its control API.
describe('the simulator', () => {
  let sim: Simulator;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-'));
    sim = await startSimulator({ dir, syncDelayMs: 200 });
  });
  afterAll(async () => {
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const control = (p: string, body?: unknown) =>
    fetch(`${sim.endpoints.control.url}${p}`, { method: body === undefined ? 'GET' : 'POST', body: body === undefined ? undefined : JSON.stringify(body) });

  it('serves every upstream, and its endpoints make a valid panel configuration', async () => {
    const ep = sim.endpoints;
    expect(ep.clusters.map((c) => c.name)).toEqual(['dev', 'prod', 'cloud']);
    const yaml = homelabConfigFromEndpoints(ep, { publicUrl: 'http://localhost:3000', authSecret: 'x'.repeat(40) });
    const cfg = loadConfig({ env: { HOMELAB_CONFIG: 'h.yaml' }, readFile: () => yaml, exists: () => true });
    expect(cfg.clusters.map((c) => c.name)).toEqual(['dev', 'prod', 'cloud']);
    expect(cfg.argocd?.cluster).toBe('prod');
    expect(cfg.proxmox?.tokenId).toBe('panel@pve!panel');
    expect(cfg.github?.repo).toBe('homelab');
    const discovery = await fetchTrusting(fs.readFileSync(ep.oidc.caFile, 'utf8'))(`${ep.oidc.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
  });

  it('takes a cluster down and back up through the control API', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(sim.endpoints.clusters[0].kubeconfig);
    const api = kc.makeApiClient(CoreV1Api);
    expect((await api.listNode()).items.length).toBeGreaterThan(0);
    expect((await control('/faults/cluster:dev', { down: true })).status).toBe(200);
    await expect(api.listNode()).rejects.toThrow();
    expect((await control('/faults/cluster:dev/reset', {})).status).toBe(200);
    expect((await api.listNode()).items.length).toBeGreaterThan(0);
  });

  it('answers unknown targets and bad bodies with 4xx', async () => {
    expect((await control('/faults/nowhere', { down: true })).status).toBe(404);
    expect((await fetch(`${sim.endpoints.control.url}/images/bad`, { method: 'POST', body: '[' })).status).toBe(400);
    expect((await control('/images/bad', {})).status).toBe(400);
  });

  it('pushes an external commit visible in the GitOps repository', async () => {
    const res = await control('/github/external-commit', { message: 'docs: note', files: { 'docs/note.md': 'hello\n' } });
    const { sha } = (await res.json()) as { sha: string };
    expect(await sim.github.repo.head()).toBe(sha);
    expect(await sim.github.repo.readFile(sha, 'docs/note.md')).toBe('hello\n');
  });
});
