import type { OrganisationSeed } from './builders.js';
import { createRandom, type Random } from './prng.js';

/**
 * Three years of monthly-seasonal write-back rows for the demo company, in the SPEC §9 row formats, so
 * the demo travels the same path as real ERP/SAP data. Shaped to tell stories on the board: some AMs
 * far below target, one track with a DSO problem (医疗健康), one with expense overruns (智能家居), one
 * with thin margins (汽车电子), a commodity track that over-delivers.
 */
export type DemoFacts = {
  shipments: Record<string, unknown>[];
  plans: Record<string, unknown>[];
  orders: Record<string, unknown>[];
  expenses: Record<string, unknown>[];
  receivables: Record<string, unknown>[];
  targets: Record<string, unknown>[];
  closedMonths: string[];
};

type TrackProfile = { costRatio: number; expenseRate: number; collectionDays: number; performance: number };
const PROFILES: Record<string, TrackProfile> = {
  CE1: { costRatio: 0.76, expenseRate: 0.032, collectionDays: 70, performance: 1.02 },
  CE2: { costRatio: 0.78, expenseRate: 0.038, collectionDays: 80, performance: 0.93 },
  AUTO: { costRatio: 0.87, expenseRate: 0.03, collectionDays: 85, performance: 0.95 },
  MED: { costRatio: 0.72, expenseRate: 0.04, collectionDays: 140, performance: 0.96 },
  HOME: { costRatio: 0.79, expenseRate: 0.071, collectionDays: 75, performance: 0.8 },
  CMS: { costRatio: 0.74, expenseRate: 0.035, collectionDays: 60, performance: 1.08 },
  CMO: { costRatio: 0.77, expenseRate: 0.05, collectionDays: 95, performance: 1.0 },
};

// Chinese New Year in January/February, the year-end push in Q4.
const SEASON = [0.78, 0.62, 0.95, 1.0, 1.02, 1.04, 0.98, 1.0, 1.06, 1.08, 1.14, 1.22];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const cents = (x: number) => Math.round(x * 100) / 100;

type Am = {
  code: string;
  trackCode: string;
  base: number;
  performance: number;
  customers: { code: string; weight: number }[];
};

function amsOf(org: OrganisationSeed, random: Random): Am[] {
  const userCode = new Map(org.users.map((u) => [u.username, u]));
  return org.users
    .filter((u) => u.role === 'am')
    .map((u) => {
      const customers = org.customers
        .filter((c) => c.amUsername === u.username)
        .map((c) => ({ code: c.code, weight: 0.3 + random.next() ** 2 * 3 }));
      const total = customers.reduce((s, c) => s + c.weight, 0);
      const profile = PROFILES[u.trackCode!]!;
      return {
        code: userCode.get(u.username)!.code,
        trackCode: u.trackCode!,
        base: 800_000 + random.next() * 3_200_000,
        performance: profile.performance * (0.8 + random.next() * 0.4),
        customers: customers.map((c) => ({ ...c, weight: c.weight / total })),
      };
    });
}

/** Months from January two years before `now` through the month of `now` (the current one to date). */
function monthsUpTo(now: Date): { y: number; m: number; lastDay: number }[] {
  const endY = now.getUTCFullYear();
  const endM = now.getUTCMonth() + 1;
  const out: { y: number; m: number; lastDay: number }[] = [];
  for (let y = endY - 2; y <= endY; y++) {
    for (let m = 1; m <= 12; m++) {
      if (y === endY && m > endM) break;
      out.push({ y, m, lastDay: y === endY && m === endM ? Math.max(1, now.getUTCDate() - 1) : daysIn(y, m) });
    }
  }
  return out;
}

