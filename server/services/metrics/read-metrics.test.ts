import { describe, expect, it } from 'vitest';
import { NotFoundError, UnauthenticatedError } from '../../errors';
import { readMetrics } from './read-metrics';

/** Checks the text exposition format 0.0.4: one HELP and TYPE per family, before its samples, valid sample lines. */
function assertExpositionFormat(text: string) {
  const families = new Map<string, string>();
  // Go's ParseFloat (Prometheus' parser) takes NaN in any case; prom-client writes 'Nan' before the first sample.
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (-?[0-9.]+(?:e[+-]?\d+)?|[+-]Inf|[Nn]a[Nn])$/;
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n').filter((l) => l !== '')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(families.has(meta[2]), `${meta[2]} declared twice`).toBe(false);
        expect(['counter', 'gauge', 'histogram']).toContain(meta[3]);
        families.set(meta[2], meta[3]);
      }
      continue;
    }
    const m = sample.exec(line);
    expect(m, `not a valid sample line: ${line}`).not.toBeNull();
    const name = m![1];
    const family = families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    expect(families.has(family), `${name} sampled before its TYPE`).toBe(true);
  }
}

describe('reading the metrics', () => {
  const token = 'a-long-scrape-token-123';
  const noDatabase = () => Promise.reject(new Error('no database in this test'));
  it('needs the configured bearer token', async () => {
    await expect(readMetrics(null, token, noDatabase)).rejects.toThrow(UnauthenticatedError);
    await expect(readMetrics('Bearer wrong', token, noDatabase)).rejects.toThrow(UnauthenticatedError);
    expect(await readMetrics(`Bearer ${token}`, token, noDatabase)).toContain('# TYPE');
  });
  it('does not exist without a token in the configuration', async () => {
    await expect(readMetrics(`Bearer ${token}`, undefined, noDatabase)).rejects.toThrow(NotFoundError);
  });
  it('still answers when the database cannot be read, without the database-backed series', async () => {
    const text = await readMetrics(`Bearer ${token}`, token, noDatabase);
    expect(text).toContain('# TYPE panel_promotions gauge');
    expect(text).not.toMatch(/^panel_promotions\{/m);
    expect(text).toMatch(/^panel_metrics_collector_errors_total\{metric="panel_promotions"\} \d+$/m);
    expect(text).toMatch(/^panel_sse_clients -?\d+$/m);
    assertExpositionFormat(text);
  });
});

describe('the metrics text', () => {
  it('is valid Prometheus text, with requests timed by route pattern', async () => {
    const { route } = await import('../../http/respond');
    await route('GET /api/promotions/[id]', () => Response.json({}, { status: 404 }))(new (await import('next/server')).NextRequest('http://localhost/api/promotions/x'), {});
    const text = await readMetrics('Bearer a-long-scrape-token-123', 'a-long-scrape-token-123', () => Promise.reject(new Error('no database in this test')));
    expect(text).toMatch(/^panel_http_request_duration_seconds_count\{method="GET",route="\/api\/promotions\/\[id\]",status="404"\} \d+$/m);
    expect(text).toMatch(/^panel_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/promotions\/\[id\]",status="404"\} \d+$/m);
    assertExpositionFormat(text);
  });
});
