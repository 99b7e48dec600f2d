import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { boardAccuracyItems, boardAccuracyOf } from '../forecast/accuracy.js';
import { notFound } from '../http/errors.js';
import type { CustomerScope } from '../org/permissions.js';
import type { PlainLevel } from './drill-order.js';

/**
 * Dimension 6 below a track or an AM: the forecast items of the period (opportunities, or customers for
 * shipments matching none; customers or tracks at those granularities), each with A and F in `detail`.
 * A row's denominator is its actual shipments, its numerator the part the forecast got right
 * (A × max(0, 1 − |A − F| ÷ A)), its value that item's accuracy. The parent is the subject's own value;
 * the rows follow the reader's customer scope (an AM sees their own items, a director their track's).
 */
export async function accuracyDrilldown(
  db: Db,
  query: { subjectType: 'track' | 'am'; subjectId: number; month: string; view: 'month' | 'ytd' },
  scope: CustomerScope,
): Promise<PlainLevel> {
  const period = { month: query.month, view: query.view };
  const readerScope =
    scope.kind === 'all' ? {} : scope.kind === 'track' ? { trackId: scope.trackId } : { amId: scope.amId };
  let subject: { trackId?: number; amId?: number };
  if (query.subjectType === 'track') {
    const [track] = await queryRows<{ id: number }>(db, sql`select id from tracks where id = ${query.subjectId}`);
    if (!track) throw notFound('track');
    subject = { trackId: query.subjectId };
  } else {
    const [am] = await queryRows<{ id: number; trackId: number }>(
      db,
      sql`select id, track_id as "trackId" from users where id = ${query.subjectId} and role = 'am'`,
    );
    if (!am) throw notFound('user');
    if ((scope.kind === 'am' && scope.amId !== am.id) || (scope.kind === 'track' && scope.trackId !== am.trackId))
      throw notFound('user');
    subject = { amId: am.id };
  }
  const parent = await boardAccuracyOf(db, period, subject);
  // A director of another track sees the track's value but none of its items.
  const outside = 'trackId' in readerScope && subject.trackId !== undefined && readerScope.trackId !== subject.trackId;
  const items = outside ? [] : await boardAccuracyItems(db, period, { ...readerScope, ...subject });
  const customerIds = [...new Set(items.map((i) => i.customerId).filter((id): id is number => id !== null))];
  const names = new Map(
    (customerIds.length === 0
      ? []
      : await queryRows<{ id: number; name: string }>(
          db,
          sql`select id, name from customers where id in (${sql.join(customerIds, sql`, `)})`,
        )
    ).map((c) => [c.id, c.name]),
  );
  const rows = items.map((i) => {
    const label = i.code ?? (i.customerId === null ? '' : (names.get(i.customerId) ?? String(i.customerId)));
    const numerator = i.actual > 0 ? Math.round(i.actual * i.accuracy * 100) / 100 : 0;
    return {
      id: `${i.month}/${i.kind}/${i.opportunityId ?? i.customerId ?? 'track'}`,
      name: query.view === 'ytd' ? `${i.month} · ${label}` : label,
      numerator,
      denominator: i.actual,
      value: i.actual > 0 || i.forecast !== 0 ? i.accuracy : null,
      detail: { ...i, customerName: i.customerId === null ? null : (names.get(i.customerId) ?? null) },
    };
  });
  return { level: 'item', no: 6, parent, rows };
}
