// Kustomize overlays: read the versions an overlay pins (`images:` and `helmCharts:`) and change
// them with the smallest possible edit. Parsing goes through the `yaml` Document API for the node
// positions; edits are then spliced into the original text, so comments, key order, quoting,
// indentation and blank lines outside the changed scalar survive byte for byte (a re-serialised
// document would reflow a Renovate-maintained file and make every promotion diff noisy).
import { isMap, isScalar, isSeq, parseAllDocuments, parse as parseYaml, type Document, type Scalar, type YAMLMap } from 'yaml';

export const IMAGE_FIELDS = ['newName', 'newTag', 'digest'] as const;
export type ImageField = (typeof IMAGE_FIELDS)[number];

export interface ImagePin {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface ChartPin {
  name: string;
  version?: string;
}

export interface OverlayPins {
  images: ImagePin[];
  charts: ChartPin[];
}

/** One value to set: `images[name].field` or `helmCharts[name].version`; `to: null` removes the key. */
export type PinEdit =
  | { kind: 'image'; name: string; field: ImageField; to: string | null }
  | { kind: 'chart'; name: string; field: 'version'; to: string | null };

export class OverlayError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverlayError';
  }
}

function mainDocument(text: string): Document.Parsed {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) throw new OverlayError('empty YAML stream');
  const withContent = docs.filter((d) => d.contents !== null);
  if (withContent.length !== 1) throw new OverlayError(`expected one YAML document, found ${withContent.length}`);
  const doc = withContent[0];
  if (doc.errors.length) throw new OverlayError(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  if (!isMap(doc.contents)) throw new OverlayError('expected a mapping at the top level');
  return doc;
}

/** Scalar text as written (a version like `27.30` must not become the number 27.3). */
function scalarText(node: Scalar, text: string): string {
  if (typeof node.value === 'string') return node.value;
  if (node.range && node.type === 'PLAIN') return text.slice(node.range[0], node.range[1]);
  return String(node.value);
}

function entries(doc: Document.Parsed, key: 'images' | 'helmCharts'): YAMLMap[] {
  const seq = (doc.contents as YAMLMap).get(key, true);
  if (seq === undefined || seq === null) return [];
  if (!isSeq(seq)) throw new OverlayError(`${key}: expected a list`);
  return seq.items.filter((i): i is YAMLMap => isMap(i));
}

function field(map: YAMLMap, key: string, text: string): string | undefined {
  const node = map.get(key, true);
  return isScalar(node) && node.value !== null ? scalarText(node, text) : undefined;
}

export function parseOverlay(text: string): OverlayPins {
  const doc = mainDocument(text);
  const images: ImagePin[] = [];
  for (const m of entries(doc, 'images')) {
    const name = field(m, 'name', text);
    if (!name) throw new OverlayError('images: an entry has no name');
    const pin: ImagePin = { name };
    for (const f of IMAGE_FIELDS) {
      const v = field(m, f, text);
      if (v !== undefined) pin[f] = v;
    }
    images.push(pin);
  }
  const charts: ChartPin[] = [];
  for (const m of entries(doc, 'helmCharts')) {
    const name = field(m, 'name', text);
    if (!name) throw new OverlayError('helmCharts: an entry has no name');
    charts.push({ name, version: field(m, 'version', text) });
  }
  return { images, charts };
}

/** The scalar as it would be written in the original's style, falling back to double quotes when a
 * plain scalar would change type (a tag `11.5` must stay a string) or needs escaping. */
export function renderScalar(value: string, style: Scalar['type'] | undefined): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  let roundTrips = false;
  try {
    roundTrips = parseYaml(value) === value && !/[\n#]|^\s|\s$/.test(value);
  } catch {
    roundTrips = false;
  }
  return roundTrips ? value : JSON.stringify(value);
}

interface Splice {
  start: number;
  end: number;
  text: string;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const n = text.indexOf('\n', at);
  return n === -1 ? text.length : n + 1;
}

function spliceFor(doc: Document.Parsed, text: string, edit: PinEdit): Splice | null {
  const list = entries(doc, edit.kind === 'image' ? 'images' : 'helmCharts');
  const item = list.find((m) => field(m, 'name', text) === edit.name);
  if (!item) throw new OverlayError(`${edit.kind === 'image' ? 'images' : 'helmCharts'}: no entry named ${edit.name}`);
  const pair = item.items.find((p) => isScalar(p.key) && p.key.value === edit.field);
  const node = pair?.value;
  if (pair && node !== null && node !== undefined && !isScalar(node)) throw new OverlayError(`${edit.name}.${edit.field}: expected a plain value`);
  const current = isScalar(node) && node.value !== null ? scalarText(node, text) : undefined;
  if ((current ?? null) === edit.to) return null;
  if (edit.to === null) {
    // Remove the whole `key: value` line (the key exists, the value is being dropped).
    const keyNode = pair!.key as Scalar;
    const start = lineStart(text, keyNode.range![0]);
    return { start, end: lineEnd(text, (node as Scalar).range![1]), text: '' };
  }
  if (isScalar(node) && node.range) {
    return { start: node.range[0], end: node.range[1], text: renderScalar(edit.to, node.type) };
  }
  // The key is new here: add one line after the entry's last pair, at the indentation of `name:`.
  const nameNode = item.items.find((p) => isScalar(p.key) && p.key.value === 'name')!.key as Scalar;
  const indent = nameNode.range![0] - lineStart(text, nameNode.range![0]);
  const last = item.items[item.items.length - 1];
  const lastEnd = (isScalar(last.value) ? last.value.range?.[1] : (last.value as { range?: number[] } | null)?.range?.[1]) ?? (last.key as Scalar).range![1];
  const at = lineEnd(text, lastEnd - 1);
  const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
  return { start: at, end: at, text: `${prefix}${' '.repeat(indent)}${edit.field}: ${renderScalar(edit.to, 'PLAIN')}\n` };
}

/** Applies the edits and returns the new text; only the lines holding changed values differ. */
export function applyEdits(text: string, edits: PinEdit[]): string {
  const doc = mainDocument(text);
  const splices = edits.map((e) => spliceFor(doc, text, e)).filter((s): s is Splice => s !== null);
  splices.sort((a, b) => b.start - a.start);
  for (let i = 1; i < splices.length; i++) {
    if (splices[i].end > splices[i - 1].start) throw new OverlayError('two edits touch the same value');
  }
  let out = text;
  for (const s of splices) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}
