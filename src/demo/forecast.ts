import { TZDate } from '@date-fns/tz';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/client.js';
import { lockBaseline } from '../forecast/baseline.js';
import { createOpportunity } from '../forecast/opportunities.js';
import { approveRequest, executeRequest, rejectRequest, withdrawRequest } from '../forecast/request-decisions.js';
import { submitRequest } from '../forecast/requests.js';
import { opportunities as opportunityTable } from '../forecast/schema.js';
import { freezeOwedSnapshots } from '../forecast/snapshots.js';
import { changeStage } from '../forecast/stage.js';
import { putForecast } from '../forecast/versions.js';
import type { UserActor } from '../org/permissions.js';
import { customers } from '../org/schema.js';
import type { OrganisationSeed } from './builders.js';
import { seedDemoAlerts } from './forecast-alerts.js';
import { addMonth, type ForecastPlan, type PlannedOpportunity, planDemoForecast } from './forecast-plan.js';
import { loadPeople, type People } from './people.js';
import { createRandom, type Random } from './prng.js';
import { seedDemoFacts } from './seed.js';
import { Timeline } from './timeline.js';

/**
 * The demo's sales forecast (SPEC §10, issue 10 item 10), replayed month by month through the
 * product's own functions from January two years before `now`: opportunities entered, stages moved
 * (the precision forecast or quote written before `H`), each month's window with the AMs' rolling
 * updates (some late, some missing, pushes with reasons), the snapshot frozen at each close as the job
 * does, the baselines locked in January, and target change requests in every state.
 */
const MONTHS_WITH_FULL_UPDATES = 4;
const WINDOW_DAYS = 5;

type Live = {
  plan: PlannedOpportunity;
  id: number;
  am: UserActor;
  orderMonth: string;
  stage: string;
  reconciled: boolean;
};

type Replay = {
  db: Db;
  random: Random;
  timeZone: string;
  people: People;
  admin: UserActor;
  timeline: Timeline;
  live: Map<string, Live>;
  nowMonth: string;
};

const at = (month: string, day: number, hour: number, minute: number, timeZone: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, day, hour, minute, timeZone).getTime());
};
const money = (cents: number) => Math.round(cents) / 100;

export async function seedDemoForecast(
  db: Db,
  plan: ForecastPlan,
  options: { now: Date; timeZone: string; seed?: number },
): Promise<{ opportunities: number }> {
  const { now, timeZone } = options;
  const people = await loadPeople(db);
  const admin = people.byUsername.get('admin');
  if (!admin) throw new Error('the demo forecast needs the admin');
  const nowLocal = new TZDate(now.getTime(), timeZone);
  const nowMonth = `${nowLocal.getFullYear()}-${String(nowLocal.getMonth() + 1).padStart(2, '0')}`;
  const r: Replay = {
    db,
    random: createRandom(options.seed ?? 4242),
    timeZone,
    people,
    admin,
    timeline: new Timeline(now),
    live: new Map(),
    nowMonth,
  };
  const customerRows = await db
    .select({ id: customers.id, code: customers.code, amId: customers.amId })
    .from(customers);
  const customerByCode = new Map(customerRows.map((c) => [c.code, c]));
  // The replay starts in January of last year; what was decided before then is entered at its start.
  const start = addMonth(plan.start, 12);
  const startAt = at(start, 2, 9, 0, timeZone);
  const justAfterStart = new Date(startAt.getTime() + 60_000);

  for (const o of plan.opportunities) {
    const customer = customerByCode.get(o.customerCode);
    if (!customer) continue;
    const am = people.byId.get(customer.amId)!;
    const created =
      o.createdMonth < start ? startAt : at(o.createdMonth, r.random.int(6, 27), 10, r.random.int(0, 59), timeZone);
    const shippedBefore = (Object.keys(o.shipments).at(-1) ?? '') < start;
    r.timeline.at(created, (when) => create(r, o, customer.id, am, when, shippedBefore));
    // Of the moves before the start only the last counts: the state the opportunity had reached.
    const before = o.moves.filter((m) => m.month < start).at(-1);
    for (const move of [...(before ? [before] : []), ...o.moves.filter((m) => m.month >= start)]) {
      const when =
        move.month < start ? justAfterStart : at(move.month, r.random.int(7, 26), 14, r.random.int(0, 59), timeZone);
      r.timeline.at(when < created ? new Date(created.getTime() + 60_000) : when, (w) =>
        moveStage(r, o.code, move.stage, w),
      );
    }
  }
  const amIds = people.all.filter((p) => p.role === 'am');
  const diligence = new Map(amIds.map((a) => [a.id, 0.55 + r.random.next() * 0.45]));
  for (let month = start; month <= nowMonth; month = addMonth(month, 1)) {
    const full = monthsAgo(month, nowMonth) < MONTHS_WITH_FULL_UPDATES;
    for (const am of amIds) {
      const roll = r.random.next();
      const late = roll < 0.12;
      const missing = roll > 0.95 || (!full && roll > 0.5);
      if (missing) continue;
      const day = late ? r.random.int(WINDOW_DAYS + 2, WINDOW_DAYS + 5) : r.random.int(1, WINDOW_DAYS);
      const share = full ? diligence.get(am.id)! : 0.15;
      const m = month;
      r.timeline.at(at(month, day, 9 + r.random.int(0, 8), r.random.int(0, 59), timeZone), (w) =>
        monthlyUpdate(r, am, m, share, w),
      );
    }
    // The snapshot job at the window's close.
    r.timeline.at(at(month, WINDOW_DAYS + 1, 0, 0, timeZone), (w) =>
      freezeOwedSnapshots(db, w, timeZone).then(() => {}),
    );
    if (month.endsWith('-01') && month >= start)
      r.timeline.at(at(month, 12, 10, 0, timeZone), (w) =>
        lockBaseline(db, Number(month.slice(0, 4)), { actor: admin, now: w }),
      );
  }
  scheduleRequests(r, now);
  await r.timeline.run();
  await freezeOwedSnapshots(db, now, timeZone);
  return { opportunities: r.live.size };
}

