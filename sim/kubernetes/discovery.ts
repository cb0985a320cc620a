// Discovery documents (/version, /api, /api/v1, /apis, /apis/<group>[/<version>]), generated from
// the resource table so they always match what the server actually routes.
import type { ResourceType } from './resources';

export function versionInfo(kubeletVersion: string) {
  const m = /^v(\d+)\.(\d+)/.exec(kubeletVersion);
  return {
    major: m ? m[1] : '1',
    minor: m ? m[2] : '32',
    gitVersion: kubeletVersion,
    gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828',
    gitTreeState: 'clean',
    buildDate: '2025-01-15T14:31:55Z',
    goVersion: 'go1.23.4',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function coreVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function resourceList(groupVersion: string, types: ResourceType[]) {
  const resources: Record<string, unknown>[] = [];
  for (const t of types) {
    resources.push({ name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: t.verbs, ...(t.shortNames ? { shortNames: t.shortNames } : {}) });
    if (t.kind === 'Pod') resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    if (!t.computed && t.group !== 'metrics.k8s.io') resources.push({ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

export function groupOf(group: string, version: string) {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

export function groupList(groups: { group: string; version: string }[]) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => groupOf(g.group, g.version)) };
}
