// Base manifests, cluster entry points and Omni templates of the GitOps repository (architecture
// §4.1, §4.3, §4.6), generated from the seed catalogue so the simulated clusters and the repository agree.
import { CLUSTERS, INFRA, SERVICES, type ClusterName, type SimCluster, type SimService } from '../seed/catalogue';
import { gamingVmFiles } from './gaming-vm';

function labels(name: string, component: string, indent: string): string {
  return [
    `app.kubernetes.io/name: ${name}`,
    `app.kubernetes.io/instance: ${name}`,
    `app.kubernetes.io/component: ${component}`,
    'app.kubernetes.io/part-of: homelab',
    'app.kubernetes.io/managed-by: argocd',
  ]
    .map((l) => indent + l)
    .join('\n');
}

/** The tag the base manifest names; overlays always override it through `images:`. */
function baseTag(svc: SimService): string {
  return svc.tags.prod ?? svc.tags.cloud ?? svc.tags.dev ?? 'latest';
}

function containerPort(svc: SimService): number {
  // Stable per service so the Service and the Deployment agree; exact numbers do not matter.
  let h = 0;
  for (const c of svc.name) h = (h * 31 + c.charCodeAt(0)) % 1000;
  return 8000 + h;
}

export function renderDeployment(svc: SimService): string {
  const port = containerPort(svc);
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${svc.name}
  namespace: ${svc.namespace}
  labels:
${labels(svc.name, 'server', '    ')}
  annotations:
    argocd.argoproj.io/sync-wave: "${svc.syncWave}"
spec:
  replicas: 2
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: ${svc.name}
      app.kubernetes.io/instance: ${svc.name}
  template:
    metadata:
      labels:
${labels(svc.name, 'server', '        ')}
    spec:
      securityContext:
        runAsNonRoot: true
        fsGroup: 1000
      containers:
        - name: ${svc.name}
          image: ${svc.image}:${baseTag(svc)}
          ports:
            - name: http
              containerPort: ${port}
          resources:
            requests:
              cpu: 50m
              memory: ${Math.max(64, Math.round(svc.memoryMiB / 2))}Mi
            limits:
              memory: ${svc.memoryMiB}Mi
          readinessProbe:
            tcpSocket:
              port: http
`;
}

export function renderService(svc: SimService): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${svc.name}
  namespace: ${svc.namespace}
  labels:
${labels(svc.name, 'server', '    ')}
spec:
  selector:
    app.kubernetes.io/name: ${svc.name}
    app.kubernetes.io/instance: ${svc.name}
  ports:
    - name: http
      port: 80
      targetPort: http
`;
}

export function renderBaseKustomization(svc: SimService): string {
  return `# ${svc.displayName}: ${svc.description}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization

resources:
  - deployment.yaml
  - service.yaml
`;
}

export function infraPath(name: string): string {
  return `kubernetes/base/infrastructure/${name}`;
}

export function renderInfra(name: string, namespace: string, wave: number): Record<string, string> {
  return {
    [`${infraPath(name)}/kustomization.yaml`]: `# ${name} (sync wave ${wave})
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: ${namespace}

resources:
  - namespace.yaml
`,
    [`${infraPath(name)}/namespace.yaml`]: `apiVersion: v1
kind: Namespace
metadata:
  name: ${namespace}
  annotations:
    argocd.argoproj.io/sync-wave: "${wave}"
`,
  };
}

export function renderClusterKustomization(env: ClusterName): string {
  const infra = INFRA.filter((i) => i.clusters.includes(env));
  const lines = [
    `# Entry point Argo CD renders for the ${env} cluster: infrastructure first, then the ${env} overlay.`,
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    '',
    'resources:',
    ...infra.map((i) => `  - ../../base/infrastructure/${i.name}`),
    `  - ../../overlays/${env}`,
  ];
  return lines.join('\n') + '\n';
}

