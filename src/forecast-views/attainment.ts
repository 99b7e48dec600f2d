import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { cents } from '../forecast/rules.js';
import type { Actor } from '../org/permissions.js';
import type { AttainmentDto, CommodityAttainmentDto } from './contract.js';
import { dataAsOf } from './data-as-of.js';
import { ownTrack } from './scope.js';

type Cell = { trackId: number; amId: number; month: number; target: number; actual: number };

/**
 * Per track, AM (0: the track's own target row) and month of the year: the imported `orders` target and
 * the SAP orders (the monthly rollup, attributed to the customer's AM and track when written back).
 */
async function cells(db: Db, year: number, trackIds: number[]): Promise<Cell[]> {
  if (trackIds.length === 0) return [];
  const ids = sql.join(
    trackIds.map((id) => sql`${id}`),
    sql`, `,
  );
  return queryRows<Cell>(
    db,
    sql`select track_id as "trackId", am_id as "amId", month, sum(target)::float8 as target, sum(actual)::float8 as actual
      from (
        select track_id, am_id, month, amount as target, 0 as actual from targets
        where kind = 'orders' and year = ${year} and track_id in (${ids})
        union all
        select track_id, am_id, extract(month from month)::int, 0, amount from fact_am_monthly
        where measure = 'orders' and month >= make_date(${year}, 1, 1) and month < make_date(${year + 1}, 1, 1)
          and track_id in (${ids})
      ) c group by 1, 2, 3`,
  );
}

/** target, actual, attainment = actual ÷ target (null when the target is 0), difference = actual − target. */
export function attainmentOf(target: number, actual: number): AttainmentDto {
  return {
    target: cents(target),
    actual: cents(actual),
    attainment: target === 0 ? null : actual / target,
    difference: cents(actual - target),
  };
}

const sumOf = (rows: Cell[], pick: (c: Cell) => number) => rows.reduce((a, c) => a + pick(c), 0);

/** Month M and YTD (January…M) of the cells of one subject; `targetOf` picks a month's target. */
function periods(rows: Cell[], month: number, targetOf: (rows: Cell[]) => number) {
  const inMonth = (m: number) => rows.filter((c) => c.month === m);
  let target = 0;
  for (let m = 1; m <= month; m++) target += targetOf(inMonth(m));
  const actual = sumOf(
    rows.filter((c) => c.month <= month),
    (c) => c.actual,
  );
  const monthRows = inMonth(month);
  return {
    month: attainmentOf(
      targetOf(monthRows),
      sumOf(monthRows, (c) => c.actual),
    ),
    ytd: attainmentOf(target, actual),
  };
}

/** A track's target for a month: its own row (am 0) where one exists, else the sum of its AMs' rows (SPEC §9). */
const trackTarget = (rows: Cell[]) => {
  const own = rows.filter((c) => c.amId === 0 && c.target !== 0);
  return own.length > 0 ? sumOf(own, (c) => c.target) : sumOf(rows, (c) => (c.amId === 0 ? 0 : c.target));
};

/** Order attainment of some tracks, month and YTD, per track and its AMs. */
export async function attainmentByTrack(db: Db, year: number, month: number, trackIds: number[]) {
  const all = await cells(db, year, trackIds);
  const names = await queryRows<{ id: number; name: string; trackId: number | null; role: string }>(
    db,
    sql`select id, name, track_id as "trackId", role from users`,
  );
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  return trackIds.map((trackId) => {
    const mine = all.filter((c) => c.trackId === trackId);
    const amIds = new Set(names.filter((u) => u.role === 'am' && u.trackId === trackId).map((u) => u.id));
    for (const c of mine) if (c.amId !== 0) amIds.add(c.amId);
    return {
      trackId,
      ...periods(mine, month, trackTarget),
      ams: [...amIds]
        .sort((a, b) => a - b)
        .map((amId) => ({
          amId,
          amName: nameOf.get(amId) ?? '',
          ...periods(
            mine.filter((c) => c.amId === amId),
            month,
            (rows) => sumOf(rows, (c) => c.target),
          ),
        })),
    };
  });
}

/** `GET /forecast/commodity-attainment` (SPEC §6.6): the commodity tracks the caller reads, and their total. */
export async function readCommodityAttainment(
  db: Db,
  actor: Actor,
  year: number,
  month: string,
): Promise<CommodityAttainmentDto> {
  const own = ownTrack(actor);
  const tracks = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from tracks where business_line = 'commodity' ${own === null ? sql`` : sql`and id = ${own}`}
      order by id`,
  );
  const m = Number(month.slice(5, 7));
  const rows = await attainmentByTrack(
    db,
    year,
    m,
    tracks.map((t) => t.id),
  );
  const total = (pick: 'month' | 'ytd') =>
    attainmentOf(
      rows.reduce((a, r) => a + r[pick].target, 0),
      rows.reduce((a, r) => a + r[pick].actual, 0),
    );
  return {
    year,
    month,
    tracks: rows.map((r, i) => ({ ...r, trackName: tracks[i]!.name })),
    total: { month: total('month'), ytd: total('ytd') },
    dataAsOf: await dataAsOf(db, month, ['orders']),
  };
}
