// ?watch=true: a chunked stream of newline-delimited {"type","object"} events, as kube-apiserver
// sends them. From resourceVersion X the stream replays the retained events after X (or, when X fell
// out of the history window, sends one ERROR event with a 410 "Expired" Status and ends, which is
// what makes client-node's informer relist); with no/zero resourceVersion it starts with ADDED for
// every current object. Bookmarks and timeoutSeconds behave like the real server's.
import type { ServerResponse } from 'node:http';
import { statusBody } from './http';
import type { KubeObject, ResourceType } from './resources';
import type { Matcher } from './selectors';
import { jsonOf, type KubeStore, type StoredEvent } from './store';

export interface WatchConn {
  /** graceful: end the chunked body (like a server-side timeout); otherwise drop the connection. */
  cut(graceful: boolean): void;
}

export interface WatchRequest {
  store: KubeStore;
  type: ResourceType;
  namespace?: string;
  match: Matcher;
  resourceVersion: string | null;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  bookmarkIntervalMs: number;
  registry: Set<WatchConn>;
}

const line = (type: string, object: unknown) => `${JSON.stringify({ type, object })}\n`;
// Stored objects reuse their cached JSON (see jsonOf): a watch event is just a wrapper around it.
const objLine = (type: string, object: KubeObject) => `{"type":"${type}","object":${jsonOf(object)}}\n`;

export function serveWatch(res: ServerResponse, w: WatchRequest) {
  const { store, type } = w;
  const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
  const inScope = (o: KubeObject) => (w.namespace === undefined || o.metadata.namespace === w.namespace) && w.match(o);

  const rvText = w.resourceVersion ?? '';
  let backlog: StoredEvent[] | 'expired' | 'all';
  if (rvText === '' || rvText === '0') backlog = 'all';
  else if (!/^\d+$/.test(rvText)) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(statusBody(400, 'BadRequest', `invalid resource version "${rvText}"`)));
    return;
  } else backlog = store.eventsSince(type.key, Number(rvText));

  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'transfer-encoding': 'chunked' });
  res.flushHeaders();

  if (backlog === 'expired') {
    // kube-apiserver answers 200 and a single ERROR event, then closes the stream.
    res.end(line('ERROR', statusBody(410, 'Expired', `too old resource version: ${rvText} (${store.resourceVersion})`)));
    return;
  }

  // Listing the backlog and subscribing happen in the same tick, so no event can fall in between.
  const first: string[] = [];
  if (backlog === 'all') {
    for (const o of store.list(type.key, w.namespace)) if (w.match(o)) first.push(objLine('ADDED', o));
  } else {
    for (const ev of backlog) if (inScope(ev.object)) first.push(objLine(ev.type, ev.object));
  }
  if (first.length) res.write(first.join(''));

  // Nothing is written once the stream ended (a cut, the timeout): over TLS 'close' comes later than
  // end(), and a write in between would be an unhandled 'write after end' that takes the process down.
  const send = (text: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(text);
  };
  res.on('error', () => undefined);
  const unsubscribe = store.subscribe(type.key, (ev) => {
    if (inScope(ev.object)) send(objLine(ev.type, ev.object));
  });
  const timers: NodeJS.Timeout[] = [];
  if (w.allowBookmarks) {
    // The cluster's resourceVersion is a safe bookmark: events are delivered synchronously, so every
    // change of this type up to it has already been written to this stream.
    const t = setInterval(() => send(line('BOOKMARK', { kind: type.kind, apiVersion, metadata: { resourceVersion: String(store.resourceVersion) } })), w.bookmarkIntervalMs);
    timers.push(t);
  }
  if (w.timeoutSeconds && w.timeoutSeconds > 0) timers.push(setTimeout(() => res.end(), w.timeoutSeconds * 1000));

  const conn: WatchConn = {
    cut: (graceful) => (graceful ? res.end() : res.destroy()),
  };
  w.registry.add(conn);
  res.on('close', () => {
    unsubscribe();
    for (const t of timers) clearTimeout(t);
    w.registry.delete(conn);
  });
}
