import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { GamingConfigSchema } from '@/lib/gaming/config';
import { DEFAULT_PROMOTION_CONFIG, PromotionConfigSchema } from '@/lib/promotions/config';
import { AUDIT_DEFAULTS, AuditConfigSchema, CidrSchema, LOAD_DEFAULTS, LoadConfigSchema } from '@/lib/protection/config';

// The one reader of process.env and of homelab.yaml. Everything is validated once, at start-up; a bad
// value stops the server with one line that names the key. See docs/configuration.md.

const Secret = z.string().min(1, 'must not be empty');
const Tls = z
  .object({
    caFile: z.string().min(1).optional(),
    insecureSkipVerify: z.boolean().default(false),
  })
  .strict()
  .default({ insecureSkipVerify: false });
const Name = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/, 'expected a lower-case name like "prod"');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });
const RoleList = z.array(z.string().min(1)).default([]);
const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'expected an IANA time zone like Europe/Paris');
const Host = z.string().regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/, 'expected a host name like fcm.googleapis.com or *.push.apple.com');
/** The push services of the browsers people use (Chrome/Android, Firefox, Edge/Windows, Safari/iOS). */
export const PUSH_SERVICE_HOSTS = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', '*.notify.windows.com', 'web.push.apple.com'];
const NotificationsSchema = z
  .object({
    /** Web Push from the installed PWA: VAPID keys (`npx web-push generate-vapid-keys`); without them the channel is off. */
    webPush: z
      .object({
        publicKey: z.string().regex(/^[A-Za-z0-9_-]{86,88}$/, 'expected the VAPID public key (base64url, 65 bytes)'),
        privateKey: z.string().regex(/^[A-Za-z0-9_-]{42,44}$/, 'expected the VAPID private key (base64url, 32 bytes)'),
        /** Who the push services may contact about this sender. */
        subject: z.string().regex(/^(mailto:|https:\/\/)/, 'expected mailto:you@example.org or an https:// URL').default('mailto:admin@homelab.local'),
        /** Push endpoints the panel sends to (a subscription elsewhere is refused): no request to arbitrary hosts. */
        allowedHosts: z.array(Host).min(1).default(PUSH_SERVICE_HOSTS),
        /** The CA of a self-hosted push service (the simulator's), added to the public ones. */
        tls: Tls,
      })
      .strict()
      .optional(),
    /** A message is tried this many times, then marked failed (shown to the admin on /settings/notifications). */
    maxAttempts: z.number().int().min(1).max(20).default(6),
    /** The first retry waits this long; each next one twice as long (capped at one hour). */
    retryBaseSeconds: z.number().min(1).max(3600).default(30),
    /** How often the leader sends what is due. */
    dispatchEverySeconds: z.number().min(1).max(300).default(5),
    /** How often the leader looks for candidates that became ready to approve. */
    readyCheckSeconds: z.number().min(1).max(3600).default(60),
  })
  .strict();
const NOTIFICATION_DEFAULTS = NotificationsSchema.parse({});

