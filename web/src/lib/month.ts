import { serverNow } from './serverClock';

// Calendar months as "YYYY-MM" strings (SPEC §8: periods are months in the configured zone, Asia/Shanghai).

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const ZONE = 'Asia/Shanghai';

/** The month containing `now` in the company's time zone. */
export function currentMonth(now = new Date(serverNow())): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit' }).formatToParts(
    now,
  );
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
}

export function addMonths(month: string, delta: number): string {
  const [year = 1970, mm = 1] = month.split('-').map(Number);
  const index = year * 12 + (mm - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The board opens on the last complete month. */
export const defaultBoardMonth = (now = new Date(serverNow())): string => addMonths(currentMonth(now), -1);

/** The newest `count` months up to and including `last`, newest first. */
export function recentMonths(last: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonths(last, -i));
}
