import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { Actor } from '../org/permissions.js';
import { numbersRowScope } from './scope.js';

export type LedgerVersion = { version: number; requestId: number | null; executedAt: string };

/** `GET /targets/versions?year=`: 1 is the baseline at its lock; one more per executed request. */
export async function ledgerVersions(db: Db, year: number): Promise<LedgerVersion[]> {
  return queryRows<LedgerVersion>(
    db,
    sql`select version, request_id as "requestId",
          to_char(executed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "executedAt"
        from target_ledger_versions where year = ${year} order by version`,
  );
}

/** The version a read asks for: `asOf` an instant → the latest executed by then; else `version`; else the latest. */
async function resolveVersion(db: Db, year: number, query: { version?: number; asOf?: string }): Promise<number> {
  const [row] = await queryRows<{ version: number | null }>(
    db,
    sql`select max(version) as version from target_ledger_versions where year = ${year}
        ${query.asOf ? sql`and executed_at <= ${query.asOf}::timestamptz` : sql``}
        ${query.version !== undefined ? sql`and version <= ${query.version}` : sql``}`,
  );
  return row?.version ?? 0;
}

/**
 * `GET /targets?year=&version=&asOf=` (SPEC §9.1): the opportunity targets of a version — the sum of the
 * signed entries up to it, per opportunity and month (a month whose entries net to 0 is left out).
 */
export async function readTargets(db: Db, year: number, query: { version?: number; asOf?: string }, actor: Actor) {
  const version = await resolveVersion(db, year, query);
  const items = await queryRows<{
    opportunityId: number;
    month: string;
    amount: number;
    trackId: number;
    amId: number;
  }>(
    db,
    sql`select e.opportunity_id as "opportunityId", to_char(e.month, 'YYYY-MM') as month,
          sum(e.amount)::float8 as amount, o.track_id as "trackId", o.am_id as "amId"
        from target_ledger_entries e join opportunities o on o.id = e.opportunity_id
        where e.year = ${year} and e.version <= ${version} and ${numbersRowScope(actor, 'o')}
        group by e.opportunity_id, e.month, o.track_id, o.am_id
        having sum(e.amount) <> 0
        order by e.opportunity_id, e.month`,
  );
  const total = (key: 'trackId' | 'amId') => {
    const sums = new Map<number, number>();
    for (const i of items) sums.set(i[key], (sums.get(i[key]) ?? 0) + i.amount);
    return [...sums].sort(([a], [b]) => a - b).map(([id, amount]) => ({ id, amount: Math.round(amount * 100) / 100 }));
  };
  return {
    year,
    version,
    items: items.map(({ opportunityId, month, amount }) => ({ opportunityId, month, amount })),
    byTrack: total('trackId').map(({ id, amount }) => ({ trackId: id, amount })),
    byAm: total('amId').map(({ id, amount }) => ({ amId: id, amount })),
  };
}
