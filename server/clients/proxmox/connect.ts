import 'server-only';
import proxmoxApi, { type Proxmox } from 'proxmox-api';
import type { Config } from '../../env';
import { fetchFor } from '../../http/tls-fetch';

// One proxmox-api client per configuration, with the upstream's TLS options and a bounded timeout.
export type ProxmoxClient = Proxmox.Api;

export const PROXMOX_TIMEOUT_MS = 5_000;

export function connectProxmox(cfg: NonNullable<Config['proxmox']>, timeoutMs = PROXMOX_TIMEOUT_MS): ProxmoxClient {
  const url = new URL(cfg.url);
  return proxmoxApi({
    host: url.hostname,
    port: url.port ? Number(url.port) : 8006,
    schema: url.protocol === 'http:' ? 'http' : 'https',
    tokenID: cfg.tokenId,
    tokenSecret: cfg.tokenSecret,
    queryTimeout: timeoutMs,
    fetch: fetchFor(cfg.tls) as never,
  });
}
