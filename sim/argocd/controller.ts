// Argo CD's application controller, reduced to what the panel observes: on every push to the
// tracked branch each Application reports the new revision; one whose rendered images/charts
// changed goes OutOfSync, then (after syncDelayMs) an automated sync runs (operation Running,
// health Progressing), then (after progressMs) it is Synced at the new revision and Healthy, or
// Degraded when a deployed version is marked bad. The destination cluster's pods roll accordingly.
import type { Catalogue } from '../kubernetes/catalogue';
import { APPLICATIONS, type KubeObject } from '../kubernetes/resources';
import type { KubeStore } from '../kubernetes/store';
import type { GitOpsRepo } from '../types';
import { appDefs, buildApplication, clusterOverlayFile, isoNow, resourcesOf, succeeded, summaryOf, vmAppDef, type AppDef, type VmAppSpec } from './applications';
import { BadImages } from './bad-images';
import { renderApp, renderVm, sameRender, type Rendered } from './render';
import { RepoReader } from './repo-reader';

/** A cluster Argo CD deploys to: it rolls the Deployment's pods to the synced image. */
export interface ArgoTarget {
  name: string;
  rollout(namespace: string, workload: string, image: string, bad: boolean): unknown;
  /** Applies a VirtualMachine's runStrategy (clusters running KubeVirt). */
  runStrategy?(namespace: string, name: string, strategy: string): unknown;
}

export interface ArgoOptions {
  repo: GitOpsRepo;
  /** Destination clusters (their pods follow syncs); the cluster running Argo CD is added for you. */
  clusters?: ArgoTarget[];
  /** OutOfSync → sync starts. Default 3000 ms. */
  syncDelayMs?: number;
  /** Sync running (Progressing) → Synced. Default: syncDelayMs. */
  progressMs?: number;
  repoURL?: string;
  namespace?: string;
  badImages?: BadImages;
  /** VirtualMachine apps (KubeVirt), each deploying one VM manifest; none by default. */
  vms?: VmAppSpec[];
}

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';

interface AppState {
  def: AppDef;
  deployed: Rendered;
  desired: Rendered;
  syncing?: Rendered;
  timer?: NodeJS.Timeout;
}

interface AppStatus {
  sync: Record<string, unknown>;
  health: Record<string, unknown>;
  history?: { id: number }[];
  [k: string]: unknown;
}
type AppObject = KubeObject & { status: AppStatus; operation?: unknown };

export class ArgoCdController {
  readonly namespace: string;
  readonly badImages: BadImages;
  private readonly apps = new Map<string, AppState>();
  private readonly targets = new Map<string, ArgoTarget>();
  private readonly reader: RepoReader;
  private readonly syncDelayMs: number;
  private readonly progressMs: number;
  private readonly repoURL: string;
  private head = '';
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => {};
  private closed = false;

  constructor(
    private readonly store: KubeStore,
    catalogue: Catalogue,
    private readonly opts: ArgoOptions,
  ) {
    this.namespace = opts.namespace ?? 'argocd';
    this.badImages = opts.badImages ?? new BadImages();
    this.reader = new RepoReader(opts.repo);
    this.syncDelayMs = opts.syncDelayMs ?? 3000;
    this.progressMs = opts.progressMs ?? this.syncDelayMs;
    this.repoURL = opts.repoURL ?? 'https://github.com/homelab/homelab.git';
    for (const t of opts.clusters ?? []) this.targets.set(t.name, t);
    for (const def of [...appDefs(catalogue), ...(opts.vms ?? []).map(vmAppDef)]) this.apps.set(def.name, { def, deployed: def.seed, desired: def.seed });
  }

  get branch(): string {
    return this.opts.repo.branch;
  }

  /** Loads the repo's head and creates every Application, Synced/Healthy at head. */
  async start(): Promise<void> {
    this.head = await this.opts.repo.head(this.branch);
    const rendered = await this.renderAll(this.head, [...this.apps.values()]);
    for (const app of this.apps.values()) {
      const r = rendered.get(app.def.name) ?? app.def.seed;
      app.deployed = app.desired = r;
      this.store.create(APPLICATIONS.key, buildApplication(app.def, { namespace: this.namespace, repoURL: this.repoURL, branch: this.branch, revision: this.head, rendered: r }));
      this.applyVm(app.def, r);
    }
    this.unsubscribe = this.opts.repo.onPush((e) => {
      if (e.branch !== this.branch) return;
      this.queue = this.queue.then(() => this.onPush(e.before, e.after));
    });
  }

