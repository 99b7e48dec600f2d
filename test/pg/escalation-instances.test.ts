import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { meetingAt, raise } from '../support/meetings.js';
import { describeOnPostgres } from '../support/suites.js';
import { login } from '../support/test-app.js';

// T1's weekly meetings: Mondays 09:00 Asia/Shanghai (01:00Z); supervision: first Wednesdays 09:30 (01:30Z).
const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;

describeOnPostgres('escalation with two instances on one PostgreSQL (SPEC §4.4, §8)', () => {
  const name = `crm_escalation_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let a: Database;
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  const ids = {} as Record<string, number>;
  const m = {} as Record<'w0302' | 'w0309' | 's0401', number>;
  let taskId: number;

  const setNow = async (iso: string) =>
    expect((await (await login(appA, 'admin')).post('/api/v1/admin/clock', { now: iso })).status).toBe(200);
  /** Both instances run the due jobs at the same moment; returns every job run either of them claimed. */
  const runDueOnBoth = async () => {
    const [adminA, adminB] = [await login(appA, 'admin'), await login(appB, 'admin')];
    const answers = await Promise.all([
      adminA.post('/api/v1/admin/jobs/run-due'),
      adminB.post('/api/v1/admin/jobs/run-due'),
    ]);
    for (const res of answers) expect(res.status).toBe(200);
    return answers.flatMap((res) => res.body.ran as { job: string; periodKey: string }[]);
  };
  const rows = <T>(text: string) => a.query<T>(text);
  /** The versions of the two meetings watched: T1's weekly meeting of 9 March and the supervision one. */
  const reports = () =>
    rows<{ meeting_id: number; version: number; trigger: string }>(
      `select meeting_id, version, trigger from opening_reports where meeting_id in (${m.w0309}, ${m.s0401})
       order by meeting_id, version`,
    );
  /** Meetings with two versions made for the same trigger: there must be none. */
  const twice = () =>
    rows(
      `select meeting_id, trigger from opening_reports where trigger <> 'on_demand'
       group by meeting_id, trigger having count(*) > 1`,
    );

  beforeAll(async () => {
    const start = new Date(local('03-02', '08:00'));
    instances = await startTwoInstances(name, start);
    ({ a, appA, appB } = instances);

    const admin = await login(appA, 'admin');
    for (const url of ['/api/v1/tracks', '/api/v1/users?limit=100'] as const)
      for (const x of (await admin.get(url)).body.items) ids[x.code] = x.id;
    m.w0302 = (await meetingAt(admin, 'weekly', Z('03-02'), ids.T1)).id;
    m.w0309 = (await meetingAt(admin, 'weekly', Z('03-09'), ids.T1)).id;
    m.s0401 = (await meetingAt(admin, 'supervision', Z('04-01', '01:30'))).id;

    // A weekly task due to escalate when T1's next weekly meeting starts (9 March 09:00); the supervision
    // meeting it will be attached to is brought forward to 10 March 08:00, so its first opening report
    // (24 h before) comes out before the escalation and the escalation owes it a new version.
    await setNow(local('03-02', '09:30'));
    const task = await raise(await login(appA, 'director1'), {
      meetingId: m.w0302,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
    });
    taskId = task.id;
    expect(task.escalationDueAt).toBe(Z('03-09'));
    const moved = await (await login(appB, 'secretary')).patch(`/api/v1/meetings/${m.s0401}`, {
      startsAt: local('03-10', '08:00'),
      endsAt: local('03-10', '11:00'),
    });
    expect(moved.status).toBe(200);
  });
  afterAll(() => instances?.close());

  test('before the next weekly meeting: the reports due are made once, nothing escalates', async () => {
    await setNow(local('03-09', '08:30'));
    const ran = await runDueOnBoth();
    expect(new Set(ran.map((r) => r.job)).size).toBe(ran.length);
    expect(await reports()).toEqual([
      { meeting_id: m.w0309, version: 1, trigger: 'scheduled' },
      { meeting_id: m.s0401, version: 1, trigger: 'scheduled' },
    ]);
    const task = (await (await login(appB, 'admin')).get(`/api/v1/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ escalated: false, status: 'pending' });
  });

  test('when the clock passes the meeting, both instances run the jobs and the task escalates exactly once', async () => {
    await setNow(local('03-09', '09:01'));
    const ran = await runDueOnBoth();
    // every job of this minute ran once, whichever instance claimed it
    expect(ran.filter((r) => r.job === 'task_escalation')).toEqual([
      { job: 'task_escalation', periodKey: '2026-03-09T01:01' },
    ]);
    expect(new Set(ran.map((r) => r.job)).size).toBe(ran.length);

    const task = (await (await login(appA, 'admin')).get(`/api/v1/tasks/${taskId}`)).body;
    expect(task).toMatchObject({ escalated: true, escalatedAt: Z('03-09'), escalatedToMeetingId: m.s0401 });
    expect(task.history.map((h: { action: string }) => h.action)).toEqual(['created', 'escalated']);

    const notices = await rows<{ user_id: number; n: number }>(
      "select user_id, count(*)::int as n from notifications where kind = 'task_escalated' group by user_id order by user_id",
    );
    const recipients = [ids.AM1, ids.DIRECTOR1, ids.CEO].sort((x, y) => x! - y!);
    expect(notices).toEqual(recipients.map((id) => ({ user_id: id, n: 1 })));

    // one version per due trigger: the final one of the weekly meeting, the escalation one of the supervision meeting
    expect(await reports()).toEqual([
      { meeting_id: m.w0309, version: 1, trigger: 'scheduled' },
      { meeting_id: m.w0309, version: 2, trigger: 'final' },
      { meeting_id: m.s0401, version: 1, trigger: 'scheduled' },
      { meeting_id: m.s0401, version: 2, trigger: 'escalation' },
    ]);
    expect(await twice()).toEqual([]);
    const supervision = (await (await login(appB, 'ceo')).get(`/api/v1/meetings/${m.s0401}/opening-report`)).body;
    expect(supervision.escalated.map((t: { id: number }) => t.id)).toEqual([taskId]);
  });

  test('running again, at the same minute and the next, changes nothing', async () => {
    const before = {
      reports: await reports(),
      history: await rows("select count(*)::int as n from history where entity = 'task' and action = 'escalated'"),
      notices: await rows('select count(*)::int as n from notifications'),
    };
    expect(await runDueOnBoth()).toEqual([]);
    await setNow(local('03-09', '09:02'));
    const ran = await runDueOnBoth();
    expect(ran.filter((r) => r.job === 'task_escalation')).toHaveLength(1);
    expect({
      reports: await reports(),
      history: await rows("select count(*)::int as n from history where entity = 'task' and action = 'escalated'"),
      notices: await rows('select count(*)::int as n from notifications'),
    }).toEqual(before);
    expect(before.history).toEqual([{ n: 1 }]);
    expect(await twice()).toEqual([]);
  });
});
