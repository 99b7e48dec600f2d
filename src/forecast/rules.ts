import { TZDate } from '@date-fns/tz';
/**
 * The forecast's business rules (SPEC §6, §9.1 "Settled details") — pure: no I/O, no clock.
 */
import type { Bilingual } from '../http/locale.js';
import type { ForecastSettingsValues } from './contract.js';
import type { OpportunityKind, Stage } from './schema.js';

export type BusinessLine = 'integrated' | 'commodity';

/** 模具开发 / 量产 belong to the integrated line; 商品模 to the commodity line (SPEC §6.1). */
export const KINDS_OF_LINE: Record<BusinessLine, readonly OpportunityKind[]> = {
  integrated: ['mold_development', 'mass_production'],
  commodity: ['commodity_mold'],
};

export const DEFAULT_SETTINGS: ForecastSettingsValues = {
  stageProbabilities: { lead: 0.05, L: 0.2, M: 0.5, H: 0.8 },
  windowDays: 5,
  gapThreshold: 0.1,
  gapMonthRule: true,
  coverageThreshold: 1.5,
  day25Day: 25,
  day25Time: '09:00',
  commodityDeviationThreshold: 0,
  alertSlaDays: 2,
};

/** `won` is certain and `lost` is nothing, whatever the settings; the open stages are configured. */
export function probabilityOf(stage: Stage, settings: Pick<ForecastSettingsValues, 'stageProbabilities'>): number {
  if (stage === 'won') return 1;
  if (stage === 'lost') return 0;
  return settings.stageProbabilities[stage];
}

const OPEN_ORDER: readonly Stage[] = ['lead', 'L', 'M', 'H'];
/** `H` and later means `H` and `won` (SPEC §9.1). */
export const isHOrLater = (stage: Stage) => stage === 'H' || stage === 'won';
export const isOpen = (stage: Stage) => OPEN_ORDER.includes(stage);

/** For commodity opportunities the quote (`precision`) plays the rolling version's part everywhere. */
export const leadingVersion = (line: BusinessLine) => (line === 'commodity' ? 'precision' : 'rolling');

export type MonthAmounts = Record<string, number>;
export type VersionValues = {
  orderMonth: string | null;
  amount: number | null;
  shipments: MonthAmounts;
  orders?: MonthAmounts | undefined;
};

/** Amounts are kept to the cent. */
export const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * A version's order schedule: `orders` when it carries them (mass production call-offs), else
 * `{orderMonth: amount}`; empty while either is missing.
 */
export function scheduleOf(v: Pick<VersionValues, 'orderMonth' | 'amount' | 'orders'>): MonthAmounts {
  if (v.orders && Object.keys(v.orders).length > 0) return v.orders;
  if (v.orderMonth && v.amount !== null) return { [v.orderMonth]: v.amount };
  return {};
}

export type VersionProblem = { field: string; why: Bilingual };

/**
 * What a sent version becomes: with `orders`, the order month is its first month and the amount its sum
 * (a different orderMonth or amount sent beside them is refused, naming the field).
 */
export function normaliseVersion(input: {
  orderMonth?: string | null | undefined;
  amount?: number | null | undefined;
  shipments?: MonthAmounts | undefined;
  orders?: MonthAmounts | undefined;
}): { values: VersionValues; problems: VersionProblem[] } {
  const shipments = roundAll(input.shipments ?? {});
  const orders = input.orders && Object.keys(input.orders).length > 0 ? roundAll(input.orders) : undefined;
  if (!orders) {
    const values = { orderMonth: input.orderMonth ?? null, amount: nullableCents(input.amount), shipments };
    return { values, problems: [] };
  }
  const months = Object.keys(orders).sort();
  const orderMonth = months[0]!;
  const amount = cents(Object.values(orders).reduce((a, b) => a + b, 0));
  const problems: VersionProblem[] = [];
  if (input.orderMonth != null && input.orderMonth !== orderMonth)
    problems.push({ field: 'orderMonth', why: SCHEDULE_MONTH });
  if (input.amount != null && cents(input.amount) !== amount) problems.push({ field: 'amount', why: SCHEDULE_SUM });
  return { values: { orderMonth, amount, shipments, orders }, problems };
}

const SCHEDULE_MONTH: Bilingual = {
  zh: '带有按月订单（orders）时，下单月份为其第一个月',
  en: 'with monthly orders, the order month is their first month',
};
const SCHEDULE_SUM: Bilingual = {
  zh: '带有按月订单（orders）时，金额为其合计',
  en: 'with monthly orders, the amount is their sum',
};

