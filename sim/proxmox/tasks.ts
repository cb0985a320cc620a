// Task endpoints: every power action is an asynchronous task identified by a UPID, which clients
// poll until `status: stopped` and read `exitstatus` ("OK" or Proxmox's error text).
import { hasPriv, userOf } from './auth';
import type { PveCtx } from './routes';
import type { Task } from './state';

export function taskJson(t: Task) {
  const base = { upid: t.upid, node: t.node, pid: t.pid, pstart: t.pstart, starttime: t.starttime, type: t.type, id: t.id, user: userOf(t.user), tokenid: t.user.split('!')[1] };
  return t.status === 'running' ? { ...base, status: 'running' } : { ...base, status: 'stopped', exitstatus: t.exitstatus };
}

export function canSeeTask(ctx: PveCtx, t: { user: string }) {
  return t.user === ctx.token.id || hasPriv(ctx.token, `/nodes/${ctx.state.node}`, 'Sys.Audit');
}

export function tasksList(ctx: PveCtx) {
  const s = ctx.state;
  s.tick();
  const p = ctx.params;
  const vmid = p.get('vmid');
  const type = p.get('typefilter');
  const source = p.get('source') ?? 'archive';
  const errorsOnly = p.get('errors') === '1';
  const start = Number(p.get('start') ?? 0);
  const limit = Number(p.get('limit') ?? 50);
  const list = [...s.tasks]
    .reverse()
    .filter((t) => canSeeTask(ctx, t))
    .filter((t) => (!vmid || t.id === vmid) && (!type || t.type === type))
    .filter((t) => (source === 'active' ? t.status === 'running' : source === 'archive' ? t.status === 'stopped' : true))
    .filter((t) => !errorsOnly || (t.exitstatus !== undefined && t.exitstatus !== 'OK'));
  return list.slice(start, start + limit).map((t) => ({
    upid: t.upid,
    node: t.node,
    pid: t.pid,
    pstart: t.pstart,
    starttime: t.starttime,
    type: t.type,
    id: t.id,
    user: t.user,
    ...(t.status === 'stopped' ? { endtime: t.endtime, status: t.exitstatus } : {}),
  }));
}

