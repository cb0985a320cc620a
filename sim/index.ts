// The homelab simulator: every upstream of the panel as a real HTTP server on 127.0.0.1.
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BadImages } from './argocd';
import { startControl, type ControlServer } from './control';
import { startGithubSim, type GithubSim } from './github';
import { GAMING_VM } from './gitops-template';
import { SEED_CATALOGUE, scaleCatalogue, startKubeSim, type Catalogue, type KubeSim } from './kubernetes';
import { startNtfySim, type NtfySim } from './ntfy';
import { startPushSim, type PushSim } from './push';
import { startTelegramSim, type TelegramSim } from './telegram';
import { startOidcSim, type OidcSim } from './oidc';
import { startProxmoxSim, type ProxmoxSim } from './proxmox';
import type { Endpoints } from './types';

export interface SimulatorOptions {
  /** Folder for the simulator's state (git repository, kubeconfigs). */
  dir: string;
  /** Panel base URLs allowed as OIDC redirect targets. */
  panelUrls?: string[];
  accessTokenTtlSeconds?: number;
  /** Scale mode: N clusters × M apps × K nodes instead of the seeded homelab. */
  scale?: { clusters: number; appsPerCluster: number; nodesPerCluster: number };
  /** Argo CD sync delay (ms). */
  syncDelayMs?: number;
  /** How long the gaming VM's guest takes to "boot" before its agent answers (ms). */
  bootDelayMs?: number;
  /** Usage figures drift over time (on for the demo). */
  drift?: boolean;
  /** Latency added to every upstream answer (ms). */
  latencyMs?: number;
  /**
   * The KubeVirt gaming VM (docs/simulator.md): prod serves kubevirt.io/v1 VirtualMachines and
   * VirtualMachineInstances, and Argo CD deploys the VM's manifest (Application `gaming-vm-prod`).
   * Off by default, so the seeded homelab (and its Application list) stays as it was.
   */
  kubevirt?: boolean;
}

export interface Simulator {
  endpoints: Endpoints;
  oidc: OidcSim;
  github: GithubSim;
  proxmox: ProxmoxSim;
  clusters: Map<string, KubeSim>;
  badImages: BadImages;
  ntfy: NtfySim;
  push: PushSim;
  telegram: TelegramSim;
  control: ControlServer;
  close(): Promise<void>;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const oidc = await startOidcSim({ panelUrls: opts.panelUrls, accessTokenTtlSeconds: opts.accessTokenTtlSeconds, clientSecret: randomBytes(24).toString('base64url') });
    closers.push(() => oidc.close());

    const githubToken = `ghp_sim${randomBytes(16).toString('hex')}`;
    const repoDir = path.join(opts.dir, 'github');
    fs.rmSync(repoDir, { recursive: true, force: true });
    const github = await startGithubSim({ dir: repoDir, token: githubToken });
    closers.push(() => github.close());

    const proxmoxSecret = randomUUID();
    const proxmox = await startProxmoxSim({ tokenSecret: proxmoxSecret, bootDelayMs: opts.bootDelayMs });
    closers.push(() => proxmox.close());

    const catalogue: Catalogue = opts.scale ? scaleCatalogue(opts.scale) : SEED_CATALOGUE;
    const kubeconfigDir = path.join(opts.dir, 'kube');
    fs.mkdirSync(kubeconfigDir, { recursive: true });
    const badImages = new BadImages();
    const clusters = new Map<string, KubeSim>();
    const kubeToken = `sim-${randomBytes(16).toString('hex')}`;
    const readOnlyToken = `sim-ro-${randomBytes(16).toString('hex')}`;
    const names = catalogue.clusters.map((c) => c.name).sort((a, b) => Number(a === catalogue.argocdCluster) - Number(b === catalogue.argocdCluster));
    for (const name of names) {
      const isArgo = name === catalogue.argocdCluster;
      const vmHere = !!opts.kubevirt && !opts.scale && name === GAMING_VM.cluster;
      const sim = await startKubeSim({
        cluster: name,
        catalogue,
        token: kubeToken,
        readOnlyToken,
        kubeconfigDir,
        badImages,
        drift: opts.drift ?? false,
        ...(isArgo
          ? {
              argocd: {
                repo: github.repo,
                clusters: [...clusters.values()],
                syncDelayMs: opts.syncDelayMs ?? 3000,
                repoURL: `https://github.com/${'paul'}/homelab.git`,
                ...(opts.kubevirt && !opts.scale ? { vms: [{ app: GAMING_VM.app, cluster: GAMING_VM.cluster, namespace: GAMING_VM.namespace, vm: GAMING_VM.name, dir: GAMING_VM.dir, file: GAMING_VM.file }] } : {}),
              },
            }
          : {}),
        ...(vmHere ? { kubevirt: { namespace: GAMING_VM.namespace, name: GAMING_VM.name, gpu: GAMING_VM.gpu, memory: GAMING_VM.memory, bootDelayMs: opts.bootDelayMs } } : {}),
      });
      clusters.set(name, sim);
      closers.push(() => sim.close());
    }
    for (const sim of clusters.values()) if (opts.latencyMs) sim.faults.set({ latencyMs: opts.latencyMs });
    if (opts.latencyMs) {
      github.faults.set({ latencyMs: opts.latencyMs });
      proxmox.faults.set({ latencyMs: opts.latencyMs });
    }

    const ntfy = await startNtfySim();
    closers.push(() => ntfy.close());

    const push = await startPushSim();
    closers.push(() => push.close());

    const telegram = await startTelegramSim();
    closers.push(() => telegram.close());

    const control = await startControl({ oidc, github, proxmox, clusters, badImages, ntfy, push, telegram });
    closers.push(() => control.close());

    // Each upstream's CA in the state folder, where a homelab owner keeps theirs (pve-root-ca.pem...).
    const copyCa = (from: string, name: string) => {
      const to = path.join(opts.dir, 'tls', name);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(from, to);
      return to;
    };
    const endpoints: Endpoints = {
      oidc: {
        issuer: oidc.issuer,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        caFile: copyCa(oidc.caFile, 'keycloak-ca.pem'),
        users: oidc.users.map((u) => ({ username: u.username, password: u.password, name: u.name, role: u.panelRole })),
      },
      clusters: [...clusters.values()]
        .map((c) => ({ name: c.name, server: c.url, token: c.token, kubeconfig: c.kubeconfigPath, context: c.context }))
        .sort((a, b) => catalogue.clusters.findIndex((c) => c.name === a.name) - catalogue.clusters.findIndex((c) => c.name === b.name)),
      argocd: { cluster: catalogue.argocdCluster, namespace: 'argocd' },
      proxmox: { url: proxmox.url, node: proxmox.node, tokenId: proxmox.tokenId, tokenSecret: proxmoxSecret, caFile: copyCa(proxmox.caFile, 'pve-root-ca.pem') },
      github: { apiUrl: github.url, owner: 'paul', repo: 'homelab', branch: github.repo.branch, token: githubToken, repoPath: github.repo.path, caFile: copyCa(github.caFile, 'github-ca.pem') },
      control: { url: control.url },
      ntfy: { url: ntfy.url },
      push: { url: push.url, caFile: copyCa(push.caFile, 'push-ca.pem') },
      telegram: { apiUrl: telegram.url, caFile: copyCa(telegram.caFile, 'telegram-ca.pem'), botToken: telegram.botToken, chatId: telegram.chatId },
    };
    return { endpoints, oidc, github, proxmox, clusters, badImages, ntfy, push, telegram, control, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export function writeEndpoints(file: string, endpoints: Endpoints) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
}
