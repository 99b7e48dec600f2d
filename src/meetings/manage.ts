import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { forbidden, notFound, ruleViolation } from '../http/errors.js';
import { checkVersion, type ExpectedVersion } from '../http/versioning.js';
import type { Actor } from '../org/permissions.js';
import { openingReports } from '../reports/schema.js';
import { followCalendar } from '../tasks/follow.js';
import { ensureOccurrences } from './occurrences.js';
import { periodMonthOf } from './rules.js';
import { type Cadence, meetingOccurrences, meetingSeries } from './schema.js';
import { mayManageSeries } from './scope.js';

type Series = typeof meetingSeries.$inferSelect;
type Occurrence = typeof meetingOccurrences.$inferSelect;

/** Who keeps a calendar: `mayManageSeries` (scope.ts). */
export function assertMayManage(actor: Actor, series: Series): void {
  if (mayManageSeries(actor, series)) return;
  throw forbidden({
    zh: '只有秘书（督导会）或本赛道总监（周会）可以调整会议',
    en: 'only the secretary (supervision) or the track director (weekly) changes these meetings',
  });
}

export async function getSeries(db: Db, id: number): Promise<Series> {
  const [series] = await db.select().from(meetingSeries).where(eq(meetingSeries.id, id));
  if (!series) throw notFound('series');
  return series;
}

export async function getOccurrence(db: Db, id: number): Promise<{ occurrence: Occurrence; series: Series }> {
  const [occurrence] = await db.select().from(meetingOccurrences).where(eq(meetingOccurrences.id, id));
  if (!occurrence) throw notFound('meeting');
  return { occurrence, series: await getSeries(db, occurrence.seriesId) };
}

const STARTED = {
  zh: '会议已开始，不能再调整或取消',
  en: 'the meeting has started; it can no longer be moved or cancelled',
};
const PAST = { zh: '不能把会议改到过去的时间', en: 'a meeting cannot be moved into the past' };
const ORDER = { zh: '结束时间须晚于开始时间', en: 'the end must come after the start' };

const auditable = (o: Occurrence) => ({
  startsAt: o.startsAt.toISOString(),
  endsAt: o.endsAt.toISOString(),
  status: o.status,
  periodMonth: o.periodMonth,
});

/** Moves one meeting (not once started); it keeps its id and is marked as moved by hand. */
export async function moveMeeting(
  db: Db,
  id: number,
  input: { startsAt: Date; endsAt: Date },
  ctx: { actor: Actor; now: Date; timeZone: string; version: ExpectedVersion },
): Promise<Occurrence> {
  return db.transaction(async (tx) => {
    const { occurrence, series } = await getOccurrence(tx, id);
    assertMayManage(ctx.actor, series);
    checkVersion(occurrence.version, ctx.version);
    if (ctx.now >= occurrence.startsAt) throw ruleViolation(409, STARTED);
    if (input.startsAt <= ctx.now)
      throw ruleViolation(422, PAST, [{ field: 'startsAt', reason: 'invalid', params: { why: PAST } }]);
    if (input.endsAt <= input.startsAt)
      throw ruleViolation(422, ORDER, [{ field: 'endsAt', reason: 'invalid', params: { why: ORDER } }]);
    const [after] = await tx
      .update(meetingOccurrences)
      .set({
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        periodMonth: periodMonthOf(series.type, input.startsAt, ctx.timeZone),
        movedByHand: true,
        version: occurrence.version + 1,
      })
      .where(eq(meetingOccurrences.id, id))
      .returning();
    await recordHistory(tx, {
      entity: 'meeting',
      entityId: id,
      action: 'moved',
      actor: ctx.actor,
      at: ctx.now,
      before: auditable(occurrence),
      after: auditable(after!),
    });
    await followCalendar(tx, series.id, ctx.actor, ctx.now);
    return after!;
  });
}

export async function cancelMeeting(
  db: Db,
  id: number,
  ctx: { actor: Actor; now: Date; reason?: string; version?: ExpectedVersion },
): Promise<Occurrence> {
  return db.transaction(async (tx) => {
    const { occurrence, series } = await getOccurrence(tx, id);
    assertMayManage(ctx.actor, series);
    checkVersion(occurrence.version, ctx.version);
    if (ctx.now >= occurrence.startsAt) throw ruleViolation(409, STARTED);
    if (occurrence.status === 'cancelled') return occurrence;
    const [after] = await tx
      .update(meetingOccurrences)
      .set({ status: 'cancelled', version: occurrence.version + 1 })
      .where(eq(meetingOccurrences.id, id))
      .returning();
    await recordHistory(tx, {
      entity: 'meeting',
      entityId: id,
      action: 'cancelled',
      actor: ctx.actor,
      at: ctx.now,
      before: auditable(occurrence),
      after: auditable(after!),
      reason: ctx.reason ?? null,
    });
    await followCalendar(tx, series.id, ctx.actor, ctx.now);
    return after!;
  });
}

/**
 * A new cadence changes future meetings only: those not yet started and not moved by hand are
 * recreated from the new cadence; moved ones keep their time and id.
 */
export async function changeCadence(
  db: Db,
  id: number,
  cadence: Cadence,
  ctx: { actor: Actor; now: Date; timeZone: string; version: ExpectedVersion },
): Promise<Series> {
  return db.transaction(async (tx) => {
    const series = await getSeries(tx, id);
    assertMayManage(ctx.actor, series);
    checkVersion(series.version, ctx.version);
    const [after] = await tx
      .update(meetingSeries)
      .set({ cadence, version: series.version + 1 })
      .where(eq(meetingSeries.id, id))
      .returning();
    const deleted = await tx
      .delete(meetingOccurrences)
      .where(
        and(
          eq(meetingOccurrences.seriesId, id),
          gt(meetingOccurrences.startsAt, ctx.now),
          eq(meetingOccurrences.movedByHand, false),
        ),
      )
      .returning({ id: meetingOccurrences.id });
    // A report made ahead for a meeting that no longer exists would describe nothing.
    if (deleted.length > 0)
      await tx.delete(openingReports).where(
        inArray(
          openingReports.meetingId,
          deleted.map((d) => d.id),
        ),
      );
    await recordHistory(tx, {
      entity: 'series',
      entityId: id,
      action: 'cadence_changed',
      actor: ctx.actor,
      at: ctx.now,
      before: { cadence: series.cadence },
      after: { cadence },
    });
    await ensureOccurrences(tx, ctx.timeZone, ctx.now, { seriesId: id, from: ctx.now });
    await followCalendar(tx, id, ctx.actor, ctx.now);
    return after!;
  });
}
