// A Web Push service (RFC 8030) for tests and the demo: HTTPS like a real one, it accepts the
// panel's pushes at `POST /push/<id>`, checks the VAPID authorization (RFC 8292: an ES256 JWT for this
// origin, signed by the key in `k=`), and — because it also made the subscription's key pair —
// decrypts the aes128gcm payload (RFC 8291 / RFC 8188) exactly as the browser would, so tests can
// assert what the person would see. Knobs: fail the next pushes with a status (e.g. 500, 410).
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { simTls, type ServerTls } from '../tls';
import type { SimServer } from '../types';

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  expirationTime: null;
}

export interface ReceivedPush {
  id: string;
  at: number;
  /** The subscription's id (the endpoint's last segment). */
  subscription: string;
  ttl: string | null;
  urgency: string | null;
  encoding: string | null;
  vapid: { ok: boolean; aud?: string; sub?: string; publicKey?: string; error?: string };
  /** The decrypted payload (UTF-8), or null when it could not be decrypted (`error` says why). */
  payload: string | null;
  error?: string;
  status: number;
}

export interface PushSim extends SimServer {
  /** A browser's subscription: a fresh P-256 key pair and auth secret; the private half stays here. */
  subscribe(): PushSubscriptionJson;
  received: ReceivedPush[];
  /** The next `count` pushes are answered with `status` (then normal service resumes). */
  failNext(status: number, count?: number): void;
  /** Forgets a subscription: its pushes get 410 Gone, as when the browser dropped it. */
  expire(id: string): void;
  /** Forgets the received pushes and the failure knob. */
  clear(): void;
}

const b64u = (b: Buffer) => b.toString('base64url');
const MAX = 500;

/** RFC 8291 §3.4 + RFC 8188: the plaintext of an aes128gcm body for the holder of `uaPrivate`/`auth`. */
export function decryptAes128gcm(body: Buffer, ua: { privateKey: Buffer; publicKey: Buffer }, auth: Buffer): string {
  if (body.length < 21) throw new Error('body shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  const asPublic = body.subarray(21, 21 + idlen);
  if (idlen !== 65) throw new Error(`keyid must be the sender's 65-byte public key (got ${idlen} bytes)`);
  const records = body.subarray(21 + idlen);
  if (records.length > rs) throw new Error('more than one record: not what a push message should be');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(ua.privateKey);
  const secret = ecdh.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.publicKey, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 2) throw new Error('no last-record padding delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** RFC 8292: `vapid t=<jwt>, k=<key>`, an ES256 JWT whose `aud` is the push service's origin. */
function checkVapid(header: string | undefined, origin: string, now: number): ReceivedPush['vapid'] {
  const m = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) return { ok: false, error: 'no "vapid t=…, k=…" Authorization header' };
  const [h, p, s] = m[1].split('.');
  try {
    const raw = Buffer.from(m[2], 'base64url');
    if (raw.length !== 65 || raw[0] !== 4) return { ok: false, error: 'k is not an uncompressed P-256 key' };
    const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33)) }, format: 'jwk' });
    const good = verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(s, 'base64url'));
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { aud?: string; exp?: number; sub?: string };
    if (!good) return { ok: false, error: 'bad JWT signature' };
    if (header.alg !== 'ES256') return { ok: false, error: `alg ${header.alg}` };
    if (claims.aud !== origin) return { ok: false, error: `aud ${claims.aud} is not ${origin}` };
    if (!claims.exp || claims.exp * 1000 < now || claims.exp * 1000 > now + 24 * 3_600_000 + 60_000) return { ok: false, error: 'exp missing, past or more than 24 h ahead' };
    return { ok: true, aud: claims.aud, sub: claims.sub, publicKey: m[2] };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

export async function startPushSim(opts: { tls?: ServerTls } = {}): Promise<PushSim> {
  const tls = opts.tls ?? simTls('push');
  const subs = new Map<string, { privateKey: Buffer; publicKey: Buffer; auth: Buffer }>();
  const received: ReceivedPush[] = [];
  let failing: { status: number; count: number } | null = null;
  let origin = '';
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 8192) chunks.push(c);
    });
    req.on('end', () => {
      const answer = (status: number) => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? '' : `push service: ${status}`);
      };
      const m = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return answer(404);
      const id = m[1];
      const h = (n: string) => (typeof req.headers[n] === 'string' ? (req.headers[n] as string) : null);
      const r: ReceivedPush = { id: randomBytes(6).toString('base64url'), at: Date.now(), subscription: id, ttl: h('ttl'), urgency: h('urgency'), encoding: h('content-encoding'), vapid: checkVapid(h('authorization') ?? undefined, origin, Date.now()), payload: null, status: 201 };
      const sub = subs.get(id);
      if (size > 4096) r.status = 413; // RFC 8030: a push message is at most 4 KiB
      else if (failing && failing.count > 0) {
        r.status = failing.status;
        if (--failing.count === 0) failing = null;
      } else if (!sub) r.status = 410;
      else if (!r.vapid.ok) r.status = 403;
      else if (r.ttl === null) r.status = 400;
      else if (r.encoding !== 'aes128gcm') r.status = 415;
      if (sub && r.encoding === 'aes128gcm') {
        try {
          r.payload = decryptAes128gcm(Buffer.concat(chunks), sub, sub.auth);
        } catch (e) {
          r.error = (e as Error).message;
          if (r.status === 201) r.status = 400;
        }
      }
      received.push(r);
      if (received.length > MAX) received.shift();
      answer(r.status);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://localhost:${port}`;
  origin = url;
  return {
    url,
    caFile: tls.ca.file,
    received,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomBytes(12).toString('base64url');
      subs.set(id, { privateKey: ecdh.getPrivateKey(), publicKey: ecdh.getPublicKey(), auth });
      return { endpoint: `${url}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) }, expirationTime: null };
    },
    failNext(status, count = 1) {
      failing = { status, count };
    },
    expire(id) {
      subs.delete(id);
    },
    clear() {
      received.length = 0;
      failing = null;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A VAPID key pair as `web-push generate-vapid-keys` prints it (base64url P-256 public point and private scalar). */
export function vapidKeys(): { publicKey: string; privateKey: string } {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return { publicKey: b64u(ecdh.getPublicKey()), privateKey: b64u(ecdh.getPrivateKey()) };
}
