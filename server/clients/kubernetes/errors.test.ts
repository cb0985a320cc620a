import { describe, expect, it } from 'vitest';
import { backoffMs, isAuthFailure, kubeError } from './errors';

describe('kubernetes client errors and backoff', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(4, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 500, 30_000, () => 1)).toBe(30_000);
    expect(backoffMs(20, 500, 30_000, () => 0)).toBe(15_000);
  });

  it('wraps failures as UpstreamError naming the cluster and status', () => {
    const e = kubeError('prod', 'list pods', Object.assign(new Error('Forbidden'), { code: 403 }));
    expect(e).toMatchObject({ code: 'upstream', upstream: 'kubernetes:prod', status: 403 });
    expect(e.message).toContain('cluster prod');
    expect(isAuthFailure(e)).toBe(true);
    expect(kubeError('dev', 'watch', new Error('ECONNREFUSED')).status).toBeUndefined();
  });
});
