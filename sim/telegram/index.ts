// The Telegram Bot API's `sendMessage` (https://core.telegram.org/bots/api#sendmessage), HTTPS like
// api.telegram.org: `POST /bot<token>/sendMessage` with a JSON or form body, answered with the real
// envelope (`{ ok: true, result: Message }` or `{ ok: false, error_code, description }`). One bot
// (its token) and the chats that have talked to it; the messages are kept for tests. Knob: fail the
// next sends with a status (429 carries `parameters.retry_after`, like Telegram's flood control).
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { simTls, type ServerTls } from '../tls';
import type { SimServer } from '../types';

export interface TelegramMessage {
  message_id: number;
  chat_id: string;
  text: string;
  disable_web_page_preview: boolean;
  parse_mode: string | null;
  date: number;
}

/** Every sendMessage call, with the answer it got (tests read what was refused too). */
export interface TelegramCall {
  at: number;
  token: string;
  status: number;
  body: Record<string, unknown>;
  description: string | null;
}

export interface TelegramSim extends SimServer {
  botToken: string;
  /** A private chat with the bot (someone pressed Start): sendMessage to it works. */
  chatId: string;
  messages: TelegramMessage[];
  calls: TelegramCall[];
  /** The next `count` sends are answered with `status` (then normal service resumes). */
  failNext(status: number, count?: number): void;
  clear(): void;
}

const MAX = 500;
const MAX_TEXT = 4096;
const BOT = { id: 7000000001, is_bot: true, first_name: 'Homelab panel', username: 'homelab_panel_bot' };

const DESCRIPTION: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  404: 'Not Found',
  429: 'Too Many Requests: retry after 5',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

function parseBody(raw: string, type: string | undefined): Record<string, unknown> | null {
  try {
    if (type?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    if (type?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
    return raw ? null : {};
  } catch {
    return null;
  }
}

export async function startTelegramSim(opts: { tls?: ServerTls; botToken?: string; chatId?: string } = {}): Promise<TelegramSim> {
  const tls = opts.tls ?? simTls('telegram');
  const botToken = opts.botToken ?? `${BOT.id}:AAF-sim-${Math.random().toString(36).slice(2, 12)}`;
  const chatId = opts.chatId ?? '123456789';
  const messages: TelegramMessage[] = [];
  const calls: TelegramCall[] = [];
  let failing: { status: number; count: number } | null = null;
  let nextId = 1;

  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      if (raw.length < 64_000) raw += c;
    });
    req.on('end', () => {
      const answer = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', 'https://telegram').pathname);
      const body = parseBody(raw, req.headers['content-type']) ?? {};
      const call: TelegramCall = { at: Date.now(), token: m?.[1] ?? '', status: 200, body, description: null };
      const refuse = (status: number, description = DESCRIPTION[status] ?? 'Error') => {
        call.status = status;
        call.description = description;
        answer(status, { ok: false, error_code: status, description, ...(status === 429 ? { parameters: { retry_after: 5 } } : {}) });
      };
      const done = () => {
        calls.push(call);
        if (calls.length > MAX) calls.shift();
      };
      if (!m) return (refuse(404), done());
      if (m[1] !== botToken) return (refuse(401), done());
      if (m[2] !== 'sendMessage') return (refuse(404), done());
      if (failing && failing.count > 0) {
        const status = failing.status;
        if (--failing.count === 0) failing = null;
        return (refuse(status), done());
      }
      if (req.method !== 'POST' && req.method !== 'GET') return (refuse(404), done());
      const text = typeof body.text === 'string' ? body.text : '';
      if (body.chat_id === undefined || body.chat_id === '') return (refuse(400, 'Bad Request: chat_id is empty'), done());
      if (String(body.chat_id) !== chatId) return (refuse(400, 'Bad Request: chat not found'), done());
      if (!text.trim()) return (refuse(400, 'Bad Request: message text is empty'), done());
      if (text.length > MAX_TEXT) return (refuse(400, 'Bad Request: message is too long'), done());
      const date = Math.floor(Date.now() / 1000);
      const preview = body.disable_web_page_preview === true || body.disable_web_page_preview === 'true' || (body.link_preview_options as { is_disabled?: boolean } | undefined)?.is_disabled === true;
      const msg: TelegramMessage = { message_id: nextId++, chat_id: chatId, text, disable_web_page_preview: preview, parse_mode: typeof body.parse_mode === 'string' ? body.parse_mode : null, date };
      messages.push(msg);
      if (messages.length > MAX) messages.shift();
      done();
      answer(200, { ok: true, result: { message_id: msg.message_id, from: BOT, chat: { id: Number(chatId), first_name: 'Paul', type: 'private' }, date, text } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}`,
    caFile: tls.ca.file,
    botToken,
    chatId,
    messages,
    calls,
    failNext(status, count = 1) {
      failing = { status, count };
    },
    clear() {
      messages.length = 0;
      calls.length = 0;
      failing = null;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
