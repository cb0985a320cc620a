import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './headers';

describe('security headers', () => {
  it('allows only nonce-carrying scripts and forbids framing', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc123', formTargets: ['https://sso.example'] });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://sso.example");
    expect(csp).toContain("object-src 'none'");
  });

  it('sends HSTS only over https', () => {
    expect(securityHeaders({ https: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(securityHeaders({ https: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ https: false })['X-Content-Type-Options']).toBe('nosniff');
  });

  it('lets tiles load icons only from the configured origins', () => {
    expect(contentSecurityPolicy({ nonce: 'n', formTargets: [] })).toContain("img-src 'self' data: blob:;");
    expect(contentSecurityPolicy({ nonce: 'n', formTargets: [], imageOrigins: ['https://cdn.jsdelivr.net'] })).toContain("img-src 'self' data: blob: https://cdn.jsdelivr.net;");
  });
});
