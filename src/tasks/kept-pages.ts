import type { Database } from '../db/client.js';
import { foldStamps } from '../db/stamps.js';
import type { Locale } from '../http/locale.js';
import type { Actor } from '../org/permissions.js';
import type { TaskFilter } from './list.js';

/**
 * GET /tasks pages as they were last answered (issue 14), each kept with the count of changes to tasks
 * it was read under (migration 0021: every statement that changes a task stamps topic 'tasks'). A kept
 * page is sent again only while the database's count is still its count — a write through another
 * instance is seen at once — and while `now` lies where none of its pending tasks crossed its deadline
 * (its `overdue` flags hold). The count is read before the page, so a change committed meanwhile leaves
 * the page stale, never the reverse. Requests filtering on `overdue` are never kept: which tasks they
 * list moves with the clock. Requests that find the same page missing at the same count wait for one
 * read of it instead of each reading it (after a change, every open list asks at once).
 */
type KeptPage = { stamp: number; from: string; until: string | null; body: string };
export type TaskPages = { kept: Map<string, KeptPage>; reading: Map<string, Promise<KeptPage>> };
type Listed = readonly { status: string; deadline: string }[];

// The default page is about 40 KB, the largest (500 rows) 400 KB: the memo is bounded by its text.
const MEMO_CHARS = 16 * 1024 * 1024;
// The count's rows are folded into one once there are this many: a read of a few rows per request,
// and no write per page read.
const FOLD_AT = 64;
const TOPIC_DAY = '-infinity';

export const taskPages = (): TaskPages => ({ kept: new Map(), reading: new Map() });

/** The count of committed changes to tasks and the rows it is the sum of (prepared: read per request). */
export async function tasksStamp(database: Database): Promise<{ stamp: number; rows: number }> {
  const [row] = await database.query<{ n: string; rows: number }>(
    `select coalesce(sum(n), 0)::bigint as n, count(*)::int as rows from change_stamps
      where topic = 'tasks' and month = '${TOPIC_DAY}'`,
    [],
    'tasks_stamp',
  );
  return { stamp: Number(row?.n ?? 0), rows: row?.rows ?? 0 };
}

/**
 * What decides a page besides the tasks: who asks (their scope and their `can` flags follow from id,
 * role and track, or an API key's scopes), the query and the language. Null: not kept.
 */
export function pageKey(actor: Actor, query: TaskFilter & { cursor?: string; limit?: number }, locale: Locale) {
  if (query.overdue !== undefined) return null;
  const who = actor.kind === 'user' ? [actor.id, actor.role, actor.trackId] : ['key', actor.id, actor.scopes];
  const asked = Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([who, asked, locale]);
}

/**
 * The instants between which every row's `overdue` stays what it is at `nowIso`: from the latest
 * deadline of a pending task already reached (inclusive) to the earliest one still ahead (exclusive).
 */
export function overdueSpan(rows: Listed, nowIso: string): { from: string; until: string | null } {
  // ISO-8601 texts of one format sort as the instants they name.
  const pending = rows
    .filter((r) => r.status === 'pending')
    .map((r) => r.deadline)
    .sort();
  return { from: pending.findLast((d) => d <= nowIso) ?? '', until: pending.find((d) => d > nowIso) ?? null };
}

const holds = (page: KeptPage, stamp: number, nowIso: string) =>
  page.stamp === stamp && nowIso >= page.from && (page.until === null || nowIso < page.until);

/**
 * The page's body for `key` at `nowIso`: the kept one while it holds, else the one being read under the
 * same count, else `read` (the page serialised, and its rows for their deadlines), kept for the next.
 */
export async function taskPageBody(
  pages: TaskPages,
  database: Database,
  key: string,
  nowIso: string,
  read: () => Promise<{ body: string; rows: Listed }>,
): Promise<string> {
  const { stamp, rows } = await tasksStamp(database);
  const kept = pages.kept.get(key);
  if (kept && holds(kept, stamp, nowIso)) return kept.body;
  const flight = `${stamp}|${key}`;
  const other = pages.reading.get(flight);
  if (other) {
    const page = await other;
    if (holds(page, stamp, nowIso)) return page.body;
  }
  const reading = read().then(({ body, rows: listed }) => ({ stamp, ...overdueSpan(listed, nowIso), body }));
  pages.reading.set(flight, reading);
  try {
    const page = await reading;
    keep(pages.kept, key, page);
    if (rows >= FOLD_AT) await foldStamps(database.db, 'tasks', [TOPIC_DAY]);
    return page.body;
  } finally {
    if (pages.reading.get(flight) === reading) pages.reading.delete(flight);
  }
}

/** Keeps a page; the most recently kept are the ones left when the memo is full. */
function keep(memo: TaskPages['kept'], key: string, page: KeptPage): void {
  memo.delete(key);
  memo.set(key, page);
  let chars = 0;
  for (const kept of memo.values()) chars += kept.body.length;
  for (const [oldest, kept] of memo) {
    if (chars <= MEMO_CHARS) break;
    chars -= kept.body.length;
    memo.delete(oldest);
  }
}
