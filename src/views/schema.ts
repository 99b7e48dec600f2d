import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Saved views: a user's named filter sets of one list page, kept on the server so they follow the user. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    /** Which list the filters belong to (`opportunities`, …). */
    page: text('page').notNull(),
    name: text('name').notNull(),
    /** The filters as the page keeps them in its address: parameter → value. */
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('saved_views_user_page_name_key').on(t.userId, t.page, t.name)],
);
