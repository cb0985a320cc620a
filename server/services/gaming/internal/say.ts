import 'server-only';
import { proxmoxErrorMsg } from '@/lib/gaming/words';
import { plainText, type Message } from '@/lib/i18n/message';
import { renderEn } from '@/lib/i18n/render-en';
import { ProxmoxError } from '../../../clients/proxmox/errors';
import { AppError, ConflictError } from '../../../errors';
import type { GamingCtx } from './ctx';

// Messages of the gaming and DEV-power services: coded for the card (lib/i18n/message.ts), in English
// (renderEn, the homelab's time zone) for audit details, logs, ntfy and the error's `message`.

export const english = (ctx: GamingCtx, m: Message) => renderEn(m, ctx.gaming().timeZone);

/** A 409 whose body carries the message both ways (`message` in English, `msg` coded). */
export function conflict(ctx: GamingCtx, m: Message, details?: Record<string, unknown>): ConflictError {
  return new ConflictError(english(ctx, m), details).withMsg(m);
}

/** An error as a message: its own code, Proxmox's failure in plain words, else its text as it is. */
export function errorMsg(e: AppError): Message {
  if (e.msg) return e.msg;
  if (e instanceof ProxmoxError) return proxmoxErrorMsg(e);
  return plainText(e.message);
}

/** Gives a Proxmox (or other app) error its coded message before it leaves a service. */
export function coded<E>(e: E): E {
  if (e instanceof AppError && !e.msg) e.withMsg(errorMsg(e));
  return e;
}
