import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { ROLLING_SCHEDULE } from '../forecast/baseline.js';
import { readOverview } from '../forecast/overview.js';
import { readSettings } from '../forecast/settings.js';
import type { Actor } from '../org/permissions.js';
import { raiseAlert } from './raise.js';
import { deviates } from './rules.js';

const monthStart = (month: string) => `${month}-01`;

/**
 * 25日检查 (SPEC §6.5, §9.1) for month M at its moment: every integrated opportunity before `H` (so not
 * lost, not won) whose rolling schedule expects an order in M. Once per opportunity and month.
 */
export async function day25Check(tx: Db, month: string, at: Date): Promise<number> {
  const settings = await readSettings(tx);
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    trackId: number;
    amId: number;
    stage: string;
    expected: number;
  }>(
    tx,
    sql`select o.id, o.code, o.name, o.track_id as "trackId", o.am_id as "amId", o.stage, s.amount::float8 as expected
        from opportunities o join (${ROLLING_SCHEDULE}) s on s.opportunity_id = o.id
        where o.business_line = 'integrated' and o.stage in ('lead', 'L', 'M')
          and s.month = ${monthStart(month)}::date and s.amount > 0
        order by o.id`,
  );
  let raised = 0;
  for (const o of rows) {
    const subject = `${o.code} ${o.name}`;
    const facts = { code: o.code, month, stage: o.stage, expectedOrder: o.expected };
    const alert = { kind: 'day25' as const, trackId: o.trackId, amId: o.amId, opportunityId: o.id, period: month };
    if (
      await raiseAlert(tx, { ...alert, subjectKey: `opportunity:${o.id}`, subject, facts }, at, settings.alertSlaDays)
    )
      raised += 1;
  }
  return raised;
}

/** Reads every integrated track's overview: the job is no person and sees the whole company. */
const COMPANY: Actor = { kind: 'apiKey', id: 0, name: 'alerts', scopes: [] };

/**
 * 机会池覆盖不足 (SPEC §6.5, §9.1), checked daily: an integrated track whose raw pipeline coverage (the
 * overview's, at the check) is below the threshold. A covered track (gap ≤ 0) has no shortfall. Once per
 * track and month.
 */
export async function coverageCheck(tx: Db, month: string, at: Date, timeZone: string): Promise<number> {
  const settings = await readSettings(tx);
  const overview = await readOverview(tx, Number(month.slice(0, 4)), COMPANY, at, timeZone);
  const names = new Map(
    (await queryRows<{ id: number; name: string }>(tx, sql`select id, name from tracks`)).map((t) => [t.id, t.name]),
  );
  let raised = 0;
  for (const t of overview.tracks) {
    if (t.coverage === null || t.coverage >= settings.coverageThreshold) continue;
    const facts = {
      month,
      orderTarget: t.orderTarget,
      ytdOrders: t.ytdOrders,
      remainingGap: t.remainingGap,
      pipeline: t.pipeline,
      coverage: t.coverage,
      threshold: settings.coverageThreshold,
    };
    const subject = names.get(t.trackId) ?? String(t.trackId);
    const alert = { kind: 'coverage_shortfall' as const, trackId: t.trackId, amId: null, opportunityId: null };
    if (
      await raiseAlert(
        tx,
        { ...alert, period: month, subjectKey: `track:${t.trackId}`, subject, facts },
        at,
        settings.alertSlaDays,
      )
    )
      raised += 1;
  }
  return raised;
}

/**
 * When SAP closes month M (SPEC §9.1): `delay` — each opportunity with a positive ledger target in M
 * that is not won and has no SAP order line carrying its code dated in M; `commodity_deviation` — each
 * AM of a commodity track whose orders in M differ from their orders target beyond the threshold.
 */
export async function monthCloseChecks(tx: Db, month: string, at: Date): Promise<number> {
  const settings = await readSettings(tx);
  return (await delays(tx, month, at, settings.alertSlaDays)) + (await deviations(tx, month, at, settings));
}

async function delays(tx: Db, month: string, at: Date, slaDays: number): Promise<number> {
  const rows = await queryRows<{
    id: number;
    code: string;
    name: string;
    trackId: number;
    amId: number;
    stage: string;
    target: number;
  }>(
    tx,
    sql`select o.id, o.code, o.name, o.track_id as "trackId", o.am_id as "amId", o.stage, t.amount::float8 as target
        from (select opportunity_id, sum(amount) as amount from target_ledger_entries
              where month = ${monthStart(month)}::date group by opportunity_id) t
        join opportunities o on o.id = t.opportunity_id
        where t.amount > 0 and o.stage <> 'won'
          and not exists (select 1 from sales_orders so where so.opportunity_code = o.code and not so.void
            and so.date >= ${monthStart(month)}::date and so.date < (${monthStart(month)}::date + interval '1 month'))
        order by o.id`,
  );
  let raised = 0;
  for (const o of rows) {
    const facts = { code: o.code, month, stage: o.stage, target: o.target };
    const alert = { kind: 'delay' as const, trackId: o.trackId, amId: o.amId, opportunityId: o.id, period: month };
    const subject = `${o.code} ${o.name}`;
    if (await raiseAlert(tx, { ...alert, subjectKey: `opportunity:${o.id}`, subject, facts }, at, slaDays)) raised += 1;
  }
  return raised;
}

async function deviations(
  tx: Db,
  month: string,
  at: Date,
  settings: { commodityDeviationThreshold: number; alertSlaDays: number },
): Promise<number> {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const rows = await queryRows<{ amId: number; name: string; trackId: number; target: number; orders: number }>(
    tx,
    sql`with goal as (
          select am_id, sum(amount) as amount from targets
          where kind = 'orders' and year = ${y} and month = ${m} and am_id <> 0 group by am_id
        ),
        actual as (
          select am_id, sum(amount) as amount from sales_orders where not void
            and date >= ${monthStart(month)}::date and date < (${monthStart(month)}::date + interval '1 month')
          group by am_id
        )
        select u.id as "amId", u.name, u.track_id as "trackId",
          coalesce(g.amount, 0)::float8 as target, coalesce(a.amount, 0)::float8 as orders
        from users u join tracks tr on tr.id = u.track_id and tr.business_line = 'commodity'
        left join goal g on g.am_id = u.id left join actual a on a.am_id = u.id
        where u.role = 'am' and (g.am_id is not null or a.am_id is not null)
        order by u.id`,
  );
  let raised = 0;
  for (const r of rows) {
    if (!deviates(r.orders, r.target, settings.commodityDeviationThreshold)) continue;
    const facts = {
      month,
      target: r.target,
      orders: r.orders,
      difference: Math.round((r.orders - r.target) * 100) / 100,
      threshold: settings.commodityDeviationThreshold,
    };
    const alert = { kind: 'commodity_deviation' as const, trackId: r.trackId, amId: r.amId, opportunityId: null };
    const subject = r.name;
    if (
      await raiseAlert(
        tx,
        { ...alert, period: month, subjectKey: `am:${r.amId}`, subject, facts },
        at,
        settings.alertSlaDays,
      )
    )
      raised += 1;
  }
  return raised;
}
