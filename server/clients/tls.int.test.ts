// TLS to the upstreams as a homelab has it (private CAs, Proxmox's self-signed pve-root-ca.pem), through
// the panel's ordinary configuration: a wrong CA and a certificate for another host are refused with
// an error naming the upstream; insecureSkipVerify connects and is warned about at every start.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGithubSim, type GithubSim } from '@/sim/github';
import { startKubeSim, type KubeSim } from '@/sim/kubernetes';
import { startProxmoxSim, type ProxmoxSim } from '@/sim/proxmox';
import { certAuthority, serverCert } from '@/sim/tls';
import { loadConfig, insecureUpstreams } from '../env';
import { warnInsecure } from '../http/tls-fetch';
import { log } from '../log';
import { connectGithub, readFileAt } from './github';
import { kubeConfigFor } from './kubernetes/connect';
import { kubeError } from './kubernetes/errors';
import { connectProxmox } from './proxmox/connect';
import { pve } from './proxmox/errors';

const SECRET = '6f1c3a2e-9b4d-4e8a-a1c7-52d9e0f3b8aa';
const TOKEN = 'ghp_tls_test_token';
let dir: string;
let pveSim: ProxmoxSim;
let otherHost: ProxmoxSim;
let gh: GithubSim;
let kube: KubeSim;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tls-'));
  pveSim = await startProxmoxSim({ tokenSecret: SECRET });
  // Signed by the right CA, but for pve.home.lan: connecting to 127.0.0.1 must fail.
  otherHost = await startProxmoxSim({ tokenSecret: SECRET, tls: serverCert(certAuthority('pve-root-ca'), ['pve.home.lan']) });
  gh = await startGithubSim({ dir: path.join(dir, 'gh'), token: TOKEN });
  kube = await startKubeSim({ cluster: 'dev', token: 'kube-token', kubeconfigDir: path.join(dir, 'kube') });
  closers.push(() => pveSim.close(), () => otherHost.close(), () => gh.close(), () => kube.close());
});

afterAll(async () => {
  for (const c of closers) await c();
  fs.rmSync(dir, { recursive: true, force: true });
});

const proxmox = (sim: ProxmoxSim, tls: { caFile?: string; insecureSkipVerify: boolean }) => {
  const api = connectProxmox({ url: sim.url, node: 'pve', tokenId: sim.tokenId, tokenSecret: SECRET, tls }, 3_000);
  return () => pve(() => api.nodes.$get());
};
const github = (caFile: string | undefined, insecureSkipVerify = false) => connectGithub({ apiUrl: gh.url, owner: 'paul', repo: 'homelab', branch: 'main', token: TOKEN, tls: { caFile, insecureSkipVerify } }, 3_000);
const listNodes = async (tls: { caFile?: string; insecureSkipVerify: boolean }) => {
  const api = kubeConfigFor({ name: 'dev', kubeconfig: kube.kubeconfigPath, context: 'dev', inCluster: false, tls }).makeApiClient(CoreV1Api);
  try {
    return await api.listNode();
  } catch (e) {
    throw kubeError('dev', 'listing nodes', e);
  }
};

describe('TLS to the upstreams', () => {
  it('the right CA: Proxmox with pve-root-ca.pem, GitHub with its CA, a cluster with its kubeconfig CA', async () => {
    expect((await proxmox(pveSim, { caFile: pveSim.caFile, insecureSkipVerify: false })()).length).toBe(1);
    expect(await readFileAt(github(gh.caFile), 'README.md')).not.toBeUndefined();
    expect((await listNodes({ insecureSkipVerify: false })).items.length).toBeGreaterThan(0);
  });

  it('a wrong CA is refused, and the error names the upstream', async () => {
    await expect(proxmox(pveSim, { caFile: gh.caFile, insecureSkipVerify: false })()).rejects.toMatchObject({ upstream: 'proxmox', message: expect.stringMatching(/^proxmox: the TLS certificate at https:\/\/127\.0\.0\.1:\d+ is not signed by a trusted CA .*proxmox\.tls\.caFile/) });
    await expect(proxmox(pveSim, { insecureSkipVerify: false })()).rejects.toMatchObject({ message: expect.stringMatching(/not signed by a trusted CA/) });
    await expect(readFileAt(github(pveSim.caFile), 'README.md')).rejects.toMatchObject({ upstream: 'github', message: expect.stringMatching(/github: the TLS certificate .* not signed by a trusted CA .*github\.tls\.caFile/) });
    await expect(listNodes({ caFile: gh.caFile, insecureSkipVerify: false })).rejects.toMatchObject({ upstream: 'kubernetes:dev', message: expect.stringMatching(/cluster dev: the TLS certificate is not signed by a trusted CA/) });
  });

  it('a certificate for another host name is refused, even from the right CA', async () => {
    await expect(proxmox(otherHost, { caFile: otherHost.caFile, insecureSkipVerify: false })()).rejects.toMatchObject({ upstream: 'proxmox', message: expect.stringMatching(/proxmox: the TLS certificate .* is for another host name .*127\.0\.0\.1.*pve\.home\.lan/) });
  });

  it('insecureSkipVerify connects without the CA', async () => {
    expect((await proxmox(otherHost, { insecureSkipVerify: true })()).length).toBe(1);
    expect(await readFileAt(github(undefined, true), 'README.md')).not.toBeUndefined();
    expect((await listNodes({ caFile: gh.caFile, insecureSkipVerify: true })).items.length).toBeGreaterThan(0);
  });

  it('insecureSkipVerify is warned about at every start, naming each upstream', () => {
    const yaml = `auth: { issuer: https://kc.home.lan/realms/homelab, clientId: panel, clientSecret: s, secret: ${'x'.repeat(40)}, tls: { insecureSkipVerify: true } }
proxmox: { url: https://192.168.68.51:8006, tokenId: panel@pve!panel, tokenSecret: s, tls: { insecureSkipVerify: true } }
clusters: [{ name: prod, kubeconfig: k.yaml, tls: { insecureSkipVerify: true } }, { name: dev, kubeconfig: k.yaml }]`;
    const cfg = loadConfig({ env: { HOMELAB_CONFIG: 'h.yaml' }, readFile: () => yaml, exists: () => true });
    const warn = vi.spyOn(log, 'warn').mockImplementation(() => undefined);
    try {
      for (let start = 0; start < 2; start++) warnInsecure(insecureUpstreams(cfg));
      expect(warn.mock.calls.map((c) => c[1])).toEqual(
        [0, 1].flatMap(() => ['auth', 'clusters.prod', 'proxmox'].map((u) => `TLS verification is DISABLED for ${u} (insecureSkipVerify); use tls.caFile instead`)),
      );
    } finally {
      warn.mockRestore();
    }
  });
});
