import 'server-only';
import type { PromotionConfig } from '@/lib/promotions/config';
import { argoApps, type AppReader } from '../../../clients/kubernetes/argo-apps';
import { github, type GithubClient } from '../../../clients/github/index';
import { requestCtx, type Ctx } from '../../../context';
import { config } from '../../../env';
import { notifySettings, type NotifySettings } from '../../../notify/settings';

// What the promotion services need beyond the base ctx: the GitHub repository, the Argo CD reader,
// the `promotion:` settings and a clock. Tests pass simulator-backed clients and a fixed clock.

export interface PromotionCtx extends Ctx {
  github(): GithubClient;
  apps(): AppReader;
  settings(): PromotionConfig;
  now(): Date;
  /** The owner's time zone (server.timeZone): windows and freezes are read in it. UTC when absent. */
  timeZone?(): string;
  /** Where notifications go (server/notify/settings.ts); without it (unit and integration tests of promotions) none are queued. */
  notifySettings?(): NotifySettings;
}

/** `promotion:` from homelab.yaml (schema and defaults in lib/promotions/config.ts, validated at boot). */
export function promotionSettings(): PromotionConfig {
  return config().promotion;
}

/** Applications from the dashboard's live store (watched, no request per read); a direct GET when the
 * store does not have the app (yet), e.g. right after a start before the first list completed. */
function watchedApps(): AppReader {
  return async (name) => {
    const { liveStore } = await import('../../../live/index');
    for (const a of liveStore().appsState.apps.values()) {
      if (a.name === name) return { name, sync: a.sync, health: a.health, revision: a.revision, images: a.images };
    }
    return argoApps()(name);
  };
}

export function promotionCtx(base: Ctx = requestCtx()): PromotionCtx {
  return { ...base, github, apps: watchedApps, settings: promotionSettings, now: () => new Date(), timeZone: () => config().server.timeZone, notifySettings };
}

/** Argo CD Application names follow `<service>-<cluster>`. */
export const appName = (service: string, cluster: string) => `${service}-${cluster}`;
