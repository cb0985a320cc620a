import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('structured logs', () => {
  it('are JSON lines with credentials redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger(sink);
    log.warn(
      { token: 'ghp_secret1', upstream: { tokenSecret: 'pve-secret2', url: 'https://pve' }, headers: { authorization: 'Bearer abc3', cookie: 'authjs.session-token=xyz4', accept: 'json' }, password: 'pw5', clientSecret: 'kc6' },
      'something happened',
    );
    const text = lines.join('');
    for (const secret of ['ghp_secret1', 'pve-secret2', 'Bearer abc3', 'xyz4', 'pw5', 'kc6']) expect(text).not.toContain(secret);
    const entry = JSON.parse(lines[0]);
    expect(entry.msg).toBe('something happened');
    expect(entry.headers.accept).toBe('json');
    expect(entry.upstream.url).toBe('https://pve');
    expect(entry.token).toBe('[redacted]');
  });
});
