import 'server-only';
import { HOMEPAGE_ANNOTATIONS } from '@/lib/live/annotations';
import { trackedApp, type RouteMeta } from '@/lib/live/route-meta';

// Ingress (networking.k8s.io/v1) and HTTPRoute (gateway.networking.k8s.io/v1) → RouteMeta, the few
// fields a Homepage tile needs. A route without `gethomepage.dev/enabled: "true"` is not kept: that
// is how Homepage decides too, and it keeps the store small.

interface RawMeta {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}
interface RawIngress extends RawMeta {
  spec?: { tls?: unknown[]; rules?: { host?: string; http?: { paths?: { path?: string }[] } }[] };
}
interface RawHttpRoute extends RawMeta {
  spec?: { hostnames?: string[]; rules?: { matches?: { path?: { value?: string } }[] }[] };
}

const PREFIX = 'gethomepage.dev/';
const MAX_VALUE = 2_000;

function homepageOf(annotations: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations)) if (k.startsWith(PREFIX) && !k.startsWith(`${PREFIX}widget.`) && typeof v === 'string') out[k] = v.slice(0, MAX_VALUE);
  return out;
}

function hrefOf(scheme: 'http' | 'https', host: string | undefined, path: string | undefined): string | null {
  // A wildcard host (`*.example.com`) names no page to open.
  if (!host || host.includes('*') || !/^[a-z0-9.-]+$/i.test(host)) return null;
  return `${scheme}://${host}${path && path.startsWith('/') ? path : '/'}`;
}

function base(kind: RouteMeta['kind'], raw: RawMeta): Omit<RouteMeta, 'href'> | null {
  const ann = raw.metadata?.annotations ?? {};
  if (ann[HOMEPAGE_ANNOTATIONS.enabled] !== 'true') return null;
  return { kind, namespace: raw.metadata?.namespace ?? '', name: raw.metadata?.name ?? '', app: trackedApp(raw.metadata?.labels ?? {}, ann), homepage: homepageOf(ann) };
}

/** Homepage's href: https when the Ingress has a `tls` section, the first rule's host and first path. */
export function reshapeIngress(raw: unknown): RouteMeta | null {
  const i = raw as RawIngress;
  const b = base('Ingress', i);
  if (!b) return null;
  const rule = i.spec?.rules?.[0];
  return { ...b, href: hrefOf(i.spec?.tls?.length ? 'https' : 'http', rule?.host, rule?.http?.paths?.[0]?.path) };
}

/**
 * The first hostname and the first rule's path. Homepage asks the parent Gateway whether its
 * listener is HTTPS; the panel does not watch Gateways and assumes HTTPS (set `gethomepage.dev/href`
 * for a plain-HTTP route).
 */
export function reshapeHttpRoute(raw: unknown): RouteMeta | null {
  const r = raw as RawHttpRoute;
  const b = base('HTTPRoute', r);
  if (!b) return null;
  return { ...b, href: hrefOf('https', r.spec?.hostnames?.[0], r.spec?.rules?.[0]?.matches?.[0]?.path?.value) };
}

/** The key of a route from its raw object (a DELETED event, or one that lost its annotation). */
export function rawRouteKey(kind: RouteMeta['kind'], raw: unknown): { kind: RouteMeta['kind']; namespace: string; name: string } {
  const m = (raw as RawMeta).metadata;
  return { kind, namespace: m?.namespace ?? '', name: m?.name ?? '' };
}
