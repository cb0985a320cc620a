import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import proxmoxApi, { type Proxmox } from 'proxmox-api';
import type { Config } from '../../env';
import { fetchFor } from '../../http/tls-fetch';
import { boundedFetch, upstreamTimeoutMs } from '../upstream';

// One proxmox-api client per configuration, with the upstream's TLS options and a bounded timeout.
// proxmox-api retries a failed fetch once, POSTs included: a start that timed out (and may have
// reached Proxmox) must not be sent again behind the caller's back, so writes are sent once per call.

export type ProxmoxClient = Proxmox.Api;

/** One logical call (see `pve()`): when it started and the writes it sent. */
export const proxmoxCall = new AsyncLocalStorage<{ started: number; writes: number }>();

const refuse = (message: string) => Promise.reject(Object.assign(new Error(message), { name: 'TimeoutError' }));

function perCall(base: typeof fetch, timeoutMs: number): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const call = proxmoxCall.getStore();
    if (!call) return base(input, init);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (Date.now() >= call.started + timeoutMs) return refuse(`${method}: no time left for a retry`);
    if (method !== 'GET' && call.writes++ > 0) return refuse(`${method} not retried: the first attempt may have reached Proxmox`);
    return base(input, init);
  }) as typeof fetch;
}

/** The time a request may take: what is left of the call's bound (retries included). */
const remaining = (timeoutMs: number) => () => {
  const call = proxmoxCall.getStore();
  return call ? Math.max(1, call.started + timeoutMs - Date.now()) : timeoutMs;
};

export function connectProxmox(cfg: NonNullable<Config['proxmox']>, timeoutMs = upstreamTimeoutMs()): ProxmoxClient {
  const url = new URL(cfg.url);
  return proxmoxApi({
    host: url.hostname,
    port: url.port ? Number(url.port) : 8006,
    schema: url.protocol === 'http:' ? 'http' : 'https',
    tokenID: cfg.tokenId,
    tokenSecret: cfg.tokenSecret,
    queryTimeout: timeoutMs,
    fetch: perCall(boundedFetch(fetchFor(cfg.tls, 'proxmox'), 'proxmox', remaining(timeoutMs), () => timeoutMs), timeoutMs) as never,
  });
}