export const ConfigSchema = z
  .object({
    server: z
      .object({
        publicUrl: HttpUrl.default('http://localhost:3000'),
        trustProxy: z.boolean().default(false),
        /** Proxies whose X-Forwarded-For hop is believed (issue 13); see lib/protection/config.ts. */
        trustedProxies: z.array(CidrSchema).max(64).default([]),
        /** The owner's time zone (IANA): promotion windows, freezes and quiet hours are read in it (issue 16). */
        timeZone: TimeZone.default('UTC'),
      })
      .strict()
      .default({ publicUrl: 'http://localhost:3000', trustProxy: false, trustedProxies: [], timeZone: 'UTC' }),
    auth: z
      .object({
        issuer: HttpUrl,
        clientId: z.string().min(1),
        clientSecret: Secret,
        secret: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 33`)'),
        adminRoles: RoleList.default(['homelab-admin']),
        familyRoles: RoleList.default(['family']),
        adminGroups: RoleList.default(['homelab-admin']),
        familyGroups: RoleList.default(['family']),
        tls: Tls,
      })
      .strict(),
    database: z
      .object({
        url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// URL').optional(),
        embeddedDir: z.string().min(1).default('data/pglite'),
        migrationsDir: z.string().min(1).default('prisma/migrations'),
      })
      .strict()
      .default({ embeddedDir: 'data/pglite', migrationsDir: 'prisma/migrations' }),
    clusters: z
      .array(
        z
          .object({
            name: Name,
            displayName: z.string().min(1).optional(),
            kubeconfig: z.string().min(1).optional(),
            context: z.string().min(1).optional(),
            inCluster: z.boolean().default(false),
            omniUrl: HttpUrl.optional(),
            tls: Tls,
          })
          .strict(),
      )
      .default([]),
    argocd: z
      .object({ cluster: Name, namespace: z.string().min(1).default('argocd') })
      .strict()
      .optional(),
    proxmox: z
      .object({
        url: HttpUrl,
        node: z.string().min(1).default('pve'),
        tokenId: z.string().regex(/^[^@\s]+@[^!\s]+![^\s]+$/, 'expected USER@REALM!TOKENNAME'),
        tokenSecret: Secret,
        tls: Tls,
      })
      .strict()
      .optional(),
    github: z
      .object({
        apiUrl: HttpUrl.default('https://api.github.com'),
        owner: z.string().min(1),
        repo: z.string().min(1),
        branch: z.string().min(1).default('main'),
        token: Secret,
        tls: Tls,
      })
      .strict()
      .optional(),
    gaming: GamingConfigSchema.default(GamingConfigSchema.parse({})),
    promotion: PromotionConfigSchema.default(DEFAULT_PROMOTION_CONFIG),
    notifications: NotificationsSchema.default(NOTIFICATION_DEFAULTS),
    metrics: z
      .object({ token: z.string().min(16, 'must be at least 16 characters').optional() })
      .strict()
      .default({}),
    rateLimits: z
      .object({
        mutationsPerUserPerMinute: z.number().int().min(1).default(30),
        mutationsPerIpPerMinute: z.number().int().min(1).default(60),
        signInsPerIpPerMinute: z.number().int().min(1).default(20),
      })
      .strict()
      .default({ mutationsPerUserPerMinute: 30, mutationsPerIpPerMinute: 60, signInsPerIpPerMinute: 20 }),
    upstreams: z
      .object({ timeoutMs: z.coerce.number().int().min(100, 'must be at least 100 (ms)').max(60_000, 'must be at most 60000 (ms)').default(5_000) })
      .strict()
      .default({ timeoutMs: 5_000 }),
    // ---- Service icons (issue 16): a folder of icon files served at /api/icons/<file>, and the
    // origins whose image URLs a tile may show (added to the CSP's img-src; never proxied).
    icons: z
      .object({
        dir: z.string().min(1).optional(),
        imageOrigins: z
          .array(z.url({ protocol: /^https$/, error: 'expected an https origin like "https://cdn.jsdelivr.net"' }).transform((u) => new URL(u).origin))
          .max(20)
          .default([]),
      })
      .strict()
      .default({ imageOrigins: [] }),
    // ---- Overload and hostile input (issue 13): load shedding and audit growth bounds.
    load: LoadConfigSchema.default(LOAD_DEFAULTS),
    audit: AuditConfigSchema.default(AUDIT_DEFAULTS),
    // ----
    log: z
      .object({ level: z.enum(['debug', 'info', 'warn', 'error']).default('info') })
      .strict()
      .default({ level: 'info' }),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    // Keys that name other keys: caught at start, not at the first click.
    for (const issue of GAMING_BACKEND_NEEDS[cfg.gaming.backend](cfg)) ctx.addIssue({ code: 'custom', ...issue });
  });

type ParsedConfig = { github?: unknown; clusters: { name: string }[]; gaming: { kubevirt: { cluster: string } } };
/** What each gaming backend needs from the rest of the configuration. */
const GAMING_BACKEND_NEEDS: Record<'proxmox' | 'kubevirt', (cfg: ParsedConfig) => { path: string[]; message: string }[]> = {
  // Without `proxmox:` the card says Proxmox is not configured; nothing else is needed.
  proxmox: () => [],
  kubevirt: (cfg) => [
    ...(cfg.github ? [] : [{ path: ['gaming', 'backend'], message: 'kubevirt needs the github: block (Start and Stop are commits to the GitOps repository)' }]),
    ...(cfg.clusters.some((c) => c.name === cfg.gaming.kubevirt.cluster) ? [] : [{ path: ['gaming', 'kubevirt', 'cluster'], message: `no cluster named "${cfg.gaming.kubevirt.cluster}" in clusters:` }]),
  ],
};

export type Config = z.infer<typeof ConfigSchema>;

/** Environment variables that set one config key. `<NAME>_FILE` reads the value from a file instead. */
export const ENV_KEYS: Record<string, string> = {
  AUTH_URL: 'server.publicUrl',
  AUTH_TRUST_PROXY: 'server.trustProxy',
  TRUSTED_PROXIES: 'server.trustedProxies',
  AUTH_SECRET: 'auth.secret',
  AUTH_KEYCLOAK_ISSUER: 'auth.issuer',
  AUTH_KEYCLOAK_ID: 'auth.clientId',
  AUTH_KEYCLOAK_SECRET: 'auth.clientSecret',
  DATABASE_URL: 'database.url',
  PANEL_DATA_DIR: 'database.embeddedDir',
  PROXMOX_URL: 'proxmox.url',
  PROXMOX_TOKEN_ID: 'proxmox.tokenId',
  PROXMOX_TOKEN_SECRET: 'proxmox.tokenSecret',
  GITHUB_TOKEN: 'github.token',
  LOG_LEVEL: 'log.level',
  METRICS_TOKEN: 'metrics.token',
  UPSTREAM_TIMEOUT_MS: 'upstreams.timeoutMs',
  LIVENESS_PORT: 'load.livenessPort',
  PANEL_TIME_ZONE: 'server.timeZone',
  VAPID_PUBLIC_KEY: 'notifications.webPush.publicKey',
  VAPID_PRIVATE_KEY: 'notifications.webPush.privateKey',
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Sources = {
  env: Record<string, string | undefined>;
  readFile: (file: string) => string;
  exists: (file: string) => boolean;
};

function setPath(target: Record<string, unknown>, dotted: string, value: unknown) {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function envValue(raw: string, key: string): unknown {
  if (key === 'server.trustProxy') return raw === 'true' || raw === '1';
  if (key === 'server.trustedProxies') return raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (key === 'load.livenessPort') return /^\d+$/.test(raw) ? Number(raw) : raw;
  return raw;
}

/** Secrets given as `{ file: /path }` in the YAML are read here (Kubernetes mounts secrets as files). */
function resolveFileRefs(node: unknown, at: string, src: Sources): unknown {
  if (Array.isArray(node)) return node.map((v, i) => resolveFileRefs(v, `${at}.${i}`, src));
  if (node && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === 'file' && typeof obj.file === 'string') {
      return readSecretFile(obj.file, at, src);
    }
    return Object.fromEntries(keys.map((k) => [k, resolveFileRefs(obj[k], at ? `${at}.${k}` : k, src)]));
  }
  return node;
}

function readSecretFile(file: string, key: string, src: Sources): string {
  try {
    return src.readFile(file).trim();
  } catch {
    throw new ConfigError(`Invalid configuration: ${key}: cannot read the file "${file}"`);
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const key = issue.path.join('.') || '(root)';
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length ? `${key}: ` : '';
    return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  let value: unknown = raw;
  for (const p of issue.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined;
  if (value === undefined) return `${key}: is required (${issue.message})`;
  return `${key}: ${issue.message}`;
}

/** Reads, merges and validates the configuration. Pure apart from the injected sources. */
export function loadConfig(src: Sources): Config {
  const file = src.env.HOMELAB_CONFIG ?? (src.exists('homelab.yaml') ? 'homelab.yaml' : undefined);
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = src.readFile(file);
    } catch {
      throw new ConfigError(`Invalid configuration: HOMELAB_CONFIG: cannot read the file "${file}"`);
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(text) ?? {};
    } catch (e) {
      throw new ConfigError(`Invalid configuration: ${file}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(`Invalid configuration: ${file}: expected a mapping at the top level`);
    }
    raw = resolveFileRefs(parsed, '', src) as Record<string, unknown>;
  }
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const direct = src.env[name];
    const viaFile = src.env[`${name}_FILE`];
    if (direct !== undefined && direct !== '') setPath(raw, key, envValue(direct, key));
    else if (viaFile) setPath(raw, key, envValue(readSecretFile(viaFile, `${name}_FILE`, src), key));
  }
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => describeIssue(i, raw));
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const cfg = result.data;
  const names = new Set<string>();
  for (const c of cfg.clusters) {
    if (names.has(c.name)) throw new ConfigError(`Invalid configuration: clusters: the name "${c.name}" is used twice`);
    names.add(c.name);
    if (!c.inCluster && !c.kubeconfig) {
      throw new ConfigError(`Invalid configuration: clusters.${c.name}.kubeconfig: is required unless inCluster is true`);
    }
  }
  if (cfg.argocd && !names.has(cfg.argocd.cluster)) {
    throw new ConfigError(`Invalid configuration: argocd.cluster: "${cfg.argocd.cluster}" is not one of the clusters`);
  }
  return cfg;
}

