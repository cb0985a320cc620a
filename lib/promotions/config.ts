// Configuration of promotions (`promotion:` in homelab.yaml). Pure: server/env.ts embeds this schema
// under the key `promotion`; until it does, services use `PromotionConfigSchema.parse({})` defaults.
import { z } from 'zod';

const Hours = z.number().min(0).max(24 * 30);
const RepoPath = z.string().regex(/^[A-Za-z0-9._/-]+$/, 'expected a repository path like kubernetes/overlays/dev').transform((s) => s.replace(/\/+$/, ''));

export const AutoPromotionSchema = z
  .object({
    /** Promote automatically once every gate has passed (off by default). */
    enabled: z.boolean().default(false),
    /** Weekly window in the panel's time zone, e.g. "mon 06:00-08:00"; empty = any time. */
    window: z
      .string()
      .regex(/^(mon|tue|wed|thu|fri|sat|sun) \d{2}:\d{2}-\d{2}:\d{2}$/, 'expected "mon 06:00-08:00"')
      .optional(),
  })
  .strict();

// ---- After Live (issue 17): watching PROD and rolling back by itself (opt-in).
export const AutoRollbackSchema = z
  .object({
    /** Commit the roll-back of a promotion left Degraded (off by default). */
    enabled: z.boolean().default(false),
    /** How long the promotion must have been Degraded first (fractions allowed, 0 = at once). */
    afterMinutes: z.number().min(0).max(24 * 60).default(5),
  })
  .strict();

export const ServicePolicySchema = z
  .object({
    soakHours: Hours.optional(),
    auto: AutoPromotionSchema.optional(),
    autoRollback: AutoRollbackSchema.optional(),
  })
  .strict();

export const PromotionConfigSchema = z
  .object({
    /** Overlay folders: every kustomization.yaml under `from` is compared with its counterpart under `to`. */
    from: RepoPath.default('kubernetes/overlays/dev'),
    to: RepoPath.default('kubernetes/overlays/prod'),
    /** Cluster names of the two sides (the Argo CD Applications are `<service>-<cluster>`). */
    fromCluster: z.string().min(1).default('dev'),
    toCluster: z.string().min(1).default('prod'),
    /** DEV must have been Synced and Healthy on the version for this long. */
    soakHours: Hours.default(24),
    /** `commit` writes to the branch; `pull-request` opens a PR the panel can merge. */
    mode: z.enum(['commit', 'pull-request']).default('commit'),
    /** PROD Degraded for longer than this after a promotion → `degraded`, offering a roll back. */
    degradedAfterSeconds: z.number().int().min(0).max(3600).default(60),
    /** Tracking gives up (→ failed) when PROD has not synced the commit after this long. */
    syncTimeoutMinutes: z.number().int().min(1).max(24 * 60).default(30),
    /** A Live promotion is watched this long (default: the soak time) and turns degraded when PROD does. */
    watchHours: Hours.optional(),
    autoRollback: AutoRollbackSchema.default({ enabled: false, afterMinutes: 5 }),
    services: z.record(z.string(), ServicePolicySchema).default({}),
    notify: z
      .object({
        ntfy: z.object({ url: z.url(), token: z.string().min(1).optional() }).strict().optional(),
        telegram: z
          .object({
            botToken: z.string().min(1),
            chatId: z.string().min(1),
            /** The Bot API's base URL (a self-hosted telegram-bot-api server, or the simulator). */
            apiUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).default('https://api.telegram.org'),
            tls: z.object({ caFile: z.string().min(1).optional(), insecureSkipVerify: z.boolean().default(false) }).strict().default({ insecureSkipVerify: false }),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export type PromotionConfig = z.infer<typeof PromotionConfigSchema>;

export const DEFAULT_PROMOTION_CONFIG: PromotionConfig = PromotionConfigSchema.parse({});

export function soakHoursFor(cfg: PromotionConfig, service: string): number {
  return cfg.services[service]?.soakHours ?? cfg.soakHours;
}

export function watchHoursFor(cfg: PromotionConfig, service: string): number {
  return cfg.watchHours ?? soakHoursFor(cfg, service);
}

/** The roll-back policy of a service: its own block, else the global one. */
export function autoRollbackFor(cfg: PromotionConfig, service: string): { enabled: boolean; afterMinutes: number } {
  return cfg.services[service]?.autoRollback ?? cfg.autoRollback;
}
