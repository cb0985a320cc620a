// Contract tests: the real `proxmox-api` client against the Proxmox VE simulator.
import proxmoxApi from 'proxmox-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { fetchTrusting } from '../tls';
import { startProxmoxSim, type ProxmoxSim } from './index';

const SECRET = '6f1c3a2e-9b4d-4e8a-a1c7-52d9e0f3b8aa';
const GiB = 1024 ** 3;

let sim: ProxmoxSim;
// Proxmox's self-signed pve-root-ca.pem, trusted as the panel's proxmox.tls.caFile does.
const pveFetch = () => fetchTrusting(fs.readFileSync(sim.caFile, 'utf8'));

function client(tokenID = 'panel@pve!panel', tokenSecret = SECRET) {
  const port = Number(new URL(sim.url).port);
  return proxmoxApi({ host: '127.0.0.1', port, schema: 'https', tokenID, tokenSecret, fetch: pveFetch() as never });
}

async function waitTask(api: ReturnType<typeof client>, upid: string) {
  for (let i = 0; i < 200; i++) {
    const t = await api.nodes.$('pve').tasks.$(upid).status.$get();
    if (t.status === 'stopped') return t;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('task never finished');
}

beforeEach(async () => {
  sim = await startProxmoxSim({
    tokenSecret: SECRET,
    // Long enough that the test sees the task "running" even on a busy CI machine.
    taskDelayMs: 400,
    bootDelayMs: 150,
    tokens: [
      { id: 'readonly@pve!audit', secret: '11111111-2222-4333-8444-555555555555', privs: { '/vms': ['VM.Audit'], '/nodes/pve': ['Sys.Audit'] } },
    ],
  });
  sim.state.setDrift(false);
});

afterEach(async () => {
  await sim.close();
});

describe('proxmox simulator with the proxmox-api client', () => {
  it('answers version, nodes and the VM list with the seeded homelab', async () => {
    const api = client();
    expect((await api.version.$get()).version).toMatch(/^8\./);
    const nodes = await api.nodes.$get();
    expect(nodes.map((n) => n.node)).toEqual(['pve']);
    const vms = await api.nodes.$('pve').qemu.$get();
    const byName = Object.fromEntries(vms.map((v) => [v.name, v]));
    expect(Object.keys(byName).sort()).toEqual(['talos-dev', 'talos-prod-cp', 'talos-prod-worker-1', 'windows-gaming']);
    expect(byName['windows-gaming']).toMatchObject({ vmid: 300, status: 'stopped', maxmem: 32 * GiB, cpus: 8, tags: 'gaming' });
    expect(byName['talos-dev']).toMatchObject({ vmid: 101, status: 'running', tags: 'talos;dev', maxmem: 4 * GiB });
    expect(byName['talos-prod-worker-1'].maxmem).toBe(12 * GiB);
    const cfg = await api.nodes.$('pve').qemu.$(300).config.$get();
    expect(cfg).toMatchObject({ name: 'windows-gaming', cores: 8, agent: '1', tags: 'gaming' });
    expect(Number(cfg.memory)).toBe(32 * 1024);
    expect(cfg.hostpci0).toContain('0000:01:00');
  });

  it('reports node memory as host reserve + ARC + running VMs (64 GiB total)', async () => {
    const api = client();
    const st = await api.nodes.$('pve').status.$get();
    expect(st.memory.total).toBe(64 * GiB);
    // DEV (4) + PROD (4 + 12) running, plus 4 host and 8 ARC.
    expect(st.memory.used).toBe(32 * GiB);
    expect(st.uptime).toBeGreaterThan(0);
    expect(st.cpu).toBeGreaterThan(0);
  });

  it('starts the gaming VM through a task, then memory grows by 32 GiB and the agent comes up', async () => {
    const api = client();
    const vm = api.nodes.$('pve').qemu.$(300);
    const before = (await api.nodes.$('pve').status.$get()).memory.used;
    const upid = await vm.status.start.$post();
    expect(upid).toMatch(/^UPID:pve:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstart:300:panel@pve!panel:$/);
    expect((await api.nodes.$('pve').tasks.$(upid).status.$get()).status).toBe('running');
    const task = await waitTask(api, upid);
    expect(task.exitstatus).toBe('OK');
    expect((await vm.status.current.$get()).status).toBe('running');
    const after = (await api.nodes.$('pve').status.$get()).memory.used;
    expect(after - before).toBe(32 * GiB);

    // The guest is still booting: the agent does not answer yet, then it does.
    await expect(vm.agent.ping.$post()).rejects.toThrow(/QEMU guest agent is not running/);
    await new Promise((r) => setTimeout(r, 200));
    await expect(vm.agent.ping.$post()).resolves.toEqual({ result: {} });

    // Starting a running VM fails inside the task, like the real host.
    const again = await waitTask(api, await vm.status.start.$post());
    expect(again.exitstatus).toBe('VM 300 already running');

    const list = await api.nodes.$('pve').tasks.$get({ vmid: 300 });
    expect(list.map((t) => t.status)).toEqual(['VM 300 already running', 'OK']);

    const stop = await waitTask(api, await vm.status.shutdown.$post());
    expect(stop.exitstatus).toBe('OK');
    expect((await vm.status.current.$get()).status).toBe('stopped');
    expect((await waitTask(api, await vm.status.stop.$post())).exitstatus).toBe('VM 300 not running');
  });

  it('lets a knob fail the next task with Proxmox error text', async () => {
    const api = client();
    sim.state.failNextTask(300, "can't lock file '/var/lock/qemu-server/lock-300.conf' - got timeout");
    const t = await waitTask(api, await api.nodes.$('pve').qemu.$(300).status.start.$post());
    expect(t.exitstatus).toContain("can't lock file");
    expect(sim.state.vm(300)?.running).toBe(false);
  });

  it('refuses power actions outside the token privileges with 403', async () => {
    const api = client();
    await expect(api.nodes.$('pve').qemu.$(202).status.stop.$post()).rejects.toThrow(/403.*Permission check failed \(\/vms\/202, VM\.PowerMgmt\)/);
    const audit = client('readonly@pve!audit', '11111111-2222-4333-8444-555555555555');
    expect((await audit.nodes.$('pve').qemu.$get()).length).toBe(4);
    await expect(audit.nodes.$('pve').qemu.$(300).status.start.$post()).rejects.toThrow(/403.*\/vms\/300, VM\.PowerMgmt/);
    expect(sim.state.tasks()).toHaveLength(0);
  });

  it('answers 401 for a bad secret and always with the content type the client demands', async () => {
    const bad = client('panel@pve!panel', '00000000-0000-4000-8000-000000000000');
    await expect(bad.nodes.$get()).rejects.toThrow(/401/);
    const raw = await pveFetch()(`${sim.url}/api2/json/nodes`);
    expect(raw.status).toBe(401);
    expect(raw.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    const forbidden = await pveFetch()(`${sim.url}/api2/json/nodes/pve/qemu/202/status/stop`, {
      method: 'POST',
      headers: { authorization: `PVEAPIToken=panel@pve!panel=${SECRET}` },
    });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await forbidden.json()).toEqual({ data: null, message: 'Permission check failed (/vms/202, VM.PowerMgmt)\n' });
  });

  it('applies faults and records calls', async () => {
    const api = client();
    sim.faults.set({ errorRate: 1, errorStatus: 503 });
    await expect(api.nodes.$get()).rejects.toThrow();
    sim.faults.reset();
    await api.nodes.$get();
    expect(sim.calls.filter((c) => c.path === '/api2/json/nodes')).toHaveLength(2);
  });
});
