import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** iCalendar feed tokens (SPEC §11): random, stored hashed, revocable; one active per user. */
export const calendarTokens = pgTable(
  'calendar_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
    lastUsedAt: instant('last_used_at'),
  },
  (t) => [uniqueIndex('calendar_tokens_hash_key').on(t.tokenHash), index('calendar_tokens_user_idx').on(t.userId)],
);