const nullableCents = (amount: number | null | undefined) => (amount == null ? null : cents(amount));
const roundAll = (amounts: MonthAmounts): MonthAmounts =>
  Object.fromEntries(Object.entries(amounts).map(([m, a]) => [m, cents(a)]));

/** A push: the order month moves later (SPEC §9.1: it needs a reason and is counted). */
export const isPush = (before: string | null | undefined, after: string | null) =>
  before != null && after !== null && after > before;

/**
 * 精度版 gate (SPEC §6.4, §9.1): entering `H` needs a precision forecast (the quote for commodity) with
 * an order month, an amount above 0 and at least one shipment month; one field per thing missing.
 */
export function precisionMissing(precision: VersionValues | null): string[] {
  const missing: string[] = [];
  if (!precision?.orderMonth) missing.push('precision.orderMonth');
  if (!precision || precision.amount === null || precision.amount <= 0) missing.push('precision.amount');
  if (!precision || !Object.values(precision.shipments).some((a) => a > 0)) missing.push('precision.shipments');
  return missing;
}

export type StageMove =
  | { ok: true; needsPrecision: boolean }
  | { ok: false; status: 400 | 409; field?: string; why: Bilingual };

/**
 * Stage moves (SPEC §9.1): any among `lead L M H` and to `won`/`lost`; `won` is final; `lost` needs a
 * reason; a lost one may be reopened to `lead`–`M` with a reason; entering `H` from below it needs the
 * precision forecast; `won` needs none.
 */
export function checkStageMove(from: Stage, to: Stage, reason: string | undefined): StageMove {
  if (from === 'won') return { ok: false, status: 409, why: WON_IS_FINAL };
  if (to === 'lost' && !reason) return { ok: false, status: 400, field: 'reason', why: LOST_NEEDS_REASON };
  if (from === 'lost') {
    if (!['lead', 'L', 'M'].includes(to)) return { ok: false, status: 409, why: REOPEN_ONLY_BELOW_H };
    if (!reason) return { ok: false, status: 400, field: 'reason', why: REOPEN_NEEDS_REASON };
  }
  const needsPrecision = to === 'H' && (from === 'lead' || from === 'L' || from === 'M');
  return { ok: true, needsPrecision };
}

const WON_IS_FINAL: Bilingual = { zh: '已赢单的商机阶段不能再变更', en: 'a won opportunity keeps its stage' };
const LOST_NEEDS_REASON: Bilingual = { zh: '标记为丢单需填写原因', en: 'marking it lost needs a reason' };
const REOPEN_ONLY_BELOW_H: Bilingual = {
  zh: '丢单的商机只能重新打开到 lead、L 或 M 阶段',
  en: 'a lost opportunity can only be reopened to lead, L or M',
};
const REOPEN_NEEDS_REASON: Bilingual = {
  zh: '重新打开丢单的商机需填写原因',
  en: 'reopening a lost one needs a reason',
};

/** 完全出货: won, and the shipments carrying its code reach the amount of the version that leads. */
export function isFullyShipped(stage: Stage, shipped: number, leadingAmount: number | null): boolean {
  return stage === 'won' && leadingAmount !== null && shipped >= leadingAmount;
}

/** The calendar month of an instant in the time zone, `YYYY-MM`. */
export function monthOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
}

/** `YYYY-MM` plus n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * 滚动更新窗口 (SPEC §9.1): month M's window is days 1…windowDays in the time zone; it closes at day
 * windowDays + 1, 00:00, when M's snapshot is frozen.
 */
export function rollingWindow(month: string, windowDays: number, timeZone: string): { start: Date; close: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return {
    start: new Date(new TZDate(y, m - 1, 1, timeZone).getTime()),
    close: new Date(new TZDate(y, m - 1, windowDays + 1, timeZone).getTime()),
  };
}

/**
 * The months whose snapshot is owed at `now`: from the month after the last frozen one through the
 * latest month whose window has closed. With none frozen yet, from the first month whose window closed
 * after the first opportunity existed (`since`): no snapshot is invented for a time nothing was kept.
 */
export function owedSnapshotMonths(
  lastFrozen: string | null,
  since: Date | null,
  now: Date,
  windowDays: number,
  timeZone: string,
): string[] {
  const closeOf = (month: string) => rollingWindow(month, windowDays, timeZone).close;
  const current = monthOf(now, timeZone);
  const latest = now >= closeOf(current) ? current : addMonths(current, -1);
  let first: string;
  if (lastFrozen !== null) first = addMonths(lastFrozen, 1);
  else if (since === null) return [];
  else {
    first = monthOf(since, timeZone);
    if (closeOf(first) < since) first = addMonths(first, 1);
  }
  const months: string[] = [];
  for (let m = first; m <= latest; m = addMonths(m, 1)) months.push(m);
  return months;
}
