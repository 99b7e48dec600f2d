import type { OpportunityKind } from '../forecast/schema.js';
import type { OrganisationSeed } from './builders.js';
import type { DemoFacts } from './facts.js';
import { createRandom, type Random } from './prng.js';

/**
 * The demo's opportunities, planned from the demo's facts (SPEC §10, issue 10 item 10): each customer's
 * shipments over the three years are carried by a sequence of won programmes (mass production and mold
 * development for the integrated line, commodity molds for the commodity line) whose codes the
 * shipment and SAP order rows carry; beside them, opportunities that were lost and a pipeline of open
 * ones reaching past `now`. Pure and deterministic: the replay (forecast.ts) turns it into states
 * through the product's own functions.
 */
export type PlannedOpportunity = {
  code: string;
  name: string;
  customerCode: string;
  trackCode: string;
  line: 'integrated' | 'commodity';
  kind: OpportunityKind;
  /** Month the opportunity is entered (the replay clamps it to the timeline's start). */
  createdMonth: string;
  /** Month of the first rolling forecast's order; earlier than `orderMonth` when it is pushed later. */
  firstOrderMonth: string;
  orderMonth: string;
  /** True monthly shipments in cents: the tagged actuals for past months, an estimate for later ones. */
  shipments: Record<string, number>;
  /** Σ shipment rows carrying the code, in cents (what "fully shipped" compares with). */
  taggedCents: number;
  fate: 'won' | 'lost' | 'open';
  /** Stage moves after creation, each in a month (`won` at the order month, `lost` at its month). */
  moves: { month: string; stage: 'L' | 'M' | 'H' | 'won' | 'lost' }[];
  initialStage: 'lead' | 'L' | 'M';
  /** Over- / under-forecasting of this opportunity's AM and track (a factor on estimates). */
  bias: number;
  /** Spread of the estimates (per month ahead). */
  spread: number;
  /**
   * Mass production called off month by month (SPEC §9.1 "Order schedule"): each monthly order's share
   * of the amount, the first in the order month and one a month after it.
   */
  callOffShares?: number[];
};

export type ForecastPlan = { opportunities: PlannedOpportunity[]; start: string; end: string };

const PRODUCTS = [
  '外壳',
  '中框',
  '支架',
  '面板',
  '底座',
  '电池盖',
  '导光板',
  '连接器壳体',
  '按键',
  '散热罩',
  '镜座',
  '卡扣',
];
const KIND_LABEL: Record<OpportunityKind, string> = {
  mold_development: '模具开发',
  mass_production: '量产',
  commodity_mold: '商品模',
};
/** Tracks whose forecasts are poor (red on dimension 6) or good. */
const TRACK_SPREAD: Record<string, number> = { HOME: 2.6, AUTO: 1.5, CE2: 1.1, CE1: 0.8, MED: 0.9, CMS: 0.9, CMO: 1.7 };
/** 智能家居 over-forecasts and 商品模·海外 under-forecasts, so their dimension 6 shows red. */
const TRACK_BIAS: Record<string, number> = { HOME: 1.3, CMO: 0.78 };

export const addMonth = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};
const monthsBetween = (a: string, b: string) => {
  const [ya, ma] = a.split('-').map(Number) as [number, number];
  const [yb, mb] = b.split('-').map(Number) as [number, number];
  return yb * 12 + mb - (ya * 12 + ma);
};
const toCents = (amount: number) => Math.round(amount * 100);

/**
 * Plans the opportunities and writes their codes into the facts' shipment and order rows (before they
 * are written back). `nowMonth` is the month of the demo's "now" in its time zone.
 */
