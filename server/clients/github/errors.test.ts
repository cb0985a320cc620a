import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../errors';
import { webUrlFor } from './connect';
import { statusOf, toUpstream } from './errors';

describe('GitHub failures', () => {
  it('become UpstreamError with a message a person can act on', () => {
    const e401 = toUpstream(Object.assign(new Error('Bad credentials'), { status: 401 }), 'read x');
    expect(e401).toBeInstanceOf(UpstreamError);
    expect(e401).toMatchObject({ upstream: 'github', status: 401 });
    expect(e401.message).toMatch(/github.token/);
    expect(toUpstream(Object.assign(new Error('x'), { status: 403 }), 'commit a.yaml').message).toMatch(/403.*commit a.yaml/);
    expect(toUpstream(Object.assign(new Error('t'), { name: 'TimeoutError' }), 'read x').message).toMatch(/did not answer in time/);
    expect(toUpstream(new TypeError('fetch failed'), 'list').message).toMatch(/unreachable/);
    expect(statusOf({ status: 409 })).toBe(409);
    expect(statusOf(new Error('x'))).toBeUndefined();
  });

  it('links commits on github.com for api.github.com and on the host for GitHub Enterprise', () => {
    expect(webUrlFor('https://api.github.com', 'paul', 'homelab')).toBe('https://github.com/paul/homelab');
    expect(webUrlFor('https://git.example.org/api/v3', 'paul', 'homelab')).toBe('https://git.example.org/paul/homelab');
  });
});
