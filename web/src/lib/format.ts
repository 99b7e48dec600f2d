import type { Lang } from '../i18n';
import { COMPANY_ZONE } from './meetingTime';

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${withTime}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, {
      // The company's zone (SPEC §8), whatever the browser's: the import log, histories and lists agree.
      timeZone: COMPANY_ZONE,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
    });
    cache.set(key, format);
  }
  return format;
}

/** An ISO instant shown in the reader's language; empty for null. */
export function formatInstant(value: string | null | undefined, lang: Lang, withTime = true): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : formatter(lang, withTime).format(date);
}

// Board numbers (SPEC §3): amounts in CNY, fractions as %, per mille, days. Null is "—".
const DASH = '—';
const numberCache = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, digits: number, minDigits = digits): Intl.NumberFormat {
  const key = `${lang}:${digits}:${minDigits}`;
  let format = numberCache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { minimumFractionDigits: minDigits, maximumFractionDigits: digits });
    numberCache.set(key, format);
  }
  return format;
}

const isNumber = (value: number | null | undefined): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A count with thousands separators: 21,335. */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  return isNumber(value) ? numberFormat(lang, 0).format(value) : DASH;
}

/** ¥870.5万 · ¥1.23亿 · ¥8,500 (zh-CN); ¥8.71M · ¥1.23B · ¥8.5K (en). */
export function formatMoney(value: number | null | undefined, lang: Lang): string {
  if (!isNumber(value)) return DASH;
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  const steps: [number, string, number][] =
    lang === 'zh-CN'
      ? [
          [1e8, '亿', 2],
          [1e4, '万', 1],
        ]
      : [
          [1e9, 'B', 2],
          [1e6, 'M', 2],
          [1e3, 'K', 1],
        ];
  const step = steps.find(([size]) => abs >= size);
  const text = step ? numberFormat(lang, step[2]).format(abs / step[0]) + step[1] : numberFormat(lang, 0).format(abs);
  return `${sign}¥${text}`;
}

const space = (lang: Lang) => (lang === 'en' ? ' ' : '');

/** 0.9375 → 93.8% (zh-CN) / 93.8 % (en); `trim` drops a zero decimal (thresholds: 90%). */
export function formatPercent(fraction: number | null | undefined, lang: Lang, trim = false): string {
  if (!isNumber(fraction)) return DASH;
  return `${numberFormat(lang, 1, trim ? 0 : 1).format(fraction * 100)}${space(lang)}%`;
}

/** 45.2‰ (zh-CN) / 45.2 ‰ (en). */
export function formatPermille(value: number | null | undefined, lang: Lang, trim = false): string {
  return isNumber(value) ? `${numberFormat(lang, 1, trim ? 0 : 1).format(value)}${space(lang)}‰` : DASH;
}

/** 87 天 / 87 days. */
export function formatDays(value: number | null | undefined, lang: Lang): string {
  if (!isNumber(value)) return DASH;
  const days = numberFormat(lang, 0).format(value);
  return lang === 'en' ? `${days} ${Math.round(value) === 1 ? 'day' : 'days'}` : `${days} 天`;
}

export type MetricUnit = 'ratio' | 'permille' | 'days';

/** A board value in its dimension's unit. */
export function formatMetric(value: number | null | undefined, unit: MetricUnit, lang: Lang, trim = false): string {
  if (unit === 'ratio') return formatPercent(value, lang, trim);
  if (unit === 'permille') return formatPermille(value, lang, trim);
  return formatDays(value, lang);
}

/** "2026-03" → 2026年3月 / Mar 2026. */
export function formatMonth(month: string, lang: Lang): string {
  const [year, mm] = month.split('-').map(Number);
  if (!year || !mm) return month;
  if (lang === 'zh-CN') return `${year}年${mm}月`;
  return new Date(Date.UTC(year, mm - 1, 1)).toLocaleDateString('en', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** A list in the reader's language: 甲、乙和丙 in Chinese, "A, B, and C" in English (no 、 leaking into English). */
export function formatList(items: string[], lang: Lang): string {
  return new Intl.ListFormat(lang === 'en' ? 'en' : 'zh-CN', { type: 'conjunction' }).format(items);
}