let cached: Config | undefined;

/** The validated configuration of this process (read once). */
export function config(): Config {
  if (!cached) {
    cached = loadConfig({
      env: process.env,
      readFile: (f) => fs.readFileSync(path.resolve(f), 'utf8'),
      exists: (f) => fs.existsSync(path.resolve(f)),
    });
  }
  return cached;
}

/** Upstreams configured to skip TLS verification: warned about at every start. */
export function insecureUpstreams(cfg: Config): string[] {
  const out: string[] = [];
  if (cfg.auth.tls.insecureSkipVerify) out.push('auth');
  for (const c of cfg.clusters) if (c.tls.insecureSkipVerify) out.push(`clusters.${c.name}`);
  if (cfg.proxmox?.tls.insecureSkipVerify) out.push('proxmox');
  if (cfg.github?.tls.insecureSkipVerify) out.push('github');
  if (cfg.promotion.notify.telegram?.tls.insecureSkipVerify) out.push('promotion.notify.telegram');
  return out;
}

/** Non-config process facts the server needs (also only read here). */
export const runtime = {
  /** `log.level` of homelab.yaml (LOG_LEVEL overrides it); before a valid configuration, LOG_LEVEL or info. */
  get logLevel(): string {
    try {
      return config().log.level;
    } catch {
      return process.env.LOG_LEVEL || 'info';
    }
  },
};

/** Auth.js reads its base URL from AUTH_URL itself; the configured public URL is handed to it here. */
export function exportAuthEnv(cfg: Config) {
  process.env.AUTH_URL = cfg.server.publicUrl;
}
