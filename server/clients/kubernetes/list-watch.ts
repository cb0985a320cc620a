import 'server-only';
import { Watch, type ConfigurationOptions, type KubeConfig, type ObservableMiddleware } from '@kubernetes/client-node';
import type { UpstreamError } from '../../errors';
import { countUpstream, watchReconnects } from '../../metrics';
import { deadline, isTimeout, upstreamTimeoutMs } from '../upstream';
import { backoffMs, isAuthFailure, kubeCall, kubeError } from './errors';

// List once, then watch from the list's resourceVersion, forever: a dropped stream resumes from the
// last resourceVersion seen (no relist), a 410 Gone relists, failures retry with backoff + jitter.
// Written on client-node's Watch rather than its informer, which stops for good after an abrupt cut.

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface ListWatchOptions {
  cluster: string;
  what: string;
  kc: KubeConfig;
  path: string;
  /** The list call; pass `opts` (abort after the bound) to the API class. */
  list: (opts: ConfigurationOptions<ObservableMiddleware>) => Promise<{ items: unknown[]; metadata?: { resourceVersion?: string } }>;
  onList(items: unknown[]): void;
  onEvent(type: WatchEventType, obj: unknown): void;
  /** The API server answered (list done, watch open, an event or a bookmark arrived). */
  onHealthy(): void;
  onFailure(e: UpstreamError): void;
  /** Bound on the list and on opening the watch (default `upstreams.timeoutMs`). */
  requestTimeoutMs?: number;
  /** Server-side watch timeout; the stream ends cleanly and resumes. */
  watchTimeoutSeconds?: number;
  /** No event or bookmark for this long: the stream is presumed dead and reopened. */
  idleMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** The wait before retrying after this failure, when it is not the usual backoff (an API not installed). */
  retryAfterMs?: (e: UpstreamError) => number | undefined;
}

/** ended: closed cleanly; expired: 410, relist; dropped: an open stream broke (reconnect before calling it a failure). */
type Outcome = 'ended' | 'expired' | 'dropped';

/** Retries back off up to this (ms): also the longest a recovered cluster waits to be seen again. */
const BACKOFF_MAX_MS = 10_000;

export class ListWatch {
  lists = 0;
  watches = 0;
  resourceVersion: string | null = null;
  private stopped = false;
  private failures = 0;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private opened = 0;

  constructor(private readonly o: ListWatchOptions) {}

  start(): this {
    void this.loop();
    return this;
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
  }

  private async loop() {
    while (!this.stopped) {
      try {
        // Every watch after the first is a reconnect (a cut, an expiry, a failure or the server's timeout).
        if (this.opened++ > 0) watchReconnects().inc({ cluster: this.o.cluster, resource: this.o.what });
        if (this.resourceVersion === null) await this.relist();
        const opened = Date.now();
        const outcome = await this.watchOnce();
        if (outcome === 'expired') this.resourceVersion = null;
        // A stream that ends as soon as it opens (a misbehaving proxy) must not become a busy loop.
        if (Date.now() - opened < 1_000) await this.sleep(backoffMs(++this.failures, this.o.backoffBaseMs ?? 500, this.o.backoffMaxMs ?? BACKOFF_MAX_MS));
      } catch (e) {
        if (this.stopped) return;
        const err = kubeError(this.o.cluster, this.o.what, e);
        this.failures++;
        this.o.onFailure(err);
        const max = this.o.backoffMaxMs ?? BACKOFF_MAX_MS;
        await this.sleep(this.o.retryAfterMs?.(err) ?? (isAuthFailure(err) ? max * 10 : backoffMs(this.failures, this.o.backoffBaseMs ?? 500, max)));
      }
    }
  }

  private timeoutMs() {
    return this.o.requestTimeoutMs ?? upstreamTimeoutMs();
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private async relist() {
    const res = await kubeCall(this.o.cluster, `list ${this.o.what}`, this.timeoutMs(), this.o.list);
    this.lists++;
    this.failures = 0;
    this.resourceVersion = res.metadata?.resourceVersion ?? '';
    this.o.onList(res.items);
    this.o.onHealthy();
  }

  private watchOnce(): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      let settled = false;
      let expired = false;
      let idle: NodeJS.Timeout | undefined;
      let open = false;
      const upstream = `kubernetes:${this.o.cluster}`;
      const finish = (err: unknown, outcome: Outcome = 'ended') => {
        if (settled) return;
        settled = true;
        if (!open && err) countUpstream(upstream, isTimeout(err) ? 'timeout' : 'error');
        clearTimeout(idle);
        this.controller?.abort();
        this.controller = null;
        // A stream that was open and broke (cut, reset, silent) is reconnected first; only a failure to
        // reconnect marks the cluster unreachable, so a routine cut does not flicker the dashboard.
        if (err && open && typeof (err as { code?: unknown }).code !== 'number') resolve('dropped');
        else if (err) reject(err);
        else resolve(expired ? 'expired' : outcome);
      };
      const idleMs = this.o.idleMs ?? 150_000;
      const touch = () => {
        clearTimeout(idle);
        idle = setTimeout(() => finish(new Error(`watch ${this.o.what}: silent for ${idleMs} ms`)), idleMs);
      };
      const onEvent = (type: string, obj: { metadata?: { resourceVersion?: string }; code?: number; message?: string }) => {
        if (settled) return;
        touch();
        if (type === 'ERROR') {
          if (obj?.code === 410) {
            expired = true;
            finish(null, 'expired');
          } else finish(Object.assign(new Error(obj?.message ?? 'watch error'), { code: obj?.code }));
          return;
        }
        const rv = obj?.metadata?.resourceVersion;
        if (rv) this.resourceVersion = rv;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.o.onEvent(type, obj);
        this.o.onHealthy();
      };
      const params = { resourceVersion: this.resourceVersion || undefined, allowWatchBookmarks: true, timeoutSeconds: this.o.watchTimeoutSeconds ?? 290 };
      const started = new Watch(this.o.kc).watch(this.o.path, params, onEvent, (err) => finish(err));
      deadline(started, this.timeoutMs(), `watch ${this.o.what}`).then(
        (controller) => {
          if (settled || this.stopped) return controller.abort();
          open = true;
          this.failures = 0;
          countUpstream(upstream, 'ok');
          this.controller = controller;
          this.watches++;
          touch();
          this.o.onHealthy();
        },
        (e) => {
          finish(e);
          void started.then((c) => c.abort(), () => undefined); // a hung connect: abort it if it ever answers
        },
      );
    });
  }
}
