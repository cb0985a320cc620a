// The simulated Telegram Bot API answers like the real one: the envelope, its refusals and the knob.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fetchTrusting } from '../tls';
import { startTelegramSim, type TelegramSim } from './index';

let tg: TelegramSim;
beforeAll(async () => {
  tg = await startTelegramSim({ botToken: '7000000001:AAF-test', chatId: '42' });
});
afterAll(() => tg.close());

const send = async (body: unknown, token = tg.botToken, type = 'application/json') => {
  const res = await fetchTrusting(fs.readFileSync(tg.caFile, 'utf8'))(`${tg.url}/bot${token}/sendMessage`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('Telegram Bot API simulator', () => {
  it('sends a message (JSON or form) and answers with the Message', async () => {
    expect(await send({ chat_id: 42, text: 'hello', link_preview_options: { is_disabled: true } })).toMatchObject({ status: 200, body: { ok: true, result: { message_id: 1, chat: { id: 42, type: 'private' }, from: { is_bot: true }, text: 'hello' } } });
    expect((await send('chat_id=42&text=form', tg.botToken, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(tg.messages.map((m) => [m.text, m.disable_web_page_preview])).toEqual([['hello', true], ['form', false]]);
  });

  it("refuses like Telegram: another bot's token, an unknown chat, an empty or too long text", async () => {
    expect(await send({ chat_id: 42, text: 'x' }, '1:wrong')).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect((await send({ chat_id: 7, text: 'x' })).body).toMatchObject({ error_code: 400, description: 'Bad Request: chat not found' });
    expect((await send({ chat_id: 42, text: ' ' })).body).toMatchObject({ description: 'Bad Request: message text is empty' });
    expect((await send({ chat_id: 42, text: 'x'.repeat(4097) })).body).toMatchObject({ description: 'Bad Request: message is too long' });
  });

  it('fails the next sends on demand, 429 with retry_after, then serves again', async () => {
    tg.failNext(429, 2);
    expect(await send({ chat_id: 42, text: 'a' })).toMatchObject({ status: 429, body: { ok: false, parameters: { retry_after: 5 } } });
    expect((await send({ chat_id: 42, text: 'b' })).status).toBe(429);
    expect((await send({ chat_id: 42, text: 'c' })).status).toBe(200);
    expect(tg.calls.slice(-3).map((c) => c.status)).toEqual([429, 429, 200]);
  });
});
