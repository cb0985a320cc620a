// List + watch semantics through client-node's Watch and informer: MODIFIED on knob changes,
// bookmarks, resume after a cut, 410 Expired (and the informer's relist), timeouts.
import { CoreV1Api, makeInformer, Watch, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubeconfig, sim, until } from './test/helpers';

interface Ev {
  type: string;
  obj: { kind?: string; code?: number; reason?: string; metadata?: { name?: string; resourceVersion?: string } };
}

function collector() {
  const events: Ev[] = [];
  let doneErr: unknown = 'not done';
  return {
    events,
    cb: (type: string, obj: Ev['obj']) => events.push({ type, obj }),
    done: (err: unknown) => {
      doneErr = err;
    },
    get finished() {
      return doneErr !== 'not done';
    },
    get error() {
      return doneErr;
    },
  };
}

describe('kube sim: watch', () => {
  it('streams MODIFIED after a knob change, and bookmarks', async () => {
    const s = await sim({ cluster: 'prod', bookmarkIntervalMs: 50 });
    const kc = kubeconfig(s);
    const list = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
    const pod = list.items.find((p) => p.metadata?.labels?.['app.kubernetes.io/name'] === 'komga')!;
    const c = collector();
    const ctl = await new Watch(kc).watch('/api/v1/pods', { resourceVersion: list.metadata!.resourceVersion, allowWatchBookmarks: true }, c.cb, c.done);
    await until(() => c.events.some((e) => e.type === 'BOOKMARK'), 5000, 'bookmark');
    s.restartPod('home', pod.metadata!.name!);
    const mod = await until(() => c.events.find((e) => e.type === 'MODIFIED'), 5000, 'MODIFIED');
    expect(mod.obj.metadata?.name).toBe(pod.metadata!.name);
    expect((mod.obj as V1Pod).status?.containerStatuses?.[0].restartCount).toBe((pod.status?.containerStatuses?.[0].restartCount ?? 0) + 1);
    expect(Number(mod.obj.metadata?.resourceVersion)).toBeGreaterThan(Number(list.metadata!.resourceVersion));
    ctl.abort();
  });

  it('resumes after cutWatches() from the last resourceVersion without replaying old events', async () => {
    const s = await sim({ cluster: 'dev' });
    const kc = kubeconfig(s);
    const list = await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'home' });
    const [a, b] = list.items.map((p) => p.metadata!.name!);
    const c1 = collector();
    await new Watch(kc).watch('/api/v1/namespaces/home/pods', { resourceVersion: list.metadata!.resourceVersion }, c1.cb, c1.done);
    await until(() => s.openWatches() === 1, 5000, 'watch open');
    s.restartPod('home', a);
    await until(() => c1.events.length === 1, 5000, 'first event');
    const lastRv = c1.events[0].obj.metadata!.resourceVersion!;
    expect(s.cutWatches()).toBe(1);
    await until(() => c1.finished, 5000, 'done after cut');
    expect(c1.error).toBeTruthy(); // an abrupt drop is an error for the client, not a clean end

    s.restartPod('home', b); // happens while nobody watches
    s.restartPod('kube-system', (await kc.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'kube-system' })).items[0].metadata!.name!); // other namespace
    const c2 = collector();
    const ctl = await new Watch(kc).watch('/api/v1/namespaces/home/pods', { resourceVersion: lastRv }, c2.cb, c2.done);
    await until(() => c2.events.length >= 1, 5000, 'resumed event');
    await new Promise((r) => setTimeout(r, 100));
    expect(c2.events.map((e) => [e.type, e.obj.metadata?.name])).toEqual([['MODIFIED', b]]);
    ctl.abort();
  });

  it('answers an expired resourceVersion with an ERROR 410 Expired event and ends the stream', async () => {
    const s = await sim({ cluster: 'prod', historyLimit: 5 });
    const kc = kubeconfig(s);
    const list = await kc.makeApiClient(CoreV1Api).listPodForAllNamespaces();
    const name = list.items.find((p) => p.metadata?.namespace === 'home')!.metadata!.name!;
    for (let i = 0; i < 10; i++) s.restartPod('home', name); // overflow the 5-event window
    const c = collector();
    await new Watch(kc).watch('/api/v1/pods', { resourceVersion: list.metadata!.resourceVersion }, c.cb, c.done);
    await until(() => c.finished, 5000, 'stream end');
    expect(c.events).toHaveLength(1);
    expect(c.events[0].type).toBe('ERROR');
    expect(c.events[0].obj).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 });
    expect(c.error).toBeNull();

    // expireHistory(): the same for a version that was fine a moment ago.
    const fresh = await kc.makeApiClient(CoreV1Api).listNode();
    s.setNodeReady('talos-prod-worker-1', false);
    s.expireHistory();
    const c2 = collector();
    await new Watch(kc).watch('/api/v1/nodes', { resourceVersion: fresh.metadata!.resourceVersion }, c2.cb, c2.done);
    await until(() => c2.finished, 5000, 'stream end');
    expect(c2.events[0].obj.code).toBe(410);
  });

  it('starts with ADDED for every object when resourceVersion is 0, and honours timeoutSeconds', async () => {
    const s = await sim({ cluster: 'prod' });
    const kc = kubeconfig(s);
    const c = collector();
    const t0 = Date.now();
    await new Watch(kc).watch('/api/v1/nodes', { resourceVersion: '0', timeoutSeconds: 1 }, c.cb, c.done);
    await until(() => c.finished, 5000, 'timeout end');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(c.error).toBeNull(); // a clean end, like the API server's own timeout
    expect(c.events.map((e) => e.type)).toEqual(['ADDED', 'ADDED']);
  });

  it('makeInformer lists, watches, and relists after a 410', async () => {
    const s = await sim({ cluster: 'cloud' });
    const kc = kubeconfig(s);
    const core = kc.makeApiClient(CoreV1Api);
    let lists = 0;
    const informer = makeInformer<V1Pod>(kc, '/api/v1/pods', () => {
      lists++;
      return core.listPodForAllNamespaces();
    });
    const added: string[] = [];
    const deleted: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (p) => added.push(p.metadata!.name!));
    informer.on('delete', (p) => deleted.push(p.metadata!.name!));
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    const initial = informer.list().length;
    expect(initial).toBe(s.store.count('v1/pods'));
    await until(() => s.openWatches() === 1, 5000, 'informer watch');

    const victim = informer.list('media')[0].metadata!.name!;
    const replacement = s.killPod('media', victim);
    await until(() => deleted.includes(victim) && added.includes(replacement), 5000, 'kill seen by informer');
    expect(informer.list()).toHaveLength(initial);

    // History expires and the stream ends: the informer resumes, gets 410, and relists.
    s.expireHistory();
    s.cutWatches({ graceful: true });
    await until(() => lists >= 2 && s.openWatches() === 1, 10_000, 'relist');
    const other = informer.list('critical')[0].metadata!.name!;
    s.restartPod('critical', other);
    const want = s.store.get('v1/pods', 'critical', other)!.metadata.resourceVersion;
    await until(() => informer.get(other, 'critical')?.metadata?.resourceVersion === want, 5000, 'update after relist');
    expect(errors).toEqual([]);
    await informer.stop();
  });

  it('node NotReady is visible through list and watch; an unreachable cluster resets connections', async () => {
    const s = await sim({ cluster: 'prod' });
    const kc = kubeconfig(s);
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNode();
    const c = collector();
    const ctl = await new Watch(kc).watch('/api/v1/nodes', { resourceVersion: list.metadata!.resourceVersion }, c.cb, c.done);
    s.setNodeReady('talos-prod-worker-1', false);
    const ev = await until(() => c.events.find((e) => e.type === 'MODIFIED'), 5000, 'node MODIFIED');
    expect((ev.obj as V1Node).status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('Unknown');
    ctl.abort();

    s.setReachable(false);
    await expect(core.listNode()).rejects.toThrow();
    s.setReachable(true);
    expect((await core.listNode()).items).toHaveLength(2);
  });
});
