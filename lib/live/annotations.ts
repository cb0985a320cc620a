// The Argo CD Application annotations that carry the panel's service metadata (docs/services.md).
// One definition for the panel (server/clients/kubernetes/reshape.ts) and the simulator.
export const ANNOTATIONS = {
  url: 'panel.homelab/url',
  icon: 'panel.homelab/icon',
  audience: 'panel.homelab/audience',
  tier: 'panel.homelab/auth-tier',
  displayName: 'panel.homelab/display-name',
  description: 'panel.homelab/description',
  group: 'panel.homelab/group',
} as const;

/** Homepage's annotations (gethomepage.dev), read as a fallback: docs/coming-from-homepage.md. */
export const HOMEPAGE_ANNOTATIONS = {
  enabled: 'gethomepage.dev/enabled',
  name: 'gethomepage.dev/name',
  description: 'gethomepage.dev/description',
  group: 'gethomepage.dev/group',
  icon: 'gethomepage.dev/icon',
  href: 'gethomepage.dev/href',
} as const;
