import 'server-only';

// A small Prometheus registry (text exposition format 0.0.4): counters, gauges and histograms with
// labels. Kept in-process per replica; Prometheus scrapes each replica. See docs/operations.md.

type Labels = Record<string, string>;
const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const fmt = (labels: Labels) => {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

interface Metric {
  render(): string[];
}

class Counter implements Metric {
  private values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1) {
    const k = key(labels);
    const cur = this.values.get(k) ?? { labels, value: 0 };
    cur.value += by;
    this.values.set(k, cur);
  }
  render() {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`, ...[...this.values.values()].map((v) => `${this.name}${fmt(v.labels)} ${v.value}`)];
  }
}

type Row = { labels: Labels; value: number };

class Gauge implements Metric {
  private values = new Map<string, Row>();
  private collectors: (() => Row[])[] = [];
  constructor(readonly name: string, readonly help: string) {}
  set(labels: Labels, value: number) {
    this.values.set(key(labels), { labels, value });
  }
  inc(labels: Labels = {}, by = 1) {
    const k = key(labels);
    this.values.set(k, { labels, value: (this.values.get(k)?.value ?? 0) + by });
  }
  dec(labels: Labels = {}, by = 1) {
    this.inc(labels, -by);
  }
  /** The current value of one series (0 when never set). */
  value(labels: Labels = {}): number {
    return this.values.get(key(labels))?.value ?? 0;
  }
  /** Values computed at scrape time (e.g. from the database or the live store). */
  collect(fn: () => { labels: Labels; value: number }[]) {
    this.collectors.push(fn);
  }
  render() {
    const rows = [...this.values.values(), ...this.collectors.flatMap((c) => c())];
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, ...rows.map((v) => `${this.name}${fmt(v.labels)} ${v.value}`)];
  }
}

class Histogram implements Metric {
  private series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(readonly name: string, readonly help: string, readonly buckets: number[]) {}
  observe(labels: Labels, value: number) {
    const k = key(labels);
    const s = this.series.get(k) ?? { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
    this.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i]++;
    });
    s.sum += value;
    s.count++;
    this.series.set(k, s);
  }
  render() {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${fmt({ ...s.labels, le: String(b) })} ${s.counts[i]}`));
      out.push(`${this.name}_bucket${fmt({ ...s.labels, le: '+Inf' })} ${s.count}`);
      out.push(`${this.name}_sum${fmt(s.labels)} ${s.sum}`);
      out.push(`${this.name}_count${fmt(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/**
 * A metric whose series are read from elsewhere (the database) at scrape time, asynchronously.
 * `refresh()` runs before each render; when it fails the metric's series are left out of that
 * scrape (and `panel_metrics_collector_errors_total` counts it) instead of failing the scrape.
 */
class Collected implements Metric {
  private rows: Row[] = [];
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'gauge' | 'counter',
    private readonly read: () => Promise<Row[]>,
  ) {}
  async refresh(): Promise<boolean> {
    try {
      this.rows = await this.read();
      return true;
    } catch {
      this.rows = [];
      return false;
    }
  }
  render() {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} ${this.type}`, ...this.rows.map((v) => `${this.name}${fmt(v.labels)} ${v.value}`)];
  }
}

class Registry {
  private metrics = new Map<string, Metric>();
  private get<T extends Metric>(name: string, make: () => T): T {
    let m = this.metrics.get(name) as T | undefined;
    if (!m) {
      m = make();
      this.metrics.set(name, m);
    }
    return m;
  }
  counter(name: string, help: string) {
    return this.get(name, () => new Counter(name, help));
  }
  gauge(name: string, help: string) {
    return this.get(name, () => new Gauge(name, help));
  }
  histogram(name: string, help: string, buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]) {
    return this.get(name, () => new Histogram(name, help, buckets));
  }
  /** Registers (once per name) a metric read at scrape time; a second registration replaces the reader. */
  collected(name: string, help: string, type: 'gauge' | 'counter', read: () => Promise<Row[]>) {
    const m = new Collected(name, help, type, read);
    this.metrics.set(name, m);
    return m;
  }
  render(): string {
    return `${[...this.metrics.values()].flatMap((m) => m.render()).join('\n')}\n`;
  }
  /** Refreshes the collected metrics, then renders everything. */
  async scrape(): Promise<string> {
    const collected = [...this.metrics.values()].filter((m): m is Collected => m instanceof Collected);
    const results = await Promise.all(collected.map(async (m) => ({ name: m.name, ok: await m.refresh() })));
    const errors = this.counter('panel_metrics_collector_errors_total', 'Scrapes in which a collected metric could not be read (its series were left out).');
    for (const r of results) if (!r.ok) errors.inc({ metric: r.name });
    return this.render();
  }
}

const g = globalThis as unknown as { __panelMetrics?: Registry };
export const metrics: Registry = (g.__panelMetrics ??= new Registry());

export const httpDuration = () => metrics.histogram('panel_http_request_duration_seconds', 'HTTP request duration by route, method and status.');
export const upstreamRequests = () => metrics.counter('panel_upstream_requests_total', 'Requests to upstreams (kubernetes, proxmox, github, keycloak) by outcome.');
export const watchReconnects = () => metrics.counter('panel_watch_reconnects_total', 'Kubernetes watch reconnects by cluster and resource.');
export const sseClients = () => metrics.gauge('panel_sse_clients', 'Open server-sent-event streams.');

/** Records one upstream call: `outcome` is ok, error or timeout. */
export function countUpstream(upstream: string, outcome: 'ok' | 'error' | 'timeout') {
  upstreamRequests().inc({ upstream, outcome });
}

/** Records one HTTP request: `route` is "METHOD /pattern" (e.g. "GET /api/promotions/[id]"). */
export function observeHttp(route: string, status: number, seconds: number) {
  const [method, ...path] = route.split(' ');
  httpDuration().observe({ method, route: path.join(' '), status: String(status) }, seconds);
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

/** The exposition text, with the standard series always present (even before their first sample). */
export async function renderMetrics(): Promise<string> {
  httpDuration();
  upstreamRequests();
  watchReconnects();
  sseClients().inc({}, 0);
  const mem = metrics.gauge('process_resident_memory_bytes', 'Resident memory of the panel process.');
  mem.set({}, process.memoryUsage().rss);
  metrics.gauge('process_uptime_seconds', 'Seconds since the panel process started.').set({}, Math.round(process.uptime()));
  return metrics.scrape();
}
