import { describe, expect, it } from 'vitest';
import { clientIp } from './context';

describe('client IP', () => {
  it('takes the last hop (added by the server itself) when the proxy is not trusted', () => {
    expect(clientIp('6.6.6.6, 10.0.0.5', null, false)).toBe('10.0.0.5');
  });
  it('takes the first hop behind a trusted proxy', () => {
    expect(clientIp('203.0.113.9, 10.0.0.5', null, true)).toBe('203.0.113.9');
    expect(clientIp(null, '203.0.113.7', true)).toBe('203.0.113.7');
  });
  it('is null when nothing says', () => {
    expect(clientIp(null, null, false)).toBeNull();
  });
});
