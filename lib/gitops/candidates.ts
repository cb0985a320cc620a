// What DEV runs and PROD does not: per service (one overlay folder each), the versions to copy from
// the DEV overlay to its PROD counterpart. Pure; the server reads the files and passes them in.
import { msg, type Message } from '../i18n/message';
import { applyEdits, IMAGE_FIELDS, OverlayError, parseOverlay, type OverlayPins, type PinEdit } from './overlay';
import { unifiedDiff } from './diff';

export interface OverlayFile {
  /** Path relative to the overlay root, e.g. `komga/kustomization.yaml`. */
  rel: string;
  text: string;
}

export interface VersionChange {
  kind: 'image' | 'chart';
  name: string;
  field: PinEdit['field'];
  from: string | null;
  to: string | null;
}

export interface ServiceDelta {
  service: string;
  rel: string;
  changes: VersionChange[];
  edits: PinEdit[];
  /** Something in DEV we cannot promote automatically (e.g. an image PROD does not pin yet). */
  /** What the panel cannot promote by itself, coded (said in the viewer's language). */
  notes: Message[];
  /** The DEV or PROD overlay cannot be read: why. One broken service never hides the others. */
  unreadable?: string;
}

/** `komga/kustomization.yaml` → `komga`; the overlay root's own file is `(root)`. */
export function serviceOf(rel: string): string {
  const dir = rel.split('/').slice(0, -1).join('/');
  return dir === '' ? '(root)' : dir;
}

export function isKustomization(rel: string): boolean {
  return /(^|\/)kustomization\.ya?ml$/.test(rel);
}

export function compareOverlays(dev: OverlayPins, prod: OverlayPins): { changes: VersionChange[]; notes: Message[] } {
  const changes: VersionChange[] = [];
  const notes: Message[] = [];
  for (const d of dev.images) {
    const p = prod.images.find((i) => i.name === d.name);
    if (!p) {
      notes.push(msg('promo.note.image', { name: d.name }));
      continue;
    }
    for (const f of IMAGE_FIELDS) {
      if ((d[f] ?? null) !== (p[f] ?? null)) changes.push({ kind: 'image', name: d.name, field: f, from: p[f] ?? null, to: d[f] ?? null });
    }
  }
  for (const d of dev.charts) {
    const p = prod.charts.find((c) => c.name === d.name);
    if (!p) {
      notes.push(msg('promo.note.chart', { name: d.name }));
      continue;
    }
    if ((d.version ?? null) !== (p.version ?? null)) changes.push({ kind: 'chart', name: d.name, field: 'version', from: p.version ?? null, to: d.version ?? null });
  }
  return { changes, notes };
}

export function editsOf(changes: VersionChange[]): PinEdit[] {
  return changes.map((c) => ({ kind: c.kind, name: c.name, field: c.field, to: c.to }) as PinEdit);
}

function safeParse(text: string): boolean {
  try {
    return !!parseOverlay(text);
  } catch {
    return false;
  }
}

/** Every service whose DEV overlay pins something PROD does not (files missing in PROD are skipped). */
export function computeDeltas(devFiles: OverlayFile[], prodFiles: OverlayFile[]): ServiceDelta[] {
  const prodByRel = new Map(prodFiles.map((f) => [f.rel, f]));
  const out: ServiceDelta[] = [];
  for (const d of devFiles.filter((f) => isKustomization(f.rel)).sort((a, b) => a.rel.localeCompare(b.rel))) {
    const p = prodByRel.get(d.rel);
    if (!p) continue;
    let pins: [OverlayPins, OverlayPins];
    try {
      pins = [parseOverlay(d.text), parseOverlay(p.text)];
    } catch (e) {
      if (!(e instanceof OverlayError)) throw e;
      const side = safeParse(d.text) ? 'PROD' : 'DEV';
      out.push({ service: serviceOf(d.rel), rel: d.rel, changes: [], edits: [], notes: [], unreadable: `${side} ${d.rel}: ${e.message}` });
      continue;
    }
    const { changes, notes } = compareOverlays(...pins);
    if (changes.length === 0 && notes.length === 0) continue;
    out.push({ service: serviceOf(d.rel), rel: d.rel, changes, edits: editsOf(changes), notes });
  }
  return out;
}

/** `v0.107.55 → v0.107.56`; several values: `grafana/grafana 11.4.0 → 11.5.1, chart prometheus 26.1.0 → 27.3.0`. */
export function describeChanges(changes: VersionChange[]): { old: string; new: string; text: string } {
  const v = (s: string | null) => s ?? '(none)';
  if (changes.length === 1) {
    const c = changes[0];
    return { old: v(c.from), new: v(c.to), text: `${v(c.from)} → ${v(c.to)}` };
  }
  const label = (c: VersionChange) => (c.kind === 'chart' ? `chart ${c.name}` : c.field === 'newTag' ? c.name : `${c.name} ${c.field}`);
  const text = changes.map((c) => `${label(c)} ${v(c.from)} → ${v(c.to)}`).join(', ');
  return { old: changes.map((c) => v(c.from)).join(', '), new: changes.map((c) => v(c.to)).join(', '), text };
}

/** The new PROD text and its diff for one service delta. */
export function renderChange(prodPath: string, prodText: string, delta: Pick<ServiceDelta, 'edits'>): { after: string; diff: string } {
  const after = applyEdits(prodText, delta.edits);
  return { after, diff: unifiedDiff(prodPath, prodText, after) };
}

export interface MessageInput {
  services: { service: string; changes: VersionChange[] }[];
  devSha: string;
  approver: { name: string; email: string | null };
  promotionId: string;
  /** For a roll back: the promotion commit being undone. */
  rollsBack?: string;
  /** Provenance (issue 17), so Git alone tells the story: who asked, which request, what is restored. */
  requestedBy?: string;
  requestId?: string;
  /** For a roll back: the commit whose versions it restores. */
  restoredFrom?: string;
}

/** `promote(<service>): <old> → <new>` + trailers; the Promotion-Id trailer lets a restarted panel
 * find a commit it made but did not record (exactly once across crashes). */
export function commitMessage(m: MessageInput): string {
  const verb = m.rollsBack ? 'rollback' : 'promote';
  let subject: string;
  let body = '';
  if (m.services.length === 1) {
    subject = `${verb}(${m.services[0].service}): ${describeChanges(m.services[0].changes).text}`;
  } else {
    subject = `${verb}(${m.services.map((s) => s.service).join(', ')}): ${m.services.length} services`;
    body = m.services.map((s) => `- ${s.service}: ${describeChanges(s.changes).text}`).join('\n') + '\n\n';
  }
  const email = m.approver.email ?? 'unknown@invalid';
  const origin = m.rollsBack ? `Rolls-Back: ${m.rollsBack}` : `Promoted-From: dev@${m.devSha}`;
  const trailers = [origin, ...(m.restoredFrom ? [`Restored-From: ${m.restoredFrom}`] : []), ...(m.requestedBy ? [`Requested-By: ${m.requestedBy}`] : [])];
  trailers.push(`Approved-By: ${m.approver.name} <${email}>`, `Promotion-Id: ${m.promotionId}`, ...(m.requestId ? [`Request-Id: ${m.requestId}`] : []));
  return `${subject}\n\n${body}${trailers.join('\n')}\n`;
}
