import 'server-only';
import { msg } from '@/lib/i18n/message';
import { z } from 'zod';
import type { ClusterDetailDto } from '@/lib/live/dto';
import { requirePermission } from '../../auth/guard';
import { NotFoundError } from '../../errors';
import { liveCtx, type LiveCtx } from '../../live/ctx';
import { parseInput } from '../../validation';

const Input = z.object({ name: z.string().regex(/^[a-z0-9-]{1,42}$/, 'expected a cluster name like "prod"') }).strict();

/** One cluster's page: nodes, pods not ready, warnings, its apps, and the Omni template's versions. */
export async function getCluster(input: unknown, ctx: LiveCtx = liveCtx()): Promise<ClusterDetailDto> {
  await requirePermission('dashboard:view', ctx);
  const { name } = parseInput(Input, input);
  const store = ctx.live();
  await store.ready();
  const detail = store.detail(name);
  if (!detail) throw new NotFoundError(msg('cluster.notFound', { name }));
  const templates = ctx.templates();
  const template = templates?.get(name);
  return { ...detail, template: template ?? null, templateChecked: templates !== null && template !== undefined };
}
