import { desc, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { cents } from '../forecast/rules.js';
import { forecastSnapshots } from '../forecast/schema.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import type { Side } from './compare.js';
import type { PackSummaryDto } from './contract.js';
import { bucketOf, bucketRows, type ComparedRow, summaries } from './flow-rules.js';

/**
 * What a pack compares (SPEC §9.1 "Numbers": the latest snapshot before the current one): before — the
 * latest frozen month before M; after — M's snapshot once frozen, else the live state.
 */
export async function packSides(db: Db, month: string, now: Date) {
  const day = `${month}-01`;
  const [current] = await db.select().from(forecastSnapshots).where(sql`${forecastSnapshots.month} = ${day}::date`);
  const [previous] = await db
    .select()
    .from(forecastSnapshots)
    .where(lt(forecastSnapshots.month, day))
    .orderBy(desc(forecastSnapshots.month))
    .limit(1);
  const before: Side | null = previous
    ? { kind: 'snapshot', month: previous.month.slice(0, 7), at: previous.frozenAt }
    : null;
  const after: Side = current ? { kind: 'snapshot', month, at: current.frozenAt } : { kind: 'live', at: now };
  const basis = {
    before: previous ? { month: previous.month.slice(0, 7), frozenAt: previous.frozenAt.toISOString() } : null,
    after: { month, source: current ? ('snapshot' as const) : ('live' as const), asOf: after.at.toISOString() },
  };
  return { before, after, basis };
}

const CHANGES = ['stage', 'orderMonth', 'amount'] as const;

/** Which of stage, order month and amount differ between the sides (an opportunity on one side only: all it has). */
export function changesOf(row: ComparedRow): (typeof CHANGES)[number][] {
  const { before, after } = row;
  if (!before || !after) {
    const stageAtTo = after?.stage ?? row.stageAtTo;
    return before && stageAtTo === before.stage ? ['amount'] : [...CHANGES];
  }
  return CHANGES.filter((field) =>
    field === 'amount' ? cents(before.amount ?? 0) !== cents(after.amount ?? 0) : before[field] !== after[field],
  );
}

export const packOpportunity = (row: ComparedRow) => ({
  opportunityId: row.opportunityId,
  code: row.code,
  name: row.name,
  businessLine: row.businessLine,
  before: row.before,
  after: row.after,
  bucket: bucketOf(row),
  changes: changesOf(row),
});

export type AlertCounts = { open: number; overdue: number };
export type Counts = { alerts: AlertCounts; requests: number };

/** A pack's summary of its comparison rows and its alert and request counts. */
export function summaryOf(rows: ComparedRow[], counts: Counts): PackSummaryDto {
  const changes = rows.map(changesOf);
  const count = (field: (typeof CHANGES)[number]) => changes.filter((c) => c.includes(field)).length;
  return {
    opportunities: rows.length,
    changed: changes.filter((c) => c.length > 0).length,
    stageChanges: count('stage'),
    orderMonthChanges: count('orderMonth'),
    amountChanges: count('amount'),
    amountBefore: cents(rows.reduce((a, r) => a + (r.before?.amount ?? 0), 0)),
    amountAfter: cents(rows.reduce((a, r) => a + (r.after?.amount ?? 0), 0)),
    openAlerts: counts.alerts.open,
    overdueAlerts: counts.alerts.overdue,
    pendingRequests: counts.requests,
    buckets: summaries(bucketRows(rows)),
  };
}

/** Alerts not yet resolved: open, escalated to the CEO, or routed to a project. */
const UNRESOLVED = sql`a.status in ('open', 'escalated', 'routed')`;

/** Alerts the caller reads (SPEC §9.1: CEO and admin all, a director the track's, an AM their own). */
export const readsAlerts = (actor: Actor) => hasRole(actor, 'ceo', 'admin', 'director', 'am');

type AlertRow = {
  id: number;
  kind: string;
  status: string;
  opportunityId: number | null;
  period: string | null;
  raisedAt: string;
  dueAt: string;
  overdue: boolean;
  amId: number | null;
};

/** The unresolved alerts of a track or of one AM; only `open` ones can be overdue (SPEC §9.1). */
export async function unresolvedAlerts(db: Db, subject: { trackId?: number; amId?: number }, now: Date) {
  const where = subject.amId ? sql`a.am_id = ${subject.amId}` : sql`a.track_id = ${subject.trackId ?? -1}`;
  return queryRows<AlertRow>(
    db,
    sql`select a.id, a.kind, a.status, a.opportunity_id as "opportunityId", a.period, a.am_id as "amId",
        to_char(a.raised_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "raisedAt",
        to_char(a.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dueAt",
        (a.status = 'open' and a.due_at <= ${now.toISOString()}::timestamptz) as overdue
      from alerts a where ${where} and ${UNRESOLVED} order by a.id`,
  );
}

export const alertCounts = (rows: AlertRow[]): AlertCounts => ({
  open: rows.length,
  overdue: rows.filter((r) => r.overdue).length,
});

type RequestRow = {
  id: number;
  kind: string;
  year: number;
  status: string;
  submittedBy: number;
  submittedAt: string;
  trackId: number;
  amId: number;
  amount: number;
};

/**
 * Requests still under way (submitted, awaiting the CEO, approved and not executed), per AM whose
 * opportunities their lines touch or who submitted them; `amount` is Σ of the lines on that AM's.
 */
export async function pendingRequests(db: Db, subject: { trackId?: number; amId?: number }) {
  const where = subject.amId ? sql`x.am_id = ${subject.amId}` : sql`x.track_id = ${subject.trackId ?? -1}`;
  return queryRows<RequestRow>(
    db,
    sql`select x.id, x.kind, x.year, x.status, x.submitted_by as "submittedBy",
        to_char(x.submitted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "submittedAt",
        x.track_id as "trackId", x.am_id as "amId", sum(x.amount)::float8 as amount
      from (
        select r.*, o.am_id, l.amount from target_requests r
        join target_request_lines l on l.request_id = r.id join opportunities o on o.id = l.opportunity_id
        union all
        select r.*, r.submitted_by, 0 from target_requests r join users u on u.id = r.submitted_by and u.role = 'am'
      ) x
      where x.status in ('submitted', 'director_approved', 'approved') and ${where}
      group by x.id, x.kind, x.year, x.status, x.submitted_by, x.submitted_at, x.track_id, x.am_id
      order by x.id`,
  );
}

/** Requests the caller reads (SPEC §9.1): the submitter, the track's director, the CEO, the admin. */
export function readsRequest(actor: Actor, r: Pick<RequestRow, 'submittedBy' | 'trackId'>): boolean {
  if (hasRole(actor, 'ceo', 'admin')) return true;
  if (hasRole(actor, 'director')) return personOf(actor)?.trackId === r.trackId;
  return actor.kind === 'user' && actor.id === r.submittedBy;
}
