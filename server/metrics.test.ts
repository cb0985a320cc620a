import { describe, expect, it } from 'vitest';
import { countUpstream, metrics, timed } from './metrics';

describe('the metrics registry', () => {
  it('renders counters, gauges and histograms in the Prometheus text format', async () => {
    countUpstream('proxmox', 'ok');
    countUpstream('proxmox', 'ok');
    countUpstream('github', 'error');
    const g = metrics.gauge('test_gauge', 'A test gauge.');
    g.set({ cluster: 'dev' }, 3);
    g.collect(() => [{ labels: { state: 'live' }, value: 2 }]);
    const handler = timed('GET /api/things/[id]', async () => new Response('{}', { status: 404 }));
    await handler();
    const text = metrics.render();
    expect(text).toContain('# TYPE panel_upstream_requests_total counter');
    expect(text).toMatch(/panel_upstream_requests_total\{outcome="ok",upstream="proxmox"\} 2/);
    expect(text).toMatch(/test_gauge\{cluster="dev"\} 3/);
    expect(text).toMatch(/test_gauge\{state="live"\} 2/);
    expect(text).toMatch(/panel_http_request_duration_seconds_count\{method="GET",route="\/api\/things\/\[id\]",status="404"\} 1/);
    expect(text).toMatch(/panel_http_request_duration_seconds_bucket\{.*le="\+Inf".*\} 1/);
  });

  it('escapes label values', () => {
    metrics.counter('test_escape', 'x').inc({ v: 'a"b\\c\nd' });
    expect(metrics.render()).toContain('test_escape{v="a\\"b\\\\c\\nd"} 1');
  });
});
