// The shape of the code, checked on the real files: no import circles in the app, no test or
// simulator code reached from the app, and no branch on the gaming backend outside backends/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPIC_KEYS } from '@/lib/query-keys';

const ROOT = path.resolve(import.meta.dirname, '..');
const APP_DIRS = ['app', 'components', 'lib', 'server'];
const isTest = (f: string) => /\.(test|int\.test|fixtures)\.tsx?$/.test(f);

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'generated' || d.name === 'node_modules' ? [] : walk(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

const appFiles = APP_DIRS.flatMap((d) => walk(path.join(ROOT, d))).filter((f) => !isTest(f));

/** Value imports only (static, re-exports and dynamic): `import type` cannot make a circle at run time. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  const stat = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(stat)) if (!m[2] && (m[1] === 'import' || m[3])) specs.push(m[4]);
  for (const m of source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]);
  return specs;
}

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return null;
}

function graph(files: string[]): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const f of files) {
    const deps = importsOf(fs.readFileSync(f, 'utf8')).map((s) => resolve(f, s)).filter((d): d is string => !!d && !isTest(d));
    g.set(f, deps);
  }
  return g;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.map((f) => path.relative(ROOT, f)).sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('architecture', () => {
  it('finds circles when there are some (the checker itself works)', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(cycles(g).map((c) => c.length)).toEqual([3]);
    expect(importsOf(`import type { A } from './a';\nimport { b } from './b';\nexport { c } from './c';\nexport type { D } from './d';\nconst e = await import('./e');`)).toEqual(['./b', './c', './e']);
  });

  it('has no import circles in app/, components/, lib/ and server/', () => {
    expect(cycles(graph(appFiles))).toEqual([]);
  });

  it('never reaches the simulator or the test helpers from app code', () => {
    const offenders = appFiles.filter((f) => /from\s+['"](@\/|(\.\.\/)+)(sim|test)\//.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('branches on the gaming backend only in server/services/gaming/backends/', () => {
    const branching = appFiles
      .filter((f) => !f.includes(`${path.sep}gaming${path.sep}backends${path.sep}`))
      .filter((f) => /backend\s*[!=]==|isKubevirt\(/.test(fs.readFileSync(f, 'utf8')));
    expect(branching.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('has a query-key row (lib/query-keys.ts) for every live topic the server publishes', () => {
    const published = new Set<string>();
    for (const f of appFiles.filter((f) => f.includes(`${path.sep}server${path.sep}`))) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:publish|\.now)\(\s*'([a-z-]+)'/g)) published.add(m[1]);
      for (const m of src.matchAll(/\.soon\([^,]+,\s*'([a-z-]+)'/g)) published.add(m[1]);
    }
    expect(published.size).toBeGreaterThan(4);
    expect([...published].filter((t) => !(t in TOPIC_KEYS))).toEqual([]);
  });

  it('keeps only entry verbs at the top of server/services/<entity>/ (helpers under internal/)', () => {
    // Verbs that are not a person's action, each with why it has no permission check.
    const UNGUARDED: Record<string, string> = {
      'server/services/health/check-readiness.ts': 'the readiness probe, public by design',
      'server/services/metrics/read-metrics.ts': "Prometheus' bearer token, not a person",
      'server/services/promotions/auto-promote.ts': 'the auto-promotion policy, run by the leader job',
      'server/services/users/limit-sign-in.ts': 'the per-address sign-in limit, before anyone is signed in',
    };
    const dir = path.join(ROOT, 'server', 'services');
    const topLevel = fs.readdirSync(dir).flatMap((entity) =>
      fs.readdirSync(path.join(dir, entity)).filter((f) => /\.ts$/.test(f) && !isTest(f)).map((f) => path.join('server', 'services', entity, f)),
    );
    const notVerbs = topLevel.filter((f) => !(f in UNGUARDED) && !/requirePermission\(|requireUser\(/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(notVerbs).toEqual([]);
    expect(topLevel.filter((f) => f in UNGUARDED)).toHaveLength(Object.keys(UNGUARDED).length);
  });
});
