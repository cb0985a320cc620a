// labelSelector / fieldSelector matching, the subset kube-apiserver accepts that a client would use:
// equality, inequality, set-based (in/notin) and existence for labels; =, ==, != on fields.
import type { KubeObject } from './resources';

export type Matcher = (obj: KubeObject) => boolean;

const ALWAYS: Matcher = () => true;

/** Split on commas that are not inside "(...)" (set-based label terms contain commas). */
function terms(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

export function labelMatcher(sel: string | null): Matcher {
  if (!sel) return ALWAYS;
  const checks: ((l: Record<string, string>) => boolean)[] = terms(sel).map((t) => {
    let m = /^([^\s!=]+)\s+(in|notin)\s+\((.*)\)$/.exec(t);
    if (m) {
      const [, k, op, list] = m;
      const vals = new Set(list.split(',').map((v) => v.trim()));
      return op === 'in' ? (l) => k in l && vals.has(l[k]) : (l) => !(k in l) || !vals.has(l[k]);
    }
    m = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(t);
    if (m) {
      const [, k, op, v] = m;
      return op === '!=' ? (l) => l[k] !== v : (l) => l[k] === v;
    }
    if (t.startsWith('!')) return (l) => !(t.slice(1) in l);
    return (l) => t in l;
  });
  return (obj) => {
    const l = obj.metadata.labels ?? {};
    return checks.every((c) => c(l));
  };
}

function field(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

export function fieldMatcher(sel: string | null): Matcher {
  if (!sel) return ALWAYS;
  const checks = terms(sel).map((t) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(t);
    if (!m) throw new Error(`invalid field selector term "${t}"`);
    const [, k, op, v] = m;
    return op === '!=' ? (o: KubeObject) => field(o, k) !== v : (o: KubeObject) => field(o, k) === v;
  });
  return (obj) => checks.every((c) => c(obj));
}
