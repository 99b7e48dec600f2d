import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { recordHistory } from '../history/store.js';
import { notify } from '../notifications/store.js';
import { tracks } from '../org/schema.js';
import { dueAtOf } from './rules.js';
import { type AlertKind, alerts } from './schema.js';

export type AlertRow = typeof alerts.$inferSelect;

/** A candidate alert: what it is about, the numbers that raised it, and who hears of it. */
export type NewAlert = {
  kind: AlertKind;
  trackId: number;
  amId: number | null;
  opportunityId: number | null;
  period: string | null;
  subjectKey: string;
  /** How notices name the subject: an opportunity's code and name, a track's or an AM's name. */
  subject: string;
  facts: Record<string, unknown>;
};

/** The track's director, or nobody while the track has none. */
export async function directorOf(db: Db, trackId: number): Promise<number[]> {
  const [track] = await db.select({ directorId: tracks.directorId }).from(tracks).where(eq(tracks.id, trackId));
  return track?.directorId ? [track.directorId] : [];
}

export async function activeCeos(db: Db): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from users where role = 'ceo' and active`);
  return rows.map((r) => r.id);
}

/**
 * Who must handle an alert and who is only informed (SPEC §6.5): the director handles, the AM informed
 * for `day25` and `delay`; `commodity_deviation` goes to the AM, the director informed.
 */
export async function audienceOf(db: Db, a: Pick<AlertRow, 'kind' | 'trackId' | 'amId'>) {
  const director = await directorOf(db, a.trackId);
  const am = a.amId ? [a.amId] : [];
  if (a.kind === 'commodity_deviation') return { handlers: am, informed: director };
  if (a.kind === 'day25' || a.kind === 'delay') return { handlers: director, informed: am };
  return { handlers: director, informed: [] };
}

export const noticeParams = (a: AlertRow) => ({
  alertId: a.id,
  kind: a.kind,
  subject: String(a.facts.subject ?? ''),
  period: a.period,
});

/**
 * Raises an alert once per subject and period (the unique indexes decide, whatever the instances,
 * re-runs or catch-up); a new one is recorded in its history and told to its audience in the same
 * transaction. Returns the row, or null when it was already there.
 */
export async function raiseAlert(tx: Db, a: NewAlert, at: Date, slaDays: number): Promise<AlertRow | null> {
  const [row] = await tx
    .insert(alerts)
    .values({
      kind: a.kind,
      trackId: a.trackId,
      amId: a.amId,
      opportunityId: a.opportunityId,
      period: a.period,
      subjectKey: a.subjectKey,
      facts: { subject: a.subject, ...a.facts },
      raisedAt: at,
      dueAt: dueAtOf(at, slaDays),
      updatedAt: at,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) return null;
  await recordHistory(tx, {
    entity: 'alert',
    entityId: row.id,
    action: 'raised',
    actor: 'system',
    at,
    after: { status: 'open', facts: row.facts },
  });
  const { handlers, informed } = await audienceOf(tx, row);
  const params = noticeParams(row);
  const link = `/alerts/${row.id}`;
  await notify(tx, { userIds: handlers, kind: 'alert_raised', params, link, dedupeKey: `alert:${row.id}:raised`, at });
  const onlyInformed = informed.filter((id) => !handlers.includes(id));
  await notify(tx, {
    userIds: onlyInformed,
    kind: 'alert_informed',
    params,
    link,
    dedupeKey: `alert:${row.id}:informed`,
    at,
  });
  return row;
}
