import 'server-only';
import client from 'prom-client';

// Prometheus metrics through prom-client: the panel's own series (names kept from the first version
// so dashboards don't break) plus prom-client's process, heap, GC and event-loop metrics, which matter
// with a bounded heap. Kept in-process per replica; Prometheus scrapes each replica (docs/operations.md).

type Labels = Record<string, string>;
type Row = { labels: Labels; value: number };
type Collected = { read: () => Promise<Row[]>; rows: Row[] };

function createRegistry() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const errors = new client.Counter({
    name: 'panel_metrics_collector_errors_total',
    help: 'Scrapes in which a collected metric could not be read (its series were left out).',
    labelNames: ['metric'],
    registers: [registry],
  });
  return {
    registry,
    errors,
    httpDuration: new client.Histogram({
      name: 'panel_http_request_duration_seconds',
      help: 'HTTP request duration by route, method and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    upstreamRequests: new client.Counter({ name: 'panel_upstream_requests_total', help: 'Requests to upstreams (kubernetes, proxmox, github, keycloak) by outcome.', labelNames: ['upstream', 'outcome'], registers: [registry] }),
    watchReconnects: new client.Counter({ name: 'panel_watch_reconnects_total', help: 'Kubernetes watch reconnects by cluster and resource.', labelNames: ['cluster', 'resource'], registers: [registry] }),
    sseClients: new client.Gauge({ name: 'panel_sse_clients', help: 'Open server-sent-event streams.', registers: [registry] }),
    uptime: new client.Gauge({
      name: 'process_uptime_seconds',
      help: 'Seconds since the panel process started.',
      registers: [registry],
      collect() {
        this.set(Math.round(process.uptime()));
      },
    }),
    collected: new Map<string, Collected>(),
  };
}

// One registry per process, also when Next loads this module in several bundles.
const g = globalThis as unknown as { __panelMetrics?: ReturnType<typeof createRegistry> };
const m = (g.__panelMetrics ??= createRegistry());

export const metrics = {
  contentType: m.registry.contentType,
  /** The exposition text: collected metrics are read first; one that fails is left out and counted. */
  async render(): Promise<string> {
    await Promise.all(
      [...m.collected].map(async ([name, c]) => {
        try {
          c.rows = await c.read();
        } catch {
          c.rows = [];
          m.errors.inc({ metric: name });
        }
      }),
    );
    return m.registry.metrics();
  },
  /**
   * A metric whose series are read from elsewhere (the database) at scrape time. Registered once per
   * name; a later call replaces the reader.
   */
  collected(name: string, help: string, type: 'gauge' | 'counter', labelNames: string[], read: () => Promise<Row[]>) {
    const known = m.collected.get(name);
    if (known) return void (known.read = read);
    const entry: Collected = { read, rows: [] };
    m.collected.set(name, entry);
    const config = { name, help, labelNames, registers: [m.registry] };
    if (type === 'gauge') {
      new client.Gauge({ ...config, collect() { this.reset(); for (const r of entry.rows) this.set(r.labels, r.value); } });
    } else {
      new client.Counter({ ...config, collect() { this.reset(); for (const r of entry.rows) this.inc(r.labels, r.value); } });
    }
  },
};

export const httpDuration = () => m.httpDuration;
export const upstreamRequests = () => m.upstreamRequests;
export const watchReconnects = () => m.watchReconnects;
export const sseClients = () => m.sseClients;

/** Records one upstream call: `outcome` is ok, error or timeout. */
export function countUpstream(upstream: string, outcome: 'ok' | 'error' | 'timeout') {
  m.upstreamRequests.inc({ upstream, outcome });
}

/** Records one HTTP request: `route` is "METHOD /pattern" (e.g. "GET /api/promotions/[id]"). */
export function observeHttp(route: string, status: number, seconds: number) {
  const [method, ...path] = route.split(' ');
  m.httpDuration.observe({ method, route: path.join(' '), status: String(status) }, seconds);
}

/** Wraps a route handler to time it by route pattern and status. */
export function timed<A extends unknown[]>(route: string, handler: (...args: A) => Promise<Response> | Response) {
  return async (...args: A): Promise<Response> => {
    const start = performance.now();
    let status = 500;
    try {
      const res = await handler(...args);
      status = res.status;
      return res;
    } finally {
      observeHttp(route, status, (performance.now() - start) / 1000);
    }
  };
}

/** The exposition text: prom-client always renders every registered series' HELP and TYPE. */
export async function renderMetrics(): Promise<string> {
  return metrics.render();
}
