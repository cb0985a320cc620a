import 'server-only';
import type { z } from 'zod';
import { ValidationError } from './errors';

/** zod parse that fails with a 400-mapped ValidationError naming the field, never a 500. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.join(', ')}`;
    return `${i.path.join('.') || 'input'}: ${i.message}`;
  });
  throw new ValidationError(issues.join('; '), { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
}