const ENVIRONMENT_LABEL: Record<ClusterName, string> = { dev: 'development', prod: 'production', cloud: 'cloud' };

export function renderOmniCluster(c: SimCluster): string {
  const cps = c.nodes.filter((n) => n.role.startsWith('control-plane'));
  const workers = c.nodes.filter((n) => n.role === 'worker');
  const patch = (hostname: string, indent: string) =>
    [`- |`, `  machine:`, `    network:`, `      hostname: ${hostname}`, `    install:`, `      disk: /dev/vda`].map((l) => indent + l).join('\n');
  const lines = [
    `# Omni cluster template for ${c.displayName}. Bump talosVersion/kubernetesVersion here; Omni rolls the nodes.`,
    'kind: Cluster',
    'metadata:',
    `  name: ${c.name}`,
    '  labels:',
    `    environment: ${ENVIRONMENT_LABEL[c.name]}`,
    'spec:',
    `  talosVersion: ${c.template.talosVersion}`,
    `  kubernetesVersion: ${c.template.kubernetesVersion}`,
    '',
    '  controlPlane:',
    '    machineClass: control-plane',
    `    replicas: ${cps.length}`,
    '    patches:',
    ...cps.map((n) => patch(n.name, '      ')),
  ];
  if (workers.length > 0) {
    lines.push('', '  workers:', '    - machineClass: worker', `      replicas: ${workers.length}`, '      patches:');
    lines.push(...workers.map((n) => patch(n.name, '        ')));
  }
  return lines.join('\n') + '\n';
}

export const README = `# homelab

GitOps repository of the homelab (Proxmox + Talos + Omni + Argo CD).

- \`kubernetes/base/\` — manifests shared by every cluster (one folder per service)
- \`kubernetes/overlays/{dev,prod,cloud}/<service>/\` — image tags and chart versions per environment
- \`kubernetes/clusters/<cluster>/\` — what Argo CD renders for each cluster
- \`omni/clusters/\` — Omni cluster templates (Talos and Kubernetes versions)

Workflow: Renovate bumps DEV, DEV is validated, then the version is promoted to PROD.
`;

export const RENOVATE = `${JSON.stringify(
  {
    $schema: 'https://docs.renovatebot.com/renovate-schema.json',
    extends: ['config:recommended', 'docker:enableMajor', ':semanticCommits', ':automergeDigest', ':automergeBranch'],
    kubernetes: { fileMatch: ['kubernetes/.+\\.ya?ml$'] },
    'helm-values': { fileMatch: ['kubernetes/.+\\.ya?ml$'] },
    packageRules: [
      {
        description: 'Only DEV gets automatic bumps; PROD is promoted from DEV',
        matchFileNames: ['kubernetes/overlays/prod/**', 'kubernetes/overlays/cloud/**'],
        enabled: false,
      },
      { description: 'Group Prometheus stack updates', matchPackageNames: ['/prometheus/', '/grafana/', '/alertmanager/'], groupName: 'monitoring-stack' },
    ],
  },
  null,
  2,
)}\n`;

/** Every file that does not depend on which versions the overlays pin. */
export function staticFiles(): Record<string, string> {
  const files: Record<string, string> = { 'README.md': README, 'renovate.json': RENOVATE };
  for (const svc of SERVICES) {
    const dir = `kubernetes/base/${svc.basePath}`;
    files[`${dir}/deployment.yaml`] = renderDeployment(svc);
    files[`${dir}/service.yaml`] = renderService(svc);
    files[`${dir}/kustomization.yaml`] = renderBaseKustomization(svc);
  }
  for (const i of INFRA) Object.assign(files, renderInfra(i.name, i.namespace, i.syncWave));
  for (const c of CLUSTERS) {
    files[`kubernetes/clusters/${c.name}/kustomization.yaml`] = renderClusterKustomization(c.name);
    files[`omni/clusters/${c.name}.yaml`] = renderOmniCluster(c);
  }
  Object.assign(files, gamingVmFiles());
  return files;
}
