import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { AppError } from '../http/errors.js';
import { getOccurrence } from '../meetings/manage.js';
import { notify } from '../notifications/store.js';
import { tracks, users } from '../org/schema.js';
import { type ReportContent, reportAssembly } from './content.js';
import { openingReports } from './schema.js';

export type Trigger = (typeof openingReports.$inferSelect)['trigger'];
export type ReportRow = typeof openingReports.$inferSelect;
/** A version as made: everything but its contents and listed ids, which stay in the database (readReport reads them). */
export type ReportVersion = Omit<ReportRow, 'content' | 'escalatedTaskIds' | 'alertIds'>;

/**
 * Makes the next version of a meeting's opening report: an immutable snapshot with its generation time,
 * assembled and stored in one `insert … select` (content.ts). A transaction-scoped advisory lock per
 * meeting numbers versions right when instances race.
 */
export async function generateReport(
  db: Db,
  meetingId: number,
  trigger: Trigger,
  at: Date,
  by: number | null,
): Promise<ReportVersion> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('opening_report'), ${meetingId})`);
    // With a few thousand tasks the assembly's estimated cost crosses PostgreSQL's JIT threshold, and
    // compiling it costs more than it saves (158 → 117 ms p50 with 2,500 tasks, issue 14): off here.
    await tx.execute(sql`set local jit = off`);
    const { occurrence, series } = await getOccurrence(tx, meetingId);
    const { meeting, query, alertIds } = await reportAssembly(tx, occurrence, series, at);
    const [last] = await tx
      .select({ version: openingReports.version })
      .from(openingReports)
      .where(eq(openingReports.meetingId, meetingId))
      .orderBy(desc(openingReports.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into opening_reports (meeting_id, version, trigger, generated_at, generated_by, content,
          escalated_task_ids, alert_ids)
        select ${meetingId}::int, ${version}::int, ${trigger}::text, ${at}::timestamptz, ${by}::int, c.content,
          c.escalated_ids, ${`{${alertIds.join(',')}}`}::int[]
        from (${query}) c
        returning id`,
    );
    if (trigger !== 'on_demand' && (trigger !== 'final' || version === 1)) await announce(tx, meeting, version, at);
    return { id: row!.id, meetingId, version, trigger, generatedAt: at, generatedBy: by };
  });
}

/** 开场报告已生成: to the people of the meeting — CEO, secretary and directors, or the track's director and AMs. */
async function announce(db: Db, meeting: ReportContent['meeting'], version: number, at: Date): Promise<void> {
  const people =
    meeting.type === 'supervision'
      ? await db
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.active, true), inArray(users.role, ['ceo', 'secretary', 'director'])))
      : await db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              eq(users.active, true),
              or(
                and(eq(users.role, 'am'), eq(users.trackId, meeting.trackId ?? -1)),
                and(eq(users.role, 'director'), eq(users.trackId, meeting.trackId ?? -1)),
              ),
            ),
          );
  const [track] = meeting.trackId ? await db.select().from(tracks).where(eq(tracks.id, meeting.trackId)) : [];
  await notify(db, {
    userIds: people.map((p) => p.id),
    kind: 'report_ready',
    params: {
      meetingId: meeting.id,
      meetingType: meeting.type as 'weekly' | 'supervision',
      ...(track ? { trackName: track.name } : {}),
      startsAt: meeting.startsAt,
    },
    link: `/meetings/${meeting.id}`,
    dedupeKey: `report:${meeting.id}:${version}`,
    at,
  });
}

/** The latest version, or the one asked for; 404 with a clear reason when none has been made yet. */
export async function readReport(db: Db, meetingId: number, version?: number): Promise<ReportRow> {
  const [row] = await db
    .select()
    .from(openingReports)
    .where(
      and(
        eq(openingReports.meetingId, meetingId),
        version === undefined ? undefined : eq(openingReports.version, version),
      ),
    )
    .orderBy(desc(openingReports.version))
    .limit(1);
  if (row) return row;
  throw new AppError('not_found', 404, {
    entity:
      version === undefined
        ? { zh: '开场报告（尚未生成）', en: 'Opening report (not generated yet)' }
        : { zh: `开场报告第 ${version} 版`, en: `Opening report version ${version}` },
  });
}

export async function reportVersions(db: Db, meetingId: number) {
  return db
    .select({
      version: openingReports.version,
      trigger: openingReports.trigger,
      generatedAt: openingReports.generatedAt,
    })
    .from(openingReports)
    .where(eq(openingReports.meetingId, meetingId))
    .orderBy(openingReports.version);
}
