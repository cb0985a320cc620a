// Turns the simulator's endpoints file into the panel's homelab.yaml (demo mode and e2e tests).
import { stringify } from 'yaml';
import { vapidKeys } from './push';
import type { Endpoints } from './types';

export function homelabConfigFromEndpoints(
  ep: Endpoints,
  opts: { publicUrl: string; authSecret: string; dataDir?: string; databaseUrl?: string; extra?: Record<string, unknown>; vapid?: { publicKey: string; privateKey: string } },
): string {
  const cfg: Record<string, unknown> = {
    server: { publicUrl: opts.publicUrl },
    auth: {
      issuer: ep.oidc.issuer,
      clientId: ep.oidc.clientId,
      clientSecret: ep.oidc.clientSecret,
      secret: opts.authSecret,
      adminRoles: ['homelab-admin'],
      familyGroups: ['family'],
      tls: { caFile: ep.oidc.caFile },
    },
    database: { ...(opts.databaseUrl ? { url: opts.databaseUrl } : {}), ...(opts.dataDir ? { embeddedDir: opts.dataDir } : {}) },
  };
  if (ep.clusters.length) {
    cfg.clusters = ep.clusters.map((c) => ({ name: c.name, displayName: c.name.toUpperCase(), kubeconfig: c.kubeconfig, context: c.context }));
  }
  if (ep.argocd) cfg.argocd = ep.argocd;
  if (ep.proxmox) {
    cfg.proxmox = { url: ep.proxmox.url, node: ep.proxmox.node, tokenId: ep.proxmox.tokenId, tokenSecret: ep.proxmox.tokenSecret, tls: { caFile: ep.proxmox.caFile } };
  }
  if (ep.github) {
    cfg.github = { apiUrl: ep.github.apiUrl, owner: ep.github.owner, repo: ep.github.repo, branch: ep.github.branch, token: ep.github.token, tls: { caFile: ep.github.caFile } };
  }
  cfg.gaming = { adminName: 'Paul' }; // quiet hours: "only Paul can start it now" (extra may replace it)
  const extra = { ...(opts.extra ?? {}) };
  if (ep.ntfy) {
    // Notifications go to the simulator's ntfy sink (listed on the control API); extra keeps them
    // unless it names its own `notify`.
    const promotion = (extra.promotion ?? {}) as Record<string, unknown>;
    const telegram = ep.telegram ? { telegram: { botToken: ep.telegram.botToken, chatId: ep.telegram.chatId, apiUrl: ep.telegram.apiUrl, tls: { caFile: ep.telegram.caFile } } } : {};
    extra.promotion = { notify: { ntfy: { url: `${ep.ntfy.url}/paul-homelab` }, ...telegram }, ...promotion };
    const gaming = (extra.gaming ?? cfg.gaming) as Record<string, unknown>;
    extra.gaming = { ntfy: { url: ep.ntfy.url, topics: { marie: 'marie-gaming', 'paul@homelab.example': 'paul-homelab' }, adminTopic: 'paul-homelab' }, ...gaming };
  }
  if (ep.push) {
    // Web Push to the simulator's push service (its host the only one allowed, its CA trusted); the
    // VAPID keys are a demo secret like auth.secret (made once by sim/main.ts, fresh for tests).
    const vapid = opts.vapid ?? vapidKeys();
    extra.notifications = { webPush: { ...vapid, subject: 'mailto:paul@homelab.example', allowedHosts: [new URL(ep.push.url).host], tls: { caFile: ep.push.caFile } }, ...((extra.notifications as object | undefined) ?? {}) };
  }
  Object.assign(cfg, extra);
  return `# Generated from the simulator's endpoints: demo / test configuration, not for a real homelab.\n${stringify(cfg)}`;
}
