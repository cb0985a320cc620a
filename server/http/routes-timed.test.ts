import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeHandlers } from '@/e2e/support/routes';

// Every exported handler of every app/api/**/route.ts (enumerated from the files, as the
// authorization matrix does) is `export const METHOD = route('METHOD /pattern', …)` with its own
// method and route pattern, so it is timed in panel_http_request_duration_seconds and answers with a
// request id. Read from the source: importing the routes would load Auth.js, which only Next's bundler
// resolves. (`route()` itself, and the label it attaches, are tested in route.test.ts.)

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every API route handler', () => {
  const handlers = routeHandlers('app').filter((r) => r.pattern.startsWith('/api/'));

  it('is found', () => {
    expect(handlers.length).toBeGreaterThan(20);
  });

  it.each(handlers.map((r) => [r.key, r] as const))('%s is wrapped by route() under its own pattern', (_key, r) => {
    const file = path.join('app', `.${r.pattern}`, 'route.ts');
    const src = fs.readFileSync(file, 'utf8');
    const wrapped = new RegExp(`export\\s+const\\s+${r.method}\\s*=\\s*route\\(\\s*'${escape(r.key)}'`);
    expect(wrapped.test(src), `${file}: export const ${r.method} = route('${r.key}', …)`).toBe(true);
  });
});
