// Redirects anonymous page views to the sign-in page and keeps Keycloak tokens fresh (the refreshed
// session cookie is written here, where cookies can be set). Not the security boundary: every
// service checks the caller itself. API routes are not matched: they answer 401/403 JSON.
import { NextResponse, type NextFetchEvent, type NextRequest } from 'next/server';
import { auth } from '@/server/auth/config';

const PUBLIC = ['/signin'];

const withAuth = auth((req) => {
  const path = req.nextUrl.pathname;
  if (req.auth || PUBLIC.some((p) => path === p || path.startsWith(`${p}/`))) return NextResponse.next();
  const url = new URL('/signin', req.nextUrl);
  if (path !== '/') url.searchParams.set('callbackUrl', `${path}${req.nextUrl.search}`);
  return NextResponse.redirect(url);
});

type Handler = (r: NextRequest, e: NextFetchEvent) => Promise<Response>;

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  // With a lazily built Auth.js config, auth(fn) resolves to the wrapped handler.
  const handler = (await (withAuth as unknown as Promise<Handler>)) as Handler;
  return handler(req, ev);
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon.ico|icon|apple-icon|manifest.webmanifest|robots.txt).*)'],
};
