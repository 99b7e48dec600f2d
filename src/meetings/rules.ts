import { TZDate } from '@date-fns/tz';
import type { Cadence, MeetingType } from './schema.js';

/** A meeting slot of a series' cadence: where it starts and ends (instants). */
export type Slot = { startsAt: Date; endsAt: Date };

const at = (year: number, monthIndex: number, day: number, hhmm: string, timeZone: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(new TZDate(year, monthIndex, day, h, m, timeZone).getTime());
};

/** The day of the month of the nth given weekday (1 = first; weekday 0 = Sunday … 6 = Saturday). */
function nthWeekday(year: number, monthIndex: number, nth: number, weekday: number): number {
  const firstWeekday = new Date(Date.UTC(year, monthIndex, 1)).getUTCDay();
  return 1 + ((weekday - firstWeekday + 7) % 7) + (nth - 1) * 7;
}

/**
 * The slots of a cadence whose start lies in [from, to), in the configured time zone (SPEC §4.1):
 * supervision — the nth weekday of each month; weekly — one weekday every week.
 */
export function cadenceSlots(cadence: Cadence, timeZone: string, from: Date, to: Date): Slot[] {
  const slots: Slot[] = [];
  const local = new TZDate(from.getTime(), timeZone);
  if (cadence.kind === 'monthly_nth_weekday') {
    for (let k = -1; ; k++) {
      const month = new Date(Date.UTC(local.getFullYear(), local.getMonth() + k, 1));
      const day = nthWeekday(month.getUTCFullYear(), month.getUTCMonth(), cadence.nth, cadence.weekday);
      const startsAt = at(month.getUTCFullYear(), month.getUTCMonth(), day, cadence.start, timeZone);
      if (startsAt >= to) break;
      if (startsAt >= from)
        slots.push({ startsAt, endsAt: at(month.getUTCFullYear(), month.getUTCMonth(), day, cadence.end, timeZone) });
    }
    return slots;
  }
  const back = (local.getDay() - cadence.weekday + 7) % 7;
  for (let d = local.getDate() - back; ; d += 7) {
    const startsAt = at(local.getFullYear(), local.getMonth(), d, cadence.start, timeZone);
    if (startsAt >= to) break;
    if (startsAt >= from)
      slots.push({ startsAt, endsAt: at(local.getFullYear(), local.getMonth(), d, cadence.end, timeZone) });
  }
  return slots;
}

/** The board period a meeting reviews: supervision the previous calendar month, weekly the current month. */
export function periodMonthOf(type: MeetingType, startsAt: Date, timeZone: string): string {
  const local = new TZDate(startsAt.getTime(), timeZone);
  const month = new Date(Date.UTC(local.getFullYear(), local.getMonth() - (type === 'supervision' ? 1 : 0), 1));
  return month.toISOString().slice(0, 7);
}
