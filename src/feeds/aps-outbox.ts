import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { isHOrLater } from '../forecast/rules.js';
import type { Stage } from '../forecast/schema.js';
import { apsDeliveries } from './schema.js';

/** What APS receives of a quote (SPEC §9.1 `Feeds`), without the delivery's id and instant. */
export type ApsPayload = {
  opportunityCode: string;
  customerCode: string;
  orderMonth: string | null;
  amount: number | null;
  shipments: Record<string, number>;
  stage: Stage;
  cancelled: boolean;
  items?: unknown[];
};

type Current = {
  id: number;
  code: string;
  customerCode: string;
  businessLine: 'integrated' | 'commodity';
  stage: Stage;
  hasQuote: boolean;
  orderMonth: string | null;
  amount: string | null;
  items: unknown;
  shipments: Record<string, number | string> | null;
  last: ApsPayload | null;
};

/** Ids read per statement: an import of 50,000 opportunities costs a few queries, not 50,000. */
const CHUNK = 5_000;

/**
 * The commodity opportunities among `ids` and those that ever reached the outbox, with their quote and
 * the payload of their last delivery. Integrated opportunities never had one: they are not read at all.
 */
const currentOf = (db: Db, ids: number[]) =>
  queryRows<Current>(
    db,
    sql`select o.id, o.code, c.code as "customerCode", o.business_line as "businessLine", o.stage,
        v.opportunity_id is not null as "hasQuote", to_char(v.order_month, 'YYYY-MM') as "orderMonth",
        v.amount::text as amount, v.items,
        (select jsonb_object_agg(to_char(m.month, 'YYYY-MM'), m.amount order by m.month) from forecast_months m
          where m.opportunity_id = o.id and m.version = 'precision' and m.line = 'shipment') as shipments,
        (select d.payload from aps_deliveries d where d.opportunity_id = o.id order by d.id desc limit 1) as last
      from opportunities o
      join customers c on c.id = o.customer_id
      left join forecast_versions v on v.opportunity_id = o.id and v.version = 'precision'
      where o.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
        and (o.business_line = 'commodity' or exists (select 1 from aps_deliveries d where d.opportunity_id = o.id))`,
  );

/** The quote as APS reads it now, or null when the opportunity is not a commodity quote at `H` or later. */
function quoteOf(o: Current): ApsPayload | null {
  if (o.businessLine !== 'commodity' || !isHOrLater(o.stage) || !o.hasQuote) return null;
  const shipments = Object.fromEntries(Object.entries(o.shipments ?? {}).map(([m, a]) => [m, Number(a)]));
  return {
    opportunityCode: o.code,
    customerCode: o.customerCode,
    orderMonth: o.orderMonth,
    amount: o.amount === null ? null : Number(o.amount),
    shipments,
    stage: o.stage,
    cancelled: false,
    ...(Array.isArray(o.items) && o.items.length ? { items: o.items } : {}),
  };
}

/**
 * The delivery a write owes, or null: the quote when it differs from the last one sent; a cancellation
 * (the last quote's numbers, the stage now, `cancelled: true`) once when a quote that was sent leaves
 * `H`+; nothing before `H` and nothing for a change APS would not see.
 */
export function owedDelivery(o: Current): ApsPayload | null {
  const quote = quoteOf(o);
  if (quote) return o.last && sameJson(o.last, quote) ? null : quote;
  if (!o.last || o.last.cancelled) return null;
  return { ...o.last, stage: o.stage, cancelled: true };
}

/** Key order aside (jsonb keeps its own), the same JSON. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, canonical(v)]),
  );
}
const sameJson = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * The APS outbox's part of every opportunity write (forecast/after-write.ts), in its transaction: one
 * row per change APS must hear of, so a change is queued exactly when it is committed.
 */
export async function enqueueApsDeliveries(tx: Db, ids: readonly number[], now: Date): Promise<number> {
  let queued = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = (await currentOf(tx, ids.slice(i, i + CHUNK) as number[])).flatMap((o) => {
      const payload = owedDelivery(o);
      return payload
        ? [
            {
              deliveryId: randomUUID(),
              opportunityId: o.id,
              cancelled: payload.cancelled,
              payload,
              nextAttemptAt: now,
              createdAt: now,
            },
          ]
        : [];
    });
    if (rows.length) await tx.insert(apsDeliveries).values(rows);
    queued += rows.length;
  }
  return queued;
}
