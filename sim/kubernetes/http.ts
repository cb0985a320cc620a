// Response helpers shaped like kube-apiserver's: JSON bodies, and metav1.Status for every error
// (client-node surfaces `body.reason`/`code`, and the panel maps them to user-facing messages).
import type { ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, code: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
}

export function statusBody(code: number, reason: string, message: string, details?: StatusDetails) {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

export function sendStatus(res: ServerResponse, code: number, reason: string, message: string, details?: StatusDetails) {
  sendJson(res, code, statusBody(code, reason, message, details));
}

export function notFoundPath(res: ServerResponse) {
  sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource', {});
}

export function readBody(req: import('node:http').IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
