'use client';
import { ApiError, apiFetch } from './api-fetch';

// When a request of the page fails, the reason may be that the session ended (signed out in another
// tab, revoked, the refresh token expired at Keycloak). Then the page must not sit there showing old
// data with errors: it goes to the sign-in page, which brings the viewer back here afterwards.
// One probe at a time, and at most one every 10 s.

let inFlight = false;
let lastAt = 0;

export function checkSessionAfterError(): void {
  if (typeof window === 'undefined' || inFlight || Date.now() - lastAt < 10_000) return;
  inFlight = true;
  lastAt = Date.now();
  apiFetch('/api/me')
    .catch((e: unknown) => {
      // 401: the session is gone. Anything else (the panel unreachable) the page already shows as "reconnecting".
      if (!(e instanceof ApiError) || e.status !== 401) return;
      const here = `${window.location.pathname}${window.location.search}`;
      window.location.assign(here === '/' ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(here)}`);
    })
    .finally(() => {
      inFlight = false;
    });
}