export function demoFacts(org: OrganisationSeed, now: Date, seed = 7): DemoFacts {
  const random = createRandom(seed);
  const ams = amsOf(org, random);
  const facts: DemoFacts = {
    shipments: [],
    plans: [],
    orders: [],
    expenses: [],
    receivables: [],
    targets: [],
    closedMonths: [],
  };
  const months = monthsUpTo(now);
  const recent = new Map<string, number[]>();
  months.forEach(({ y, m, lastDay }, index) => {
    const growth = 1 + 0.08 * (y - months[0]!.y);
    const partial = lastDay / daysIn(y, m);
    for (const am of ams) {
      const profile = PROFILES[am.trackCode]!;
      const plan = am.base * SEASON[m - 1]! * growth;
      const actual = plan * am.performance * (0.85 + random.next() * 0.3) * partial;
      facts.targets.push({
        year: y,
        month: m,
        kind: 'sales',
        trackCode: am.trackCode,
        amCode: am.code,
        amount: cents(plan),
      });
      facts.targets.push({
        year: y,
        month: m,
        kind: 'orders',
        trackCode: am.trackCode,
        amCode: am.code,
        amount: cents(plan * 1.05),
      });
      for (const customer of am.customers) {
        const amount = actual * customer.weight;
        if (amount < 1000) continue;
        const lines = amount > 400_000 ? 3 : amount > 120_000 ? 2 : 1;
        for (let line = 1; line <= lines; line++) {
          const lineAmount = cents(amount / lines);
          const withCost = random.chance(0.88);
          const costRatio = profile.costRatio * (0.94 + random.next() * 0.12);
          facts.shipments.push({
            source: 'ERP',
            docNo: `DN${y}${String(m).padStart(2, '0')}${customer.code.slice(-5)}`,
            lineNo: line,
            date: iso(y, m, random.int(1, lastDay)),
            customerCode: customer.code,
            amount: lineAmount,
            ...(withCost ? { cost: cents(lineAmount * costRatio) } : {}),
          });
        }
        const orderAmount = amount * (0.8 + random.next() * 0.5) * (am.trackCode.startsWith('CM') ? 1.05 : 1);
        facts.orders.push({
          orderNo: `SO${y}${String(m).padStart(2, '0')}${customer.code.slice(-5)}`,
          lineNo: 10,
          date: iso(y, m, random.int(1, lastDay)),
          customerCode: customer.code,
          amount: cents(orderAmount),
        });
        const history = [...(recent.get(customer.code) ?? []), amount].slice(-6);
        recent.set(customer.code, history);
        // Month-end balance ≈ the last `collectionDays` of sales still unpaid.
        const unpaidMonths = profile.collectionDays / 30;
        const balance = history
          .slice()
          .reverse()
          .reduce((s, a, k) => s + a * Math.max(0, Math.min(1, unpaidMonths - k)), 0);
        if (lastDay === daysIn(y, m))
          facts.receivables.push({ asOf: iso(y, m, lastDay), customerCode: customer.code, balance: cents(balance) });
      }
      facts.expenses.push({
        docNo: `FY${y}${String(m).padStart(2, '0')}${am.code}`,
        lineNo: 1,
        date: iso(y, m, Math.min(25, lastDay)),
        trackCode: am.trackCode,
        amCode: am.code,
        category: '差旅招待',
        amount: cents(actual * profile.expenseRate * 0.8),
      });
    }
    for (const trackCode of Object.keys(PROFILES)) {
      const trackSales = ams
        .filter((a) => a.trackCode === trackCode)
        .reduce((s, a) => s + a.base * SEASON[m - 1]! * growth, 0);
      facts.expenses.push({
        docNo: `FY${y}${String(m).padStart(2, '0')}${trackCode}`,
        lineNo: 1,
        date: iso(y, m, Math.min(26, lastDay)),
        trackCode,
        category: '展会推广',
        amount: cents(trackSales * PROFILES[trackCode]!.expenseRate * 0.2 * partial),
      });
    }
    if (index < months.length - 1) facts.closedMonths.push(`${y}-${String(m).padStart(2, '0')}`);
  });
  addPlans(facts, ams, months.at(-1)!, random);
  return facts;
}

/** APS shipment plans for the current month and the next three. */
function addPlans(facts: DemoFacts, ams: Am[], last: { y: number; m: number }, random: Random) {
  for (let k = 0; k < 4; k++) {
    const date = new Date(Date.UTC(last.y, last.m - 1 + k, 1));
    const month = date.toISOString().slice(0, 7);
    for (const am of ams) {
      for (const customer of am.customers) {
        const amount = am.base * customer.weight * SEASON[date.getUTCMonth()]! * (0.9 + random.next() * 0.2);
        if (amount >= 1000)
          facts.plans.push({
            source: 'APS',
            planNo: `PL${month.replace('-', '')}${customer.code.slice(-5)}`,
            lineNo: 1,
            month,
            customerCode: customer.code,
            amount: cents(amount),
          });
      }
    }
  }
}
