import { describe, expect, it } from 'vitest';
import type { Session } from 'next-auth';
import { cachedSession, forgetSessions, rememberSession, SESSION_CACHE_TTL_MS, sessionKey } from './session-cache';

const marie = { expires: '', user: { subject: 'marie', name: 'Marie', email: null, role: 'family' } } as Session;

describe('session cache', () => {
  it('keys on the session cookie only (chunks included), never on other cookies', () => {
    const k = sessionKey('a=1; authjs.session-token=abc; theme=dark', 'authjs.session-token');
    expect(k).toBe(sessionKey('authjs.session-token=abc', 'authjs.session-token'));
    expect(k).not.toBe(sessionKey('authjs.session-token=abd', 'authjs.session-token'));
    expect(sessionKey('authjs.session-token.0=a; authjs.session-token.1=b', 'authjs.session-token')).not.toBe(sessionKey('authjs.session-token.0=a', 'authjs.session-token'));
    expect(sessionKey('theme=dark', 'authjs.session-token')).toBeNull();
    expect(sessionKey(null, 'authjs.session-token')).toBeNull();
  });

  it('answers for its lifetime only, and forgets everything on a sign-out', () => {
    const k = sessionKey('authjs.session-token=abc', 'authjs.session-token');
    rememberSession(k, marie, 1_000);
    expect(cachedSession(k, 1_000 + SESSION_CACHE_TTL_MS - 1)).toEqual(marie);
    expect(cachedSession(k, 1_000 + SESSION_CACHE_TTL_MS)).toBeUndefined();
    const now = Date.now();
    rememberSession(k, marie, now);
    forgetSessions();
    expect(cachedSession(k, now)).toBeUndefined();
    expect(cachedSession(null)).toBeUndefined();
  });
});
