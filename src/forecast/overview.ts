import { type SQL, sql } from 'drizzle-orm';
import { freshness } from '../board/store.js';
import { type Db, queryRows, together } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import { ROLLING_SCHEDULE } from './baseline.js';
import { keptOverview } from './overview-cache.js';
import { cents } from './rules.js';
import { readSettings } from './settings.js';

type MonthRow = { trackId: number; month: string; target: number; actual: number; forecast: number };
type PipelineRow = { trackId: number; pipeline: number; weighted: number };

/**
 * The CEO's three stages (SPEC §6.6, §9.1 `Overview`) for the integrated tracks of a year: remaining gap
 * = the year's orders target − SAP orders dated up to now; pipeline coverage = open opportunities'
 * rolling amounts whose schedule month lies from the current month to December ÷ the gap (raw and
 * probability-weighted; "covered" when the gap ≤ 0); monthly pace of target, actual and forecast; and
 * the carried share of the target that opportunities carry (the ledger). Kept per year, tracks read and
 * day until its inputs change (overview-cache.ts); "as of" and "data as of" read fresh.
 */
export async function readOverview(db: Db, year: number, actor: Actor, now: Date, timeZone: string) {
  const today = todayIn(now, timeZone);
  // The tracks read, the count of changes and the kept overview in one statement; data as of beside it.
  const [kept, dataAsOf] = await together(db, [
    () => keptOverview(db, { year, tracks: tracksOf(actor), today }, (ids) => computeOverview(db, year, ids, today)),
    () => freshness(db),
  ]);
  return { year, asOf: now.toISOString(), dataAsOf, ...kept };
}

/** The overview as `readOverview` answers it, computed afresh from the inputs (no kept result). */
export async function freshOverview(db: Db, year: number, actor: Actor, now: Date, timeZone: string) {
  const today = todayIn(now, timeZone);
  const [tracks, dataAsOf] = await together(db, [() => integratedTracks(db, actor), () => freshness(db)]);
  return { year, asOf: now.toISOString(), dataAsOf, ...(await computeOverview(db, year, tracks, today)) };
}

/** The tracks' and the total's measures of a year, as of `today` (`YYYY-MM-DD` in the company's zone). */
export async function computeOverview(db: Db, year: number, tracks: readonly number[], today: string) {
  const settings = await readSettings(db);
  const ids = tracks.length
    ? sql.join(
        tracks.map((t) => sql`${t}`),
        sql`, `,
      )
    : sql`null`;
  // Three independent reads, side by side on PostgreSQL's pool.
  const [paced, schedule, carried] = await together(db, [
    () => monthlyPace(db, year, ids, today),
    () => scheduleOf(db, year, ids, settings.stageProbabilities),
    () => carriedTargets(db, year, ids),
  ]);
  const months = withForecast(paced, schedule);
  const pipeline = pipelineOf(schedule, pipelineStart(year, today));
  const rows = tracks.map((trackId) =>
    measures(
      trackId,
      months.filter((m) => m.trackId === trackId),
      pipeline.get(trackId),
      carried.get(trackId) ?? 0,
      year,
      today,
    ),
  );
  const { trackId: _all, ...total } = measures(
    0,
    sumMonths(months),
    sumPipelines([...pipeline.values()]),
    sumValues(carried),
    year,
    today,
  );
  return { tracks: rows, total };
}

/** The day in the company's time zone, `YYYY-MM-DD`. */
export const todayIn = (now: Date, timeZone: string) => {
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return local.format(now);
};

/** The integrated tracks the caller reads (column `id`): all for CEO, admin and planner; a director's own. */
function tracksOf(actor: Actor): SQL {
  const own = hasRole(actor, 'director') ? sql`and id = ${personOf(actor)?.trackId ?? -1}` : sql``;
  return sql`select id from tracks where business_line = 'integrated' ${own}`;
}

async function integratedTracks(db: Db, actor: Actor): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`${tracksOf(actor)} order by id`);
  return rows.map((r) => r.id);
}

/**
 * Per track and month of the year: the orders target (a track's own row where one exists, else the sum
 * of its AMs' rows), SAP orders (dated up to today), and the rolling schedule of opportunities not lost.
 */
async function monthlyPace(db: Db, year: number, ids: ReturnType<typeof sql.join>, today: string): Promise<MonthRow[]> {
  return queryRows<MonthRow>(
    db,
    sql`with months as (
          select t.id as track_id, make_date(${year}, m, 1) as month from tracks t, generate_series(1, 12) m where t.id in (${ids})
        ),
        goal as (
          select track_id, make_date(year, month, 1) as month,
            coalesce(sum(amount) filter (where am_id = 0), sum(amount)) as amount
          from targets where kind = 'orders' and year = ${year} and track_id in (${ids}) group by track_id, year, month
        ),
        actual as (
          select track_id, date_trunc('month', date)::date as month, sum(amount) as amount from sales_orders
          where not void and date >= make_date(${year}, 1, 1) and date <= least(${today}::date, make_date(${year}, 12, 31))
            and track_id in (${ids})
          group by track_id, date_trunc('month', date)
        )
        select m.track_id as "trackId", to_char(m.month, 'YYYY-MM') as month,
          coalesce(g.amount, 0)::float8 as target, coalesce(a.amount, 0)::float8 as actual, 0::float8 as forecast
        from months m
        left join goal g on (g.track_id, g.month) = (m.track_id, m.month)
        left join actual a on (a.track_id, a.month) = (m.track_id, m.month)
        order by m.track_id, m.month`,
  );
}

