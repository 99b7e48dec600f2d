import { TZDate } from '@date-fns/tz';

/**
 * A bound of `GET /meetings?from=&to=` (SPEC §9: dates are whole days in the time zone, or instants):
 * `from=2026-03-02` starts at that day's midnight; `to=2026-03-08` ends at the next day's midnight, so
 * the 8th is included.
 */
export function rangeBound(text: string, side: 'from' | 'to', timeZone: string): Date {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!day) return new Date(text);
  const [year, month, date] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
  return new Date(new TZDate(year, month, side === 'to' ? date + 1 : date, timeZone).getTime());
}
