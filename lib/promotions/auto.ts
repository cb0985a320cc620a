// Auto-promotion policy maths: is `now` inside a weekly window like "mon 06:00-08:00"?
import type { PromotionConfig } from './config';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function inWindow(now: Date, window: string | undefined): boolean {
  if (!window) return true;
  const m = /^(\w{3}) (\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(window);
  if (!m) return false;
  if (DAYS[now.getDay()] !== m[1]) return false;
  const minutes = now.getHours() * 60 + now.getMinutes();
  return minutes >= Number(m[2]) * 60 + Number(m[3]) && minutes < Number(m[4]) * 60 + Number(m[5]);
}

/** Services whose policy allows promoting right now. */
export function autoServices(cfg: PromotionConfig, now: Date): Set<string> {
  return new Set(Object.entries(cfg.services).filter(([, p]) => p.auto?.enabled && inWindow(now, p.auto.window)).map(([s]) => s));
}
