// Bounds that keep the panel alive under overload and hostile input (issue 13): the `load:` and
// `audit:` keys of homelab.yaml and the `server.trustedProxies` CIDR list. Pure: server/env.ts wires
// them in. The figures behind the defaults are in docs/reliability.md ("Overload").
import { z } from 'zod';

const V4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const V6 = /^[0-9a-f:]+(:(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3})?$/i;

/** `10.0.0.0/8`, `fd00::/8`, or one address (a /32 or /128). */
export const CidrSchema = z.string().refine((s) => {
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length) return false;
  const v4 = V4.test(addr);
  const v6 = !v4 && addr.includes(':') && V6.test(addr);
  if (!v4 && !v6) return false;
  if (bits === undefined) return true;
  const n = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  return n >= 0 && n <= (v4 ? 32 : 128);
}, 'expected an address or a CIDR like "10.0.0.0/8" or "fd00::/8"');

/** What `server.trustProxy: true` means without a `trustedProxies` list: the private and loopback ranges. */
export const PRIVATE_RANGES = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'];

export const LOAD_DEFAULTS = { maxConnections: 1024, maxInFlight: 64, maxStreams: 400, maxStreamsPerUser: 6, retryAfterSeconds: 2, streamRecheckSeconds: 3, livenessPort: null, stallSeconds: 30 };

export const LoadConfigSchema = z
  .object({
    /** Open client sockets; past it new connections are closed as they are accepted (streams included). */
    maxConnections: z.number().int().min(16).max(100_000).default(LOAD_DEFAULTS.maxConnections),
    /** Requests served at once; more are answered 503 + Retry-After before any work (/api/healthz excepted). */
    maxInFlight: z.number().int().min(1).max(10_000).default(LOAD_DEFAULTS.maxInFlight),
    /** Event streams open at once, all users together. */
    maxStreams: z.number().int().min(1).max(100_000).default(LOAD_DEFAULTS.maxStreams),
    maxStreamsPerUser: z.number().int().min(1).max(1_000).default(LOAD_DEFAULTS.maxStreamsPerUser),
    retryAfterSeconds: z.number().int().min(1).max(600).default(LOAD_DEFAULTS.retryAfterSeconds),
    /** How often an open stream re-checks its session (sign-out, expiry, role change); at most 5. */
    streamRecheckSeconds: z.number().min(0.1).max(5).default(LOAD_DEFAULTS.streamRecheckSeconds),
    /**
     * A port of its own for the liveness probe (`GET /healthz`), answered by a worker thread so that a
     * busy main loop does not make the probe time out (server/http/liveness.ts). Off when absent.
     */
    livenessPort: z.number().int().min(1).max(65_535).nullable().default(LOAD_DEFAULTS.livenessPort),
    /** The liveness port answers 503 once the main event loop has not turned for this long. */
    stallSeconds: z.number().int().min(2).max(600).default(LOAD_DEFAULTS.stallSeconds),
  })
  .strict();

export const AUDIT_DEFAULTS = { retentionDays: 400, anonymousWindowSeconds: 600 };

export const AuditConfigSchema = z
  .object({
    /** Rows older than this may be removed by the privileged prune (scripts/audit-prune.ts); the app never deletes them. */
    retentionDays: z.number().int().min(1).max(36_500).default(AUDIT_DEFAULTS.retentionDays),
    /** Refusals without a session are counted per address in windows this long (one row per window). */
    anonymousWindowSeconds: z.number().int().min(10).max(86_400).default(AUDIT_DEFAULTS.anonymousWindowSeconds),
  })
  .strict();

export type LoadConfig = z.infer<typeof LoadConfigSchema>;
export type AuditConfig = z.infer<typeof AuditConfigSchema>;
