// The Argo CD Application annotations that carry the panel's service metadata (docs/services.md).
// One definition for the panel (server/clients/kubernetes/reshape.ts) and the simulator.
export const ANNOTATIONS = {
  url: 'panel.homelab/url',
  icon: 'panel.homelab/icon',
  audience: 'panel.homelab/audience',
  tier: 'panel.homelab/auth-tier',
  displayName: 'panel.homelab/display-name',
  description: 'panel.homelab/description',
} as const;
