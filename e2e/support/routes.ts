import fs from 'node:fs';
import path from 'node:path';

// Enumerates the app's entry points from the code itself (not from a hand-kept list): every route
// handler's exported HTTP methods, and every exported server action.

export interface RouteEntry {
  key: string; // "POST /api/gaming/start"
  method: string;
  pattern: string; // "/api/clusters/[name]"
}

function* walk(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function routeHandlers(appDir = 'app'): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const file of walk(appDir)) {
    if (!/\/route\.tsx?$/.test(file)) continue;
    const src = fs.readFileSync(file, 'utf8');
    const pattern = `/${path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join('/')}`;
    for (const m of METHODS) {
      const exported = new RegExp(`export\\s+(async\\s+)?function\\s+${m}\\b|export\\s+const\\s+${m}\\b|export\\s+const\\s+\\{[^}]*\\b${m}\\b[^}]*\\}|export\\s+\\{[^}]*\\b${m}\\b[^}]*\\}`).test(src);
      if (exported) out.push({ key: `${m} ${pattern}`, method: m, pattern });
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** Server actions: `file#name` for each exported function of a 'use server' module, and inline actions. */
export function serverActions(dirs = ['app', 'components']): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of walk(dir)) {
      if (!/\.tsx?$/.test(file)) continue;
      const src = fs.readFileSync(file, 'utf8');
      if (/^\s*['"]use server['"]/m.test(src.split('\n').slice(0, 3).join('\n'))) {
        for (const m of src.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) out.push(`${file}#${m[1]}`);
      }
      for (const m of src.matchAll(/(?:async\s+)?function\s+(\w+)\s*\([^)]*\)\s*\{\s*['"]use server['"]/g)) out.push(`${file}#${m[1]}`);
    }
  }
  return out.sort();
}
