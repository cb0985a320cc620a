import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback';

describe('the sign-in callback path', () => {
  it('keeps a path of the panel, with its query', () => {
    expect(safeCallbackPath('/services?health=Degraded')).toBe('/services?health=Degraded');
    expect(safeCallbackPath(['/promotions/abc', '/x'])).toBe('/promotions/abc');
  });

  it.each(['//evil.example', '/\\evil.example', '/\t/evil.example', '/\n/evil.example', '/.//evil.example', 'https://evil.example', 'evil', '', undefined, null])(
    'refuses %j (home page instead)',
    (v) => {
      expect(safeCallbackPath(v as string)).toBe('/');
    },
  );

  it('never yields anything a browser would read as another site', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const out = safeCallbackPath(`/${a}${b}`);
        expect(out.startsWith('/')).toBe(true);
        expect(out.startsWith('//')).toBe(false);
        expect(out).not.toMatch(/\\/);
        expect(new URL(out, 'https://panel.example').origin).toBe('https://panel.example');
      }),
      { numRuns: 2000 },
    );
  });
});
