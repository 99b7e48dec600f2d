import { and, count, desc, eq, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';
import { notFound } from '../http/errors.js';
import { notifications } from './schema.js';
import type { NotificationKind, NotificationParams } from './titles.js';

export type Notice<K extends NotificationKind = NotificationKind> = {
  userIds: number[];
  kind: K;
  params: NotificationParams[K];
  /** A web path: `/tasks/123`, `/meetings/45`. */
  link: string;
  /** The event's name: the same event never notifies the same user twice (`task:12:overdue:<deadline>`). */
  dedupeKey: string;
  /** When the event happened. */
  at: Date;
};

/**
 * Inserts candidate rows `(user_id, kind, params, link, dedupe_key, created_at)` once per (user, dedupe
 * key). Rows already there are filtered out before the insert, not only by `on conflict`: a conflicting
 * insert still draws an identity value, and re-offering the same events every minute would use them up.
 */
export function insertOnce(candidates: SQL): SQL {
  return sql`insert into notifications (user_id, kind, params, link, dedupe_key, created_at)
    select distinct on (c.user_id, c.dedupe_key) c.user_id, c.kind, c.params, c.link, c.dedupe_key, c.created_at
    from (${candidates}) c
    where c.user_id is not null
      and not exists (select 1 from notifications n where n.user_id = c.user_id and n.dedupe_key = c.dedupe_key)
    on conflict (user_id, dedupe_key) do nothing
    returning kind`;
}

/**
 * Puts one notification in each distinct recipient's inbox (SPEC §5), once per event whatever the
 * re-runs. Call it inside the transaction of the change that causes the event. Returns how many were new.
 */
export async function notify<K extends NotificationKind>(db: Db, notice: Notice<K>): Promise<number> {
  const userIds = [...new Set(notice.userIds)];
  if (userIds.length === 0) return 0;
  const recipients = sql.join(
    userIds.map((id) => sql`(${id}::integer)`),
    sql`, `,
  );
  const rows = await queryRows(
    db,
    insertOnce(sql`select r.user_id, ${notice.kind}::text as kind, ${JSON.stringify(notice.params)}::jsonb as params,
      ${notice.link}::text as link, ${notice.dedupeKey}::text as dedupe_key, ${notice.at}::timestamptz as created_at
      from (values ${recipients}) r(user_id)`),
  );
  return rows.length;
}

export type NotificationRow = typeof notifications.$inferSelect;

/** A user's inbox, newest first; `unread` true / false keeps only unread / read ones. */
export async function listNotifications(
  db: Db,
  userId: number,
  filter: { unread?: boolean | undefined },
  beforeId: number,
  limit: number,
): Promise<NotificationRow[]> {
  const where = [eq(notifications.userId, userId), beforeId > 0 ? lt(notifications.id, beforeId) : undefined];
  if (filter.unread !== undefined)
    where.push(filter.unread ? isNull(notifications.readAt) : isNotNull(notifications.readAt));
  return db
    .select()
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's own notifications read; reading it again keeps the first time. */
export async function markRead(db: Db, userId: number, id: number, now: Date): Promise<NotificationRow> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  if (!row) throw notFound('notification');
  return row;
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllRead(db: Db, userId: number, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