export function planDemoForecast(org: OrganisationSeed, facts: DemoFacts, nowMonth: string, seed = 11): ForecastPlan {
  const random = createRandom(seed);
  // A stream of its own, so that every other planned value stays as it was without call-offs.
  const callOffRandom = createRandom(seed + CALL_OFF_SEED);
  const lineOf = new Map(org.tracks.map((t) => [t.code, t.businessLine]));
  const amTrack = new Map(org.users.filter((u) => u.role === 'am').map((u) => [u.username, u.trackCode!]));
  const start = `${Number(nowMonth.slice(0, 4)) - 2}-01`;
  const end = addMonth(nowMonth, 9);
  const rowsByCustomer = new Map<string, Map<string, Record<string, unknown>[]>>();
  for (const row of facts.shipments) {
    const month = String(row.date).slice(0, 7);
    const byMonth = rowsByCustomer.get(String(row.customerCode)) ?? new Map();
    rowsByCustomer.set(String(row.customerCode), byMonth);
    byMonth.set(month, [...(byMonth.get(month) ?? []), row]);
  }
  const ordersByKey = new Map(facts.orders.map((o) => [`${o.customerCode}:${String(o.date).slice(0, 7)}`, o]));
  const amBias = new Map<string, number>();
  const planned: PlannedOpportunity[] = [];
  let seq = 0;
  const nextCode = (month: string) => `OP${month.slice(2, 4)}${String(++seq).padStart(5, '0')}`;

  for (const customer of org.customers) {
    const trackCode = amTrack.get(customer.amUsername)!;
    const line = lineOf.get(trackCode)!;
    if (!amBias.has(customer.amUsername)) amBias.set(customer.amUsername, 0.92 + random.next() * 0.22);
    const bias = amBias.get(customer.amUsername)! * (TRACK_BIAS[trackCode] ?? 1);
    const spread = (TRACK_SPREAD[trackCode] ?? 1) * (0.8 + random.next() * 0.4);
    const rows = rowsByCustomer.get(customer.code) ?? new Map<string, Record<string, unknown>[]>();
    const level = averageLevel(rows, nowMonth);
    if (level === 0) continue;
    const short = customer.name
      .replace(/^(..)/, '')
      .replace(/(股份)?有限公司$/, '')
      .slice(0, 4);
    const common = (kind: OpportunityKind, month: string) => ({
      code: nextCode(month),
      name: `${short}${random.pick(PRODUCTS)}${KIND_LABEL[kind]}项目`,
      customerCode: customer.code,
      trackCode,
      line,
      kind,
      bias,
      spread,
    });
    // Won programmes, one after another, carrying the customer's shipments; the last ones reach past now.
    for (let first = addMonth(start, -random.int(0, 4)); first <= end; ) {
      const kind: OpportunityKind =
        line === 'commodity' ? 'commodity_mold' : random.chance(0.18) ? 'mold_development' : 'mass_production';
      const length =
        kind === 'commodity_mold'
          ? random.int(4, 7)
          : kind === 'mold_development'
            ? random.int(1, 2)
            : random.int(7, 15);
      const last = addMonth(first, length - 1);
      const orderMonth = addMonth(first, kind === 'mold_development' ? -random.int(1, 2) : -1);
      const lead = random.int(2, 7);
      const createdMonth = addMonth(orderMonth, -lead);
      // Call-offs stop two months before the last shipment, so they never reach the next programme's order.
      const shares = kind === 'mass_production' ? callOffShares(callOffRandom, length - 1) : undefined;
      const o = {
        ...common(kind, createdMonth),
        ...(shares ? { callOffShares: shares } : {}),
        createdMonth,
        orderMonth,
        firstOrderMonth: orderMonth,
        shipments: {} as Record<string, number>,
        taggedCents: 0,
        fate: (orderMonth < nowMonth ? 'won' : 'open') as PlannedOpportunity['fate'],
        moves: [] as PlannedOpportunity['moves'],
        initialStage: 'lead' as PlannedOpportunity['initialStage'],
      };
      for (let m = first; m <= last; m = addMonth(m, 1)) {
        let cents = 0;
        for (const row of rows.get(m) ?? []) {
          if (random.chance(0.05)) continue; // a delivery note without the code: an unmatched shipment
          row.opportunityCode = o.code;
          cents += toCents(Number(row.amount));
        }
        o.taggedCents += cents;
        // From the current month on, the true amount is still to come: the customer's usual level.
        if (m >= nowMonth) o.shipments[m] = Math.max(cents, toCents(level * (0.85 + random.next() * 0.3)));
        else if (cents > 0) o.shipments[m] = cents;
      }
      // SAP's order line of each call-off month carries the code.
      for (let i = 0; i < (shares?.length ?? 1); i++) {
        const order = ordersByKey.get(`${customer.code}:${addMonth(orderMonth, i)}`);
        if (order && o.fate === 'won') order.opportunityCode = o.code;
      }
      if (Object.keys(o.shipments).length > 0) {
        pushAndStages(o, nowMonth, random);
        planned.push(o);
      }
      first = addMonth(last, 1);
    }
    // Lost ones: a competitor won, the project was cancelled.
    const lostCount = random.int(0, 2);
    for (let k = 0; k < lostCount; k++) {
      const kind: OpportunityKind =
        line === 'commodity' ? 'commodity_mold' : random.chance(0.3) ? 'mold_development' : 'mass_production';
      const orderMonth = addMonth(start, random.int(3, monthsBetween(start, nowMonth) + 4));
      const createdMonth = addMonth(orderMonth, -random.int(3, 7));
      const length = kind === 'mass_production' ? random.int(4, 9) : random.int(1, 3);
      const shipments: Record<string, number> = {};
      for (let i = 1; i <= length; i++)
        shipments[addMonth(orderMonth, i)] = toCents(level * (0.4 + random.next() * 0.6));
      const o: PlannedOpportunity = {
        ...common(kind, createdMonth),
        createdMonth,
        orderMonth,
        firstOrderMonth: orderMonth,
        shipments,
        taggedCents: 0,
        fate: 'lost',
        moves: [],
        initialStage: 'lead',
      };
      const shares = kind === 'mass_production' ? callOffShares(callOffRandom, length) : undefined;
      if (shares) o.callOffShares = shares;
      pushAndStages(o, nowMonth, random);
      planned.push(o);
    }
  }
  planned.sort((a, b) => (a.code < b.code ? -1 : 1));
  return { opportunities: planned, start, end };
}

