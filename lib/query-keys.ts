// Every TanStack Query key of the browser, and which of them each live event topic makes stale.
// A new live card: its key here, its topic's row in TOPIC_KEYS (a test checks every published topic has one).

export const queryKeys = {
  /** The signed-in person (the header's name): no topic, read once per tab. */
  me: () => ['me'] as const,
  home: () => ['home'] as const,
  clusters: () => ['clusters'] as const,
  cluster: (name: string) => ['clusters', name] as const,
  services: (filters: Record<string, string | number | undefined> = {}) => ['services', filters] as const,
  capacity: () => ['capacity'] as const,
  /** Refetched on the app topic (prefix "services"): the strip follows a service going down and up. */
  serviceHistory: (cluster: string, app: string) => ['services', 'history', cluster, app] as const,
  clusterHistory: (name: string) => ['clusters', name, 'history'] as const,
  /** Sampled every 5 minutes: no topic, refetched when the page is opened again. */
  memoryHistory: () => ['history', 'memory'] as const,
  gaming: () => ['gaming'] as const,
  devPower: () => ['gaming', 'dev-power'] as const,
  promotions: () => ['promotions'] as const,
  candidates: () => ['promotions', 'candidates'] as const,
  promotion: (id: string) => ['promotions', 'one', id] as const,
  promotionWindows: () => ['promotions', 'windows'] as const,
  /** The admin's home badge; under the promotions prefix, so the promotions topic refreshes it. */
  pendingPromotions: () => ['promotions', 'pending'] as const,
};

type KeyPrefix = readonly string[];
const HOME = queryKeys.home();
const CLUSTERS = queryKeys.clusters();
const SERVICES = ['services'] as const;
const CAPACITY = queryKeys.capacity();
const GAMING = queryKeys.gaming();

/** Topic (server/live publishers, services' `publish`) → the query-key prefixes it invalidates. */
export const TOPIC_KEYS: Record<string, readonly KeyPrefix[]> = {
  app: [HOME, SERVICES, CLUSTERS],
  cluster: [HOME, CLUSTERS, CAPACITY],
  // Proxmox's memory and reachability are on the gaming card and DEV power too: an outage ending must reach them.
  proxmox: [HOME, CAPACITY, GAMING],
  freshness: [HOME, CLUSTERS, SERVICES, CAPACITY],
  gaming: [GAMING, CAPACITY],
  promotions: [queryKeys.promotions(), GAMING],
};

/** Query-key prefixes to invalidate for an event topic (none for a topic this version does not know). */
export function keysForTopic(topic: string): readonly KeyPrefix[] {
  return TOPIC_KEYS[topic] ?? [];
}
