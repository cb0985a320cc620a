// An ntfy-compatible notification sink: accepts ntfy's JSON publish (POST / {topic, title, message,
// …}) and its plain publish (POST /<topic>, Title/Click/Priority/Tags headers), keeps the messages in
// memory, serves them back (`GET /<topic>/json?poll=1`) and lists them on the control API.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimServer } from '../types';

export interface NtfyMessage {
  id: string;
  time: number;
  event: 'message';
  topic: string;
  title?: string;
  message: string;
  priority: number;
  tags?: string[];
  click?: string;
  /** The Authorization header's token, if any (so tests can check it was sent). */
  token?: string;
}

// Plain HTTP, as an ntfy on the LAN behind no proxy often is: the panel's ntfy client takes any URL,
// and a public ntfy (ntfy.sh) has a certificate from a public CA, which Node trusts without configuration.
export interface NtfySim extends Omit<SimServer, 'caFile'> {
  messages: NtfyMessage[];
  clear(): void;
}

const MAX = 1_000;
const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const PRIORITY: Record<string, number> = { min: 1, low: 2, default: 3, high: 4, max: 5, urgent: 5 };

function priorityOf(v: unknown): number {
  if (typeof v === 'number' && v >= 1 && v <= 5) return Math.round(v);
  if (typeof v === 'string') return PRIORITY[v.toLowerCase()] ?? (Number(v) >= 1 && Number(v) <= 5 ? Number(v) : 3);
  return 3;
}

export async function startNtfySim(port = 0): Promise<NtfySim> {
  const messages: NtfyMessage[] = [];
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://ntfy');
    let raw = '';
    req.setEncoding('utf8');
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > 100_000) return send(413, { code: 41301, http: 413, error: 'request entity too large' });
    }
    const path = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && path.length === 2 && path[1] === 'json') {
      return send(200, messages.filter((m) => m.topic === path[0]).map((m) => JSON.stringify(m)).join('\n') + '\n');
    }
    if (req.method !== 'POST' && req.method !== 'PUT') return send(404, { code: 40401, http: 404, error: 'page not found' });
    let m: Omit<NtfyMessage, 'id' | 'time' | 'event'>;
    if (path.length === 0) {
      let b: Record<string, unknown>;
      try {
        b = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return send(400, { code: 40024, http: 400, error: 'invalid request: request body must be message JSON' });
      }
      if (typeof b.topic !== 'string' || !TOPIC.test(b.topic)) return send(400, { code: 40009, http: 400, error: 'invalid request: topic invalid' });
      m = { topic: b.topic, message: typeof b.message === 'string' ? b.message : 'triggered', priority: priorityOf(b.priority), ...(typeof b.title === 'string' ? { title: b.title } : {}), ...(Array.isArray(b.tags) ? { tags: b.tags.map(String) } : {}), ...(typeof b.click === 'string' ? { click: b.click } : {}) };
    } else if (path.length === 1 && TOPIC.test(path[0])) {
      const h = (n: string) => (typeof req.headers[n] === 'string' ? (req.headers[n] as string) : undefined);
      const tags = h('tags') ?? h('x-tags');
      m = { topic: path[0], message: raw || 'triggered', priority: priorityOf(h('priority') ?? h('x-priority')), title: h('title') ?? h('x-title'), click: h('click') ?? h('x-click'), ...(tags ? { tags: tags.split(',').map((t) => t.trim()) } : {}) };
    } else return send(404, { code: 40401, http: 404, error: 'page not found' });
    const auth = req.headers.authorization;
    const msg: NtfyMessage = { id: randomBytes(6).toString('base64url'), time: Math.floor(Date.now() / 1000), event: 'message', ...m, ...(auth?.startsWith('Bearer ') ? { token: auth.slice(7) } : {}) };
    messages.push(msg);
    if (messages.length > MAX) messages.shift();
    const { token: _token, ...visible } = msg;
    send(200, visible);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messages,
    clear: () => void messages.splice(0),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
