// Structural check of a GitOps tree: every kustomization.yaml parses and everything it references
// exists, the way `kustomize build` would need it. Used on the in-memory template and on the real repo.
import path from 'node:path';
import { parse } from 'yaml';

export interface Kustomization {
  resources?: string[];
  images?: { name?: string; newTag?: string }[];
  helmCharts?: { name?: string; repo?: string; version?: string; releaseName?: string }[];
  patches?: { path?: string; patch?: string }[];
}

/** Returns human-readable problems; an empty list means the tree is consistent. */
export function checkKustomizations(files: Record<string, string>): string[] {
  const problems: string[] = [];
  const paths = Object.keys(files);
  const isFile = (p: string) => p in files;
  const isDir = (p: string) => paths.some((f) => f.startsWith(`${p}/`));
  const kustomizations = paths.filter((p) => path.posix.basename(p) === 'kustomization.yaml');
  if (kustomizations.length === 0) problems.push('no kustomization.yaml at all');
  for (const file of kustomizations) {
    let doc: Kustomization;
    try {
      doc = parse(files[file]) as Kustomization;
    } catch (e) {
      problems.push(`${file}: does not parse: ${(e as Error).message}`);
      continue;
    }
    if (typeof doc !== 'object' || doc === null) {
      problems.push(`${file}: not a mapping`);
      continue;
    }
    const dir = path.posix.dirname(file);
    for (const r of doc.resources ?? []) {
      const target = path.posix.normalize(path.posix.join(dir, r));
      if (target.startsWith('..')) problems.push(`${file}: resource ${r} leaves the repository`);
      else if (isFile(target)) continue;
      else if (!isDir(target)) problems.push(`${file}: resource ${r} → ${target} does not exist`);
      else if (!isFile(`${target}/kustomization.yaml`)) problems.push(`${file}: resource ${r} → ${target} has no kustomization.yaml`);
    }
    for (const p of doc.patches ?? []) {
      if (p.path && !isFile(path.posix.join(dir, p.path))) problems.push(`${file}: patch ${p.path} does not exist`);
      if (!p.path && !p.patch) problems.push(`${file}: patch without path or patch`);
    }
    for (const img of doc.images ?? []) {
      if (!img.name || !img.newTag) problems.push(`${file}: image entry needs name and newTag`);
    }
    for (const c of doc.helmCharts ?? []) {
      if (!c.name || !c.repo || !c.version || !c.releaseName) problems.push(`${file}: helmCharts entry needs name, repo, version, releaseName`);
    }
  }
  return problems;
}
