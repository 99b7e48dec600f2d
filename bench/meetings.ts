// `npm run bench -- meetings` (issue 4), on PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL):
// the opening report of a supervision meeting carrying 2,000 pending and escalated tasks, the
// escalation and reminder jobs over 20,000 open tasks, and GET /api/v1/tasks as a director under 50
// concurrent clients against a bare Fastify route answering the same bytes, in the same run.
import { buildBoard } from '../src/board/board.js';
import { readBoard } from '../src/board/cache.js';
import { type Db, openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { demoOrganisation } from '../src/demo/organisation.js';
import { seedDemoFacts, seedOrganisation } from '../src/demo/seed.js';
import { jobRuns } from '../src/jobs/schema.js';
import { getOccurrence } from '../src/meetings/manage.js';
import { ensureOccurrences } from '../src/meetings/occurrences.js';
import { notifyTaskDeadlines } from '../src/notifications/reminders.js';
import { reportContent } from '../src/reports/content.js';
import { generateReport } from '../src/reports/store.js';
import { escalateDueWeeklyTasks } from '../src/tasks/escalation.js';
import { benchTaskList } from './tasks.js';

export const PASSWORD = 'bench-password';
// The supervision meeting of June 2026 (first Wednesday, 09:30 Asia/Shanghai); "now" is 24 h before it.
const MEETING_STARTS = '2026-06-03T01:30:00Z';
export const NOW = new Date('2026-06-02T01:30:00Z');
const MINUTE = 60_000;
const OLD_NOTIFICATIONS = 300_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

async function timed(runs: number, fn: () => Promise<unknown>, warmups = 1) {
  for (let i = 0; i < warmups; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { ...percentiles(times), runs };
}

export function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1));
  return { p50: q(0.5), p95: q(0.95) };
}

class Rollback extends Error {}

/** Runs a job body in a transaction that is rolled back, so the same work can be timed again. */
async function rolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

const COLUMNS = `meeting_id, series_id, meeting_type, track_id, dimension, subject_type, subject_id, month, background,
  description, owner_id, deadline, deadline_meeting_id, escalation_due_at, escalation_meeting_id, escalated_at,
  escalated_to_meeting_id, status, completed_at, completion_note, closed_at, close_reason, extensions, created_at, created_by`;

/**
 * Supervision tasks owned by the directors, raised in the supervision meetings of 2026 before June:
 * `pending` ones spread over January–May, `done` ones raised on 6 May and completed (1 in 5 closed) since.
 */
export function supervisionTasks(count: number, kind: 'pending' | 'done'): string {
  const since = kind === 'pending' ? '2026-01-01' : '2026-05-06';
  return `with sup as (
      select o.id, o.series_id, o.starts_at, o.period_month, lead(o.id) over w as next_id,
        lead(o.starts_at) over w as next_start, row_number() over w as k
      from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where s.type = 'supervision' and o.starts_at >= '${since}' window w as (order by o.starts_at)),
    past as (select *, count(*) over () as n from sup where starts_at < '${MEETING_STARTS}'),
    dir as (select u.id, u.track_id, tr.name, row_number() over (order by u.id) as k, count(*) over () as n
      from users u join tracks tr on tr.id = u.track_id where u.role = 'director')
    insert into tasks (${COLUMNS})
    select p.id, p.series_id, 'supervision', d.track_id, (array[1,3,5,6,7,8])[1 + g % 6], 'track', d.track_id,
      p.period_month, format('%s赛道%s 维度%s 未达标，连续两月低于目标', d.name, p.period_month, 1 + g % 6),
      format('%s赛道%s 维度%s 未达标：请说明原因并提交改善计划（第%s项）', d.name, p.period_month, 1 + g % 6, g),
      d.id, p.next_start, p.next_id, null, null, null, null,
      ${kind === 'pending' ? `'pending', null, null, null, null` : `case when g % 5 = 0 then 'closed' else 'completed' end, case when g % 5 > 0 then p.starts_at + (1 + g % 25) * interval '1 day' end, case when g % 5 > 0 then '已与客户确认交期并落实' end, case when g % 5 = 0 then p.starts_at + (1 + g % 25) * interval '1 day' end, case when g % 5 = 0 then '无需再跟进' end`},
      (g % 4 = 0)::int, p.starts_at + interval '1 hour', (select id from users where role = 'secretary')
    from generate_series(0, ${count - 1}) g
    join past p on p.k = 1 + g % p.n
    join dir d on d.k = 1 + (g / p.n) % d.n`;
}

