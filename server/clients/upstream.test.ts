import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../env';
import { boundedFetch, BREAKER_PROBE_GAP_MS, deadline, isTimeout, UpstreamBreakerOpenError, UpstreamTimeoutError } from './upstream';

const minimal = `
auth:
  issuer: https://sso.example/realms/homelab
  clientId: homelab-panel
  clientSecret: s3cret
  secret: ${'x'.repeat(40)}
`;
const load = (yaml: string, env: Record<string, string> = {}) => loadConfig({ env, readFile: () => yaml, exists: () => true });

describe('upstreams.timeoutMs', () => {
  it('defaults to 5 s, is read from the YAML or UPSTREAM_TIMEOUT_MS, and is range-checked', () => {
    expect(load(minimal).upstreams.timeoutMs).toBe(5_000);
    expect(load(`${minimal}upstreams:\n  timeoutMs: 1500\n`).upstreams.timeoutMs).toBe(1_500);
    expect(load(minimal, { UPSTREAM_TIMEOUT_MS: '2500' }).upstreams.timeoutMs).toBe(2_500);
    expect(() => load(minimal, { UPSTREAM_TIMEOUT_MS: 'soon' })).toThrow(ConfigError);
    expect(() => load(`${minimal}upstreams:\n  timeoutMs: 10\n`)).toThrow(/upstreams\.timeoutMs: must be at least 100/);
  });
});

describe('deadline and isTimeout', () => {
  it('rejects a promise that never settles after the bound, and aborts it', async () => {
    let aborted = false;
    const e = await deadline(new Promise(() => undefined), 20, 'list pods', () => (aborted = true)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UpstreamTimeoutError);
    expect(aborted).toBe(true);
    expect(isTimeout(e)).toBe(true);
  });
  it('sees a timeout through wrappers (octokit puts the abort in `cause`), and nothing else', () => {
    expect(isTimeout(Object.assign(new Error('request failed'), { status: 500, cause: new DOMException('t', 'TimeoutError') }))).toBe(true);
    expect(isTimeout(new TypeError('fetch failed'))).toBe(false);
    expect(isTimeout(Object.assign(new Error('Bad credentials'), { status: 401 }))).toBe(false);
  });
});

describe('boundedFetch breaker', () => {
  const hungFetch = () => {
    let hung = true;
    let sent = 0;
    const base = ((_: unknown, init?: RequestInit) => {
      sent++;
      if (!hung) return Promise.resolve(new Response('ok'));
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    }) as typeof fetch;
    return { base, answer: () => (hung = false), sent: () => sent };
  };

  it('after one timeout, answers at once without waiting, and closes once a background retry answers', async () => {
    const up = hungFetch();
    const f = boundedFetch(up.base, 'test', () => 30, () => 30);
    const e = await f('http://x/a').catch((x: unknown) => x);
    expect(isTimeout(e)).toBe(true);
    const t0 = performance.now();
    const fast = await f('http://x/a').catch((x: unknown) => x);
    expect(fast).toBeInstanceOf(UpstreamBreakerOpenError);
    expect(isTimeout(fast)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(50);
    up.answer();
    await new Promise((r) => setTimeout(r, BREAKER_PROBE_GAP_MS + 200));
    expect(await (await f('http://x/a')).text()).toBe('ok');
  });

  it('a write that times out or a caller that aborts does not open it; once open, a write is refused unsent', async () => {
    const up = hungFetch();
    const f = boundedFetch(up.base, 'test', () => 30, () => 30);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 5);
    await f('http://x/a', { signal: ctl.signal }).catch(() => undefined);
    await f('http://x/a', { method: 'POST' }).catch(() => undefined); // times out: the answer may be lost, not a hang
    let sent = up.sent();
    await expect(f('http://x/a', { method: 'POST' })).rejects.not.toBeInstanceOf(UpstreamBreakerOpenError);
    expect(up.sent()).toBe(sent + 1);
    await f('http://x/a').catch(() => undefined); // a read hangs: opens
    sent = up.sent();
    await expect(f('http://x/a', { method: 'POST' })).rejects.toBeInstanceOf(UpstreamBreakerOpenError);
    await new Promise((r) => setTimeout(r, 100));
    expect(up.sent() - sent).toBeLessThanOrEqual(1); // at most the background re-read, never the write
  });
});
