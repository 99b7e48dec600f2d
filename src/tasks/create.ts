import { and, eq } from 'drizzle-orm';
import type { DimensionNo } from '../board/contract.js';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { badRequest, forbidden, invalidField, ruleViolation } from '../http/errors.js';
import { getOccurrence } from '../meetings/manage.js';
import { ensureOccurrences } from '../meetings/occurrences.js';
import { chairsMeeting } from '../meetings/scope.js';
import type { Actor } from '../org/permissions.js';
import { tracks, users } from '../org/schema.js';
import { hasRole } from '../org/scope.js';
import { projects } from '../projects/schema.js';
import { taskBackground } from './background.js';
import type { CreateTask } from './contract.js';
import { ceoId, noticeOf } from './decide.js';
import { nextMeeting } from './next-meeting.js';
import { chooseDeadline, entryTiming, subjectTypeOf } from './rules.js';
import { tasks } from './schema.js';

type Ctx = { actor: Actor; now: Date; timeZone: string };
const why = (zh: string, en: string) => ({ zh, en });

async function subjectOf(db: Db, input: CreateTask) {
  if (input.subjectType === 'track') {
    const [track] = await db.select().from(tracks).where(eq(tracks.id, input.subjectId));
    if (!track) throw invalidField('subjectId', why('赛道不存在', 'no such track'));
    return { name: track.name, trackId: track.id, amId: null };
  }
  const [am] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, input.subjectId), eq(users.role, 'am')));
  if (!am?.trackId) throw invalidField('subjectId', why('不是客户经理', 'not an account manager'));
  return { name: am.name, trackId: am.trackId, amId: am.id };
}

/** Owners (SPEC §4.2): a director for supervision tasks (the row's track's by default); an AM of the track for weekly ones. */
async function ownerOf(
  db: Db,
  type: 'supervision' | 'weekly',
  subject: { trackId: number; amId: number | null },
  requested: number | undefined,
) {
  const role = type === 'supervision' ? 'director' : 'am';
  if (requested === undefined) {
    if (type === 'weekly' && subject.amId) return subject.amId;
    if (type === 'supervision') {
      const [track] = await db
        .select({ directorId: tracks.directorId })
        .from(tracks)
        .where(eq(tracks.id, subject.trackId));
      if (track?.directorId) return track.directorId;
    }
    throw badRequest([{ field: 'ownerId', reason: 'required' }]);
  }
  const [owner] = await db.select().from(users).where(eq(users.id, requested));
  const fits = owner?.active && owner.role === role && (type === 'supervision' || owner.trackId === subject.trackId);
  if (!fits) {
    const reason =
      type === 'supervision'
        ? why('督导会任务须指定赛道总监', 'a supervision task is owned by a director')
        : why('周会任务须指定本赛道客户经理', "a weekly task is owned by an AM of the meeting's track");
    throw invalidField('ownerId', reason);
  }
  return requested;
}

type Meeting = Awaited<ReturnType<typeof getOccurrence>>;
type Subject = Awaited<ReturnType<typeof subjectOf>>;

/** 发起任务 from board coordinates (SPEC §4.3): the server fills background, type, default owner and deadline. */
export async function createTask(db: Db, input: CreateTask, ctx: Ctx) {
  await ensureOccurrences(db, ctx.timeZone, ctx.now);
  return db.transaction(async (tx) => {
    const meeting = await getOccurrence(tx, input.meetingId);
    const timing = checkEntry(meeting, input, ctx);
    const subject = await subjectOf(tx, input);
    if (meeting.series.type === 'weekly' && subject.trackId !== meeting.series.trackId) {
      throw invalidField(
        'subjectId',
        why('周会任务只针对本赛道或其客户经理', "a weekly task is about the meeting's track or its AMs"),
      );
    }
    const ownerId = await ownerOf(tx, meeting.series.type, subject, input.ownerId);
    if (input.projectId !== undefined) await assertProject(tx, input.projectId);
    const row = await insertTask(tx, input, { meeting, subject, ownerId, lateEntry: timing === 'late' }, ctx);
    // Entered by the secretary, the history says she did so for the CEO.
    await recordHistory(tx, {
      entity: 'task',
      entityId: row.id,
      action: 'created',
      actor: ctx.actor,
      at: ctx.now,
      onBehalfOfId: row.onBehalfOfId,
      after: { ownerId, deadline: row.deadline.toISOString(), description: row.description },
    });
    await noticeOf(tx, row, { kind: 'task_assigned', userId: ownerId }, ctx.now);
    return row;
  });
}

