import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { notFound, ruleViolation } from '../http/errors.js';
import { MAX_VIEWS_PER_PAGE, type SavedViewDto, type SaveView } from './contract.js';
import { savedViews } from './schema.js';

type Row = typeof savedViews.$inferSelect;

const present = (v: Row): SavedViewDto => ({
  id: v.id,
  page: v.page as SavedViewDto['page'],
  name: v.name,
  query: v.query,
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});

/** The caller's own views of one page, by name. */
export async function listViews(db: Db, userId: number, page: string): Promise<SavedViewDto[]> {
  const rows = await db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, userId), eq(savedViews.page, page)))
    .orderBy(asc(savedViews.name), asc(savedViews.id));
  return rows.map(present);
}

/** Saves the filters under a name: a new view, or the caller's view of that name replaced. */
export async function saveView(db: Db, userId: number, input: SaveView, now: Date): Promise<SavedViewDto> {
  const name = input.name.trim();
  return db.transaction(async (tx) => {
    const [{ n } = { n: 0 }] = await tx
      .select({ n: count() })
      .from(savedViews)
      .where(and(eq(savedViews.userId, userId), eq(savedViews.page, input.page)));
    const [existing] = await tx
      .select({ id: savedViews.id })
      .from(savedViews)
      .where(and(eq(savedViews.userId, userId), eq(savedViews.page, input.page), eq(savedViews.name, name)));
    if (!existing && n >= MAX_VIEWS_PER_PAGE)
      throw ruleViolation(
        409,
        {
          zh: `每个页面最多保存 ${MAX_VIEWS_PER_PAGE} 个视图，请先删除不用的视图`,
          en: `at most ${MAX_VIEWS_PER_PAGE} views per page: delete one you no longer use first`,
        },
        [{ field: 'name', reason: 'invalid' }],
      );
    const [row] = await tx
      .insert(savedViews)
      .values({ userId, page: input.page, name, query: input.query, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [savedViews.userId, savedViews.page, savedViews.name],
        set: { query: input.query, updatedAt: now },
      })
      .returning();
    return present(row!);
  });
}

/** Deletes one of the caller's views; another user's view is as unknown as a missing one (404). */
export async function deleteView(db: Db, userId: number, id: number): Promise<void> {
  const rows = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, userId)))
    .returning({ id: savedViews.id });
  if (rows.length === 0) throw notFound('saved_view');
}
