import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { LINE_MISMATCH, opportunitiesFollowCustomers } from '../forecast/customer-moves.js';
import type { Changer } from '../history/store.js';
import type { MergeCounts } from './line-facts.js';
import { refreshMonthEnds } from './receivable-month-ends.js';

/**
 * Expenses, receivable snapshots, targets and customers: staged in one statement each, references
 * checked set-based, merged in one statement, history and rollups in the same transaction.
 */
export type Problem = { i: number; field: string; value: unknown; why: { zh: string; en: string } };

const rowsOf = <T>(tx: Db, query: SQL) => queryRows<T>(tx, query);

const NOT_AN_AM = { zh: '不是该赛道的客户经理', en: 'is not an account manager of that track' };

/** amCode (optional) must name an AM of the row's track; trackCode must exist. */
async function trackAndAmProblems(tx: Db, table: string): Promise<Problem[]> {
  const unknownTrack = await rowsOf<{ i: number; v: string }>(
    tx,
    sql`select s.i, s.track_code as v from ${sql.raw(table)} s
    left join tracks t on t.code = s.track_code where t.id is null order by s.i`,
  );
  const badAm = await rowsOf<{ i: number; v: string }>(
    tx,
    sql`select s.i, s.am_code as v from ${sql.raw(table)} s
    join tracks t on t.code = s.track_code
    left join users u on u.code = s.am_code and u.role = 'am' and u.track_id = t.id
    where s.am_code is not null and u.id is null order by s.i`,
  );
  return [
    ...unknownTrack.map((r) => ({
      i: r.i,
      field: 'trackCode',
      value: r.v,
      why: { zh: '赛道编码不存在', en: 'unknown track code' },
    })),
    ...badAm.map((r) => ({ i: r.i, field: 'amCode', value: r.v, why: NOT_AN_AM })),
  ];
}

export const expenseProblems = (tx: Db) => trackAndAmProblems(tx, 'stage_expenses');

export async function mergeExpenses(tx: Db, runId: number, now: Date): Promise<MergeCounts> {
  const [row] = await rowsOf<MergeCounts>(
    tx,
    sql`
    with old as (
      select f.id, f.date, f.track_id, coalesce(f.am_id, 0) as am_id, f.amount, f.void from expenses f
      join stage_expenses s on (f.doc_no, f.line_no) = (s.doc, s.line)
    ), upserted as (
      insert into expenses as f (doc_no, line_no, date, track_id, am_id, category, amount, void, created_at, updated_at, run_id)
      select s.doc, s.line, s.day, t.id, u.id, s.category, s.amount, s.void, ${now}, ${now}, ${runId}
      from stage_expenses s join tracks t on t.code = s.track_code left join users u on u.code = s.am_code
      on conflict (doc_no, line_no) do update set date = excluded.date, track_id = excluded.track_id, am_id = excluded.am_id,
        category = excluded.category, amount = excluded.amount, void = excluded.void, updated_at = excluded.updated_at, run_id = excluded.run_id
      where (f.date, f.track_id, f.am_id, f.category, f.amount, f.void) is distinct from
            (excluded.date, excluded.track_id, excluded.am_id, excluded.category, excluded.amount, excluded.void)
      returning f.id, f.date, f.track_id, coalesce(f.am_id, 0) as am_id, f.amount, f.void, (f.xmax = 0) as inserted
    ), deltas as (
      select u.date, u.track_id, u.am_id, u.amount from upserted u where not u.void
      union all
      select o.date, o.track_id, o.am_id, -o.amount from old o join upserted u on u.id = o.id where not o.void
    ), monthly as (
      insert into fact_monthly as m (measure, month, source, track_id, am_id, customer_id, opportunity_code, amount)
      select 'expenses', date_trunc('month', d.date)::date, '', d.track_id, d.am_id, 0, '', sum(d.amount) from deltas d group by 2, 4, 5
      on conflict (am_id, measure, month, source, track_id, customer_id, opportunity_code) do update set amount = m.amount + excluded.amount
      returning 1
    ), by_am as (
      insert into fact_am_monthly as m (measure, month, source, track_id, am_id, amount)
      select 'expenses', date_trunc('month', d.date)::date, '', d.track_id, d.am_id, sum(d.amount) from deltas d group by 2, 4, 5
      on conflict (month, measure, source, track_id, am_id) do update set amount = m.amount + excluded.amount
      returning 1
    )
    select (select count(*) from upserted where inserted)::int as inserted, (select count(*) from upserted where not inserted)::int as updated,
           (select count(*) from upserted where void and not inserted)::int as voided, (select count(*) from monthly)::int as rollups,
           (select count(*) from by_am)::int as am_rollups`,
  );
  return row!;
}

