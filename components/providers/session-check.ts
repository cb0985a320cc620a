'use client';

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
  fetch('/api/me', { cache: 'no-store', headers: { accept: 'application/json' } })
    .then((res) => {
      if (res.status !== 401) return;
      const here = `${window.location.pathname}${window.location.search}`;
      window.location.assign(here === '/' ? '/signin' : `/signin?callbackUrl=${encodeURIComponent(here)}`);
    })
    .catch(() => undefined) // the panel itself is unreachable: the page already says "reconnecting"
    .finally(() => {
      inFlight = false;
    });
}