const CALL_OFF_SEED = 7;

/**
 * About a third of mass production is ordered as monthly call-offs: 4–9 orders (at most `maxMonths`)
 * of varying size; the shares sum to 1.
 */
function callOffShares(random: Random, maxMonths: number): number[] | undefined {
  if (!random.chance(1 / 3)) return undefined;
  const weights = Array.from({ length: Math.min(random.int(4, 9), maxMonths) }, () => 0.55 + random.next() * 0.9);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/** The customer's usual monthly shipments (the last six full months), for estimates past now. */
function averageLevel(rows: Map<string, Record<string, unknown>[]>, nowMonth: string): number {
  let sum = 0;
  for (let k = 1; k <= 6; k++) for (const row of rows.get(addMonth(nowMonth, -k)) ?? []) sum += Number(row.amount);
  return sum / 6;
}

/** A push for some (the first forecast's month earlier), and the stage moves spread before the order. */
function pushAndStages(o: PlannedOpportunity, nowMonth: string, random: Random): void {
  const lead = monthsBetween(o.createdMonth, o.orderMonth);
  if (lead >= 3 && random.chance(0.22))
    o.firstOrderMonth = addMonth(o.orderMonth, -random.int(1, Math.min(2, lead - 2)));
  const roll = random.next();
  o.initialStage = roll < 0.35 ? 'lead' : roll < 0.75 ? 'L' : 'M';
  const ladder = (['L', 'M', 'H'] as const).slice(o.initialStage === 'lead' ? 0 : o.initialStage === 'L' ? 1 : 2);
  const at = (k: number) => addMonth(o.createdMonth, Math.max(0, Math.round(((k + 1) * lead) / (ladder.length + 1))));
  if (o.fate === 'lost') {
    const reached = random.int(0, ladder.length);
    ladder.slice(0, reached).forEach((stage, k) => {
      o.moves.push({ month: at(k), stage });
    });
    const lostMonth = addMonth(o.orderMonth, random.int(-1, 1));
    o.moves = o.moves.filter((m) => m.month <= lostMonth);
    o.moves.push({ month: lostMonth, stage: 'lost' });
    return;
  }
  ladder.forEach((stage, k) => {
    o.moves.push({ month: at(k), stage });
  });
  if (o.orderMonth < nowMonth || (o.orderMonth === nowMonth && random.chance(0.3)))
    o.moves.push({ month: o.orderMonth, stage: 'won' });
  if (o.fate === 'open' && o.moves.some((m) => m.stage === 'won')) o.fate = 'won';
}