export async function receivableProblems(tx: Db): Promise<Problem[]> {
  const unknown = await rowsOf<{ i: number; v: string }>(
    tx,
    sql`select s.i, s.customer as v from stage_receivables s left join customers c on c.code = s.customer where c.id is null order by s.i`,
  );
  return unknown.map((r) => ({
    i: r.i,
    field: 'customerCode',
    value: r.v,
    why: { zh: '客户编码不存在', en: 'unknown customer code' },
  }));
}

export async function mergeReceivables(tx: Db, runId: number, now: Date): Promise<MergeCounts> {
  const [row] = await rowsOf<MergeCounts>(
    tx,
    sql`
    with upserted as (
      insert into receivables as f (as_of, balance, customer_id, track_id, am_id, void, created_at, updated_at, run_id)
      select s.as_of, s.balance, c.id, c.track_id, c.am_id, s.void, ${now}, ${now}, ${runId} from stage_receivables s join customers c on c.code = s.customer
      on conflict (customer_id, as_of) do update set balance = excluded.balance, void = excluded.void, updated_at = excluded.updated_at, run_id = excluded.run_id
      where (f.balance, f.void) is distinct from (excluded.balance, excluded.void)
      returning f.void, (f.xmax = 0) as inserted
    )
    select (select count(*) from upserted where inserted)::int as inserted, (select count(*) from upserted where not inserted)::int as updated,
           (select count(*) from upserted where void and not inserted)::int as voided`,
  );
  await refreshMonthEnds(tx, 'select c.id from stage_receivables s join customers c on c.code = s.customer');
  return row!;
}

export const targetProblems = (tx: Db) => trackAndAmProblems(tx, 'stage_targets');

/** Targets: the latest import of a (kind, year, month, track, AM) counts; every version is kept. */
export async function mergeTargets(tx: Db, runId: number, now: Date): Promise<MergeCounts> {
  const [row] = await rowsOf<MergeCounts>(
    tx,
    sql`
    with incoming as (
      select s.year, s.month, s.kind, t.id as track_id, coalesce(u.id, 0) as am_id, s.amount, s.void
      from stage_targets s join tracks t on t.code = s.track_code left join users u on u.code = s.am_code
    ), changes as (
      select i.*, cur.amount as before from incoming i
      left join targets cur on (cur.kind, cur.year, cur.month, cur.track_id, cur.am_id) = (i.kind, i.year, i.month, i.track_id, i.am_id)
      where (i.void and cur.amount is not null) or (not i.void and cur.amount is distinct from i.amount)
    ), versions as (
      insert into target_versions (run_id, year, month, kind, track_id, am_id, before, after, at)
      select ${runId}, year, month, kind, track_id, am_id, before, case when void then null else amount end, ${now} from changes
      returning 1
    ), removed as (
      delete from targets t using changes c where c.void and (t.kind, t.year, t.month, t.track_id, t.am_id) = (c.kind, c.year, c.month, c.track_id, c.am_id)
      returning 1
    ), upserted as (
      insert into targets as t (year, month, kind, track_id, am_id, amount, run_id, updated_at)
      select year, month, kind, track_id, am_id, amount, ${runId}, ${now} from changes where not void
      on conflict (kind, year, month, track_id, am_id) do update set amount = excluded.amount, run_id = excluded.run_id, updated_at = excluded.updated_at
      returning 1
    )
    select (select count(*) from changes where before is null and not void)::int as inserted,
           (select count(*) from changes where before is not null and not void)::int as updated,
           (select count(*) from removed)::int as voided, (select count(*) from versions)::int as versions, (select count(*) from upserted)::int as upserts`,
  );
  return row!;
}