const monthsAgo = (month: string, nowMonth: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const [ny, nm] = nowMonth.split('-').map(Number) as [number, number];
  return ny * 12 + nm - (y * 12 + m);
};

/** The AM's estimate of an opportunity in `month`: the true values blurred, more so the further ahead. */
function estimate(r: Replay, l: Live, month: string, orderMonth: string) {
  const o = l.plan;
  const shift = monthsAgo(orderMonth, o.orderMonth); // > 0 while the order is (wrongly) expected earlier
  const shipments: Record<string, number> = {};
  let total = 0;
  for (const [m, cents] of Object.entries(o.shipments)) {
    const target = addMonth(m, -shift);
    const ahead = Math.max(0, -monthsAgo(target, month));
    const noise =
      m < month ? 1 : o.bias * (1 + (r.random.next() * 2 - 1) * o.spread * (0.06 + 0.05 * Math.min(ahead, 8)));
    const value = money(cents * Math.max(0.05, noise));
    shipments[target] = value;
    total += cents;
  }
  // Won ones stay above what shipped until the AM reconciles after the last shipment month.
  const amount = l.reconciled
    ? money(o.taggedCents)
    : money(Math.max(total, o.taggedCents) * (1.01 + r.random.next() * 0.06));
  const orders = o.callOffShares ? callOffOrders(orderMonth, amount, o.callOffShares) : undefined;
  return { orderMonth, amount, shipments, ...(orders ? { orders } : {}) };
}

/**
 * Monthly call-off orders from the expected order month on, the amount split by the plan's shares to
 * the cent (the last takes the rounding), so the product finds the same order month and amount.
 */
function callOffOrders(orderMonth: string, amount: number, shares: number[]): Record<string, number> {
  const total = Math.round(amount * 100);
  let left = total;
  const orders: Record<string, number> = {};
  shares.forEach((share, i) => {
    const part = i === shares.length - 1 ? left : Math.round(total * share);
    left -= part;
    orders[addMonth(orderMonth, i)] = part / 100;
  });
  return orders;
}

async function create(
  r: Replay,
  o: PlannedOpportunity,
  customerId: number,
  am: UserActor,
  when: Date,
  shippedBefore: boolean,
): Promise<void> {
  const ctx = { actor: am, now: when, timeZone: r.timeZone };
  // Won and shipped before the replay starts: entered as it ended, reconciled to what shipped.
  const done = o.fate === 'won' && shippedBefore;
  const orderMonth = done ? o.orderMonth : o.firstOrderMonth;
  const l: Live = { plan: o, id: 0, am, orderMonth, stage: o.initialStage, reconciled: done };
  const values = estimate(r, l, monthOfDate(r, when), orderMonth);
  l.id = await createOpportunity(
    r.db,
    {
      code: o.code,
      name: o.name,
      customerId,
      kind: o.kind,
      stage: o.initialStage,
      ...(o.line === 'integrated' ? { rolling: values } : {}),
    },
    ctx,
  );
  if (o.line === 'commodity') await putForecast(r.db, l.id, 'precision', quote(values, r.random), ctx);
  r.live.set(o.code, l);
}

const quote = (values: { orderMonth: string; amount: number; shipments: Record<string, number> }, random: Random) => {
  const unitPrice = 20 + random.int(0, 400);
  return {
    ...values,
    items: [
      {
        partNo: `P-${random.int(10000, 99999)}`,
        quantity: Math.max(1, Math.round(values.amount / unitPrice)),
        unitPrice,
      },
    ],
  };
};

