// The simulated homelab, seeded from the owner's architecture document (v4.0): §3 cluster topology,
// §5 services catalogue, §8 resource allocation. Both the Kubernetes/Argo CD simulator and the GitOps
// template repository are generated from this one file, so they always agree.

export type ClusterName = 'dev' | 'prod' | 'cloud';
export type Audience = 'family' | 'admin';

export interface SimNode {
  name: string;
  role: 'control-plane' | 'worker' | 'control-plane,worker';
  cpu: number; // cores
  memoryGiB: number;
  diskGiB: number;
}

export interface SimCluster {
  name: ClusterName;
  displayName: string;
  /** What the Omni cluster template in the GitOps repo asks for (omni/clusters/<name>.yaml). */
  template: { talosVersion: string; kubernetesVersion: string };
  /** What the nodes actually run (may lag the template: an upgrade in progress). */
  running: { talosVersion: string; kubeletVersion: string };
  nodes: SimNode[];
  /** The Gateway API CRDs are installed (HTTPRoutes served); without, the group answers 404. */
  gatewayApi?: boolean;
}

export const CLUSTERS: SimCluster[] = [
  {
    name: 'dev',
    displayName: 'DEV',
    template: { talosVersion: '1.9.3', kubernetesVersion: '1.32.1' },
    running: { talosVersion: 'v1.9.3', kubeletVersion: 'v1.32.1' },
    nodes: [{ name: 'talos-dev', role: 'control-plane,worker', cpu: 2, memoryGiB: 4, diskGiB: 50 }],
  },
  {
    name: 'prod',
    displayName: 'PROD',
    template: { talosVersion: '1.9.3', kubernetesVersion: '1.32.1' },
    running: { talosVersion: 'v1.9.2', kubeletVersion: 'v1.32.1' },
    gatewayApi: true,
    nodes: [
      { name: 'talos-prod-cp', role: 'control-plane', cpu: 2, memoryGiB: 4, diskGiB: 50 },
      { name: 'talos-prod-worker-1', role: 'worker', cpu: 6, memoryGiB: 12, diskGiB: 200 },
    ],
  },
  {
    name: 'cloud',
    displayName: 'CLOUD',
    template: { talosVersion: '1.9.3', kubernetesVersion: '1.32.1' },
    running: { talosVersion: 'v1.9.3', kubeletVersion: 'v1.32.1' },
    gatewayApi: true,
    nodes: [
      { name: 'oci-node-1', role: 'control-plane,worker', cpu: 2, memoryGiB: 12, diskGiB: 64 },
      { name: 'oci-node-2', role: 'worker', cpu: 1, memoryGiB: 6, diskGiB: 75 },
    ],
  },
];

export interface SimService {
  name: string;
  displayName: string;
  /** Folder under kubernetes/base/ (architecture §4.1). */
  basePath: string;
  namespace: string;
  /** Clusters whose overlay deploys it. DEV runs the PROD manifests (architecture §3.1). */
  clusters: ClusterName[];
  image: string;
  /** Tag per cluster overlay; DEV ahead of PROD on a few services so there is something to promote. */
  tags: Partial<Record<ClusterName, string>>;
  /** Optional Helm chart rendered by Kustomize's helmCharts. */
  chart?: { name: string; repo: string; versions: Partial<Record<ClusterName, string>> };
  memoryMiB: number;
  audience: Audience;
  /** Architecture §2.8: 1 = Keycloak SSO, 2 = app-native auth; 0 = not user-facing. */
  authTier: 0 | 1 | 2;
  url?: string;
  /** panel.homelab/icon: a Simple Icons name ("si-nextcloud", "jellyfin"), a file, a URL, or a word (the initial is drawn). */
  icon: string;
  description: string;
  syncWave: number;
  /** panel.homelab/group: tiles under a heading on the home screen. */
  group?: string;
  /** Annotated the Homepage way (gethomepage.dev/*) instead of the panel's: the demo of docs/coming-from-homepage.md. */
  homepage?: boolean;
  /**
   * The Homepage annotations are on the service's Ingress or HTTPRoute (host = its url), tied to its
   * Application by Argo CD's instance label (Ingress) or tracking-id annotation (HTTPRoute); the
   * Application itself carries none.
   */
  homepageOn?: 'Ingress' | 'HTTPRoute';
}

const home = (name: string) => `https://${name}.home.arpa`;
const cloud = (name: string) => `https://${name}.homelab.example`;