export async function customerProblems(tx: Db): Promise<Problem[]> {
  const badAm = await rowsOf<{ i: number; v: string }>(
    tx,
    sql`select s.i, s.am_code as v from stage_customers s
    left join users u on u.code = s.am_code and u.role = 'am' and u.active where u.id is null order by s.i`,
  );
  // A customer carrying opportunities of one business line cannot move to an AM on a track of the other.
  const crossing = await rowsOf<{ i: number; v: string }>(
    tx,
    sql`select distinct s.i, s.am_code as v from stage_customers s
      join users u on u.code = s.am_code join tracks t on t.id = u.track_id
      join customers c on c.code = s.code join opportunities o on o.customer_id = c.id
      where o.business_line <> t.business_line order by s.i`,
  );
  return [
    ...badAm.map((r) => ({
      i: r.i,
      field: 'amCode',
      value: r.v,
      why: { zh: '不是在职的客户经理', en: 'is not an active account manager' },
    })),
    ...crossing.map((r) => ({ i: r.i, field: 'amCode', value: r.v, why: LINE_MISMATCH })),
  ].sort((a, b) => a.i - b.i);
}

/** Customers from SAP: new ones are created, known ones get their name and AM (and so track) updated. */
export async function mergeCustomers(tx: Db, actor: Changer, now: Date, timeZone?: string): Promise<MergeCounts> {
  const actorId = actor === 'system' ? null : actor.id;
  const actorKind = actor === 'system' ? 'system' : actor.kind;
  const [row] = await rowsOf<MergeCounts>(
    tx,
    sql`
    with incoming as (
      select s.code, s.name, u.id as am_id, u.track_id from stage_customers s join users u on u.code = s.am_code
    ), old as (
      select c.id, c.code, c.name, c.am_id, c.track_id from customers c join incoming i on i.code = c.code
    ), upserted as (
      insert into customers as c (code, name, am_id, track_id, created_at, updated_at)
      select code, name, am_id, track_id, ${now}, ${now} from incoming
      on conflict (code) do update set name = excluded.name, am_id = excluded.am_id, track_id = excluded.track_id,
        version = c.version + 1, updated_at = excluded.updated_at
      where (c.name, c.am_id, c.track_id) is distinct from (excluded.name, excluded.am_id, excluded.track_id)
      returning c.id, c.code, c.name, c.am_id, c.track_id, (c.xmax = 0) as inserted
    ), logged as (
      insert into history (entity, entity_id, action, actor_id, actor_kind, at, before, after, reason)
      select 'customer', u.id, case when u.inserted then 'created' else 'updated' end, ${actorId}, ${actorKind}, ${now},
        case when u.inserted then null else jsonb_build_object('name', o.name, 'amId', o.am_id, 'trackId', o.track_id) end,
        jsonb_build_object('code', u.code, 'name', u.name, 'amId', u.am_id, 'trackId', u.track_id), 'write-back'
      from upserted u left join old o on o.id = u.id
      returning 1
    )
    select (select count(*) from upserted where inserted)::int as inserted, (select count(*) from upserted where not inserted)::int as updated,
           0 as voided, (select count(*) from logged)::int as logged`,
  );
  await followMovedCustomers(tx, actor, now, timeZone);
  return row!;
}

/** The opportunities of customers that changed AM follow them (forecast/customer-moves.ts). */
async function followMovedCustomers(tx: Db, actor: Changer, now: Date, timeZone: string | undefined) {
  const moved = await rowsOf<{ id: number }>(
    tx,
    sql`select distinct c.id from customers c join stage_customers s on s.code = c.code
      join opportunities o on o.customer_id = c.id where (o.am_id, o.track_id) is distinct from (c.am_id, c.track_id)`,
  );
  if (moved.length === 0) return;
  if (!timeZone) throw new Error('moving customers with opportunities needs the configured time zone');
  await opportunitiesFollowCustomers(
    tx,
    moved.map((r) => r.id),
    { actor, now, timeZone },
  );
}
