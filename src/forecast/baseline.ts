import { eq, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { AppError, type FieldError } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { baselineItems, baselines, targetLedgerEntries, targetLedgerVersions } from './schema.js';
import { numbersRowScope } from './scope.js';

export const BASELINE_LOCKED_REASON = {
  zh: '模具开发商机和量产商机基准锁定，拒绝任何修改请求',
  en: 'The baseline of mold development and mass production opportunities is locked; every change request is refused',
};

type Item = { opportunityId: number; code: string; trackId: number; amId: number; orderMonth: string; amount: number };
type Incomplete = {
  opportunityId: number;
  code: string;
  amId: number;
  trackId: number;
  missing: ('orderMonth' | 'amount')[];
};

/**
 * The rolling schedule of every integrated opportunity: its monthly `orders` when it carries them,
 * else `{orderMonth: amount}` (SPEC §9.1 "Order schedule").
 */
export const ROLLING_SCHEDULE = sql`
  select v.opportunity_id, m.month, m.amount from forecast_versions v
  join forecast_months m on m.opportunity_id = v.opportunity_id and m.version = 'rolling' and m.line = 'order'
  where v.version = 'rolling' and v.has_orders
  union all
  select v.opportunity_id, v.order_month, v.amount from forecast_versions v
  where v.version = 'rolling' and not v.has_orders and v.order_month is not null and v.amount is not null`;

/** Items as they would be locked now: integrated, not lost, each schedule month that lies in the year. */
async function liveItems(db: Db, year: number, scope: SQL): Promise<Item[]> {
  return queryRows<Item>(
    db,
    sql`select o.id as "opportunityId", o.code, o.track_id as "trackId", o.am_id as "amId",
          to_char(s.month, 'YYYY-MM') as "orderMonth", s.amount::float8 as amount
        from opportunities o join (${ROLLING_SCHEDULE}) s on s.opportunity_id = o.id
        where o.business_line = 'integrated' and o.stage <> 'lost'
          and s.month >= make_date(${year}, 1, 1) and s.month < make_date(${year + 1}, 1, 1) and ${scope}
        order by o.id, s.month`,
  );
}

/** Open integrated opportunities (before `won`) whose schedule is missing or sums to 0, whatever the year. */
async function incompleteOnes(db: Db, scope: SQL): Promise<Incomplete[]> {
  const rows = await queryRows<Omit<Incomplete, 'missing'> & { noMonth: boolean; noAmount: boolean }>(
    db,
    sql`select o.id as "opportunityId", o.code, o.am_id as "amId", o.track_id as "trackId",
          (v.order_month is null) as "noMonth", coalesce(s.total, 0) = 0 as "noAmount"
        from opportunities o
        left join forecast_versions v on v.opportunity_id = o.id and v.version = 'rolling'
        left join (select opportunity_id, sum(amount) as total from (${ROLLING_SCHEDULE}) x group by opportunity_id) s
          on s.opportunity_id = o.id
        where o.business_line = 'integrated' and o.stage in ('lead', 'L', 'M', 'H')
          and (v.order_month is null or coalesce(s.total, 0) = 0) and ${scope}
        order by o.am_id, o.id`,
  );
  return rows.map(({ noMonth, noAmount, ...r }) => ({
    ...r,
    missing: [...(noMonth ? (['orderMonth'] as const) : []), ...(noAmount ? (['amount'] as const) : [])],
  }));
}

async function lockedItems(db: Db, year: number, scope: SQL): Promise<Item[]> {
  return queryRows<Item>(
    db,
    sql`select b.opportunity_id as "opportunityId", b.code, b.track_id as "trackId", b.am_id as "amId",
          to_char(b.month, 'YYYY-MM') as "orderMonth", b.amount::float8 as amount
        from baseline_items b where b.year = ${year} and ${scope} order by b.opportunity_id, b.month`,
  );
}

const sumBy = <K extends 'trackId' | 'amId'>(items: Item[], key: K) => {
  const totals = new Map<number, number>();
  for (const i of items) totals.set(i[key], (totals.get(i[key]) ?? 0) + i.amount);
  return [...totals]
    .sort(([a], [b]) => a - b)
    .map(([id, amount]) => ({ [key]: id, amount: Math.round(amount * 100) / 100 }));
};

/** `GET /baselines/:year` (SPEC §9.1), with the completeness per AM beside it. */
export async function readBaseline(db: Db, year: number, actor: Actor) {
  const [head] = await db.select().from(baselines).where(eq(baselines.year, year));
  const locked = head?.status === 'locked';
  const items = locked
    ? await lockedItems(db, year, numbersRowScope(actor, 'b'))
    : await liveItems(db, year, numbersRowScope(actor, 'o'));
  const incomplete = locked ? [] : await incompleteOnes(db, numbersRowScope(actor, 'o'));
  return {
    year,
    status: locked ? ('locked' as const) : ('open' as const),
    lockedAt: head?.lockedAt?.toISOString() ?? null,
    lockedBy: head?.lockedBy ?? null,
    incomplete: incomplete.map(({ opportunityId, amId, missing, code }) => ({ opportunityId, code, amId, missing })),
    items,
    byTrack: sumBy(items, 'trackId') as { trackId: number; amount: number }[],
    byAm: completenessByAm(items, incomplete),
  };
}

/** Per AM: what the baseline carries and how many of their opportunities still lack a month or an amount. */
function completenessByAm(items: Item[], incomplete: Incomplete[]) {
  const ams = new Map<number, { amId: number; items: number; amount: number; incomplete: number }>();
  const of = (amId: number) => ams.get(amId) ?? ams.set(amId, { amId, items: 0, amount: 0, incomplete: 0 }).get(amId)!;
  for (const i of items) {
    const am = of(i.amId);
    am.items++;
    am.amount = Math.round((am.amount + i.amount) * 100) / 100;
  }
  for (const i of incomplete) of(i.amId).incomplete++;
  return [...ams.values()].sort((a, b) => a.amId - b.amId);
}

const MISSING_TEXT = { orderMonth: { zh: '下单月份', en: 'order month' }, amount: { zh: '金额', en: 'amount' } };

/**
 * 锁定基准 (SPEC §6.2): refused while any open integrated opportunity lacks a month or an amount (409
 * listing every one); a second lock is 409. Locking writes the items and version 1 of the target ledger
 * in one transaction.
 */
export async function lockBaseline(db: Db, year: number, ctx: { actor: Actor; now: Date }) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${0x5ba5e}, ${year})`);
    const [head] = await tx.select().from(baselines).where(eq(baselines.year, year));
    if (head?.status === 'locked')
      throw new AppError('baseline_locked', 409, {
        reason: { zh: `${year} 年承接基准已锁定`, en: `The ${year} baseline is locked` },
      });
    const incomplete = await incompleteOnes(tx, sql`true`);
    if (incomplete.length) throw incompleteError(incomplete);
    const items = await liveItems(tx, year, sql`true`);
    const row = { status: 'locked' as const, lockedAt: ctx.now, lockedBy: ctx.actor.id };
    await tx
      .insert(baselines)
      .values({ year, ...row })
      .onConflictDoUpdate({ target: baselines.year, set: row });
    if (items.length) {
      await tx.insert(baselineItems).values(
        items.map((i) => ({
          year,
          opportunityId: i.opportunityId,
          code: i.code,
          trackId: i.trackId,
          amId: i.amId,
          month: `${i.orderMonth}-01`,
          amount: i.amount.toFixed(2),
        })),
      );
      await tx.insert(targetLedgerEntries).values(
        items.map((i) => ({
          year,
          version: 1,
          opportunityId: i.opportunityId,
          month: `${i.orderMonth}-01`,
          amount: i.amount.toFixed(2),
          requestId: null,
          at: ctx.now,
        })),
      );
    }
    await tx.insert(targetLedgerVersions).values({ year, version: 1, requestId: null, executedAt: ctx.now });
    const total = Math.round(items.reduce((a, i) => a + i.amount, 0) * 100) / 100;
    await recordHistory(tx, {
      entity: 'baseline',
      entityId: year,
      action: 'locked',
      actor: ctx.actor,
      at: ctx.now,
      before: { status: 'open' },
      after: { status: 'locked', items: items.length, total },
    });
  });
}

function incompleteError(incomplete: Incomplete[]): AppError {
  const details: FieldError[] = incomplete.map((i) => ({
    field: `opportunities.${i.opportunityId}`,
    reason: 'invalid',
    params: {
      why: {
        zh: `${i.code} 缺少${i.missing.map((m) => MISSING_TEXT[m].zh).join('和')}`,
        en: `${i.code} lacks ${i.missing.map((m) => MISSING_TEXT[m].en).join(' and ')}`,
      },
    },
  }));
  const reason = {
    zh: `还有 ${incomplete.length} 个商机缺少下单月份或金额，不能锁定基准`,
    en: `${incomplete.length} opportunities still lack an order month or an amount; the baseline cannot be locked`,
  };
  return new AppError('baseline_incomplete', 409, { reason }, details);
}