export const SERVICES: SimService[] = [
  // §5.5 Home services (PROD; DEV validates the same manifests)
  { name: 'adguard-home', displayName: 'AdGuard Home', basePath: 'apps/home/adguard-home', namespace: 'home', clusters: ['dev', 'prod'], image: 'adguard/adguardhome', tags: { dev: 'v0.107.56', prod: 'v0.107.55' }, memoryMiB: 256, audience: 'admin', authTier: 0, url: home('adguard'), icon: 'shield', description: 'DNS and ad blocking', syncWave: 4 },
  { name: 'home-assistant', displayName: 'Home Assistant', basePath: 'apps/home/home-assistant', namespace: 'home', clusters: ['dev', 'prod'], image: 'ghcr.io/home-assistant/home-assistant', tags: { dev: '2025.2.1', prod: '2025.1.4' }, memoryMiB: 2048, audience: 'family', authTier: 2, url: home('home-assistant'), icon: 'si-homeassistant', group: 'Home', description: 'Lights, heating and the house', syncWave: 4 },
  { name: 'audiobookshelf', displayName: 'Audiobookshelf', basePath: 'apps/home/audiobookshelf', namespace: 'home', clusters: ['dev', 'prod'], image: 'ghcr.io/advplyr/audiobookshelf', tags: { dev: '2.17.7', prod: '2.17.7' }, memoryMiB: 1024, audience: 'family', authTier: 2, url: home('audiobooks'), icon: 'audiobookshelf', group: 'Media', description: 'Audiobooks and podcasts', syncWave: 4 },
  { name: 'komga', displayName: 'Komga', basePath: 'apps/home/komga', namespace: 'home', clusters: ['dev', 'prod'], image: 'gotson/komga', tags: { dev: '1.16.0', prod: '1.15.1' }, memoryMiB: 2048, audience: 'family', authTier: 2, url: home('komga'), icon: 'book', group: 'Media', description: 'Comics and manga', syncWave: 4 },
  { name: 'romm', displayName: 'RomM', basePath: 'apps/home/romm', namespace: 'home', clusters: ['dev', 'prod'], image: 'rommapp/romm', tags: { dev: '3.7.3', prod: '3.7.3' }, memoryMiB: 1024, audience: 'family', authTier: 2, url: home('romm'), icon: 'gamepad', group: 'Media', homepageOn: 'Ingress', description: 'Retro games library', syncWave: 4 },
  // §5.6 Monitoring (PROD)
  { name: 'prometheus', displayName: 'Prometheus', basePath: 'monitoring/prometheus', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'quay.io/prometheus/prometheus', tags: { dev: 'v3.1.0', prod: 'v3.1.0' }, chart: { name: 'prometheus', repo: 'https://prometheus-community.github.io/helm-charts', versions: { dev: '27.3.0', prod: '26.1.0' } }, memoryMiB: 1024, audience: 'admin', authTier: 0, url: home('prometheus'), icon: 'si-prometheus', description: 'Metrics collection', syncWave: 3 },
  { name: 'grafana', displayName: 'Grafana', basePath: 'monitoring/grafana', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'grafana/grafana', tags: { dev: '11.5.1', prod: '11.4.0' }, memoryMiB: 512, audience: 'admin', authTier: 1, url: home('grafana'), icon: 'si-grafana', description: 'Admin dashboards', syncWave: 3 },
  { name: 'loki', displayName: 'Loki', basePath: 'monitoring/loki', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'grafana/loki', tags: { dev: '3.3.2', prod: '3.3.2' }, memoryMiB: 512, audience: 'admin', authTier: 0, icon: 'list', description: 'Log aggregation', syncWave: 3 },
  { name: 'alertmanager', displayName: 'Alertmanager', basePath: 'monitoring/alertmanager', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'quay.io/prometheus/alertmanager', tags: { dev: 'v0.28.0', prod: 'v0.28.0' }, memoryMiB: 256, audience: 'admin', authTier: 0, icon: 'bell', description: 'Alert routing to ntfy and Telegram', syncWave: 3 },
  { name: 'alloy', displayName: 'Alloy', basePath: 'monitoring/alloy', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'grafana/alloy', tags: { dev: 'v1.6.1', prod: 'v1.5.1' }, memoryMiB: 256, audience: 'admin', authTier: 0, icon: 'radio', description: 'Log and metric agent', syncWave: 3 },
  { name: 'ntfy', displayName: 'ntfy', basePath: 'monitoring/ntfy', namespace: 'monitoring', clusters: ['dev', 'prod'], image: 'binwiederhier/ntfy', tags: { dev: 'v2.11.0', prod: 'v2.11.0' }, memoryMiB: 128, audience: 'admin', authTier: 2, url: home('ntfy'), icon: 'bell', description: 'Push notifications', syncWave: 3 },
  // §5.1 Media (CLOUD)
  { name: 'comet', displayName: 'Comet', basePath: 'apps/media/comet', namespace: 'media', clusters: ['cloud'], image: 'g0ldyy/comet', tags: { cloud: 'v1.53.0' }, memoryMiB: 256, audience: 'family', authTier: 0, url: cloud('comet'), icon: 'film', group: 'Media', homepageOn: 'HTTPRoute', description: 'Films and series for Stremio', syncWave: 4 },
  { name: 'navidrome', displayName: 'Music', basePath: 'apps/media/navidrome', namespace: 'media', clusters: ['cloud'], image: 'deluan/navidrome', tags: { cloud: '0.54.3' }, memoryMiB: 512, audience: 'family', authTier: 2, url: cloud('music'), icon: 'music', group: 'Media', description: 'Music streaming (Navidrome)', syncWave: 4 },
  { name: 'lidarr', displayName: 'Lidarr', basePath: 'apps/media/lidarr', namespace: 'media', clusters: ['cloud'], image: 'lscr.io/linuxserver/lidarr', tags: { cloud: '2.8.2' }, memoryMiB: 512, audience: 'admin', authTier: 2, url: cloud('lidarr'), icon: 'disc', description: 'Music library automation', syncWave: 4 },
  // §5.2 Critical (CLOUD)
  { name: 'vaultwarden', displayName: 'Passwords', basePath: 'security/vaultwarden', namespace: 'critical', clusters: ['cloud'], image: 'vaultwarden/server', tags: { cloud: '1.32.7' }, memoryMiB: 256, audience: 'family', authTier: 1, url: cloud('vault'), icon: 'si-vaultwarden', group: 'Files and passwords', description: 'Password manager (Vaultwarden)', syncWave: 2 },
  { name: 'baikal', displayName: 'Calendars', basePath: 'security/baikal', namespace: 'critical', clusters: ['cloud'], image: 'ckulka/baikal', tags: { cloud: '0.10.1-nginx' }, memoryMiB: 256, audience: 'family', authTier: 1, url: cloud('dav'), icon: 'calendar', group: 'Files and passwords', description: 'Calendars and contacts (Baïkal)', syncWave: 2 },
  { name: 'twingate', displayName: 'Twingate connector', basePath: 'security/twingate', namespace: 'critical', clusters: ['cloud'], image: 'twingate/connector', tags: { cloud: '1.72.0' }, memoryMiB: 128, audience: 'admin', authTier: 0, icon: 'link', description: 'Zero-trust link to the home NFS', syncWave: 2 },
  { name: 'oauth2-proxy', displayName: 'oauth2-proxy', basePath: 'security/oauth2-proxy', namespace: 'critical', clusters: ['cloud'], image: 'quay.io/oauth2-proxy/oauth2-proxy', tags: { cloud: 'v7.7.1' }, memoryMiB: 128, audience: 'admin', authTier: 0, icon: 'lock', description: 'SSO for tier-1 services', syncWave: 2 },
  // §5.3 Collaborative, §5.4 Dashboard (CLOUD)
  { name: 'nextcloud', displayName: 'Nextcloud', basePath: 'apps/collaborative/nextcloud', namespace: 'collaborative', clusters: ['cloud'], image: 'nextcloud', tags: { cloud: '30.0.4-apache' }, memoryMiB: 2048, audience: 'family', authTier: 1, url: cloud('cloud'), icon: 'nextcloud', group: 'Files and passwords', description: 'Files and sharing', syncWave: 4 },
  { name: 'glance', displayName: 'Glance', basePath: 'apps/dashboard/glance', namespace: 'dashboard', clusters: ['cloud'], image: 'glanceapp/glance', tags: { cloud: 'v0.7.3' }, memoryMiB: 256, audience: 'family', authTier: 2, url: cloud('glance'), icon: 'glance.png', group: 'Home', homepage: true, description: 'Family home page', syncWave: 4 },
];