type ScheduleRow = { trackId: number; month: string; forecast: number; open: number; weighted: number };

/**
 * One pass over the rolling schedules of the year's integrated opportunities not lost, per track and
 * month: all of it is the pace's forecast; the open ones (`lead`…`H`), raw and weighted, the pipeline.
 */
async function scheduleOf(
  db: Db,
  year: number,
  ids: ReturnType<typeof sql.join>,
  probabilities: Record<'lead' | 'L' | 'M' | 'H', number>,
): Promise<ScheduleRow[]> {
  const probs = JSON.stringify(probabilities);
  return queryRows<ScheduleRow>(
    db,
    sql`select o.track_id as "trackId", to_char(s.month, 'YYYY-MM') as month, sum(s.amount)::float8 as forecast,
          coalesce(sum(s.amount) filter (where o.stage in ('lead', 'L', 'M', 'H')), 0)::float8 as open,
          coalesce(sum(s.amount * (${probs}::jsonb ->> o.stage)::numeric)
            filter (where o.stage in ('lead', 'L', 'M', 'H')), 0)::float8 as weighted
        from opportunities o join (${ROLLING_SCHEDULE}) s on s.opportunity_id = o.id
        where o.business_line = 'integrated' and o.stage <> 'lost' and o.track_id in (${ids})
          and s.month >= make_date(${year}, 1, 1) and s.month < make_date(${year + 1}, 1, 1)
        group by o.track_id, s.month`,
  );
}

function withForecast(months: MonthRow[], schedule: ScheduleRow[]): MonthRow[] {
  const forecast = new Map(schedule.map((s) => [`${s.trackId} ${s.month}`, s.forecast]));
  return months.map((m) => ({ ...m, forecast: forecast.get(`${m.trackId} ${m.month}`) ?? 0 }));
}

/** A past year has no pipeline left; the current one counts from this month; a future one from January. */
function pipelineStart(year: number, today: string): string {
  const thisYear = Number(today.slice(0, 4));
  return year < thisYear ? `${year + 1}-01` : year === thisYear ? today.slice(0, 7) : `${year}-01`;
}

/** Open opportunities (`lead`…`H`) whose schedule months lie from `from` to December, per track. */
function pipelineOf(schedule: ScheduleRow[], from: string): Map<number, PipelineRow> {
  const byTrack = new Map<number, PipelineRow>();
  for (const s of schedule) {
    if (s.month < from) continue;
    const row = byTrack.get(s.trackId) ?? { trackId: s.trackId, pipeline: 0, weighted: 0 };
    row.pipeline += s.open;
    row.weighted += s.weighted;
    byTrack.set(s.trackId, row);
  }
  return byTrack;
}

/** Σ ledger targets of the year (latest version) per track: the target opportunities carry. */
async function carriedTargets(db: Db, year: number, ids: ReturnType<typeof sql.join>): Promise<Map<number, number>> {
  const rows = await queryRows<{ trackId: number; amount: number }>(
    db,
    sql`select o.track_id as "trackId", sum(e.amount)::float8 as amount
        from target_ledger_entries e join opportunities o on o.id = e.opportunity_id
        where e.year = ${year} and o.track_id in (${ids}) group by o.track_id`,
  );
  return new Map(rows.map((r) => [r.trackId, r.amount]));
}

function measures(
  trackId: number,
  months: MonthRow[],
  pipe: PipelineRow | undefined,
  carried: number,
  year: number,
  today: string,
) {
  const orderTarget = cents(months.reduce((a, m) => a + m.target, 0));
  const ytdOrders = cents(months.reduce((a, m) => a + m.actual, 0));
  const remainingGap = cents(orderTarget - ytdOrders);
  const pipeline = cents(pipe?.pipeline ?? 0);
  const weightedPipeline = cents(pipe?.weighted ?? 0);
  const covered = remainingGap <= 0;
  return {
    trackId,
    orderTarget,
    ytdOrders,
    remainingGap,
    pipeline,
    weightedPipeline,
    coverage: covered ? null : pipeline / remainingGap,
    weightedCoverage: covered ? null : weightedPipeline / remainingGap,
    covered,
    carriedTarget: cents(carried),
    carriedShare: orderTarget > 0 ? carried / orderTarget : null,
    months: months.map(({ month, target, actual, forecast }) => ({
      month,
      target: cents(target),
      actual: month <= today.slice(0, 7) || Number(today.slice(0, 4)) > year ? cents(actual) : null,
      forecast: cents(forecast),
    })),
  };
}

function sumMonths(rows: MonthRow[]): MonthRow[] {
  const byMonth = new Map<string, MonthRow>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { trackId: 0, month: r.month, target: 0, actual: 0, forecast: 0 };
    byMonth.set(r.month, {
      ...m,
      target: m.target + r.target,
      actual: m.actual + r.actual,
      forecast: m.forecast + r.forecast,
    });
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}

const sumPipelines = (rows: PipelineRow[]): PipelineRow => ({
  trackId: 0,
  pipeline: rows.reduce((a, r) => a + r.pipeline, 0),
  weighted: rows.reduce((a, r) => a + r.weighted, 0),
});
const sumValues = (values: Map<number, number>) => [...values.values()].reduce((a, b) => a + b, 0);