/**
 * Who may enter a task in this meeting, and when (SPEC §4.3): its chair, once it has started (the
 * entry window); the dimension fixes whether the subject is a track or an AM.
 */
function checkEntry({ occurrence, series }: Meeting, input: CreateTask, ctx: Ctx) {
  if (!chairsMeeting(ctx.actor, series))
    throw forbidden(
      why(
        '督导会任务由秘书或CEO录入，周会任务由本赛道总监录入',
        'supervision tasks are entered by the secretary or the CEO, weekly ones by the track director',
      ),
    );
  if (subjectTypeOf(input.dimension) !== input.subjectType) {
    throw invalidField(
      'subjectType',
      why('维度二、四对应客户经理，其余对应赛道', 'dimensions 2 and 4 are about AMs, the others about tracks'),
    );
  }
  const timing = entryTiming(series.type, occurrence, ctx.now);
  if (timing === 'not_open')
    throw ruleViolation(422, why('会议开始后才能录入任务', 'tasks can be entered once the meeting has started'));
  return timing;
}

/**
 * The task row: due by the next meeting of the series unless an earlier deadline was asked for; a
 * weekly task escalates to the supervision meeting if still open when that next weekly one starts.
 */
async function insertTask(
  tx: Db,
  input: CreateTask,
  placed: { meeting: Meeting; subject: Subject; ownerId: number; lateEntry: boolean },
  ctx: Ctx,
): Promise<typeof tasks.$inferSelect> {
  const { occurrence, series } = placed.meeting;
  const next = await nextMeeting(tx, series.id, occurrence.startsAt);
  const chosen = chooseDeadline(next.startsAt, input.deadline ? new Date(input.deadline) : null);
  if ('error' in chosen)
    throw invalidField(
      'deadline',
      why('完成时限不能晚于下次同类会议', 'the deadline cannot be after the next meeting of the series'),
    );
  const background = await taskBackground(tx, {
    no: input.dimension as DimensionNo,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    subjectName: placed.subject.name,
    month: input.month,
  });
  const weekly = series.type === 'weekly';
  const [row] = await tx
    .insert(tasks)
    .values({
      meetingId: occurrence.id,
      seriesId: series.id,
      meetingType: series.type,
      trackId: placed.subject.trackId,
      dimension: input.dimension,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      month: input.month,
      background: background.text,
      backgroundFacts: background.facts,
      description: input.description ?? background.text,
      ownerId: placed.ownerId,
      deadline: chosen.deadline,
      deadlineMeetingId: input.deadline ? null : next.id,
      escalationDueAt: weekly ? next.startsAt : null,
      escalationMeetingId: weekly ? next.id : null,
      lateEntry: placed.lateEntry,
      projectId: input.projectId ?? null,
      createdAt: ctx.now,
      createdBy: ctx.actor.id,
      onBehalfOfId: hasRole(ctx.actor, 'secretary') ? await ceoId(tx) : null,
    })
    .returning();
  return row!;
}

/** A task links to an existing improvement project (C3) instead of repeating its background. */
async function assertProject(db: Db, id: number): Promise<void> {
  const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.id, id));
  if (!project) throw invalidField('projectId', why('专项PDCA不存在', 'no such improvement project'));
}
