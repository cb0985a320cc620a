// Images of the cluster's own components. These are not homelab services (the catalogue has no
// image for them) but every real cluster runs them, and the panel shows them in pod lists.

export const SYSTEM_IMAGES: Record<string, string> = {
  cilium: 'quay.io/cilium/cilium:v1.16.6',
  'cilium-operator': 'quay.io/cilium/operator-generic:v1.16.6',
  coredns: 'registry.k8s.io/coredns/coredns:v1.12.0',
  'cert-manager': 'quay.io/jetstack/cert-manager-controller:v1.16.3',
  'external-secrets': 'ghcr.io/external-secrets/external-secrets:v0.13.0',
  metallb: 'quay.io/metallb/controller:v0.14.9',
  longhorn: 'longhornio/longhorn-manager:v1.7.2',
  'local-path': 'rancher/local-path-provisioner:v0.0.30',
  'external-dns': 'registry.k8s.io/external-dns/external-dns:v0.15.1',
  argocd: 'quay.io/argoproj/argocd:v2.13.3',
  redis: 'public.ecr.aws/docker/library/redis:7.4.2-alpine',
};

export function systemImage(name: string): string {
  return SYSTEM_IMAGES[name] ?? `ghcr.io/homelab-sim/${name}:v1.0.0`;
}

/** Control-plane static pods (Talos runs them as static pods on control-plane nodes). */
export const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

/** Argo CD's own workloads, on the cluster that runs it. */
export const ARGOCD_WORKLOADS: { name: string; owner: 'ReplicaSet' | 'StatefulSet'; image: string; memoryMiB: number }[] = [
  { name: 'argocd-server', owner: 'ReplicaSet', image: SYSTEM_IMAGES.argocd, memoryMiB: 128 },
  { name: 'argocd-repo-server', owner: 'ReplicaSet', image: SYSTEM_IMAGES.argocd, memoryMiB: 256 },
  { name: 'argocd-applicationset-controller', owner: 'ReplicaSet', image: SYSTEM_IMAGES.argocd, memoryMiB: 64 },
  { name: 'argocd-redis', owner: 'ReplicaSet', image: SYSTEM_IMAGES.redis, memoryMiB: 64 },
  { name: 'argocd-application-controller', owner: 'StatefulSet', image: SYSTEM_IMAGES.argocd, memoryMiB: 512 },
];
