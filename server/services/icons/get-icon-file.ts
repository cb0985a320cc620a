import 'server-only';
import fs from 'node:fs/promises';
import { z } from 'zod';
import { ICON_FILE } from '@/lib/icons';
import { requirePermission } from '../../auth/guard';
import { requestCtx, type Ctx } from '../../context';
import { config } from '../../env';
import { NotFoundError } from '../../errors';
import { parseInput } from '../../validation';
import { iconFilePath } from './internal/resolve';

// One file of the `icons.dir` folder, for a tile: a plain name (no path), a known image type, at
// most 256 kB. Nothing outside the folder can be named (ICON_FILE has no "/" and no leading dot).
const MAX_BYTES = 256 * 1024;
const TYPES = { svg: 'image/svg+xml', png: 'image/png', webp: 'image/webp' } as const;
const Input = z.object({ name: z.string().regex(ICON_FILE, 'expected an icon file name like "komga.svg"') }).strict();

export async function getIconFile(input: unknown, ctx: Ctx = requestCtx()): Promise<{ body: Buffer; contentType: string }> {
  await requirePermission('home:view', ctx);
  const { name } = parseInput(Input, input);
  const file = iconFilePath(name, config().icons.dir);
  if (!file) throw new NotFoundError(`There is no icon called "${name}".`);
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile() || stat.size > MAX_BYTES) throw new NotFoundError(`There is no icon called "${name}".`);
  const ext = name.split('.').pop() as keyof typeof TYPES;
  return { body: await fs.readFile(file), contentType: TYPES[ext] };
}
