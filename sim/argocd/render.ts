// What an Application "renders", reduced to what the simulator compares: the container images
// (kustomize `images:` newName/newTag/digest) and Helm chart versions (`helmCharts:`). Two renders
// that differ mean the app is OutOfSync with what is deployed.
import { parse } from 'yaml';

export interface Rendered {
  images: string[];
  charts: string[];
  /** A KubeVirt VirtualMachine app: the manifest's spec.runStrategy. */
  runStrategy?: string;
}

interface ImageEntry {
  name?: string;
  newName?: string;
  newTag?: string | number;
  digest?: string;
}
interface ChartEntry {
  name?: string;
  version?: string | number;
}

function parseKustomization(text: string | null | undefined): { images: ImageEntry[]; charts: ChartEntry[] } | null {
  if (!text) return null;
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return null; // a broken file renders nothing (Argo CD would report a ComparisonError)
  }
  if (!doc || typeof doc !== 'object') return { images: [], charts: [] };
  const d = doc as { images?: unknown; helmCharts?: unknown };
  return {
    images: Array.isArray(d.images) ? (d.images as ImageEntry[]).filter((x) => x && typeof x === 'object') : [],
    charts: Array.isArray(d.helmCharts) ? (d.helmCharts as ChartEntry[]).filter((x) => x && typeof x === 'object') : [],
  };
}

export function imageRef(e: ImageEntry): string | null {
  const repo = e.newName ?? e.name;
  if (!repo) return null;
  return `${repo}${e.newTag !== undefined ? `:${e.newTag}` : ''}${e.digest ? `@${e.digest}` : ''}`;
}

/**
 * Renders one app from its own overlay kustomization and its cluster's overlay kustomization:
 * entries in the app's file all belong to it; in the cluster file only those naming the app's image
 * or chart do (the GitOps repo may keep the `images:` list per cluster or per app; both work).
 * Returns null when neither file says anything about the app.
 */
export function renderApp(appFile: string | null | undefined, clusterFile: string | null | undefined, match: { image?: string; chart?: string }): Rendered | null {
  const own = parseKustomization(appFile);
  const shared = parseKustomization(clusterFile);
  const images = new Map<string, string>();
  const charts = new Map<string, string>();
  for (const e of shared?.images ?? []) if (match.image && e.name === match.image) addImage(images, e);
  for (const c of shared?.charts ?? []) if (match.chart && c.name === match.chart) addChart(charts, c);
  for (const e of own?.images ?? []) addImage(images, e);
  for (const c of own?.charts ?? []) addChart(charts, c);
  if (images.size === 0 && charts.size === 0) return null;
  return { images: [...images.values()].sort(), charts: [...charts.values()].sort() };
}

function addImage(into: Map<string, string>, e: ImageEntry) {
  const ref = imageRef(e);
  if (ref && e.name) into.set(e.name, ref);
}

function addChart(into: Map<string, string>, c: ChartEntry) {
  if (c.name) into.set(c.name, `${c.name}:${c.version ?? ''}`);
}

export function sameRender(a: Rendered, b: Rendered): boolean {
  return a.images.join('\n') === b.images.join('\n') && a.charts.join('\n') === b.charts.join('\n') && (a.runStrategy ?? '') === (b.runStrategy ?? '');
}

/** A VirtualMachine manifest → its runStrategy (`running: true/false` as the legacy form); null when unreadable. */
export function renderVm(text: string | null | undefined): Rendered | null {
  if (!text) return null;
  let doc: { spec?: { runStrategy?: unknown; running?: unknown } } | null;
  try {
    doc = parse(text) as typeof doc;
  } catch {
    return null;
  }
  const spec = doc?.spec;
  const rs = typeof spec?.runStrategy === 'string' ? spec.runStrategy : typeof spec?.running === 'boolean' ? (spec.running ? 'Always' : 'Halted') : null;
  return rs ? { images: [], charts: [], runStrategy: rs } : null;
}