/**
 * Weekly tasks owned by the AMs, raised in their track's weekly meetings of `weeks` Mondays from `from`;
 * escalation due at the next weekly meeting. `escalated` ones are marked at that moment and attached
 * to the first supervision meeting after it, as the escalation job would have done.
 */
export function weeklyTasks(count: number, from: string, weeks: number, escalated: boolean): string {
  return `with wk as (
      select o.id, o.series_id, s.track_id, o.starts_at, o.period_month,
        lead(o.id) over w as next_id, lead(o.starts_at) over w as next_start
      from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where s.type = 'weekly' window w as (partition by o.series_id order by o.starts_at)),
    am as (select u.id, u.track_id, u.name, row_number() over (order by u.id) as k, count(*) over () as n
      from users u where u.role = 'am'),
    rows as (
      select g, a.id as am_id, a.name as am_name, wk.*, (select o.id from meeting_occurrences o join meeting_series s on s.id = o.series_id
          where s.type = 'supervision' and o.status = 'scheduled' and o.starts_at > wk.next_start order by o.starts_at limit 1) as sup_id
      from generate_series(0, ${count - 1}) g
      join am a on a.k = 1 + g % (select max(n) from am)
      join wk on wk.track_id = a.track_id
        and wk.starts_at = timestamptz '${from}' + ((g / (select max(n) from am)) % ${weeks}) * interval '7 days')
    insert into tasks (${COLUMNS})
    select r.id, r.series_id, 'weekly', r.track_id, (array[2,4])[1 + g % 2], 'am', r.am_id, r.period_month,
      format('%s %s 维度%s 低于目标', r.am_name, r.period_month, 2 + 2 * (g % 2)),
      format('%s %s 维度%s 低于目标：跟进重点客户的订单与出货（第%s项）', r.am_name, r.period_month, 2 + 2 * (g % 2), g),
      r.am_id, r.next_start, r.next_id, r.next_start, r.next_id,
      ${escalated ? 'r.next_start, r.sup_id' : 'null, null'}, 'pending', null, null, null, null, (g % 7 = 0)::int,
      r.starts_at + interval '30 minutes', (select director_id from tracks where id = r.track_id)
    from rows r`;
}

async function prepare(url: string) {
  const database = await openDatabase({ url });
  await migrateDatabase(database);
  const org = demoOrganisation();
  const janFirst = new Date('2026-01-01T00:00:00+08:00');
  await seedOrganisation(database.db, org, PASSWORD, janFirst);
  await ensureOccurrences(database.db, 'Asia/Shanghai', janFirst);
  const started = performance.now();
  await seedDemoFacts(database.db, org, NOW);
  const factsSeconds = (performance.now() - started) / 1000;
  const load = (text: string) => database.query(text);
  await load(supervisionTasks(1000, 'pending'));
  await load(weeklyTasks(1000, '2026-04-27T01:00:00Z', 5, true));
  await load(supervisionTasks(500, 'done'));
  await load(weeklyTasks(5000, '2026-05-25T01:00:00Z', 1, false));
  await load(weeklyTasks(13000, '2026-06-01T01:00:00Z', 1, false));
  await load('analyze');
  return { database, factsSeconds };
}

async function count(database: Awaited<ReturnType<typeof openDatabase>>, where: string): Promise<number> {
  const [row] = await database.query<{ n: number }>(`select count(*)::int as n from tasks where ${where}`);
  return row!.n;
}

