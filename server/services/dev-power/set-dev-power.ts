import 'server-only';
import { randomBytes } from 'node:crypto';
import { DevPowerSchema } from '@/lib/gaming/schemas';
import type { DevPowerDto } from '@/lib/gaming/types';
import { GiB } from '@/lib/gaming/words';
import { msg, type Message } from '@/lib/i18n/message';
import { requirePermission } from '../../auth/guard';
import { ProxmoxError } from '../../clients/proxmox/errors';
import type { Db } from '../../db';
import { tryLead } from '../../jobs/leader';
import { parseInput } from '../../validation';
import { recordAudit } from '../audit/internal/record-audit';
import { gamingCtx, type GamingCtx } from '../gaming/internal/ctx';
import { coded, conflict, english } from '../gaming/internal/say';
import { getDevPower } from './get-dev-power';

// Admin power for the DEV cluster: ACPI shutdown or start of every VM tagged `dev`, after the same
// pre-flight as gaming (maintenance, promotions, and RAM for a start). A short DB lock turns a double
// click into one set of Proxmox calls.

const LOCK = 'dev-power';

async function release(db: Db, holder: string) {
  await db.$executeRaw`UPDATE job_leases SET until = now() WHERE name = ${LOCK} AND holder = ${holder}`;
}

export async function setDevPower(input: unknown, ctx: GamingCtx = gamingCtx()): Promise<DevPowerDto> {
  const actor = await requirePermission('dev:power', ctx);
  const { action } = parseInput(DevPowerSchema, input ?? {});
  const db = await ctx.db();
  const cfg = ctx.gaming();
  const ip = await ctx.ip();
  const audit = (outcome: 'ok' | 'denied' | 'failed', details: Record<string, unknown>) =>
    recordAudit(db, { actor: actor.subject, actorName: actor.name, role: actor.role, ip, action: `dev.${action}`, target: 'dev-cluster', outcome, details });

  const holder = randomBytes(6).toString('hex');
  if (!(await tryLead(db, LOCK, 20_000, holder))) throw conflict(ctx, msg('srv.dev.busy'));
  try {
    const [vms, total, promotion] = await Promise.all([ctx.proxmox().listVms(), ctx.proxmox().hostTotalBytes(), ctx.promotionInFlight(db)]);
    const dev = vms.filter((v) => v.tags.includes(cfg.devTag));
    const targets = dev.filter((v) => (action === 'stop' ? v.running : !v.running));
    const now = ctx.now();
    const refusals: Message[] = [];
    if (cfg.maintenance.some((w) => now >= new Date(w.from) && now < new Date(w.to))) refusals.push(msg('srv.dev.maintenance'));
    if (promotion) refusals.push(msg('srv.dev.promotion'));
    if (action === 'start') {
      const used = vms.filter((v) => v.running).reduce((n, v) => n + v.memoryBytes, 0);
      const free = total - (cfg.memory.hostReserveGiB + cfg.memory.zfsArcGiB + cfg.memory.bufferGiB) * GiB - used;
      const need = targets.reduce((n, v) => n + v.memoryBytes, 0);
      const gaming = vms.some((v) => v.running && v.tags.includes(cfg.tag));
      if (need > free) refusals.push(msg(gaming ? 'srv.dev.memoryGaming' : 'srv.dev.memory', { need: { bytes: need }, free: { bytes: free } }));
    }
    if (refusals.length) {
      await audit('denied', { reason: english(ctx, refusals[0]) });
      throw conflict(ctx, refusals[0]);
    }
    try {
      for (const v of targets) await (action === 'stop' ? ctx.proxmox().shutdown(v.vmid) : ctx.proxmox().start(v.vmid));
    } catch (e) {
      if (e instanceof ProxmoxError) await audit('failed', { reason: e.message, proxmox: e.reason, vms: targets.map((v) => v.vmid) });
      throw coded(e);
    }
    await audit('ok', { vms: targets.map((v) => v.vmid) });
    ctx.publish('gaming', { dev: action });
    ctx.wake();
    return await getDevPower({}, ctx);
  } finally {
    await release(db, holder);
  }
}
