import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, currentRequestId, parseRequestId, requestIdFrom, withRequestId } from './log';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger(sink), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('request ids', () => {
  it('keeps a sane id sent by the caller (or its proxy)', () => {
    expect(parseRequestId('0b6e1c3a-9a55-4a8e-8f53-7c1d2b9e0f11')).toBe('0b6e1c3a-9a55-4a8e-8f53-7c1d2b9e0f11');
    expect(parseRequestId('  traefik.req:42_abcdef  ')).toBe('traefik.req:42_abcdef');
    expect(requestIdFrom('abcdefgh')).toBe('abcdefgh');
  });

  it('replaces anything else with a fresh id, never echoing it', () => {
    for (const bad of [null, undefined, '', 'short', 'x'.repeat(129), 'has space inside', 'line\nbreak-injected', '<script>alert(1)</script>', 'über-request-id']) {
      expect(parseRequestId(bad)).toBeNull();
      const fresh = requestIdFrom(bad);
      expect(fresh).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(requestIdFrom(null)).not.toBe(requestIdFrom(null));
  });

  it('is on every log line written while serving the request, across awaits, and only there', async () => {
    const { log, entries } = capture();
    log.warn('before');
    await withRequestId('req-00000001', async () => {
      expect(currentRequestId()).toBe('req-00000001');
      log.warn({ action: 'gaming.start' }, 'refused');
      await new Promise((r) => setTimeout(r, 5));
      log.child({ part: 'audit' }).error('audit write failed');
    });
    await Promise.all([
      withRequestId('req-00000002', async () => {
        await new Promise((r) => setTimeout(r, 5));
        log.warn('second');
      }),
      withRequestId('req-00000003', async () => log.warn('third')),
    ]);
    log.warn('after');
    expect(currentRequestId()).toBeUndefined();
    const byMsg = Object.fromEntries(entries().map((e) => [e.msg, e.reqId]));
    expect(byMsg).toEqual({ before: undefined, refused: 'req-00000001', 'audit write failed': 'req-00000001', second: 'req-00000002', third: 'req-00000003', after: undefined });
  });
});
