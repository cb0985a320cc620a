// Request bodies of the gaming and DEV-power endpoints.
import { z } from 'zod';

export const StartGamingSchema = z.object({}).strict();
/** `leaseEndsAt`: the end the caller saw, so a double tap extends once. */
export const ExtendGamingSchema = z.object({ leaseEndsAt: z.iso.datetime({ offset: true }).optional() }).strict();
export const HistoryQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
export const DevPowerSchema = z.object({ action: z.enum(['start', 'stop']) }).strict();
/** Stop: `confirm` is required to stop a session someone else started (the card asks first). */
export const StopGamingSchema = z.object({ confirm: z.boolean().optional() }).strict();
/** The admin's hold on DEV: until when (ISO, in the future, at most `holdMaxHours` ahead), or `clear`. */
export const DevHoldSchema = z.union([z.object({ until: z.iso.datetime({ offset: true }) }).strict(), z.object({ clear: z.literal(true) }).strict()]);
/** "Ask Paul": nothing to say, the asker is the caller. */
export const AskGamingSchema = z.object({}).strict();
/** The admin's answer to a request (from the notification's link or the card). */
export const AllowGamingSchema = z.object({ request: z.uuid() }).strict();
