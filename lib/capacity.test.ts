import { describe, expect, it } from 'vitest';
import { GiB, ociCapacity, proxmoxCapacity, vmKind, whatIfs } from './capacity';
import type { VmDto } from './live/types';

const vm = (vmid: number, gib: number, tags: string[], running: boolean, gpu = false): VmDto => ({ vmid, name: `vm${vmid}`, running, memMaxBytes: gib * GiB, memUsedBytes: 0, cores: 2, tags, gpu });
// The simulator's (and the architecture's) homelab: DEV 4, PROD 4 + 12, gaming 32 (off).
const homelab = (o: { dev?: boolean; gaming?: boolean } = {}) => [vm(101, 4, ['talos', 'dev'], o.dev ?? true), vm(201, 4, ['talos', 'prod'], true), vm(202, 12, ['talos', 'prod'], true), vm(300, 32, ['gaming'], o.gaming ?? false, true)];
const total = 64 * GiB;
const seg = (c: ReturnType<typeof proxmoxCapacity>, k: string) => c.segments.find((s) => s.kind === k)!.bytes / GiB;

describe('Proxmox capacity', () => {
  it('splits 64 GB into host+ARC, DEV, PROD, gaming and free; DEV running is Testing mode', () => {
    const c = proxmoxCapacity(total, homelab());
    expect([seg(c, 'reserve'), seg(c, 'dev'), seg(c, 'prod'), seg(c, 'gaming'), seg(c, 'free')]).toEqual([12, 4, 16, 0, 32]);
    expect(c.usedBytes / GiB).toBe(32);
    expect(c.mode).toBe('Testing');
  });

  it('names the modes as the architecture does', () => {
    expect(proxmoxCapacity(total, homelab({ dev: false })).mode).toBe('Normal');
    expect(proxmoxCapacity(total, homelab({ dev: false })).usedBytes / GiB).toBe(28);
    const g = proxmoxCapacity(total, homelab({ dev: false, gaming: true }));
    expect(g.mode).toBe('Gaming');
    expect(g.devWhileGaming).toBe(false);
    const both = proxmoxCapacity(total, homelab({ gaming: true }));
    expect(both).toMatchObject({ mode: 'Gaming', devWhileGaming: true, overcommitted: false });
    expect(seg(both, 'free')).toBe(0);
  });

  it('flags overcommit and never shows negative free memory', () => {
    const c = proxmoxCapacity(total, [...homelab({ gaming: true }), vm(400, 8, [], true)]);
    expect(c.overcommitted).toBe(true);
    expect(seg(c, 'free')).toBe(0);
    expect(seg(c, 'other')).toBe(8);
  });

  it('what-ifs: start gaming now, and whether stopping DEV makes room', () => {
    const w = whatIfs(total, homelab());
    expect(w.find((x) => x.action === 'start-gaming')).toMatchObject({ usedBytes: 64 * GiB, fits: true });
    expect(w.find((x) => x.action === 'stop-dev')?.usedBytes).toBe(28 * GiB);
    const tight = whatIfs(total, [...homelab(), vm(500, 4, [], true)]);
    expect(tight.find((x) => x.action === 'start-gaming')).toMatchObject({ usedBytes: 68 * GiB, fits: false, fitsAfterStoppingDev: true });
    // With the §8 4 GB buffer (as the gaming pre-flight): 64 of 64 does not fit, unless DEV stops.
    expect(whatIfs(total, homelab(), 12 * GiB, 4 * GiB).find((x) => x.action === 'start-gaming')).toMatchObject({ usedBytes: 64 * GiB, fits: false, fitsAfterStoppingDev: true });
    const gaming = whatIfs(total, homelab({ dev: false, gaming: true }));
    expect(gaming.map((x) => x.action).sort()).toEqual(['start-dev', 'stop-gaming']);
    expect(gaming.find((x) => x.action === 'start-dev')?.usedBytes).toBe(64 * GiB);
  });

  it('classifies VMs by tag, a GPU VM without tags as gaming', () => {
    expect(vmKind({ tags: ['talos', 'dev'], gpu: false })).toBe('dev');
    expect(vmKind({ tags: [], gpu: true })).toBe('gaming');
    expect(vmKind({ tags: ['backup'], gpu: false })).toBe('other');
  });
});

describe('OCI capacity', () => {
  it('compares allocatable, pod requests and usage', () => {
    const c = ociCapacity({ memAllocatableBytes: 16 * GiB, memUsedBytes: 6 * GiB, pods: { total: 10, notReady: 0, restarts: 0, memRequestBytes: 8 * GiB, cpuRequestMilli: 0 } });
    expect(c).toMatchObject({ totalBytes: 24 * GiB, allocatableBytes: 16 * GiB, requestedBytes: 8 * GiB, usedBytes: 6 * GiB, requestRatio: 0.5 });
    expect(ociCapacity(null)).toBeNull();
  });
});
