// Request bodies of the gaming and DEV-power endpoints.
import { z } from 'zod';

export const StartGamingSchema = z.object({}).strict();
export const StopGamingSchema = z.object({}).strict();
/** `leaseEndsAt`: the end the caller saw, so a double tap extends once. */
export const ExtendGamingSchema = z.object({ leaseEndsAt: z.iso.datetime({ offset: true }).optional() }).strict();
export const HistoryQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export const DevPowerSchema = z.object({ action: z.enum(['start', 'stop']) }).strict();