  connect(target: ArgoTarget) {
    this.targets.set(target.name, target);
  }

  private async renderAll(ref: string, apps: AppState[]): Promise<Map<string, Rendered | null>> {
    const files: string[] = [];
    for (const a of apps) {
      if (a.def.vm) files.push(a.def.vm.file);
      else files.push(`${a.def.path}/kustomization.yaml`, clusterOverlayFile(a.def.cluster));
    }
    const content = await this.reader.readMany(ref, files);
    const out = new Map<string, Rendered | null>();
    for (const a of apps) {
      if (a.def.vm) out.set(a.def.name, renderVm(content.get(a.def.vm.file)));
      else out.set(a.def.name, renderApp(content.get(`${a.def.path}/kustomization.yaml`), content.get(clusterOverlayFile(a.def.cluster)), a.def));
    }
    return out;
  }

  private async onPush(before: string, after: string) {
    if (this.closed) return;
    const changed = await this.reader.changedFiles(before, after);
    // Every ancestor folder of a changed file: an app is affected when its overlay folder is one.
    const dirs = new Set<string>();
    for (const f of changed ?? []) for (let i = f.lastIndexOf('/'); i > 0; i = f.lastIndexOf('/', i - 1)) dirs.add(f.slice(0, i));
    const affected = [...this.apps.values()].filter((a) => !changed || (!a.def.vm && changed.has(clusterOverlayFile(a.def.cluster))) || dirs.has(a.def.path));
    const rendered = await this.renderAll(after, affected);
    if (this.closed) return;
    this.head = after;
    const t = isoNow();
    for (const app of this.apps.values()) {
      const r = rendered.get(app.def.name);
      if (r) app.desired = r;
      const outOfSync = !sameRender(app.desired, app.syncing ?? app.deployed);
      this.update(app, (o) => {
        // Argo CD reports the repo revision it compared against, changed files or not.
        o.status.sync = { ...o.status.sync, revision: after, status: outOfSync || app.syncing ? 'OutOfSync' : 'Synced' };
        o.status.reconciledAt = t;
      });
      if (outOfSync && !app.timer) this.schedule(app, this.syncDelayMs, () => this.beginSync(app));
    }
  }

  private schedule(app: AppState, ms: number, fn: () => void) {
    clearTimeout(app.timer);
    app.timer = setTimeout(() => {
      app.timer = undefined;
      if (!this.closed) fn();
    }, ms);
  }

  private update(app: AppState, mutate: (o: AppObject) => void) {
    if (!this.store.get(APPLICATIONS.key, this.namespace, app.def.name)) return; // deleted by a knob
    this.store.update<AppObject>(APPLICATIONS.key, this.namespace, app.def.name, mutate);
  }

  private source(app: AppState) {
    return { repoURL: this.repoURL, path: app.def.path, targetRevision: this.branch };
  }

  private beginSync(app: AppState) {
    app.syncing = app.desired;
    const revision = this.head;
    const t = isoNow();
    this.update(app, (o) => {
      o.status.operationState = { operation: { sync: { revision, syncStrategy: { hook: {} } }, initiatedBy: { automated: true }, retry: { limit: 5 } }, phase: 'Running', message: 'one or more tasks are running', startedAt: t };
      o.status.health = { status: 'Progressing', message: `Waiting for rollout to finish: 0 of 1 updated replicas are available...`, lastTransitionTime: t };
      o.status.resources = resourcesOf(app.def, 'OutOfSync', 'Progressing');
    });
    this.schedule(app, this.progressMs, () => this.finishSync(app, revision, t));
  }

