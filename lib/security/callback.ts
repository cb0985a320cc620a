// Where to send someone after they sign in: only a path of this panel, never another site. Browsers
// read `//host`, `/\host` and paths with control characters as another origin, so those fall back
// to the home page, and the path is re-serialised from a URL parse so that what is checked is what
// the redirect sends.

const BASE = 'http://panel.invalid';

export function safeCallbackPath(raw: string | string[] | undefined | null): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//')) return '/';
  if (/[\\\u0000-\u001f\u007f]/.test(v)) return '/';
  let u: URL;
  try {
    u = new URL(v, BASE);
  } catch {
    return '/';
  }
  const path = `${u.pathname}${u.search}${u.hash}`;
  return u.origin === BASE && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
