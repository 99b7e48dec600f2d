import { inArray, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import type { AlertSummaryDto } from './contract.js';
import { alerts as alertsTable } from './schema.js';

/**
 * The alerts a supervision meeting's opening report lists (SPEC §4.5, §6.5): escalated to the CEO before
 * the meeting starts — since the previous supervision meeting, and, like escalated tasks, again in every
 * later report while the CEO has not yet resolved or routed them. Status and note as at report time.
 */
export async function escalatedAlertsFor(db: Db, since: Date, startsAt: Date): Promise<AlertSummaryDto[]> {
  return queryRows<AlertSummaryDto>(
    db,
    sql`select a.id, a.kind, a.status, a.track_id as "trackId", t.name as "trackName", a.am_id as "amId",
          a.opportunity_id as "opportunityId", o.code as "opportunityCode", a.period, a.facts,
          to_char(a.raised_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "raisedAt",
          to_char(a.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dueAt",
          to_char(a.escalated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "escalatedAt",
          a.note, a.project_id as "projectId"
        from alerts a left join tracks t on t.id = a.track_id left join opportunities o on o.id = a.opportunity_id
        where a.escalated_at < ${startsAt}::timestamptz
          and (a.status = 'escalated' or a.escalated_at >= ${since}::timestamptz)
        order by a.track_id, a.escalated_at, a.id`,
  );
}

/**
 * A stored report's alerts with their SLA deadline: versions made before the summary carried `dueAt` take
 * it from the alert itself (fixed when it was raised, so the same value the version would have stored).
 */
export async function withDeadlines(
  db: Db,
  listed: (Omit<AlertSummaryDto, 'dueAt'> & { dueAt?: string })[],
): Promise<AlertSummaryDto[]> {
  const missing = listed.filter((a) => !a.dueAt).map((a) => a.id);
  const due = new Map<number, string>();
  if (missing.length > 0) {
    const rows = await db
      .select({ id: alertsTable.id, dueAt: alertsTable.dueAt })
      .from(alertsTable)
      .where(inArray(alertsTable.id, missing));
    for (const row of rows) due.set(row.id, row.dueAt.toISOString());
  }
  // an alert since deleted (none are) would keep its raisedAt as the only instant known
  return listed.map((a) => ({ ...a, dueAt: a.dueAt || (due.get(a.id) ?? a.raisedAt) }));
}

/**
 * For reports/jobs.ts: an alert escalated (still with the CEO) before meeting `o` starts that the latest
 * version `latest` does not list yet — a new version is owed, as for a task escalated after it.
 */
export const ALERT_MISSING_FROM_REPORT = sql`exists (
  select 1 from alerts a join meeting_series ms on ms.id = o.series_id and ms.type = 'supervision'
  where a.status = 'escalated' and a.escalated_at < o.starts_at
    and a.id <> all(latest.alert_ids))`;
