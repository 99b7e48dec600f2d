import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../../src/db/test-database.js';
import { seedDemoMeetings } from '../../src/demo/meetings.js';
import { demoOrganisation } from '../../src/demo/organisation.js';
import { seedDemoFacts, seedOrganisation } from '../../src/demo/seed.js';
import { getOccurrence } from '../../src/meetings/manage.js';
import { reportContent } from '../../src/reports/content.js';
import { generateReport, readReport } from '../../src/reports/store.js';
import { oracleReportContent } from '../support/report-oracle.js';
import { describeWithDatabase } from '../support/suites.js';

// A Tuesday morning: the supervision meeting of 1 April is less than 24 h away, the weekly ones were yesterday.
const NOW = new Date('2026-03-31T10:00:00+08:00');
const DAYS = 84;

/**
 * Issue 14: the opening report is assembled in SQL and stored by `insert … select`. Over the demo's
 * meeting history (tasks pending, overdue, completed, confirmed, closed, escalated and carried,
 * re-dispatched, extended, reassigned, late, linked to projects) plus what the demo lacks (forecast
 * alerts escalated to the CEO, a project without progress, a dangling project link, text that JSON must
 * escape), every report must hold exactly what the TypeScript assembly it replaced made
 * (test/support/report-oracle.ts), stored `jsonb` equal to the oracle's.
 */
