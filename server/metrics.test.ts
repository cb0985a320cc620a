import { describe, expect, it } from 'vitest';
import { countUpstream, metrics, timed, watchReconnects } from './metrics';

describe('the metrics registry (prom-client)', () => {
  it('renders the panel series in the Prometheus text format, names kept from the first version', async () => {
    countUpstream('proxmox', 'ok');
    countUpstream('proxmox', 'ok');
    countUpstream('github', 'error');
    watchReconnects().inc({ cluster: 'dev', resource: 'nodes' });
    const handler = timed('GET /api/things/[id]', async () => new Response('{}', { status: 404 }));
    await handler();
    const text = await metrics.render();
    expect(text).toContain('# TYPE panel_upstream_requests_total counter');
    expect(text).toMatch(/panel_upstream_requests_total\{upstream="proxmox",outcome="ok"\} 2/);
    expect(text).toMatch(/panel_watch_reconnects_total\{cluster="dev",resource="nodes"\} 1/);
    expect(text).toMatch(/panel_http_request_duration_seconds_count\{method="GET",route="\/api\/things\/\[id\]",status="404"\} 1/);
    expect(text).toMatch(/panel_http_request_duration_seconds_bucket\{le="\+Inf",method="GET".*\} 1/);
    expect(text).toMatch(/^panel_sse_clients \d+$/m);
  });

  it('adds the process, heap, GC and event-loop metrics', async () => {
    const text = await metrics.render();
    for (const name of ['process_resident_memory_bytes', 'process_uptime_seconds', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_gc_duration_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('leaves a collected metric out of the scrape when its read fails, and counts it', async () => {
    let fail = false;
    metrics.collected('test_collected', 'A test metric read at scrape time.', 'gauge', ['state'], async () => {
      if (fail) throw new Error('database away');
      return [{ labels: { state: 'a"b' }, value: 3 }];
    });
    expect(await metrics.render()).toContain('test_collected{state="a\\"b"} 3');
    fail = true;
    const text = await metrics.render();
    expect(text).not.toMatch(/^test_collected\{/m);
    expect(text).toMatch(/panel_metrics_collector_errors_total\{metric="test_collected"\} [1-9]/);
  });
});