  private finishSync(app: AppState, revision: string, startedAt: string) {
    const synced = app.syncing ?? app.desired;
    app.syncing = undefined;
    app.deployed = synced;
    const bad = this.badImages.anyBad([...synced.images, ...synced.charts]);
    const health = bad ? 'Degraded' : 'Healthy';
    const message = bad ? `Deployment "${app.def.workload}" exceeded its progress deadline` : undefined;
    const stillBehind = !sameRender(app.desired, synced);
    const t = isoNow();
    this.update(app, (o) => {
      const source = this.source(app);
      o.status.sync = { ...o.status.sync, status: stillBehind ? 'OutOfSync' : 'Synced', revision: this.head };
      o.status.health = { status: health, ...(message ? { message } : {}), lastTransitionTime: t };
      o.status.summary = summaryOf(synced);
      o.status.operationState = succeeded(source, revision, startedAt, t);
      o.status.resources = resourcesOf(app.def, 'Synced', health, message);
      const history = o.status.history ?? [];
      o.status.history = [...history, { id: (history[history.length - 1]?.id ?? -1) + 1, revision, source, deployStartedAt: startedAt, deployedAt: t, initiatedBy: { automated: true } }].slice(-10);
      o.status.reconciledAt = t;
    });
    const image = synced.images.find((i) => app.def.image && (i.startsWith(`${app.def.image}:`) || i.startsWith(`${app.def.image}@`))) ?? synced.images[0];
    const target = this.targets.get(app.def.cluster);
    if (image && target) target.rollout(app.def.namespace, app.def.workload, image, bad);
    this.applyVm(app.def, synced);
    if (stillBehind) this.schedule(app, this.syncDelayMs, () => this.beginSync(app));
  }

  /** A VirtualMachine app's sync: the destination cluster's VM takes the manifest's runStrategy. */
  private applyVm(def: AppDef, r: Rendered) {
    if (!def.vm || !r.runStrategy) return;
    this.targets.get(def.cluster)?.runStrategy?.(def.namespace, def.vm.name, r.runStrategy);
  }

  private mustApp(name: string): AppState {
    const app = this.apps.get(name);
    if (!app) throw new Error(`unknown application "${name}"`);
    return app;
  }

  /** Knob: force an app's health and/or sync status (e.g. Degraded, OutOfSync) without a push. */
  setAppStatus(name: string, s: { health?: HealthStatus; sync?: SyncStatus; message?: string }) {
    const app = this.mustApp(name);
    const t = isoNow();
    this.update(app, (o) => {
      if (s.health) o.status.health = { status: s.health, ...(s.message ? { message: s.message } : {}), lastTransitionTime: t };
      if (s.sync) o.status.sync = { ...o.status.sync, status: s.sync };
      o.status.reconciledAt = t;
    });
  }

  /** Knob / `operation.sync` patch: start a sync now (no OutOfSync wait). */
  sync(name: string) {
    const app = this.mustApp(name);
    if (app.syncing) return;
    clearTimeout(app.timer);
    app.timer = undefined;
    this.beginSync(app);
  }

  /** Reacts to a PATCH through the API: a sync `operation` or a refresh annotation, as argocd CLI/UI send. */
  onPatched(obj: KubeObject) {
    const app = this.apps.get(obj.metadata.name);
    if (!app) return;
    const refresh = obj.metadata.annotations?.['argocd.argoproj.io/refresh'];
    if (obj.operation || refresh) {
      this.update(app, (o) => {
        delete o.operation;
        if (o.metadata.annotations) delete o.metadata.annotations['argocd.argoproj.io/refresh'];
        o.status.reconciledAt = isoNow();
      });
    }
    if (obj.operation) this.sync(app.def.name);
  }

  /** Snapshot of the controller's view of an app (for tests and the control API). */
  appState(name: string): { deployed: Rendered; desired: Rendered; syncing: boolean } {
    const app = this.mustApp(name);
    return { deployed: app.deployed, desired: app.desired, syncing: !!app.syncing };
  }

  /** Resolves once every push received so far has been processed. */
  idle(): Promise<void> {
    return this.queue;
  }

  async close() {
    this.closed = true;
    this.unsubscribe();
    for (const app of this.apps.values()) clearTimeout(app.timer);
    await this.queue.catch(() => {});
  }
}

export async function startArgoCd(store: KubeStore, catalogue: Catalogue, opts: ArgoOptions): Promise<ArgoCdController> {
  const c = new ArgoCdController(store, catalogue, opts);
  await c.start();
  return c;
}
