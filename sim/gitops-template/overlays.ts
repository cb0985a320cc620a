// Kustomize overlays of the GitOps repository (architecture §4.4). They are written as text, not
// serialized objects, because the panel must edit real files with comments and blank lines in them
// without destroying them (that is what a Renovate-maintained repository looks like).
import { CLUSTERS, SERVICES, type ClusterName, type SimService } from '../seed/catalogue';

export const ENVS: ClusterName[] = CLUSTERS.map((c) => c.name);

/** Versions one overlay pins: the image tag and (for Helm-based services) the chart version. */
export interface OverlayVersions {
  tag: string;
  chartVersion?: string;
}

export function overlayDir(env: ClusterName, svc: SimService): string {
  return `kubernetes/overlays/${env}/${svc.name}`;
}

export function overlayPath(env: ClusterName, svc: SimService): string {
  return `${overlayDir(env, svc)}/kustomization.yaml`;
}

/** The versions the catalogue says an overlay runs today. */
export function catalogueVersions(env: ClusterName, svc: SimService): OverlayVersions | null {
  const tag = svc.tags[env];
  if (!tag) return null;
  return { tag, chartVersion: svc.chart?.versions[env] };
}

const ENV_NOTE: Record<ClusterName, string> = {
  dev: 'DEV validates the PROD manifests with a single replica; bump here first, then promote.',
  prod: 'PROD: only promoted versions land here (DEV → PROD).',
  cloud: 'CLOUD (Oracle Always Free): family-facing services, exposed through the Cloudflare tunnel.',
};

export function renderServiceOverlay(env: ClusterName, svc: SimService, v: OverlayVersions): string {
  const lines = [
    `# ${svc.displayName} — ${env.toUpperCase()} overlay`,
    `# ${ENV_NOTE[env]}`,
    '---',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${svc.namespace}`,
    '',
    'resources:',
    `  - ../../../base/${svc.basePath}`,
    '',
    'images:',
    `  # renovate: datasource=docker depName=${svc.image}`,
    `  - name: ${svc.image}`,
    `    newTag: "${v.tag}"`,
  ];
  if (svc.chart && v.chartVersion) {
    lines.push(
      '',
      'helmCharts:',
      `  - name: ${svc.chart.name}`,
      `    repo: ${svc.chart.repo}`,
      `    # renovate: datasource=helm depName=${svc.chart.name} registryUrl=${svc.chart.repo}`,
      `    version: ${v.chartVersion}`,
      `    releaseName: ${svc.name}`,
      `    namespace: ${svc.namespace}`,
      '    valuesInline:',
      '      server:',
      '        retention: 15d',
    );
  }
  if (env === 'dev') {
    lines.push(
      '',
      '# DEV is minimal (architecture §3.1): one replica, no persistent data.',
      'patches:',
      '  - target:',
      '      kind: Deployment',
      `      name: ${svc.name}`,
      '    patch: |-',
      '      - op: replace',
      '        path: /spec/replicas',
      '        value: 1',
    );
  }
  return lines.join('\n') + '\n';
}

/** kubernetes/overlays/<env>/kustomization.yaml: one folder per service deployed there. */
export function renderEnvOverlay(env: ClusterName): string {
  const services = SERVICES.filter((s) => s.clusters.includes(env));
  const byNs = new Map<string, SimService[]>();
  for (const s of services) byNs.set(s.namespace, [...(byNs.get(s.namespace) ?? []), s]);
  const lines = [
    `# ${env.toUpperCase()} overlay: every application Argo CD deploys on the ${env} cluster.`,
    '---',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    '',
    'resources:',
  ];
  for (const [ns, list] of byNs) {
    lines.push(`  # ${ns}`);
    for (const s of list) lines.push(`  - ${s.name}`);
  }
  lines.push('', 'labels:', '  - pairs:', `      homelab.io/environment: ${env}`);
  return lines.join('\n') + '\n';
}