export async function benchMeetings(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl)
    throw new Error('the meetings benchmark runs on PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  // One database per run (its process id): two runs at once, or a kept one (BENCH_KEEP), never collide.
  const name = `crm_bench_meetings_${process.pid}`;
  await dropDatabase(baseUrl, name);
  await adminQuery(baseUrl, `create database ${name}`);
  const url = withDatabaseName(baseUrl, name);
  const { database, factsSeconds } = await prepare(url);
  const { db } = database;
  const sizes = {
    open: await count(database, `status = 'pending'`),
    all: await count(database, 'true'),
  };
  const [meeting] = await database.query<{ id: number }>(
    `select o.id from meeting_occurrences o join meeting_series s on s.id = o.series_id
     where s.type = 'supervision' and o.starts_at = '${MEETING_STARTS}'`,
  );

  // 1. The opening report, made on demand (each run a new immutable version).
  const report = await timed(20, () => generateReport(db, meeting!.id, 'on_demand', NOW, null), 3);
  const { occurrence, series } = await getOccurrence(db, meeting!.id);
  const contents = await timed(10, () => reportContent(db, occurrence, series, NOW));
  const board = await timed(10, () => readBoard(db, occurrence.periodMonth, 'month'));
  const freshBoard = await timed(10, () => buildBoard(db, occurrence.periodMonth, 'month'));
  const [snapshot] = await database.query<{ stored: number; text: number; p: number; e: number; c: number }>(
    `select pg_column_size(content) as stored, octet_length(content::text) as text,
       json_array_length(content->'pending') as p, json_array_length(content->'escalated') as e,
       json_array_length(content->'completed') as c
     from opening_reports where meeting_id = ${meeting!.id} order by version desc limit 1`,
  );

  // 2. Escalation: a minute that escalates 5,000 among 20,000 open, then (committed) a minute with nothing due.
  let escalated = 0;
  const escalation = await timed(5, async () => {
    escalated = await rolledBack(db, (tx) => escalateDueWeeklyTasks(tx, NOW));
  });
  await escalateDueWeeklyTasks(db, NOW);
  await database.query('analyze tasks');
  const idle = await timed(20, () => rolledBack(db, (tx) => escalateDueWeeklyTasks(tx, at(MINUTE))));

  // 3. Reminders: the first run after that escalation (nothing sent yet, no previous run), then steady state.
  let firstCounts: Record<string, number> = {};
  const firstReminders = await timed(5, async () => {
    firstCounts = await rolledBack(db, (tx) => notifyTaskDeadlines(tx, at(MINUTE)));
  });
  await notifyTaskDeadlines(db, at(MINUTE));
  await db
    .insert(jobRuns)
    .values({ job: 'task_reminders', periodKey: 'bench', dueAt: at(MINUTE), startedAt: at(MINUTE) });
  await database.query('analyze');
  let steadyCounts: Record<string, number> = {};
  const steadyReminders = await timed(20, async () => {
    steadyCounts = await rolledBack(db, (tx) => notifyTaskDeadlines(tx, at(2 * MINUTE)));
  });
  // The same minute once the inboxes hold a year of older, read notifications.
  await database.query(`insert into notifications (user_id, kind, params, link, dedupe_key, created_at, read_at)
    select (array(select id from users order by id))[1 + g % 51], 'report_ready', '{"meetingId": 1}', '/meetings/1',
      'old:' || g, timestamptz '2025-06-01' + g * interval '1 minute', timestamptz '2025-06-01' + g * interval '1 minute'
    from generate_series(1, ${OLD_NOTIFICATIONS}) g`);
  await database.query('analyze notifications');
  const yearReminders = await timed(20, () => rolledBack(db, (tx) => notifyTaskDeadlines(tx, at(2 * MINUTE))));
  await database.close();

  // 4. GET /api/v1/tasks as a director, against bare Fastify answering the same bytes.
  const api = await benchTaskList(url);
  if (!process.env.BENCH_KEEP) await dropDatabase(baseUrl, name);

  console.table({
    'opening report, supervision (ms)': report,
    '  preview: contents assembled in SQL, read into Node (ms)': contents,
    '  of which: board of the period, kept (readBoard) (ms)': board,
    '  board of the period computed afresh (buildBoard) (ms)': freshBoard,
    [`escalation, ${escalated.toLocaleString()} due (ms)`]: escalation,
    'escalation, nothing due (ms)': idle,
    'reminders, first run after the escalation (ms)': firstReminders,
    'reminders, steady minute (ms)': steadyReminders,
    [`reminders, steady minute, ${OLD_NOTIFICATIONS.toLocaleString()} older notifications (ms)`]: yearReminders,
  });
  console.log(
    `report: ${snapshot!.p} pending, ${snapshot!.e} escalated, ${snapshot!.c} completed/closed; snapshot ${snapshot!.text.toLocaleString()} bytes of JSON, ${snapshot!.stored.toLocaleString()} bytes stored`,
  );
  console.log(`reminders first run: ${JSON.stringify(firstCounts)}; steady: ${JSON.stringify(steadyCounts)}`);
  console.table(api.table);
  console.log(
    `database: postgresql; demo organisation (7 tracks, 40 AMs, 300 customers, facts seeded in ${factsSeconds.toFixed(0)} s); ${sizes.all.toLocaleString()} tasks, ${sizes.open.toLocaleString()} open; GET /tasks ratio ${api.ratio} % of bare Fastify`,
  );
}
