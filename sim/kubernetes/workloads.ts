// What the kubelet and the controllers would do to pods: restart a container, replace a deleted pod,
// roll a Deployment to a new image (crash-looping when the image is "bad"), and react to a node
// going NotReady. Every change goes through the store, so watchers see ADDED/MODIFIED/DELETED.
import { buildEvent, type EventInput, type NodeObject, type PodObject } from './objects';
import { imageId, podName } from './objects';
import type { NodeSlot } from './seed';
import { T } from './seed';
import type { KubeStore } from './store';
import { isoNow, sha256, suffix } from './util';

export class Workloads {
  private gen = 0;
  private eventSeq = 100_000;

  constructor(
    private readonly store: KubeStore,
    private readonly nodes: NodeSlot[],
    /** A replacement pod of a "bad" image crash-loops too (the knob lives in BadImages). */
    private readonly isBad: (image: string) => boolean = () => false,
  ) {}

  private event(e: EventInput) {
    this.store.create(T.events, buildEvent(e, this.eventSeq++));
  }

  private mustPod(namespace: string, name: string): PodObject {
    const pod = this.store.get<PodObject>(T.pods, namespace, name);
    if (!pod) throw new Error(`pod ${namespace}/${name} not found`);
    return pod;
  }

  /** The container exits and the kubelet restarts it (restartCount + 1), like an OOM kill. */
  restartContainer(namespace: string, name: string, reason = 'OOMKilled'): PodObject {
    this.mustPod(namespace, name);
    const now = isoNow();
    const pod = this.store.update<PodObject>(T.pods, namespace, name, (p) => {
      for (const cs of p.status.containerStatuses) {
        const startedAt = String(cs.state.running?.startedAt ?? p.status.startTime);
        cs.lastState = { terminated: { exitCode: reason === 'OOMKilled' ? 137 : 1, reason, startedAt, finishedAt: now, containerID: cs.containerID } };
        cs.restartCount += 1;
        cs.containerID = `containerd://${sha256(`${cs.containerID}:${cs.restartCount}`)}`;
        if (!cs.state.waiting) cs.state = { running: { startedAt: now } };
      }
    });
    const c = pod.spec.containers[0].name;
    this.event({ namespace, involved: { kind: 'Pod', name, uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: `spec.containers{${c}}` }, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c} in pod ${name}_${namespace}(${pod.metadata.uid})`, host: pod.spec.nodeName });
    return pod;
  }

  /** The pod is deleted; its controller creates a replacement (new name unless static/StatefulSet). */
  replacePod(namespace: string, name: string, image?: string, bad?: boolean): PodObject {
    const old = this.mustPod(namespace, name);
    const owner = (old.metadata.ownerReferences?.[0] as { kind?: string } | undefined)?.kind ?? 'ReplicaSet';
    const workload = old.metadata.labels?.['app.kubernetes.io/name'] ?? name;
    const node = this.nodes.find((n) => n.name === old.spec.nodeName) ?? this.nodes[0];
    this.event({ namespace, involved: { kind: 'Pod', name, uid: old.metadata.uid, apiVersion: 'v1', fieldPath: `spec.containers{${old.spec.containers[0].name}}` }, type: 'Normal', reason: 'Killing', message: `Stopping container ${old.spec.containers[0].name}`, host: node.name });
    this.store.delete(T.pods, namespace, name);

    const newImage = image ?? old.spec.containers[0].image;
    const instance = `g${++this.gen}`;
    let newName = name;
    if (owner === 'ReplicaSet') newName = podName({ workload, owner: 'ReplicaSet', instance, node, image: newImage });
    else if (owner === 'DaemonSet') newName = `${name.replace(/-[^-]+$/, '')}-${suffix(`${name}:${instance}`)}`;
    const now = isoNow();
    const pod = structuredClone(old);
    pod.metadata = { ...pod.metadata, name: newName, uid: '', creationTimestamp: now, resourceVersion: undefined };
    if (owner === 'ReplicaSet' && pod.metadata.labels) {
      const hash = newName.split('-').slice(-2, -1)[0];
      pod.metadata.labels = { ...pod.metadata.labels, 'pod-template-hash': hash };
      pod.metadata.ownerReferences = [{ ...(pod.metadata.ownerReferences?.[0] as object), name: `${workload}-${hash}` }];
    }
    pod.spec.containers = pod.spec.containers.map((c, i) => (i === 0 ? { ...c, image: newImage } : c));
    pod.status.startTime = now;
    pod.status.conditions = pod.status.conditions.map((c) => ({ ...c, lastTransitionTime: now }));
    pod.status.containerStatuses = pod.status.containerStatuses.map((cs, i) => ({
      ...cs,
      image: i === 0 ? newImage : cs.image,
      imageID: imageId(i === 0 ? newImage : cs.image),
      containerID: `containerd://${sha256(`ctr:${newName}:${now}`)}`,
      restartCount: 0,
      ready: true,
      started: true,
      state: { running: { startedAt: now } },
      lastState: {},
    }));
    const created = this.store.create(T.pods, pod);
    this.event({ namespace, involved: { kind: 'Pod', name: newName, uid: created.metadata.uid, apiVersion: 'v1' }, type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${namespace}/${newName} to ${node.name}`, component: 'default-scheduler' });
    if (bad ?? this.isBad(newImage)) return this.crashLoop(namespace, newName);
    return created;
  }

  /** The container keeps failing: waiting in CrashLoopBackOff, not ready, restarts climbing. */
  crashLoop(namespace: string, name: string): PodObject {
    const now = isoNow();
    const pod = this.store.update<PodObject>(T.pods, namespace, name, (p) => {
      for (const cs of p.status.containerStatuses) {
        cs.restartCount += 3;
        cs.ready = false;
        cs.started = false;
        cs.lastState = { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now, containerID: cs.containerID } };
        cs.state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off 40s restarting failed container=${cs.name} pod=${name}_${namespace}(${p.metadata.uid})` } };
      }
      p.status.conditions = p.status.conditions.map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False', reason: 'ContainersNotReady', lastTransitionTime: now } : c));
    });
    const c = pod.spec.containers[0].name;
    this.event({ namespace, involved: { kind: 'Pod', name, uid: pod.metadata.uid, apiVersion: 'v1', fieldPath: `spec.containers{${c}}` }, type: 'Warning', reason: 'BackOff', message: `Back-off restarting failed container ${c} in pod ${name}_${namespace}(${pod.metadata.uid})`, host: pod.spec.nodeName, count: 3 });
    return pod;
  }

  /** Rolls a Deployment to `image`: every replica is replaced by a pod of the new ReplicaSet. */
  rollout(namespace: string, workload: string, image: string, bad: boolean): string[] {
    const pods = this.store.list<PodObject>(T.pods, namespace).filter((p) => p.metadata.labels?.['app.kubernetes.io/name'] === workload);
    return pods.map((p) => this.replacePod(namespace, p.metadata.name, image, bad).metadata.name);
  }

  /** Node lifecycle controller: a NotReady node's pods become NotReady (and back once it recovers). */
  setNodeReady(name: string, ready: boolean) {
    if (!this.store.get(T.nodes, undefined, name)) throw new Error(`node ${name} not found`);
    const now = isoNow();
    this.store.update<NodeObject>(T.nodes, undefined, name, (n) => {
      n.status.conditions = n.status.conditions.map((c) => {
        if (c.type === 'Ready') return ready ? { ...c, status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastTransitionTime: now, lastHeartbeatTime: now } : { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
        return ready ? { ...c, lastHeartbeatTime: now } : { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
      });
      const others = (n.spec.taints ?? []).filter((t) => !t.key.startsWith('node.kubernetes.io/unreachable'));
      n.spec.taints = ready ? (others.length ? others : undefined) : [...others, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: now }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: now }];
      if (!n.spec.taints) delete n.spec.taints;
    });
    this.event({ namespace: 'default', involved: { kind: 'Node', name, uid: name, apiVersion: 'v1' }, type: ready ? 'Normal' : 'Warning', reason: ready ? 'NodeReady' : 'NodeNotReady', message: `Node ${name} status is now: ${ready ? 'NodeReady' : 'NodeNotReady'}`, component: ready ? 'kubelet' : 'node-controller', host: name });
    for (const pod of this.store.list<PodObject>(T.pods)) {
      if (pod.spec.nodeName !== name) continue;
      const healthy = ready && pod.status.containerStatuses.every((cs) => !cs.state.waiting);
      this.store.update<PodObject>(T.pods, pod.metadata.namespace, pod.metadata.name, (p) => {
        p.status.conditions = p.status.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: healthy ? 'True' : 'False', lastTransitionTime: now } : c));
        for (const cs of p.status.containerStatuses) if (!cs.state.waiting) cs.ready = healthy;
      });
    }
  }
}
