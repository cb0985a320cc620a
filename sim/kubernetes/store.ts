// In-memory object store of one simulated cluster, with the etcd semantics the API server exposes:
// one monotonically increasing resourceVersion per cluster, and per resource type a bounded window
// of past events so a watch can resume from a resourceVersion (or be told 410 Gone when too old).
import { randomUUID } from 'node:crypto';
import type { KubeObject } from './resources';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface StoredEvent {
  type: WatchEventType;
  rv: number;
  object: KubeObject;
}
export type Listener = (ev: StoredEvent) => void;

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ''}/${name}`;

class Collection {
  readonly objects = new Map<string, KubeObject>();
  /** Sorted keys, rebuilt lazily after an add/delete: lists come back in etcd key order without re-sorting per request. */
  private sorted: string[] | null = null;
  /** history[start..] holds every event with rv > compactedRv. */
  private history: StoredEvent[] = [];
  private start = 0;
  compactedRv = 0;
  readonly listeners = new Set<Listener>();

  constructor(private readonly limit: number) {}

  keys(): string[] {
    if (!this.sorted) this.sorted = [...this.objects.keys()].sort();
    return this.sorted;
  }

  invalidate() {
    this.sorted = null;
  }

  record(ev: StoredEvent) {
    this.history.push(ev);
    if (this.history.length - this.start > this.limit) {
      this.compactedRv = this.history[this.start].rv;
      this.start++;
      // Amortised O(1): copy the live window only once the dead prefix is as big as the window.
      if (this.start >= this.limit) {
        this.history = this.history.slice(this.start);
        this.start = 0;
      }
    }
    for (const l of this.listeners) l(ev);
  }

  since(rv: number): StoredEvent[] | 'expired' {
    if (rv < this.compactedRv) return 'expired';
    let lo = this.start;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.history[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return this.history.slice(lo);
  }

  compact(rv: number) {
    this.history = [];
    this.start = 0;
    this.compactedRv = rv;
  }
}

export class KubeStore {
  private rv = 0;
  private readonly collections = new Map<string, Collection>();

  constructor(private readonly historyLimit = 1000) {}

  /** Current resourceVersion of the cluster (what a list reports). */
  get resourceVersion(): number {
    return this.rv;
  }

  private col(type: string): Collection {
    let c = this.collections.get(type);
    if (!c) {
      c = new Collection(this.historyLimit);
      this.collections.set(type, c);
    }
    return c;
  }

  get<T extends KubeObject = KubeObject>(type: string, namespace: string | undefined, name: string): T | undefined {
    return this.col(type).objects.get(keyOf(namespace, name)) as T | undefined;
  }

  /** Objects of a type in key order, optionally of one namespace. */
  list<T extends KubeObject = KubeObject>(type: string, namespace?: string): T[] {
    const c = this.col(type);
    const out: T[] = [];
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    for (const k of c.keys()) {
      if (prefix && !k.startsWith(prefix)) continue;
      out.push(c.objects.get(k) as T);
    }
    return out;
  }

  count(type: string): number {
    return this.col(type).objects.size;
  }

  create<T extends KubeObject>(type: string, obj: T): T {
    const c = this.col(type);
    const k = keyOf(obj.metadata.namespace, obj.metadata.name);
    if (c.objects.has(k)) throw new Error(`${type} ${k} already exists`);
    obj.metadata.uid ||= randomUUID();
    obj.metadata.resourceVersion = String(++this.rv);
    c.objects.set(k, obj);
    c.invalidate();
    c.record({ type: 'ADDED', rv: this.rv, object: obj });
    return obj;
  }

  /**
   * Copy-on-write update: stored objects are never mutated in place, so events already in the
   * history (and lists already being serialised) keep the state they had.
   */
  update<T extends KubeObject>(type: string, namespace: string | undefined, name: string, mutate: (draft: T) => void): T {
    const c = this.col(type);
    const k = keyOf(namespace, name);
    const cur = c.objects.get(k);
    if (!cur) throw new Error(`${type} ${k} not found`);
    const draft = structuredClone(cur) as T;
    mutate(draft);
    draft.metadata.resourceVersion = String(++this.rv);
    c.objects.set(k, draft);
    c.record({ type: 'MODIFIED', rv: this.rv, object: draft });
    return draft;
  }

  delete(type: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const c = this.col(type);
    const k = keyOf(namespace, name);
    const cur = c.objects.get(k);
    if (!cur) return undefined;
    c.objects.delete(k);
    c.invalidate();
    // Like the API server, the DELETED event carries the object at the deletion's resourceVersion.
    const gone = { ...cur, metadata: { ...cur.metadata, resourceVersion: String(++this.rv) } };
    c.record({ type: 'DELETED', rv: this.rv, object: gone });
    return gone;
  }

  subscribe(type: string, listener: Listener): () => void {
    const c = this.col(type);
    c.listeners.add(listener);
    return () => c.listeners.delete(listener);
  }

  /** Events after `rv`, or 'expired' when the window no longer reaches back that far (→ 410 Gone). */
  eventsSince(type: string, rv: number): StoredEvent[] | 'expired' {
    return this.col(type).since(rv);
  }

  /** Forgets all history: every watch resumed from an older resourceVersion gets 410 Gone. */
  compactAll() {
    for (const c of this.collections.values()) c.compact(this.rv);
  }
}

// Stored objects are immutable (copy-on-write), so their JSON can be cached by identity: a list of
// 8000 Applications is then a string join, not 8000 fresh serialisations per request.
const jsonCache = new WeakMap<object, string>();
const itemJsonCache = new WeakMap<object, string>();

export function jsonOf(obj: KubeObject): string {
  let s = jsonCache.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    jsonCache.set(obj, s);
  }
  return s;
}

/** JSON of a built-in type's list item: no kind/apiVersion on the wire, as kube-apiserver sends. */
export function itemJsonOf(obj: KubeObject): string {
  let s = itemJsonCache.get(obj);
  if (s === undefined) {
    const { kind: _k, apiVersion: _a, ...rest } = obj;
    s = JSON.stringify(rest);
    itemJsonCache.set(obj, s);
  }
  return s;
}
