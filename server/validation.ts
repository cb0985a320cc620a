import 'server-only';
import type { z } from 'zod';
import { ValidationError } from './errors';

/** Where a NUL character hides in the input (PostgreSQL refuses it in text and JSON), or null. */
function nulPath(v: unknown, at: string, depth = 0): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? at : null;
  if (depth > 20 || typeof v !== 'object' || v === null) return null;
  for (const [k, x] of Object.entries(v)) {
    const p = k.includes('\u0000') ? at : nulPath(x, at ? `${at}.${k}` : k, depth + 1);
    if (p !== null) return p;
  }
  return null;
}

/** zod parse that fails with a 400-mapped ValidationError naming the field, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const nul = nulPath(input, '');
  if (nul !== null) throw new ValidationError(`${nul || 'input'}: must not contain a NUL character`);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    return `${i.path.join('.') || 'input'}: ${i.message}`;
  });
  throw new ValidationError(issues.join('; '), { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}
