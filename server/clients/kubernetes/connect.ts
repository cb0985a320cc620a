import 'server-only';
import { KubeConfig } from '@kubernetes/client-node';
import type { Config } from '../../env';

// One KubeConfig per configured cluster: a kubeconfig file and context, or the in-cluster service
// account. The panel's TLS options (CA file, insecure) override the kubeconfig's own.

export type ClusterConfig = Config['clusters'][number];
/** The client's config object, for code outside this folder that only passes it along. */
export type KubeConfigHandle = KubeConfig;

export function kubeConfigFor(c: ClusterConfig): KubeConfig {
  const kc = new KubeConfig();
  if (c.inCluster) kc.loadFromCluster();
  else {
    kc.loadFromFile(c.kubeconfig as string);
    if (c.context) kc.setCurrentContext(c.context);
  }
  const current = kc.getCurrentCluster();
  if (current && (c.tls.insecureSkipVerify || c.tls.caFile)) {
    kc.loadFromOptions({
      clusters: kc.clusters.map((cl) => (cl.name === current.name ? { ...cl, skipTLSVerify: c.tls.insecureSkipVerify || cl.skipTLSVerify, ...(c.tls.caFile ? { caFile: c.tls.caFile, caData: undefined } : {}) } : cl)),
      users: kc.users,
      contexts: kc.contexts,
      currentContext: kc.currentContext,
    });
  }
  return kc;
}
