import { and, desc, eq, gt, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notFound } from '../http/errors.js';
import type { Actor } from '../org/permissions.js';
import { hasRole, personOf } from '../org/scope.js';
import type { AlertFilter } from './contract.js';
import type { AlertRow } from './raise.js';
import { alerts } from './schema.js';

/** Who reads alerts (SPEC §9.1 "Who reads what"): CEO and admin all, a director their track's, an AM their own. */
export function canSeeAlert(actor: Actor, a: Pick<AlertRow, 'trackId' | 'amId'>): boolean {
  if (hasRole(actor, 'ceo', 'admin')) return true;
  if (hasRole(actor, 'director')) return personOf(actor)?.trackId === a.trackId;
  return hasRole(actor, 'am') && a.amId === actor.id;
}

/** The SQL twin of `canSeeAlert` (undefined: no restriction). */
export function alertSqlScope(actor: Actor): SQL | undefined {
  if (hasRole(actor, 'ceo', 'admin')) return undefined;
  if (hasRole(actor, 'director')) return eq(alerts.trackId, personOf(actor)?.trackId ?? -1);
  if (hasRole(actor, 'am')) return eq(alerts.amId, actor.id);
  return sql`false`;
}

/** Alerts in scope, newest first; `overdue` is evaluated against `now`, as everywhere. */
export async function listAlerts(
  db: Db,
  actor: Actor,
  filter: AlertFilter,
  now: Date,
  beforeId: number,
  limit: number,
) {
  const where: (SQL | undefined)[] = [alertSqlScope(actor), beforeId > 0 ? lt(alerts.id, beforeId) : undefined];
  if (filter.kind) where.push(eq(alerts.kind, filter.kind));
  if (filter.status) where.push(eq(alerts.status, filter.status));
  if (filter.trackId) where.push(eq(alerts.trackId, filter.trackId));
  if (filter.amId) where.push(eq(alerts.amId, filter.amId));
  if (filter.opportunityId) where.push(eq(alerts.opportunityId, filter.opportunityId));
  if (filter.overdue === true) where.push(and(eq(alerts.status, 'open'), lte(alerts.dueAt, now)));
  if (filter.overdue === false) where.push(or(sql`${alerts.status} <> 'open'`, gt(alerts.dueAt, now)));
  return db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.id))
    .limit(limit + 1);
}

/** An alert in the caller's scope, or 404 (outside the scope is answered as if it did not exist). */
export async function findAlert(db: Db, id: number, actor: Actor, lock = false): Promise<AlertRow> {
  const query = db.select().from(alerts).where(eq(alerts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  if (!row || !canSeeAlert(actor, row)) throw notFound('alert');
  return row;
}
