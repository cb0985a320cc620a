import 'server-only';
import type { GamingStateDto, PreflightResult } from '@/lib/gaming/types';
import type { Message } from '@/lib/i18n/message';
import { AppError } from '../../../errors';
import { errorMsg } from './say';

// The parts of the gaming card every backend builds the same way.

/** An upstream read for the card: an AppError (an outage, a refused token) becomes the card's notice. */
export async function readOrNotice<T>(read: () => Promise<T>): Promise<{ value: T | null; notice: Message | null }> {
  try {
    return { value: await read(), notice: null };
  } catch (e) {
    if (e instanceof AppError) return { value: null, notice: errorMsg(e) };
    throw e;
  }
}

/** The pre-flight shown before the tap, when Start could be offered: a courtesy (null when it fails); the real check runs on Start. */
export async function preflightPreview(offer: boolean, evaluate: () => Promise<PreflightResult>): Promise<GamingStateDto['preflight']> {
  if (!offer) return null;
  try {
    const r = await evaluate();
    return { ok: r.ok, checks: r.checks, note: r.note, refusal: r.refusal, ask: r.ask };
  } catch {
    return null;
  }
}
