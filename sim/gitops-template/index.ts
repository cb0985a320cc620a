// The seeded GitOps repository as a short, realistic history: a bootstrap commit, a docs commit and
// Renovate's DEV bumps about 30 h and 6 h ago, so "how long has DEV run this version" has an answer
// in the commits API. The final state matches the catalogue exactly.
import { SERVICES, type ClusterName, type SimService } from '../seed/catalogue';
import { README, staticFiles } from './manifests';
import { ENVS, catalogueVersions, overlayPath, renderEnvOverlay, renderServiceOverlay, type OverlayVersions } from './overlays';

export { ENVS, overlayPath, overlayDir, renderServiceOverlay, catalogueVersions } from './overlays';
export type { OverlayVersions } from './overlays';
export { GAMING_VM, renderGamingVm, gamingVmFiles } from './gaming-vm';

export interface SeedIdentity {
  name: string;
  email: string;
}

export interface SeedCommit {
  message: string;
  author: SeedIdentity;
  /** How long before "now" the commit was made. */
  ageMinutes: number;
  /** Files written by this commit (full content). */
  files: Record<string, string>;
}

export const OWNER_IDENTITY = (owner: string, id: number): SeedIdentity => ({
  name: owner.charAt(0).toUpperCase() + owner.slice(1),
  email: `${id}+${owner}@users.noreply.github.com`,
});

export const RENOVATE_IDENTITY: SeedIdentity = {
  name: 'renovate[bot]',
  email: '29139614+renovate[bot]@users.noreply.github.com',
};

interface Bump {
  svc: SimService;
  from: OverlayVersions;
  to: OverlayVersions;
}

/** Services whose DEV overlay is ahead of PROD in the catalogue (what there is to promote). */
export function devBumps(): Bump[] {
  const bumps: Bump[] = [];
  for (const svc of SERVICES) {
    const dev = catalogueVersions('dev', svc);
    const prod = catalogueVersions('prod', svc);
    if (!dev || !prod) continue;
    if (dev.tag !== prod.tag || dev.chartVersion !== prod.chartVersion) bumps.push({ svc, from: prod, to: dev });
  }
  return bumps;
}

function overlays(versions: (env: ClusterName, svc: SimService) => OverlayVersions | null): Record<string, string> {
  const files: Record<string, string> = {};
  for (const env of ENVS) {
    files[`kubernetes/overlays/${env}/kustomization.yaml`] = renderEnvOverlay(env);
    for (const svc of SERVICES) {
      const v = versions(env, svc);
      if (v) files[overlayPath(env, svc)] = renderServiceOverlay(env, svc, v);
    }
  }
  return files;
}

function bumpMessage(b: Bump): string {
  if (b.from.tag !== b.to.tag) return `fix(container): update image ${b.svc.image} ( ${b.from.tag} → ${b.to.tag} )`;
  return `fix(helm): update chart ${b.svc.chart?.name ?? b.svc.name} ( ${b.from.chartVersion} → ${b.to.chartVersion} )`;
}

/**
 * The seed history, oldest first. With `devAhead: false` DEV equals PROD everywhere (nothing to promote).
 */
export function seedHistory(opts: { owner: string; ownerId: number; devAhead?: boolean }): SeedCommit[] {
  const devAhead = opts.devAhead ?? true;
  const bumps = devAhead ? devBumps() : [];
  const bumped = new Set(bumps.map((b) => b.svc.name));
  const owner = OWNER_IDENTITY(opts.owner, opts.ownerId);

  // Before the bumps, DEV ran what PROD runs (and keeps doing so when DEV is not ahead).
  const initialVersions = (env: ClusterName, svc: SimService): OverlayVersions | null => {
    if (!svc.clusters.includes(env)) return null;
    if (env === 'dev' && (!devAhead || bumped.has(svc.name))) return catalogueVersions('prod', svc) ?? catalogueVersions('dev', svc);
    return catalogueVersions(env, svc);
  };
  const initial = { ...staticFiles(), ...overlays(initialVersions) };
  initial['README.md'] = README.replace(/\nWorkflow:.*\n/, '\n');

  const history: SeedCommit[] = [
    { message: 'feat: bootstrap homelab GitOps repository', author: owner, ageMinutes: 21 * 24 * 60, files: initial },
    { message: 'docs: describe the DEV → PROD promotion workflow', author: owner, ageMinutes: 9 * 24 * 60 + 135, files: { 'README.md': README } },
  ];
  // Half of the bumps landed yesterday (~30 h ago), the rest this morning (~6 h ago), a few minutes apart.
  const half = Math.ceil(bumps.length / 2);
  bumps.forEach((b, i) => {
    const ageMinutes = (i < half ? 30 * 60 : 6 * 60) - (i % half) * 3;
    history.push({
      message: `${bumpMessage(b)}\n\nSigned-off-by: renovate[bot] <${RENOVATE_IDENTITY.email}>`,
      author: RENOVATE_IDENTITY,
      ageMinutes,
      files: { [overlayPath('dev', b.svc)]: renderServiceOverlay('dev', b.svc, b.to) },
    });
  });
  return history;
}

/** The repository content after the whole seed history (for tests that do not need git). */
export function finalTree(opts: { devAhead?: boolean } = {}): Record<string, string> {
  const files: Record<string, string> = {};
  for (const c of seedHistory({ owner: 'paul', ownerId: 1, devAhead: opts.devAhead })) Object.assign(files, c.files);
  return files;
}
