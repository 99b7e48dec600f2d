/**
 * The alerts' rules (SPEC §6.5, §9.1 "Settled details" → Alerts) — pure: no I/O, no clock.
 */
import { TZDate } from '@date-fns/tz';
import type { Bilingual } from '../http/locale.js';
import type { AlertKind, AlertStatus } from './schema.js';

export type AlertAction = 'resolve' | 'escalate' | 'route';
export type Handler = 'owner' | 'ceo' | 'director';
type Person = { id: number; role: string; trackId: number | null };
type AlertFacts = { kind: AlertKind; status: AlertStatus; trackId: number; amId: number | null };

const DAY_MS = 24 * 3_600_000;
/** An SLA of n days = n × 24 h (SPEC §9.1 "Requests"). */
export const dueAtOf = (raisedAt: Date, slaDays: number) => new Date(raisedAt.getTime() + slaDays * DAY_MS);
/** Only open alerts are overdue, from the instant they are due. */
export const isOverdue = (status: AlertStatus, dueAt: Date, now: Date) => status === 'open' && now >= dueAt;

/**
 * The status graph: `open` → resolved | escalated | routed (the alert's owner: the director; the AM for
 * `commodity_deviation`); `escalated` → resolved | routed (the CEO); `routed` → resolved (the director,
 * once the project's work is done). Any other move answers 409.
 */
const MOVES: Record<AlertStatus, Partial<Record<AlertAction, { to: AlertStatus; by: Handler }>>> = {
  open: {
    resolve: { to: 'resolved', by: 'owner' },
    escalate: { to: 'escalated', by: 'owner' },
    route: { to: 'routed', by: 'owner' },
  },
  escalated: { resolve: { to: 'resolved', by: 'ceo' }, route: { to: 'routed', by: 'ceo' } },
  routed: { resolve: { to: 'resolved', by: 'director' } },
  resolved: {},
};

export const moveOf = (status: AlertStatus, action: AlertAction) => MOVES[status][action] ?? null;

/** Whether this person is the one the move waits for. */
export function isHandler(by: Handler, a: AlertFacts, p: Person): boolean {
  if (by === 'ceo') return p.role === 'ceo';
  const director = p.role === 'director' && p.trackId === a.trackId;
  if (by === 'director' || a.kind !== 'commodity_deviation') return director;
  return p.role === 'am' && a.amId === p.id;
}

export const mayAct = (a: AlertFacts, action: AlertAction, p: Person | null) => {
  const move = moveOf(a.status, action);
  return move !== null && p !== null && isHandler(move.by, a, p);
};

export type Version = { orderMonth: string | null; amount: number | null };

/**
 * The dual-version gap (SPEC §6.4, §9.1): for an opportunity in `H` with both versions,
 * |rolling − precision| ÷ precision above the threshold, or different order months unless the month
 * rule is off. `null` when the opportunity is not one the rule looks at.
 */
export function gapOf(
  stage: string,
  rolling: Version | null,
  precision: Version | null,
  settings: { gapThreshold: number; gapMonthRule: boolean },
): { gap: boolean; ratio: number | null; monthsDiffer: boolean } | null {
  if (stage !== 'H' || !rolling || !precision) return null;
  if (rolling.amount === null || precision.amount === null) return null;
  const ratio = precision.amount === 0 ? null : Math.abs(rolling.amount - precision.amount) / precision.amount;
  const amountGap = ratio === null ? rolling.amount !== 0 : ratio > settings.gapThreshold;
  const monthsDiffer = rolling.orderMonth !== precision.orderMonth;
  return { gap: amountGap || (settings.gapMonthRule && monthsDiffer), ratio, monthsDiffer };
}

/**
 * Commodity deviation (SPEC §6.5): |orders − target| ÷ target above the threshold (0: any difference);
 * orders without a target deviate whatever the threshold.
 */
export function deviates(orders: number, target: number, threshold: number): boolean {
  const diff = Math.abs(orders - target);
  if (diff < 0.005) return false;
  if (target === 0) return true;
  return diff / Math.abs(target) > threshold;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local month (`YYYY-MM`) and day (`YYYY-MM-DD`) of an instant in the time zone. */
export function localDay(at: Date, timeZone: string): { month: string; date: string } {
  const local = new TZDate(at.getTime(), timeZone);
  const month = `${local.getFullYear()}-${pad(local.getMonth() + 1)}`;
  return { month, date: `${month}-${pad(local.getDate())}` };
}

/** The instant of a local date (`YYYY-MM-DD`) at `HH:mm` in the time zone. */
export function localInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, timeZone).getTime());
}

/** The day-25 check of a month: the configured day (1–28) and time, in the time zone. */
export const day25Moment = (month: string, day: number, time: string, timeZone: string) =>
  localInstant(`${month}-${pad(day)}`, time, timeZone);

export const KIND_NAMES: Record<AlertKind, Bilingual> = {
  day25: { zh: '25日检查', en: 'day-25 check' },
  dual_version_gap: { zh: '双版本差异', en: 'dual-version gap' },
  coverage_shortfall: { zh: '机会池覆盖不足', en: 'pipeline coverage shortfall' },
  delay: { zh: '商机延期', en: 'delay' },
  commodity_deviation: { zh: '商品模接单偏差', en: 'commodity order deviation' },
};
