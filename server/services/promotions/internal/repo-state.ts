import 'server-only';
import { computeDeltas, isKustomization, type OverlayFile, type ServiceDelta } from '@/lib/gitops/candidates';
import type { PromotionConfig } from '@/lib/promotions/config';
import { headOf, listTree, readBlob, type GithubClient, type TreeEntry } from '../../../clients/github/index';

// The two overlay trees at the branch head. Blobs are content-addressed and immutable, so their
// text is cached by sha: after the first page view only files that changed are fetched again.

const blobCache = new Map<string, string>();
const MAX_CACHED = 2_000;

async function blobText(gh: GithubClient, sha: string): Promise<string> {
  const hit = blobCache.get(sha);
  if (hit !== undefined) return hit;
  const text = await readBlob(gh, sha);
  if (blobCache.size >= MAX_CACHED) blobCache.delete(blobCache.keys().next().value!);
  blobCache.set(sha, text);
  return text;
}

export interface OverlaySide {
  root: string;
  files: (OverlayFile & { sha: string })[];
}

export interface RepoState {
  head: string;
  dev: OverlaySide;
  prod: OverlaySide;
  deltas: ServiceDelta[];
}

async function side(gh: GithubClient, tree: TreeEntry[], root: string, only?: Set<string>): Promise<OverlaySide> {
  const entries = tree.filter((e) => e.path.startsWith(root + '/') && isKustomization(e.path));
  const wanted = entries.filter((e) => !only || only.has(e.path.slice(root.length + 1)));
  const files = await Promise.all(wanted.map(async (e) => ({ rel: e.path.slice(root.length + 1), sha: e.sha, text: await blobText(gh, e.sha) })));
  return { root, files };
}

export async function readRepoState(gh: GithubClient, cfg: PromotionConfig): Promise<RepoState> {
  const head = await headOf(gh);
  const tree = await listTree(gh, head);
  const dev = await side(gh, tree, cfg.from);
  // Only the PROD counterparts of DEV files matter; the rest of PROD is never read.
  const prod = await side(gh, tree, cfg.to, new Set(dev.files.map((f) => f.rel)));
  return { head, dev, prod, deltas: computeDeltas(dev.files, prod.files) };
}
