import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from './client.js';

/**
 * Version stamps of kept results (SPEC §8: several instances on one PostgreSQL). Triggers append a row to
 * `change_stamps` for each statement that changes a result's inputs (migrations 0014, 0016); a result is
 * kept with the count of its topic's rows read _before_ it was computed, and is current while that count
 * is unchanged. Counting, not the highest stamp: sequence values are handed out before their transactions
 * commit, so a lower stamp may become visible after a higher one was read.
 */
export type StampTopic = 'accuracy' | 'board' | 'overview' | 'tasks';

/** Per month (first day, `YYYY-MM-DD`) the number of changes of a topic to exactly that month. */
export async function stampsPerMonth(db: Db, topic: StampTopic, days: readonly string[]): Promise<Map<string, number>> {
  if (days.length === 0) return new Map();
  const rows = await queryRows<{ month: string; n: number }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, sum(n)::int as n from change_stamps
      where topic = ${topic} and month in (${sql.join(
        days.map((d) => sql`${d}::date`),
        sql`, `,
      )}) group by month`,
  );
  return new Map(rows.map((r) => [r.month, r.n]));
}

/** The number of changes of the topics to any month up to `day` (a month's first day), `-infinity` included. */
export async function stampsThrough(db: Db, topics: readonly StampTopic[], day: string): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(
    db,
    sql`select coalesce(sum(n), 0)::bigint as n from change_stamps
      where topic in (${sql.join(
        topics.map((t) => sql`${t}`),
        sql`, `,
      )}) and month <= ${day}::date`,
  );
  return Number(row?.n ?? 0);
}

/** The number of changes of a topic to exactly the given days (`-infinity` among them), as a subquery. */
export const stampsOnSql = (topic: StampTopic, days: readonly string[]): SQL =>
  sql`select coalesce(sum(n), 0)::bigint from change_stamps where topic = ${topic} and month in (${sql.join(
    days.map((d) => sql`${d}::date`),
    sql`, `,
  )})`;

/**
 * Folds a topic's committed rows of each given day into one row carrying their sum of `n`: every count
 * stays what it was (one statement, so any reader sees all the rows or their fold), and the next counts
 * read one row per day instead of the history of changes. Rows not yet committed are left and counted
 * when they are.
 */
export async function foldStamps(db: Db, topic: StampTopic, days: readonly string[]): Promise<void> {
  await fold(
    db,
    topic,
    sql`month in (${sql.join(
      days.map((d) => sql`${d}::date`),
      sql`, `,
    )})`,
  );
}

/** As `foldStamps`, for every month up to `day` (a month's first day, `-infinity` included) of each topic. */
export async function foldStampsThrough(db: Db, topics: readonly StampTopic[], day: string): Promise<void> {
  for (const topic of topics) await fold(db, topic, sql`month <= ${day}::date`);
}

async function fold(db: Db, topic: StampTopic, months: SQL): Promise<void> {
  // One folder at a time (a second one skips): two deleting the same rows could deadlock each other.
  await db.execute(sql`with turn as (
      select pg_try_advisory_xact_lock(hashtext('change_stamps fold ' || ${topic})) as mine
    ), many as (
      select month from change_stamps where topic = ${topic} and ${months} and (select mine from turn)
      group by month having count(*) > 1
    ), gone as (
      delete from change_stamps where topic = ${topic} and month in (select month from many) returning month, n
    )
    insert into change_stamps (stamp, topic, month, n)
    select nextval('change_stamp_seq'), ${topic}, month, sum(n) from gone group by month`);
}
