import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendNotification } from './send';

describe('sendNotification', () => {
  it('publishes to ntfy as JSON at the server root: topic from the URL, UTF-8 title, link, token', async () => {
    const got: { url: string; headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ url: req.url ?? '', headers: req.headers, body });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/homelab`;
    await sendNotification({ ntfy: { url, token: 'tk' } }, { title: 'Promotion left PROD degraded — roll back?', message: 'promote(komga): 1 → 2', link: 'https://panel/promotions/1', priority: 'high' });
    server.close();
    expect(got[0].url).toBe('/');
    expect(got[0].headers).toMatchObject({ authorization: 'Bearer tk', 'content-type': 'application/json' });
    expect(JSON.parse(got[0].body)).toMatchObject({ topic: 'homelab', title: 'Promotion left PROD degraded — roll back?', message: 'promote(komga): 1 → 2', click: 'https://panel/promotions/1', priority: 4 });
  });

  it('never throws when the target is down (the failure is only logged)', async () => {
    await expect(sendNotification({ ntfy: { url: 'http://127.0.0.1:9/x' } }, { title: 't', message: 'm', link: 'l' })).resolves.toBeUndefined();
  });
});
