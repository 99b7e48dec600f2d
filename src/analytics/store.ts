import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/client.js';

export type MeetingType = 'supervision' | 'weekly';

/** Which tasks one analysis reads: raised in [start, end) and by `now`, of a type and track (null: all). */
export type TaskSelection = { start: Date; end: Date; now: Date; type: MeetingType | null; trackId: number | null };

/** The counts and rates of a set of tasks; the same columns for the whole selection and for each owner. */
export type Measures = {
  raised: number;
  completed: number;
  closed: number;
  onTime: number;
  escalated: number;
  weeklyRaised: number;
  lateEntries: number;
  extensions: number;
  reassignments: number;
  completionRate: number | null;
  onTimeRate: number | null;
  escalationRate: number | null;
  meanDaysToComplete: number | null;
  extensionsPerTask: number | null;
  reassignmentsPerTask: number | null;
};
export type OwnerMeasures = Measures & { ownerId: number; name: string };

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

function filters(selection: TaskSelection, from: Date): SQL {
  const type = selection.type ? sql` and t.meeting_type = ${selection.type}` : sql``;
  const track = selection.trackId === null ? sql`` : sql` and t.track_id = ${selection.trackId}`;
  return sql`t.created_at >= ${at(from)} and t.created_at < ${at(selection.end)}
    and t.created_at <= ${at(selection.now)}${type}${track}`;
}

/**
 * The quarter's measures in one pass: the grand total and one row per owner (grouping sets). Closed
 * tasks are counted but left out of the completion and on-time denominators (no longer needed is not
 * a failure to complete); the escalation rate is over weekly tasks only. Status is as it stands now.
 */
export async function measureTasks(
  db: Db,
  selection: TaskSelection,
): Promise<{ total: Measures; owners: OwnerMeasures[] }> {
  const rows = await queryRows<OwnerMeasures & { total: boolean }>(
    db,
    sql`with counted as (
      select grouping(t.owner_id) = 1 as total, t.owner_id as "ownerId", u.name,
        count(*)::int as raised,
        (count(*) filter (where t.status = 'completed'))::int as completed,
        (count(*) filter (where t.status = 'closed'))::int as closed,
        (count(*) filter (where t.status = 'completed' and t.completed_at <= t.deadline))::int as "onTime",
        (count(*) filter (where t.meeting_type = 'weekly' and t.escalated_at is not null))::int as escalated,
        (count(*) filter (where t.meeting_type = 'weekly'))::int as "weeklyRaised",
        (count(*) filter (where t.late_entry))::int as "lateEntries",
        sum(t.extensions)::int as extensions,
        sum(t.reassignments)::int as reassignments,
        extract(epoch from avg(t.completed_at - t.created_at) filter (where t.status = 'completed')) as seconds
      from tasks t join users u on u.id = t.owner_id
      where ${filters(selection, selection.start)}
      group by grouping sets ((), (t.owner_id, u.name))
    )
    select total, "ownerId", name, raised, completed, closed, "onTime", escalated, "weeklyRaised", "lateEntries",
      coalesce(extensions, 0) as extensions, coalesce(reassignments, 0) as reassignments,
      round(completed::numeric / nullif(raised - closed, 0), 4)::float8 as "completionRate",
      round("onTime"::numeric / nullif(raised - closed, 0), 4)::float8 as "onTimeRate",
      round(escalated::numeric / nullif("weeklyRaised", 0), 4)::float8 as "escalationRate",
      round((seconds / 86400)::numeric, 1)::float8 as "meanDaysToComplete",
      round(extensions::numeric / nullif(raised, 0), 2)::float8 as "extensionsPerTask",
      round(reassignments::numeric / nullif(raised, 0), 2)::float8 as "reassignmentsPerTask"
    from counted
    order by total desc, "completionRate" asc nulls last, name, "ownerId"`,
  );
  const [total, ...owners] = rows;
  if (!total?.total) throw new Error('the grand total row of the quarterly analysis is missing');
  return {
    total: measuresOf(total),
    owners: owners.map((o) => ({ ownerId: o.ownerId, name: o.name, ...measuresOf(o) })),
  };
}

function measuresOf(row: Measures): Measures {
  const { raised, completed, closed, onTime, escalated, weeklyRaised, lateEntries, extensions, reassignments } = row;
  return {
    raised,
    completed,
    closed,
    onTime,
    escalated,
    weeklyRaised,
    lateEntries,
    extensions,
    reassignments,
    completionRate: row.completionRate,
    onTimeRate: row.onTimeRate,
    escalationRate: row.escalationRate,
    meanDaysToComplete: row.meanDaysToComplete,
    extensionsPerTask: row.extensionsPerTask,
    reassignmentsPerTask: row.reassignmentsPerTask,
  };
}

export type DimensionCounts = { current: Record<string, number>; previous: Record<string, number> };

/** Tasks raised per dimension in the quarter and in the one before (the quarter-over-quarter trend). */
export async function countByDimension(
  db: Db,
  selection: TaskSelection,
  previousStart: Date,
): Promise<DimensionCounts> {
  const rows = await queryRows<{ no: number; current: number; previous: number }>(
    db,
    sql`select t.dimension as no,
        (count(*) filter (where t.created_at >= ${at(selection.start)}))::int as current,
        (count(*) filter (where t.created_at < ${at(selection.start)}))::int as previous
      from tasks t where ${filters(selection, previousStart)} group by t.dimension`,
  );
  const empty = () => Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8].map((no) => [String(no), 0]));
  const counts = { current: empty(), previous: empty() };
  for (const row of rows) {
    counts.current[String(row.no)] = row.current;
    counts.previous[String(row.no)] = row.previous;
  }
  return counts;
}
