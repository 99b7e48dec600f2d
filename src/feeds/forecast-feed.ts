import { and, asc, eq, exists, gt, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ForecastSettingsValues } from '../forecast/contract.js';
import { probabilityOf } from '../forecast/rules.js';
import { forecastMonths, forecastVersions, opportunities } from '../forecast/schema.js';
import { customers, tracks, users } from '../org/schema.js';
import type { FeedItemDto } from './contract.js';
import type { Position } from './cursor.js';
import { apsDeliveries } from './schema.js';

type Settings = Pick<ForecastSettingsValues, 'stageProbabilities'>;

/** One opportunity of the feed with its versions, ready to be written as items or sheet rows. */
export type FeedOpportunity = { id: number; updatedAt: Date; items: FeedItemDto[] };

const H_OR_LATER = ['H', 'won'] as const;

/**
 * Which opportunities the feed carries (SPEC §9.1 `Feeds`): integrated ones at every stage; commodity
 * ones at `H`/`won`; and a commodity one that left `H`/`won` once its quote had reached the APS outbox
 * (it had been in the feed then), as a `removed` row.
 */
const inFeed = (db: Db): SQL =>
  or(
    eq(opportunities.businessLine, 'integrated'),
    inArray(opportunities.stage, [...H_OR_LATER]),
    exists(db.select({ one: sql`1` }).from(apsDeliveries).where(eq(apsDeliveries.opportunityId, opportunities.id))),
  )!;

/** The next `limit` opportunities after `from` (order (updatedAt, id)), updated at or after `since`. */
async function opportunitiesAfter(db: Db, since: Date | null, from: Position, limit: number) {
  return db
    .select({
      id: opportunities.id,
      code: opportunities.code,
      customerCode: customers.code,
      trackCode: tracks.code,
      amCode: users.code,
      businessLine: opportunities.businessLine,
      kind: opportunities.kind,
      stage: opportunities.stage,
      updatedAt: opportunities.updatedAt,
    })
    .from(opportunities)
    .innerJoin(customers, eq(customers.id, opportunities.customerId))
    .innerJoin(tracks, eq(tracks.id, opportunities.trackId))
    .innerJoin(users, eq(users.id, opportunities.amId))
    .where(
      and(
        inFeed(db),
        since ? gte(opportunities.updatedAt, since) : undefined,
        or(
          gt(opportunities.updatedAt, from.at),
          and(eq(opportunities.updatedAt, from.at), gt(opportunities.id, from.id)),
        ),
      ),
    )
    .orderBy(asc(opportunities.updatedAt), asc(opportunities.id))
    .limit(limit);
}

type StoredValues = { orderMonth: string | null; amount: number | null; shipments: Record<string, number> };

/** Both versions of the opportunities with their shipment months, keyed `id:version`. */
async function versionsOf(db: Db, ids: number[]): Promise<Map<string, StoredValues>> {
  const out = new Map<string, StoredValues>();
  if (ids.length === 0) return out;
  const rows = await db.select().from(forecastVersions).where(inArray(forecastVersions.opportunityId, ids));
  for (const r of rows)
    out.set(`${r.opportunityId}:${r.version}`, {
      orderMonth: r.orderMonth ? r.orderMonth.slice(0, 7) : null,
      amount: r.amount === null ? null : Number(r.amount),
      shipments: {},
    });
  const months = await db
    .select()
    .from(forecastMonths)
    .where(and(inArray(forecastMonths.opportunityId, ids), eq(forecastMonths.line, 'shipment')))
    .orderBy(asc(forecastMonths.month));
  for (const m of months) {
    const version = out.get(`${m.opportunityId}:${m.version}`);
    if (version) version.shipments[m.month.slice(0, 7)] = Number(m.amount);
  }
  return out;
}

/**
 * One page of the feed: up to `limit` opportunities after `from`, each with its items — integrated both
 * versions (those that exist), commodity the quote only. `next` is the position to continue from.
 */
export async function feedPage(
  db: Db,
  query: { since: Date | null; from: Position; limit: number },
  settings: Settings,
): Promise<{ opportunities: FeedOpportunity[]; next: Position | null }> {
  const rows = await opportunitiesAfter(db, query.since, query.from, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const versions = await versionsOf(
    db,
    page.map((r) => r.id),
  );
  const out = page.map((o) => {
    const names = o.businessLine === 'integrated' ? (['rolling', 'precision'] as const) : (['precision'] as const);
    const removed = o.businessLine === 'commodity' && !(H_OR_LATER as readonly string[]).includes(o.stage);
    const items = names.flatMap((version) => {
      const values = versions.get(`${o.id}:${version}`);
      if (!values) return [];
      return [
        {
          opportunityCode: o.code,
          customerCode: o.customerCode,
          trackCode: o.trackCode,
          amCode: o.amCode,
          businessLine: o.businessLine,
          kind: o.kind,
          stage: o.stage,
          probability: probabilityOf(o.stage, settings),
          version,
          ...values,
          updatedAt: o.updatedAt.toISOString(),
          ...(removed ? { removed: true } : {}),
        },
      ];
    });
    return { id: o.id, updatedAt: o.updatedAt, items };
  });
  const last = page.at(-1);
  return { opportunities: out, next: rows.length > query.limit && last ? { at: last.updatedAt, id: last.id } : null };
}
