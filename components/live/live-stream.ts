'use client';
import { parseFrameData, RESET_TOPIC } from '@/lib/live/stream';
import { keysForTopic } from '@/lib/query-keys';
import { getQueryClient } from '../providers/query-client';
import { checkSessionAfterError } from '../providers/session-check';

// The tab's one EventSource on /api/events. Each event invalidates the query keys of its topic
// (lib/query-keys.ts; an unknown topic invalidates [topic]), batched over 50 ms; a `reset` (or a reconnect) refetches everything.
// Module-level so it survives client-side navigation; started by whoever first needs it.

export type LiveState = 'connecting' | 'open' | 'reconnecting';

let source: EventSource | null = null;
let state: LiveState = 'connecting';
let users = 0;
let everOpen = false;
let retryMs = 1_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();
const pending = new Set<string>();
let flushQueued = false;

function setState(s: LiveState) {
  if (s === state) return;
  state = s;
  for (const l of listeners) l();
}

function flush() {
  flushQueued = false;
  const qc = getQueryClient();
  if (pending.has('*')) void qc.invalidateQueries();
  else for (const k of pending) void qc.invalidateQueries({ queryKey: JSON.parse(k) as string[] });
  pending.clear();
}

function invalidate(keys: readonly (readonly string[])[] | '*') {
  if (keys === '*') pending.add('*');
  else for (const k of keys) pending.add(JSON.stringify(k));
  if (!flushQueued) {
    flushQueued = true;
    setTimeout(flush, 50);
  }
}

function open() {
  // EventSource resends Last-Event-ID itself when it reconnects after a drop.
  source = new EventSource('/api/events');
  source.onopen = () => {
    // Catch up on whatever changed between the server render (or the drop) and this connection.
    invalidate('*');
    everOpen = true;
    retryMs = 1_000;
    setState('open');
  };
  source.onerror = () => {
    setState(everOpen ? 'reconnecting' : 'connecting');
    // EventSource retries network drops itself, but gives up for good on an HTTP error (a proxy's
    // 502 while the panel restarts, a 401): then we reopen ourselves, with backoff.
    if (source?.readyState === EventSource.CLOSED) {
      checkSessionAfterError(); // a 401: the session ended while the page was open
      source.close();
      source = null;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (users > 0 && !source) open();
      }, retryMs);
      retryMs = Math.min(30_000, retryMs * 2);
    }
  };
  source.onmessage = (e: MessageEvent<string>) => {
    const m = parseFrameData(e.data);
    if (m) invalidate(m.topic === RESET_TOPIC ? '*' : keysForTopic(m.topic));
  };
}

export function acquireStream(): () => void {
  users++;
  if (!source && typeof window !== 'undefined') open();
  return () => {
    users--;
    // Keep it through a client-side navigation; close when nothing on the page uses it any more.
    setTimeout(() => {
      if (users === 0 && source) {
        source.close();
        source = null;
        everOpen = false;
        setState('connecting');
      }
    }, 5_000);
  };
}

export function subscribeState(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export const getState = () => state;
export const getServerState = (): LiveState => 'connecting';