/** Infrastructure apps of every cluster (architecture §4.2, waves 0-2); admin audience. */
export const INFRA: { name: string; namespace: string; syncWave: number; clusters: ClusterName[] }[] = [
  { name: 'cilium', namespace: 'kube-system', syncWave: 0, clusters: ['dev', 'prod', 'cloud'] },
  { name: 'cert-manager', namespace: 'cert-manager', syncWave: 0, clusters: ['dev', 'prod', 'cloud'] },
  { name: 'external-secrets', namespace: 'external-secrets', syncWave: 0, clusters: ['dev', 'prod', 'cloud'] },
  { name: 'metallb', namespace: 'metallb-system', syncWave: 0, clusters: ['prod'] },
  { name: 'longhorn', namespace: 'longhorn-system', syncWave: 1, clusters: ['prod'] },
  { name: 'local-path', namespace: 'local-path-storage', syncWave: 1, clusters: ['dev'] },
  { name: 'external-dns', namespace: 'external-dns', syncWave: 2, clusters: ['prod', 'cloud'] },
];

/** §8: the Proxmox host (64 GB) and its VMs; the gaming VM is off most of the time. */
export const PROXMOX = {
  node: 'pve',
  memoryGiB: 64,
  cpus: 16,
  hostReserveGiB: 4, // Proxmox host OS
  zfsArcGiB: 8,
  gpu: '0000:01:00',
  vms: [
    { vmid: 101, name: 'talos-dev', memoryGiB: 4, cores: 2, tags: 'talos;dev', running: true },
    { vmid: 201, name: 'talos-prod-cp', memoryGiB: 4, cores: 2, tags: 'talos;prod', running: true },
    { vmid: 202, name: 'talos-prod-worker-1', memoryGiB: 12, cores: 6, tags: 'talos;prod', running: true },
    { vmid: 300, name: 'windows-gaming', memoryGiB: 32, cores: 8, tags: 'gaming', running: false, hostpci0: '0000:01:00,pcie=1,x-vga=1' },
  ],
};

/** Annotations that carry the panel's service metadata on each Argo CD Application (docs/services.md). */
export { ANNOTATIONS, HOMEPAGE_ANNOTATIONS } from '../../lib/live/annotations';
