import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per state change of any entity, written in the same transaction as the change. */
export const history = pgTable(
  'history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entity: text('entity').notNull(),
    entityId: integer('entity_id').notNull(),
    action: text('action').notNull(),
    actorId: integer('actor_id'),
    actorKind: text('actor_kind').notNull(),
    // The user on whose behalf the actor acted (a secretary recording the CEO's decision).
    onBehalfOfId: integer('on_behalf_of_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
  },
  (t) => [
    index('history_entity_idx').on(t.entity, t.entityId, t.id),
    // "Who did X between these instants" (the forecast's compliance: rolling PUTs inside the window).
    index('history_action_at_idx').on(t.entity, t.action, t.at),
  ],
);
