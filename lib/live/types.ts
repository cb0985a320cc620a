// DTOs of the live dashboard: what the server keeps in memory (server/live/store.ts), what the API
// returns and what the browser caches. Plain JSON (numbers are epoch ms or bytes / millicores).

/** How fresh one source's data is. `lastSuccess` stays at the last good time while a source is down. */
export interface Freshness {
  reachable: boolean;
  lastSuccess: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type Audience = 'family' | 'admin';

export interface NodeDto {
  name: string;
  roles: string[];
  ready: boolean;
  kubeletVersion: string;
  /** e.g. "v1.9.2" from the Talos osImage, or the raw osImage on other distributions. */
  osVersion: string;
  cpuAllocatableMilli: number;
  memAllocatableBytes: number;
  cpuUsedMilli: number | null;
  memUsedBytes: number | null;
}

/** The few fields of a pod the dashboard needs; the store keeps one per pod to fold counts. */
export interface PodLite {
  key: string;
  namespace: string;
  name: string;
  node: string | null;
  ready: boolean;
  phase: string;
  restarts: number;
  reason: string | null;
  memRequestBytes: number;
  cpuRequestMilli: number;
}

export interface PodSummary {
  total: number;
  notReady: number;
  restarts: number;
  memRequestBytes: number;
  cpuRequestMilli: number;
  /** At most 20, for the cluster page. */
  notReadyPods: { namespace: string; name: string; reason: string | null; restarts: number }[];
}

export interface WarningEventDto {
  namespace: string;
  object: string;
  reason: string;
  message: string;
  count: number;
  at: number;
}

export interface ServiceMeta {
  displayName: string;
  description: string | null;
  url: string | null;
  icon: string | null;
  /** Tiles are grouped by it on the home screen (Homepage's groups). */
  group: string | null;
  audience: Audience;
  authTier: number | null;
}

export interface AppDto {
  name: string;
  /** Namespace of the Application object (Argo CD's namespace). */
  appNamespace: string;
  /** Destination cluster and namespace. */
  cluster: string;
  namespace: string;
  sync: SyncStatus;
  health: HealthStatus;
  /** Epoch ms the current health began (Argo's lastTransitionTime, or when the panel saw it). */
  healthSince: number | null;
  revision: string | null;
  images: string[];
  meta: ServiceMeta;
  resourceVersion: string;
}

export interface ClusterVersions {
  kubernetes: string | null;
  talos: string | null;
}

export interface ClusterSummary {
  name: string;
  displayName: string;
  omniUrl: string | null;
  freshness: Freshness;
  metricsAt: number | null;
  versions: ClusterVersions;
  nodesReady: number;
  nodesTotal: number;
  cpuAllocatableMilli: number;
  cpuUsedMilli: number | null;
  memAllocatableBytes: number;
  memUsedBytes: number | null;
  pods: Omit<PodSummary, 'notReadyPods'>;
  apps: { total: number; healthy: number; outOfSync: number; degraded: number };
}

export interface ClusterDetail extends ClusterSummary {
  nodes: NodeDto[];
  notReadyPods: PodSummary['notReadyPods'];
  warnings: WarningEventDto[];
  appList: AppDto[];
  appsFreshness: Freshness;
}

export interface VmDto {
  vmid: number;
  name: string;
  running: boolean;
  memMaxBytes: number;
  memUsedBytes: number;
  cores: number;
  tags: string[];
  gpu: boolean;
}

export interface ProxmoxDto {
  configured: boolean;
  node: string;
  memTotalBytes: number | null;
  memUsedBytes: number | null;
  cpu: number | null;
  vms: VmDto[];
  freshness: Freshness;
}
