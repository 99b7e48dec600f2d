// Meeting times in the company's time zone (SPEC §8), whatever the reader's machine is set to.
import type { Lang } from '../i18n';

export const COMPANY_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function format(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { timeZone: COMPANY_ZONE, hourCycle: 'h23', ...options });
    cache.set(key, f);
  }
  return f;
}

/** "2026年3月9日周一 09:00–10:00" · "Mon, Mar 9, 2026, 09:00–10:00". */
export function meetingWhen(startsAt: string, endsAt: string, lang: Lang): string {
  const day = format(lang, { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(
    new Date(startsAt),
  );
  const time = format(lang, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time.format(new Date(startsAt))}–${time.format(new Date(endsAt))}`;
}

/** "3月9日 09:00" · "Mar 9, 09:00": deadlines and moments in tables. */
export function shortInstant(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return format(lang, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(value));
}

/** The wall-clock "YYYY-MM-DDTHH:mm" of an instant in the company's zone (for date-time inputs). */
export function toZoneInput(iso: string): string {
  const parts = format('en', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/** The instant of a company wall-clock "YYYY-MM-DDTHH:mm" (China has no daylight saving: UTC+8). */
export function fromZoneInput(local: string): string {
  return new Date(`${local}:00+08:00`).toISOString();
}