const monthOfDate = (r: Replay, when: Date) => {
  const local = new TZDate(when.getTime(), r.timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
};

const LOST_REASONS = [
  '客户选择了竞争对手',
  '项目被客户取消',
  '价格未达成一致',
  '客户推迟立项，转为明年再议',
  '技术方案未通过客户评审',
];
const PUSH_REASONS = ['客户项目延期', '样品验证推迟', '客户内部审批延后', '终端需求下调，客户推迟下单'];

async function moveStage(r: Replay, code: string, stage: PlannedOpportunity['moves'][number]['stage'], when: Date) {
  const l = r.live.get(code);
  if (!l || l.stage === 'lost' || l.stage === 'won') return;
  const ctx = { actor: l.am, now: when, timeZone: r.timeZone };
  if (stage === 'H' && (l.stage === 'lead' || l.stage === 'L' || l.stage === 'M')) {
    // The precision forecast from the quote (for commodity: the quote) before entering H.
    const values = estimate(r, l, monthOfDate(r, when), l.orderMonth);
    const version = l.plan.line === 'commodity' ? quote(values, r.random) : values;
    await putForecast(r.db, l.id, 'precision', version, ctx);
  }
  await changeStage(r.db, l.id, { stage, ...(stage === 'lost' ? { reason: r.random.pick(LOST_REASONS) } : {}) }, ctx);
  l.stage = stage;
}

/** An AM's monthly update: every open or still-shipping opportunity of theirs, or a share of them. */
async function monthlyUpdate(r: Replay, am: UserActor, month: string, share: number, when: Date): Promise<void> {
  for (const l of r.live.values()) {
    if (l.am.id !== am.id || l.stage === 'lost' || l.reconciled) continue;
    const shipMonths = Object.keys(l.plan.shipments);
    const lastShip = shipMonths.at(-1)!;
    const reconcile = l.stage === 'won' && lastShip < month && month <= r.nowMonth;
    if (!reconcile && !r.random.chance(share)) continue;
    if (reconcile) l.reconciled = true;
    const orderMonth = month < l.plan.firstOrderMonth ? l.plan.firstOrderMonth : l.plan.orderMonth;
    const values = estimate(r, l, month, orderMonth);
    const pushed = orderMonth > l.orderMonth;
    const reason = pushed ? r.random.pick(PUSH_REASONS) : undefined;
    const ctx = { actor: am, now: when, timeZone: r.timeZone };
    const version = l.plan.line === 'commodity' ? 'precision' : 'rolling';
    const body = l.plan.line === 'commodity' ? quote(values, r.random) : values;
    await putForecast(r.db, l.id, version, { ...body, ...(reason ? { reason } : {}) }, ctx);
    l.orderMonth = orderMonth;
  }
}

/** Target change requests in every state, in the current year (or the last one early in January). */
function scheduleRequests(r: Replay, now: Date): void {
  const year = Number(r.nowMonth.slice(0, 4));
  const lockedThisYear = now.getTime() > at(`${year}-01`, 12, 12, 0, r.timeZone).getTime() + 6 * 86_400_000;
  const recentYear = lockedThisYear ? year : year - 1;
  const DAY = 86_400_000;
  const ago = (days: number, hour = 10) => new Date(now.getTime() - days * DAY + hour * 60_000);
  type Plan = {
    when: Date;
    year: number;
    outcome: 'executed' | 'rejected' | 'withdrawn' | 'overdue' | 'pending' | 'adjust';
  };
  const plans: Plan[] = [];
  for (const m of [3, 6, 9])
    plans.push({
      when: at(`${year - 1}-${String(m).padStart(2, '0')}`, 15, 10, 0, r.timeZone),
      year: year - 1,
      outcome: 'executed',
    });
  plans.push({ when: at(`${year - 1}-07`, 20, 10, 0, r.timeZone), year: year - 1, outcome: 'rejected' });
  plans.push({ when: at(`${year - 1}-10`, 20, 10, 0, r.timeZone), year: year - 1, outcome: 'adjust' });
  if (lockedThisYear) {
    const span = Math.max(10, (now.getTime() - at(`${year}-01`, 20, 10, 0, r.timeZone).getTime()) / DAY);
    for (const f of [0.2, 0.5, 0.75]) plans.push({ when: ago(span * (1 - f)), year, outcome: 'executed' });
    plans.push({ when: ago(Math.min(span, 20)), year, outcome: 'rejected' });
    plans.push({ when: ago(Math.min(span, 12)), year, outcome: 'withdrawn' });
  }
  plans.push({ when: ago(5), year: recentYear, outcome: 'overdue' });
  plans.push({ when: ago(1, 30), year: recentYear, outcome: 'pending' });
  const used = new Set<number>();
  plans.forEach((p, i) => {
    r.timeline.at(p.when, (w) => submitOne(r, p, i, used, w));
  });
}

async function submitOne(
  r: Replay,
  p: { year: number; outcome: string },
  index: number,
  used: Set<number>,
  when: Date,
): Promise<void> {
  const track = r.people.tracks.filter((t) => t.code !== 'CMS' && t.code !== 'CMO')[index % 5];
  if (!track) return;
  // The AM's targets (ledger) on opportunities still open: the reduction from one, the addition to another.
  const rows = await queryRows<{ id: number; am: number; month: string; amount: string }>(
    r.db,
    sql`select e.opportunity_id as id, o.am_id as am, to_char(e.month, 'YYYY-MM') as month, sum(e.amount)::text as amount
        from target_ledger_entries e join opportunities o on o.id = e.opportunity_id
        where e.year = ${p.year} and o.track_id = ${track.id} and o.stage <> 'lost'
        group by 1, 2, 3 having sum(e.amount) > 1000 order by 1, 3`,
  );
  const from = rows.find((x) => !used.has(x.id));
  if (!from) return;
  const am = r.people.byId.get(from.am)!;
  const [to] = await r.db
    .select({ id: opportunityTable.id })
    .from(opportunityTable)
    .where(
      and(
        eq(opportunityTable.amId, am.id),
        ne(opportunityTable.id, from.id),
        ne(opportunityTable.stage, 'lost'),
        eq(opportunityTable.businessLine, 'integrated'),
      ),
    )
    .orderBy(opportunityTable.id)
    .limit(1);
  if (!to) return;
  used.add(from.id);
  const amount = Math.round(Number(from.amount) * (0.3 + r.random.next() * 0.4));
  const shifted = addMonth(from.month, r.random.int(1, 3));
  const toMonth = shifted > `${p.year}-12` ? `${p.year}-12` : shifted;
  const adjust = p.outcome === 'adjust';
  const lines = adjust
    ? [{ opportunityId: from.id, month: from.month, amount: -amount }]
    : [
        { opportunityId: from.id, month: from.month, amount: -amount },
        { opportunityId: to.id, month: toMonth, amount },
      ];
  const submitter = adjust ? track.director : am;
  const id = await submitRequest(
    r.db,
    {
      kind: adjust ? 'adjust_total' : 'migrate',
      year: p.year,
      reason: adjust ? '客户终端需求下调，调减该机会目标' : '原商机下单推迟，目标迁移至替代商机',
      lines,
    },
    { actor: submitter, now: when },
  );
  const later = (hours: number) => new Date(when.getTime() + hours * 3_600_000);
  const director = track.director;
  const decide = (hours: number, run: (w: Date) => Promise<unknown>) =>
    r.timeline.at(later(hours), (w) => run(w).then(() => {}));
  switch (p.outcome) {
    case 'executed':
      decide(20, (w) => approveRequest(r.db, id, '同意迁移', { actor: director, now: w, version: undefined }));
      decide(40, (w) => executeRequest(r.db, id, { actor: r.admin, now: w, version: undefined }));
      break;
    case 'adjust':
      decide(26, (w) =>
        approveRequest(r.db, id, '同意，请CEO审批', { actor: r.people.ceo, now: w, version: undefined }),
      );
      decide(50, (w) => executeRequest(r.db, id, { actor: r.admin, now: w, version: undefined }));
      break;
    case 'rejected':
      decide(22, (w) =>
        rejectRequest(r.db, id, '替代商机尚未确认，暂不迁移', { actor: director, now: w, version: undefined }),
      );
      break;
    case 'withdrawn':
      decide(6, (w) =>
        withdrawRequest(r.db, id, '客户已确认原月份下单，撤回', { actor: am, now: w, version: undefined }),
      );
      break;
    case 'overdue':
      decide(3, (w) => approveRequest(r.db, id, '同意，请尽快执行', { actor: director, now: w, version: undefined }));
      break;
    default:
      break;
  }
}

/** The demo's facts with the opportunity codes on their rows, then the forecast replayed over them. */
export async function seedDemoFactsAndForecast(
  db: Db,
  org: OrganisationSeed,
  options: { now: Date; timeZone: string },
): Promise<{ opportunities: number }> {
  let plan: ForecastPlan | undefined;
  const nowMonth = monthOfInstant(options.now, options.timeZone);
  await seedDemoFacts(db, org, options.now, (facts) => {
    plan = planDemoForecast(org, facts, nowMonth);
  });
  const seeded = await seedDemoForecast(db, plan!, options);
  await seedDemoAlerts(db, options);
  return seeded;
}

const monthOfInstant = (instant: Date, timeZone: string) => {
  const local = new TZDate(instant.getTime(), timeZone);
  return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}`;
};
