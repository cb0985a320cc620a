import fs from 'node:fs';
import path from 'node:path';

// Server actions as the build knows them (.next/server/server-reference-manifest.json: id, file, name,
// pages). A browser calls one with a POST to such a page, the id in `Next-Action`, the arguments
// React-encoded in the body; the answer is a flight stream whose row 1 is the return value, or a redirect.

export interface BuiltAction {
  /** `file#name`, as e2e/support/routes.ts `serverActions()` names it from the source. */
  key: string;
  id: string;
  /** A page path whose bundle includes the action (route groups removed). */
  page: string;
  /** Declared inside a component (a closure): its bound variables travel encrypted in the page. */
  inline: boolean;
}

interface Manifest {
  node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
}

export const MANIFEST_FILE = path.join('.next', 'server', 'server-reference-manifest.json');

/** Inline actions (`async function name() { 'use server' … }`) of a file, in source order. */
function inlineActionNames(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:async\s+)?function\s+(\w+)\s*\([^)]*\)\s*\{\s*['"]use server['"]/g)].map((m) => m[1]);
}

/** "app/[locale]/[audience]/(panel)/page" → "/", "app/[locale]/signin/page" → "/signin" (the proxy's rewrite undone). */
function pageOf(worker: string): string {
  const segments = worker
    .replace(/^app\//, '')
    .replace(/^\[locale\]\/(\[audience\]\/)?/, '')
    .replace(/\/?page$/, '')
    .split('/')
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

export function builtActions(manifestFile = MANIFEST_FILE): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const out: BuiltAction[] = [];
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (!entry.filename || !entry.exportedName) throw new Error(`${manifestFile}: action ${id} has no filename/exportedName (did the Next.js manifest format change?)`);
    // The compiler names inline actions $$RSC_SERVER_ACTION_<n>, numbered in source order.
    const inline = /^\$\$RSC_SERVER_ACTION_(\d+)$/.exec(entry.exportedName);
    const name = inline ? inlineActionNames(entry.filename)[Number(inline[1])] : entry.exportedName;
    if (!name) throw new Error(`${manifestFile}: cannot name ${entry.exportedName} of ${entry.filename}`);
    const pages = Object.keys(entry.workers).filter((w) => w.endsWith('/page')).map(pageOf).sort((a, b) => a.length - b.length);
    if (pages.length === 0) throw new Error(`${manifestFile}: action ${entry.filename}#${name} is on no page`);
    out.push({ key: `${entry.filename}#${name}`, id, page: pages[0], inline: Boolean(inline) });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * The encrypted bound variables of an inline action, as the page renders them in its form for
 * browsers without JavaScript: React's reply encoding spread over hidden inputs, e.g.
 * `$ACTION_1:0` = `{"id":…,"bound":"$@1"}`, `$ACTION_1:1` = `["$@2"]`, `$ACTION_1:2` = `"…ciphertext…"`
 * (`$@n` refers to field n). Empty when the action binds nothing.
 */
export function boundArgsFromHtml(html: string, actionId: string): unknown[] {
  const inputs = new Map<string, string>();
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1];
    if (name && value !== undefined) inputs.set(decodeHtml(name), decodeHtml(value));
  }
  for (const [name, value] of inputs) {
    const ref = /^\$ACTION_(\d+):0$/.exec(name);
    if (!ref) continue;
    const field = (n: string): unknown => {
      const raw = inputs.get(`$ACTION_${ref[1]}:${n}`);
      if (raw === undefined) throw new Error(`the form of action ${actionId} has no field ${n}`);
      return resolve(JSON.parse(raw));
    };
    const resolve = (v: unknown): unknown => {
      if (typeof v === 'string') {
        const r = /^\$@?(\d+)$/.exec(v);
        return r ? field(r[1]) : v.startsWith('$$') ? v.slice(1) : v;
      }
      if (Array.isArray(v)) return v.map(resolve);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
      return v;
    };
    const meta = JSON.parse(value) as { id?: string; bound?: unknown };
    if (meta.id !== actionId) continue;
    if (meta.bound === null || meta.bound === undefined) return [];
    return resolve(meta.bound) as unknown[];
  }
  throw new Error(`no form on the page calls action ${actionId}`);
}

export type ActionAnswer =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'result'; status: number; value: unknown }
  | { kind: 'error'; status: number; text: string };

/** Reads the answer of a server action call: a redirect, the return value (flight row 1), or an error. */
export async function readActionAnswer(res: Response): Promise<ActionAnswer> {
  const location = res.headers.get('x-action-redirect') ?? res.headers.get('location');
  if (location) return { kind: 'redirect', status: res.status, location: location.split(';')[0] };
  const text = await res.text();
  if (res.status >= 400 || !(res.headers.get('content-type') ?? '').includes('text/x-component')) return { kind: 'error', status: res.status, text: text.slice(0, 300) };
  const row = /^1:(.*)$/m.exec(text);
  if (!row) return { kind: 'error', status: res.status, text: text.slice(0, 300) };
  return { kind: 'result', status: res.status, value: JSON.parse(row[1]) as unknown };
}
