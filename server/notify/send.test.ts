import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sendNotification } from './send';

describe('sendNotification', () => {
  it('posts to ntfy with title, link and token', async () => {
    const got: { headers: Record<string, unknown>; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/homelab`;
    await sendNotification({ ntfy: { url, token: 'tk' } }, { title: 'Promotion is live on PROD', message: 'promote(komga): 1 → 2', link: 'https://panel/promotions/1' });
    server.close();
    expect(got[0].body).toBe('promote(komga): 1 → 2');
    expect(got[0].headers).toMatchObject({ title: 'Promotion is live on PROD', click: 'https://panel/promotions/1', authorization: 'Bearer tk' });
  });

  it('never throws when the target is down (the failure is only logged)', async () => {
    await expect(sendNotification({ ntfy: { url: 'http://127.0.0.1:9/x' } }, { title: 't', message: 'm', link: 'l' })).resolves.toBeUndefined();
  });
});
