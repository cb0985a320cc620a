// TanStack Query keys, and which of them a live event (topic) makes stale. A topic the dashboard
// does not know invalidates the key [topic]: promotions and gaming publish 'promotions' / 'gaming'
// and use those as their query keys' first element.
export const queryKeys = {
  home: () => ['home'] as const,
  clusters: () => ['clusters'] as const,
  cluster: (name: string) => ['clusters', name] as const,
  services: (filters: Record<string, string | number | undefined> = {}) => ['services', filters] as const,
  capacity: () => ['capacity'] as const,
};

const TOPIC_KEYS: Record<string, readonly (readonly string[])[]> = {
  app: [['home'], ['services'], ['clusters']],
  cluster: [['home'], ['clusters'], ['capacity']],
  proxmox: [['home'], ['capacity']],
  freshness: [['home'], ['clusters'], ['services'], ['capacity']],
};

/** Query-key prefixes to invalidate for an event topic. */
export function keysForTopic(topic: string): readonly (readonly string[])[] {
  return TOPIC_KEYS[topic] ?? [[topic]];
}
