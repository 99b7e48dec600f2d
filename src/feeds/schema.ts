import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The APS outbox (SPEC §9.1 `Feeds`): one row per change of a commodity quote at `H` or later, and one
 * cancellation when a quote leaves `H`+. Written in the transaction of the change, pushed to
 * `CRM_APS_URL` after the claiming transaction commits, under `deliveryId` as the Idempotency-Key,
 * retried with backoff until a 2xx. `GET /feeds/aps-quotes` reads the same rows.
 */
export const apsDeliveries = pgTable(
  'aps_deliveries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: text('delivery_id').notNull(),
    opportunityId: integer('opportunity_id').notNull(),
    cancelled: boolean('cancelled').notNull().default(false),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('aps_deliveries_delivery_id').on(t.deliveryId),
    index('aps_deliveries_opportunity_idx').on(t.opportunityId, t.id),
    index('aps_deliveries_created_idx').on(t.createdAt, t.id),
    index('aps_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);
