// Wall-clock questions in the configured time zone: quiet hours and maintenance windows. Pure (Intl).
import type { QuietHours } from './config';
import { WEEKDAYS } from './config';

function parts(now: Date, timeZone: string): { day: number; minutes: number } {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(now).map((x) => [x.type, x.value]));
  const day = WEEKDAYS.indexOf(String(p.weekday).toLowerCase().slice(0, 3) as (typeof WEEKDAYS)[number]);
  return { day, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The quiet-hours window `now` falls in, or null. A window past midnight belongs to its start day. */
export function activeQuietHours(now: Date, windows: QuietHours[], timeZone: string): QuietHours | null {
  const { day, minutes } = parts(now, timeZone);
  const yesterday = WEEKDAYS[(day + 6) % 7];
  for (const w of windows) {
    const from = toMin(w.from);
    const to = toMin(w.to);
    const today = w.days.includes(WEEKDAYS[day]);
    if (from < to) {
      if (today && minutes >= from && minutes < to) return w;
    } else if ((today && minutes >= from) || (w.days.includes(yesterday) && minutes < to)) {
      return w;
    }
  }
  return null;
}

/** "21:30" in the given zone. */
export function clock(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}
