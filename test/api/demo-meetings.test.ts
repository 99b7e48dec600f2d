import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database.js';
import { seedDemoMeetings } from '../../src/demo/meetings.js';
import { demoOrganisation } from '../../src/demo/organisation.js';
import { seedDemoFacts, seedOrganisation } from '../../src/demo/seed.js';
import { describeWithDatabase } from '../support/suites.js';

// A Tuesday morning: the supervision meeting of 1 April is less than 24 h away, the weekly ones were yesterday.
const NOW = new Date('2026-03-31T10:00:00+08:00');
// Shorter than the demo's six months, long enough for three supervision meetings (Jan, Feb, Mar).
const DAYS = 84;

type Row = Record<string, number>;

async function seedDemo(): Promise<TestDatabase> {
  const testDb = await createTestDatabase(inject('pgliteSnapshot'));
  const org = demoOrganisation();
  await seedOrganisation(testDb.database.db, org, 'demo-password-1', NOW);
  await seedDemoFacts(testDb.database.db, org, NOW);
  await seedDemoMeetings(testDb.database.db, { now: NOW, timeZone: 'Asia/Shanghai', days: DAYS });
  return testDb;
}

/** What the demo holds, in numbers: the same twice over means the replay is deterministic. */
async function fingerprint(testDb: TestDatabase) {
  const [tasks] = await queryRows<Row>(
    testDb.database.db,
    sql`select count(*)::int as total,
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where status = 'pending' and deadline <= ${NOW}::timestamptz)::int as overdue,
      count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where confirmed_at is not null)::int as confirmed,
      count(*) filter (where status = 'closed')::int as closed,
      count(*) filter (where escalated_at is not null)::int as escalated,
      count(*) filter (where late_entry)::int as "lateEntries",
      count(*) filter (where extensions > 0)::int as extended,
      count(*) filter (where reassignments > 0)::int as reassigned,
      count(*) filter (where origin_task_id is not null)::int as redispatched,
      count(*) filter (where project_id is not null)::int as linked,
      count(distinct owner_id)::int as owners,
      sum(length(description))::int as "descriptionLength"
    from tasks`,
  );
  const [other] = await queryRows<Row>(
    testDb.database.db,
    sql`select (select count(*)::int from opening_reports) as reports,
      (select count(*)::int from history where entity = 'task') as events,
      (select count(*)::int from project_progress) as progress`,
  );
  return { ...tasks!, ...other! };
}

describeWithDatabase("the demo's meeting history (SPEC §10)", () => {
  let testDb: TestDatabase;
  let again: TestDatabase;
  const q = <T = Row>(query: ReturnType<typeof sql>) => queryRows<T>(testDb.database.db, query);

  // Twice, side by side: the second one shows the replay is deterministic.
  beforeAll(async () => {
    [testDb, again] = await Promise.all([seedDemo(), seedDemo()]);
  }, 240_000);
  afterAll(async () => {
    await testDb?.drop();
    await again?.drop();
  });

  test('tasks in every state: pending, overdue, completed, confirmed, closed, escalated, re-dispatched', async () => {
    const f = await fingerprint(testDb);
    expect(f.total).toBeGreaterThan(60);
    for (const key of ['pending', 'overdue', 'completed', 'confirmed', 'closed', 'escalated', 'redispatched'])
      expect(f[key], key).toBeGreaterThan(0);
    expect(f.pending).toBeGreaterThan(f.overdue!);
    for (const key of ['lateEntries', 'extended', 'reassigned', 'linked']) expect(f[key], key).toBeGreaterThan(0);
    // Every re-dispatched task names a weekly task closed for it, with the reason given.
    const origins = await q<
      Record<string, string>
    >(sql`select o.status, o.meeting_type as type, o.close_reason as reason, t.meeting_type as now
      from tasks t join tasks o on o.id = t.origin_task_id`);
    expect(
      origins.every((o) => o.status === 'closed' && o.type === 'weekly' && o.reason && o.now === 'supervision'),
    ).toBe(true);
  });

  test('escalated weekly tasks still pending, carried through two supervision meetings and more', async () => {
    const carried =
      await q(sql`select t.id, (select count(*)::int from meeting_occurrences o join meeting_series s on s.id = o.series_id
        where s.type = 'supervision' and o.starts_at > t.escalated_at and o.starts_at < ${NOW}::timestamptz) as carried
      from tasks t where t.status = 'pending' and t.escalated_at is not null`);
    expect(carried.some((t) => (t.carried ?? 0) >= 2)).toBe(true);
  });

  test('opening reports: a version 24 h before and a final one, for every supervision meeting and the recent weekly ones', async () => {
    const held = await q<{ type: string; recent: boolean; versions: string }>(sql`select s.type,
        o.starts_at > ${NOW}::timestamptz - interval '28 days' as recent,
        coalesce((select string_agg(r.trigger, ',' order by r.version) from opening_reports r where r.meeting_id = o.id), '') as versions
      from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where o.starts_at <= ${NOW}::timestamptz and o.starts_at > ${NOW}::timestamptz - ${`${DAYS} days`}::interval`);
    const reported = held.filter((m) => m.type === 'supervision' || m.recent);
    expect(reported.length).toBeGreaterThan(20);
    expect(reported.every((m) => m.versions === 'scheduled,final')).toBe(true);
  });

  test('the next meetings have pending tasks to review, and the supervision meeting tomorrow its first report', async () => {
    // What each next meeting's report lists as pending: its series' tasks still open, and for the
    // supervision meeting also every escalated weekly task still pending.
    const next = await q<{
      type: string;
      pending: number;
      reports: number;
    }>(sql`select distinct on (o.series_id) s.type,
        (select count(*)::int from tasks t where t.status = 'pending'
          and (t.series_id = o.series_id or (s.type = 'supervision' and t.escalated_at is not null))) as pending,
        (select count(*)::int from opening_reports r where r.meeting_id = o.id) as reports
      from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where o.starts_at > ${NOW}::timestamptz order by o.series_id, o.starts_at`);
    const supervision = next.find((m) => m.type === 'supervision')!;
    expect(supervision.pending).toBeGreaterThan(0);
    expect(supervision.reports).toBe(1);
    expect(next.filter((m) => m.type === 'weekly' && m.pending > 0).length).toBeGreaterThan(3);
  });

  test('improvement projects of every type, in different phases, with a progress log and linked tasks', async () => {
    const projects = await q<{
      type: string;
      phase: string;
      entries: number;
      tasks: number;
    }>(sql`select p.type, p.phase,
        (select count(*)::int from project_progress g where g.project_id = p.id) as entries,
        (select count(*)::int from tasks t where t.project_id = p.id) as tasks
      from projects p`);
    expect(new Set(projects.map((p) => p.type))).toEqual(new Set(['opportunity_anomaly', 'sales_forecast', 'other']));
    expect(new Set(projects.map((p) => p.phase)).size).toBeGreaterThanOrEqual(4);
    expect(projects.every((p) => p.entries >= 2)).toBe(true);
  });

  test('the same history every time', async () => {
    expect(await fingerprint(again)).toEqual(await fingerprint(testDb));
  });
});
