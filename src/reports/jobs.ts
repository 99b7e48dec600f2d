import { sql } from 'drizzle-orm';
import { ALERT_MISSING_FROM_REPORT } from '../alerts/report.js';
import { type Db, queryRows } from '../db/client.js';
import { EVERY_MINUTE, type JobDefinition } from '../jobs/scheduler.js';
import { generateReport, type Trigger } from './store.js';

export const REPORT_LEAD = '24 hours';

/**
 * Which report each meeting is owed at `dueAt` (SPEC §4.5): the final version once it has started (until
 * it ends), the first version from 24 h before, and a new version when an escalated task was attached
 * (or a forecast alert escalated to the CEO) after the latest one. Only the latest due version is owed, so a catch-up makes one, and none for a
 * meeting already over.
 */
export async function reportsDue(db: Db, dueAt: Date): Promise<{ meetingId: number; trigger: Trigger }[]> {
  return queryRows(
    db,
    sql`select o.id as "meetingId",
        case when o.starts_at <= ${dueAt}::timestamptz then 'final'
             when not made.automatic then 'scheduled'
             else 'escalation' end as trigger
      from meeting_occurrences o
      cross join lateral (
        select coalesce(bool_or(r.trigger = 'final'), false) as final,
               coalesce(bool_or(r.trigger <> 'on_demand'), false) as automatic
        from opening_reports r where r.meeting_id = o.id
      ) made
      -- Only the latest version's listed ids are read (its contents are megabytes with thousands of tasks),
      -- and only for meetings in the window, every minute.
      left join lateral (
        select r.escalated_task_ids, r.alert_ids from opening_reports r where r.meeting_id = o.id
        order by r.version desc limit 1
      ) latest on true
      where o.status = 'scheduled'
        and o.starts_at - interval '${sql.raw(REPORT_LEAD)}' <= ${dueAt}::timestamptz
        and o.ends_at > ${dueAt}::timestamptz
        and case
          when o.starts_at <= ${dueAt}::timestamptz then not made.final
          when not made.automatic then true
          else exists (
            select 1 from tasks t where t.escalated_to_meeting_id = o.id and t.status = 'pending'
              and t.id <> all(latest.escalated_task_ids))
            or ${ALERT_MISSING_FROM_REPORT}
        end
      order by o.starts_at, o.id`,
  );
}

/** Every minute of the clock; catch-up runs only the latest minute, which owes only the latest versions. */
export const openingReportJob: JobDefinition = {
  name: 'opening_reports',
  ...EVERY_MINUTE,
  run: async (tx, dueAt) => {
    const due = await reportsDue(tx, dueAt);
    for (const { meetingId, trigger } of due) await generateReport(tx, meetingId, trigger, dueAt, null);
    return { reports: due.length };
  },
};
