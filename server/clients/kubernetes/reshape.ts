import 'server-only';
import type { CoreV1Event, V1Node, V1Pod } from '@kubernetes/client-node';
import { bytesOf, milliOf } from '@/lib/live/quantity';
import type { LiveApp } from '@/lib/live/route-meta';
import type { Audience, HealthStatus, NodeDto, PodLite, ServiceMeta, SyncStatus, WarningEventDto } from '@/lib/live/types';
import { ANNOTATIONS, HOMEPAGE_ANNOTATIONS } from '@/lib/live/annotations';

// Raw Kubernetes / Argo CD objects → the dashboard's DTOs. Only what the pages show is kept.


export function reshapeNode(n: V1Node): NodeDto {
  const labels = n.metadata?.labels ?? {};
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  const osImage = n.status?.nodeInfo?.osImage ?? '';
  const talos = /^Talos \((v[^)]+)\)$/.exec(osImage);
  return {
    name: n.metadata?.name ?? '',
    roles: roles.length ? roles : ['worker'],
    ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? '',
    osVersion: talos ? talos[1] : osImage,
    cpuAllocatableMilli: milliOf(n.status?.allocatable?.cpu),
    memAllocatableBytes: bytesOf(n.status?.allocatable?.memory),
    cpuUsedMilli: null,
    memUsedBytes: null,
  };
}

export const podKey = (p: { metadata?: { namespace?: string; name?: string } }) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

export function reshapePod(p: V1Pod): PodLite {
  const statuses = p.status?.containerStatuses ?? [];
  let mem = 0;
  let cpu = 0;
  for (const c of p.spec?.containers ?? []) {
    mem += bytesOf(c.resources?.requests?.memory);
    cpu += milliOf(c.resources?.requests?.cpu);
  }
  const waiting = statuses.map((s) => s.state?.waiting?.reason).find(Boolean);
  const terminated = statuses.map((s) => s.state?.terminated?.reason).find(Boolean);
  return {
    key: podKey(p),
    namespace: p.metadata?.namespace ?? '',
    name: p.metadata?.name ?? '',
    node: p.spec?.nodeName ?? null,
    ready: p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True',
    phase: p.status?.phase ?? 'Unknown',
    restarts: statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0),
    reason: waiting ?? terminated ?? p.status?.reason ?? null,
    memRequestBytes: mem,
    cpuRequestMilli: cpu,
  };
}

const SYNC: readonly SyncStatus[] = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH: readonly HealthStatus[] = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];
const oneOf = <T extends string>(list: readonly T[], v: unknown, dflt: T): T => (list.includes(v as T) ? (v as T) : dflt);
const time = (s: unknown) => (typeof s === 'string' && !Number.isNaN(Date.parse(s)) ? Date.parse(s) : null);

/** The Application's destination, by name (Argo CD cluster secrets) or server URL's host. */
function destinationCluster(dest: { name?: string; server?: string } | undefined): string {
  if (dest?.name) return dest.name === 'in-cluster' ? 'in-cluster' : dest.name;
  return dest?.server ?? '';
}

interface RawApp {
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string>; resourceVersion?: string };
  spec?: { destination?: { name?: string; server?: string; namespace?: string } };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; lastTransitionTime?: string };
    summary?: { images?: string[] };
  };
}

const httpUrl = (v: string | undefined) => (/^https?:\/\//.test(v ?? '') ? (v as string) : null);

/**
 * The panel's annotations first, Homepage's (`gethomepage.dev/*`) as the fallback, so tiles look the
 * same on day one for an owner coming from Homepage. `gethomepage.dev/enabled: "true"` makes a
 * family tile unless `panel.homelab/audience` says otherwise (docs/coming-from-homepage.md).
 */
export function serviceMeta(ann: Record<string, string>, name: string, tier = Number.NaN): ServiceMeta {
  const hp = HOMEPAGE_ANNOTATIONS;
  const homepageTile = ann[hp.enabled] === 'true';
  return {
    displayName: ann[ANNOTATIONS.displayName] || ann[hp.name] || name,
    description: ann[ANNOTATIONS.description] || ann[hp.description] || null,
    url: httpUrl(ann[ANNOTATIONS.url]) ?? httpUrl(ann[hp.href]),
    icon: ann[ANNOTATIONS.icon] || ann[hp.icon] || null,
    group: ann[ANNOTATIONS.group] || ann[hp.group] || null,
    audience: oneOf<Audience>(['family', 'admin'], ann[ANNOTATIONS.audience], homepageTile ? 'family' : 'admin'),
    authTier: Number.isFinite(tier) ? tier : null,
  };
}

/** The annotations a tile is read from (kept server-side: a route's Homepage annotations merge under them). */
export function tileAnnotationsOf(ann: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ann)) if (k.startsWith('panel.homelab/') || k.startsWith('gethomepage.dev/')) out[k] = v;
  return out;
}

export function reshapeApp(raw: unknown, argoClusterName: string): LiveApp {
  const a = raw as RawApp;
  const ann = a.metadata?.annotations ?? {};
  const tier = Number.parseInt(ann[ANNOTATIONS.tier] ?? '', 10);
  const meta: ServiceMeta = serviceMeta(ann, a.metadata?.name ?? '', tier);
  const dest = destinationCluster(a.spec?.destination);
  return {
    name: a.metadata?.name ?? '',
    appNamespace: a.metadata?.namespace ?? '',
    cluster: dest === 'in-cluster' ? argoClusterName : dest,
    namespace: a.spec?.destination?.namespace ?? '',
    sync: oneOf(SYNC, a.status?.sync?.status, 'Unknown'),
    health: oneOf(HEALTH, a.status?.health?.status, 'Unknown'),
    healthSince: time(a.status?.health?.lastTransitionTime),
    revision: a.status?.sync?.revision ?? null,
    images: [...(a.status?.summary?.images ?? [])],
    meta,
    resourceVersion: a.metadata?.resourceVersion ?? '',
    tileAnnotations: tileAnnotationsOf(ann),
  };
}

export function reshapeWarning(e: CoreV1Event): WarningEventDto {
  const at = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return {
    namespace: e.involvedObject?.namespace ?? e.metadata?.namespace ?? '',
    object: `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
    reason: e.reason ?? '',
    message: e.message ?? '',
    count: e.count ?? 1,
    at: at ? new Date(at as unknown as string).getTime() : 0,
  };
}

interface RawNodeMetrics {
  items?: { metadata?: { name?: string }; usage?: { cpu?: string; memory?: string } }[];
}

export function reshapeNodeMetrics(raw: unknown): Map<string, { cpuMilli: number; memBytes: number }> {
  const out = new Map<string, { cpuMilli: number; memBytes: number }>();
  for (const i of (raw as RawNodeMetrics).items ?? []) {
    if (i.metadata?.name) out.set(i.metadata.name, { cpuMilli: milliOf(i.usage?.cpu), memBytes: bytesOf(i.usage?.memory) });
  }
  return out;
}
