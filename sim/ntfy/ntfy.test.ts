import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNtfySim, type NtfySim } from './index';

describe('the ntfy sink', () => {
  let sink: NtfySim;
  beforeEach(async () => {
    sink = await startNtfySim();
  });
  afterEach(async () => {
    await sink.close();
  });

  it('accepts JSON publishing at the root, with a UTF-8 title, as ntfy does', async () => {
    const res = await fetch(`${sink.url}/`, { method: 'POST', headers: { authorization: 'Bearer tk' }, body: JSON.stringify({ topic: 'paul-homelab', title: 'Promotion left PROD degraded — roll back?', message: 'm', priority: 4, click: 'http://x/promotions/1' }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ event: 'message', topic: 'paul-homelab', title: 'Promotion left PROD degraded — roll back?', priority: 4 });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]).toMatchObject({ token: 'tk', click: 'http://x/promotions/1' });
  });

  it('accepts the plain publish (POST /<topic> with headers) and refuses a bad topic', async () => {
    await fetch(`${sink.url}/marie-gaming`, { method: 'POST', headers: { Title: 'Gaming PC: 5 minutes left', Priority: 'high' }, body: 'hello' });
    expect(sink.messages[0]).toMatchObject({ topic: 'marie-gaming', title: 'Gaming PC: 5 minutes left', message: 'hello', priority: 4 });
    const bad = await fetch(`${sink.url}/`, { method: 'POST', body: JSON.stringify({ topic: 'no spaces', message: 'x' }) });
    expect(bad.status).toBe(400);
    const polled = await (await fetch(`${sink.url}/marie-gaming/json?poll=1`)).text();
    expect(polled.trim().split('\n').map((l) => JSON.parse(l).message)).toEqual(['hello']);
  });
});
