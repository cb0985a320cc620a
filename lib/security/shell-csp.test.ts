import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './headers';
import { hashSources, parseShellCspManifest, scriptsOf, shellKey, withIntegrity } from './shell-csp';

// A stand-in for SHA-256 (lib/ does no crypto): what matters is which exact text gets hashed.
const sha = (t: string) => `h(${t})`;
const HTML = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async="" integrity="sha256-AAA="></script></head>
<body><script>self.__next_f=self.__next_f||[];</script><script>self.__next_f.push([1,"é \\u003c/x"])</script><script></script>
<script src="/_next/static/chunks/b.js" integrity="sha256-BBB=" async=""></script><script>self.__next_f=self.__next_f||[];</script></body></html>`;

describe('scriptsOf', () => {
  it('finds the text of each inline script and the integrity of each external one', () => {
    const s = scriptsOf(HTML);
    expect(s.inline).toEqual(['self.__next_f=self.__next_f||[];', 'self.__next_f.push([1,"é \\u003c/x"])', 'self.__next_f=self.__next_f||[];']);
    expect(s.integrity).toEqual(['sha256-AAA=', 'sha256-BBB=']);
    expect(s.unverified).toEqual([]);
  });

  it('names an external script without integrity', () => {
    expect(scriptsOf('<script src="/x.js"></script>').unverified).toEqual(['/x.js']);
  });
});

describe('withIntegrity', () => {
  it('adds the known integrity to the <script src> tags without one, and nothing else', () => {
    const html = '<script src="/a.js" async=""></script><script src="/b.js" integrity="sha256-B="></script><script>x()</script><script src="/c.js"></script>';
    const out = withIntegrity(html, (src) => (src === '/a.js' ? 'sha256-A=' : src === '/b.js' ? 'sha256-WRONG=' : null));
    expect(out).toBe('<script src="/a.js" async="" integrity="sha256-A="></script><script src="/b.js" integrity="sha256-B="></script><script>x()</script><script src="/c.js"></script>');
    expect(scriptsOf(out).unverified).toEqual(['/c.js']);
  });
});

describe('hashSources', () => {
  it('hashes the exact text of each inline script (no entity decoding), once each, and keeps the SRI hashes', () => {
    expect(hashSources(HTML, sha)).toEqual([
      `'sha256-${sha('self.__next_f=self.__next_f||[];')}'`,
      `'sha256-${sha('self.__next_f.push([1,"é \\u003c/x"])')}'`,
      "'sha256-AAA='",
      "'sha256-BBB='",
    ]);
  });

  it('refuses a page with a script it cannot vouch for (it would be blocked)', () => {
    expect(() => hashSources('<script src="/x.js"></script>', sha)).toThrow(/without an integrity attribute: \/x\.js/);
  });
});

describe('parseShellCspManifest', () => {
  it('reads hash sources per locale and audience', () => {
    const m = parseShellCspManifest(JSON.stringify({ shells: { [shellKey('fr', 'admin')]: ["'sha256-AAA='"] } }));
    expect(m?.shells['fr/admin']).toEqual(["'sha256-AAA='"]);
  });

  it('is null for anything else: no sources smuggled into the header', () => {
    expect(parseShellCspManifest('not json')).toBeNull();
    expect(parseShellCspManifest(JSON.stringify({ shells: { 'en/family': ["'unsafe-inline'"] } }))).toBeNull();
    expect(parseShellCspManifest(JSON.stringify({ shells: { 'en/family': [] } }))).toBeNull();
  });
});

describe('the shell CSP', () => {
  it('trusts the hashes and same-origin files, no nonce, no strict-dynamic (Safari), and keeps every other directive of the nonce policy', () => {
    const opts = { formTargets: ['https://id.example'] };
    const hashed = contentSecurityPolicy({ ...opts, hashes: ["'sha256-AAA='", "'sha256-BBB='"] });
    const nonced = contentSecurityPolicy({ ...opts, nonce: 'n0nce' });
    expect(hashed).toContain("script-src 'self' 'sha256-AAA=' 'sha256-BBB=';");
    expect(hashed).not.toContain('strict-dynamic');
    expect(hashed).not.toContain('nonce');
    const others = (csp: string) => csp.split('; ').filter((d) => !d.startsWith('script-src'));
    expect(others(hashed)).toEqual(others(nonced));
  });

  it('trusts no script at all without a nonce or a hash', () => {
    expect(contentSecurityPolicy({ formTargets: [] })).toContain("script-src 'self' 'strict-dynamic'");
  });
});
