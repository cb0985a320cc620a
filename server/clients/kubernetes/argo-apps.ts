import 'server-only';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { config } from '../../env';
import { UnavailableError, UpstreamError } from '../../errors';
import { isTimeout, upstreamTimeoutMs } from '../upstream';
import { kubeCall } from './errors';

// Reads single Argo CD Applications for the promotions tracker (owned by the promotions feature; the
// dashboard's live store watches everything, this only GETs the few apps a promotion follows).

export interface AppStatusDto {
  name: string;
  sync: string;
  health: string;
  /** The git revision the app is synced (or comparing) to. */
  revision: string | null;
  images: string[];
}

export type AppReader = (name: string) => Promise<AppStatusDto | null>;


export function reshapeApplication(obj: Record<string, unknown>): AppStatusDto {
  const meta = (obj.metadata ?? {}) as { name?: string };
  const status = (obj.status ?? {}) as { sync?: { status?: string; revision?: string }; health?: { status?: string }; summary?: { images?: string[] } };
  return {
    name: meta.name ?? '',
    sync: status.sync?.status ?? 'Unknown',
    health: status.health?.status ?? 'Unknown',
    revision: status.sync?.revision ?? null,
    images: status.summary?.images ?? [],
  };
}

export function argoAppReader(opts: { kubeconfig?: string; context?: string; inCluster?: boolean; namespace: string; cluster: string; timeoutMs?: number }): AppReader {
  const kc = new KubeConfig();
  if (opts.inCluster) kc.loadFromCluster();
  else kc.loadFromFile(opts.kubeconfig!);
  if (opts.context) kc.setCurrentContext(opts.context);
  const api = kc.makeApiClient(CustomObjectsApi);
  return async (name) => {
    const ms = opts.timeoutMs ?? upstreamTimeoutMs();
    try {
      const obj = await kubeCall(opts.cluster, `read the Argo CD application ${name}`, ms, (o) =>
        api.getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', namespace: opts.namespace, plural: 'applications', name }, o),
      );
      return reshapeApplication(obj as Record<string, unknown>);
    } catch (e) {
      if (isTimeout(e)) throw new UpstreamError(`kubernetes:${opts.cluster}`, undefined, `The ${opts.cluster} cluster did not answer in time.`);
      const code = (e as { code?: number }).code;
      if (code === 404) return null;
      throw new UpstreamError(`kubernetes:${opts.cluster}`, code, `Could not read the Argo CD application ${name} on ${opts.cluster}: ${(e as Error).message.split('\n')[0]}`);
    }
  };
}

let cached: AppReader | undefined;

/** The reader for the configured Argo CD cluster (`argocd:` in homelab.yaml). */
export function argoApps(): AppReader {
  if (!cached) {
    const cfg = config();
    if (!cfg.argocd) throw new UnavailableError('Argo CD is not configured (argocd: in homelab.yaml).');
    const cluster = cfg.clusters.find((c) => c.name === cfg.argocd!.cluster)!;
    cached = argoAppReader({ kubeconfig: cluster.kubeconfig, context: cluster.context, inCluster: cluster.inCluster, namespace: cfg.argocd.namespace, cluster: cluster.name });
  }
  return cached;
}