describeWithDatabase(
  'the opening report assembled in SQL equals the TypeScript assembly it replaced (issue 14)',
  () => {
    let testDb: TestDatabase;
    const db = () => testDb.database.db;
    const q = <T>(query: ReturnType<typeof sql>) => queryRows<T>(db(), query);

    beforeAll(async () => {
      testDb = await createTestDatabase(inject('pgliteSnapshot'));
      const org = demoOrganisation();
      await seedOrganisation(db(), org, 'demo-password-1', NOW);
      await seedDemoFacts(db(), org, NOW);
      await seedDemoMeetings(db(), { now: NOW, timeZone: 'Asia/Shanghai', days: DAYS });
      await addWhatTheDemoLacks();
    }, 300_000);
    afterAll(() => testDb?.drop());

    async function addWhatTheDemoLacks() {
      const [track] = await q<{ id: number }>(sql`select id from tracks order by id limit 1`);
      const [ceo] = await q<{ id: number }>(sql`select id from users where role = 'ceo'`);
      // Alerts with the CEO: still escalated (carried), routed since February's meeting, resolved long ago.
      await q(sql`insert into alerts (kind, status, track_id, period, subject_key, facts, raised_at, due_at,
        handled_by, handled_at, note, escalated_at, updated_at)
      values
        ('day25', 'escalated', ${track!.id}, '2026-01', 'track:x1', '{"gap": 0.125, "names": ["甲", "\\"b\\""], "n": null}',
          '2026-01-20T02:00Z', '2026-01-23T02:00Z', null, null, '请 CEO 决定 "优先级"', '2026-01-22T02:00Z', '2026-01-22T02:00Z'),
        ('delay', 'routed', ${track!.id}, '2026-02', 'track:x2', '{"days": 12}',
          '2026-02-20T02:00Z', '2026-02-23T02:00Z', ${ceo!.id}, '2026-03-10T02:00Z', null, '2026-02-25T02:00Z', '2026-03-10T02:00Z'),
        ('coverage_shortfall', 'resolved', ${track!.id}, '2025-12', 'track:x3', '{}',
          '2025-12-20T02:00Z', '2025-12-23T02:00Z', ${ceo!.id}, '2026-01-02T02:00Z', 'ok', '2025-12-24T02:00Z', '2026-01-02T02:00Z')`);
      // Text JSON has to escape, in a pending task of each kind of meeting.
      await q(sql`update tasks set description = ${'引号 "x" 反斜杠 \\ 换行\n制表\t控制\u0001 𝄞 =HYPERLINK("y")'},
        completion_note = ${'</script> & ✓'}
      where id in (select min(id) from tasks where status = 'pending' group by meeting_type)`);
      // A project without progress, and a link to a project that no longer exists.
      const [project] = await q<{
        id: number;
      }>(sql`insert into projects (type, title, owner_id, created_at, created_by, updated_at)
      values ('other', '无进展的项目', ${ceo!.id}, ${NOW}::timestamptz, ${ceo!.id}, ${NOW}::timestamptz) returning id`);
      await q(sql`update tasks set project_id = case when id % 2 = 0 then ${project!.id} else 999999 end
      where id in (select id from tasks where project_id is null and status = 'pending' order by id limit 4)`);
    }

    /** The meetings compared: every one of the history, and the next ones. */
    async function meetingsToCompare() {
      return q<{ id: number; type: string }>(sql`select o.id, s.type from meeting_occurrences o
      join meeting_series s on s.id = o.series_id
      where o.status = 'scheduled' and o.starts_at < ${NOW}::timestamptz + interval '8 days'
      order by o.starts_at, o.id`);
    }

    /** The SQL assembly read back, and the version stored with it, against the oracle at the same moment. */
    async function expectSameAsOracle(meetingId: number, at: Date) {
      const { occurrence, series } = await getOccurrence(db(), meetingId);
      const expected = await oracleReportContent(db(), occurrence, series, at);
      expect(await reportContent(db(), occurrence, series, at)).toEqual(expected);
      const made = await generateReport(db(), meetingId, 'on_demand', at, null);
      expect((await readReport(db(), meetingId, made.version)).content).toEqual(expected);
      const [stored] = await q<{ same: boolean; tasks: number[]; alerts: number[] }>(sql`select
        content::jsonb = ${JSON.stringify(expected)}::jsonb as same, escalated_task_ids as tasks, alert_ids as alerts
      from opening_reports where id = ${made.id}`);
      expect(stored?.same).toBe(true);
      // the ids the per-minute job compares with are those the version lists
      const ids = (listed: { id: number }[]) => listed.map((x) => x.id).sort((a, b) => a - b);
      expect([...stored!.tasks].sort((a, b) => a - b)).toEqual(ids(expected.escalated));
      expect([...stored!.alerts].sort((a, b) => a - b)).toEqual(ids(expected.alerts));
      return expected;
    }

    test('every case the demo holds, and the alerts, projects and text it lacks, reads and stores the same', async () => {
      const meetings = await meetingsToCompare();
      expect(meetings.filter((m) => m.type === 'supervision').length).toBeGreaterThanOrEqual(4);
      const seen = {
        pending: 0,
        overdue: 0,
        completed: 0,
        closed: 0,
        escalated: 0,
        carried: 0,
        alerts: 0,
        projects: 0,
      };
      const bare = { progress: 0, dangling: 0, extended: 0, reassigned: 0, late: 0, confirmed: 0, redispatched: 0 };
      for (const { id } of meetings) {
        const c = await expectSameAsOracle(id, NOW);
        const all = [...c.pending, ...c.completed, ...c.escalated];
        seen.pending += c.pending.length;
        seen.overdue += c.counts.overdue + c.counts.escalatedOverdue;
        seen.completed += c.counts.completed;
        seen.closed += c.counts.closed;
        seen.escalated += c.escalated.length;
        seen.carried += c.escalated.filter((t) => (t.meetingsCarried ?? 0) >= 1).length;
        seen.alerts += c.alerts.length;
        seen.projects += all.filter((t) => t.project?.latestProgress).length;
        bare.progress += all.filter((t) => t.project && !t.project.latestProgress).length;
        bare.dangling += all.filter((t) => t.projectId && !t.project).length;
        bare.extended += all.filter((t) => t.extensions > 0).length;
        bare.reassigned += all.filter((t) => t.reassignments > 0).length;
        bare.late += all.filter((t) => t.lateEntry).length;
        bare.confirmed += all.filter((t) => t.confirmedAt).length;
        bare.redispatched += all.filter((t) => t.originTaskId).length;
      }
      // The comparison covered every case, not an empty report.
      for (const [key, n] of Object.entries({ ...seen, ...bare })) expect(n, key).toBeGreaterThan(0);
    });

    test('a change to the board after a version was made reaches the next version (the kept board is current)', async () => {
      const [meeting] = await q<{ id: number; month: string }>(sql`select o.id, o.period_month as month
      from meeting_occurrences o join meeting_series s on s.id = o.series_id
      where s.type = 'supervision' and o.starts_at > ${NOW}::timestamptz order by o.starts_at limit 1`);
      const before = await expectSameAsOracle(meeting!.id, NOW);
      const [year, month] = meeting!.month.split('-').map(Number);
      await q(sql`update targets set amount = amount * 2 where year = ${year} and month = ${month}`);
      await q(sql`update tracks set name = name || '（新）' where id = (select min(id) from tracks)`);
      const after = await expectSameAsOracle(meeting!.id, NOW);
      expect(after.board).not.toEqual(before.board);
      expect(after.board.tracks.map((t) => t.name)).toContain(`${before.board.tracks[0]!.name}（新）`);
    });
  },
);
