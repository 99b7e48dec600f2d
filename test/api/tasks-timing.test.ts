import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;

describeWithDatabase('late entries, downtime and the escalation mark (SPEC §4.2, §4.4)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  const as = (user: string) => t.as(user);
  const runDue = async () => (await as('admin')).post('/api/v1/admin/jobs/run-due');
  const get = async (id: number) => (await (await as('ceo')).get(`/api/v1/tasks/${id}`)).body;

  beforeAll(async () => {
    t = await startTestApp({ now: local('03-02', '08:00') });
    ids = await idsByCode(t);
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('a weekly task entered after the next meeting began is kept, born overdue, and escalates at the next run from its entry', async () => {
    const admin = await as('admin');
    const first = await meetingAt(admin, 'weekly', Z('03-02'), ids.T1);
    const april = await meetingAt(admin, 'supervision', Z('04-01', '01:30'));
    await t.setNow(local('03-10', '15:00'));
    const task = await raise(await as('director1'), {
      meetingId: first.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
    });
    expect(task).toMatchObject({
      meetingId: first.id,
      lateEntry: true,
      overdue: true,
      deadline: Z('03-09'),
      escalationDueAt: Z('03-09'),
      escalated: false,
    });
    await runDue();
    expect(await get(task.id)).toMatchObject({
      escalated: true,
      escalatedAt: new Date(local('03-10', '15:00')).toISOString(),
      escalatedToMeetingId: april.id,
    });
  });

  test('after downtime the escalation is dated at its trigger moment and attached to the supervision meeting not started by then; completing keeps the mark', async () => {
    await t.setNow(local('03-16', '09:30'));
    const weekly = await meetingAt(await as('admin'), 'weekly', Z('03-16'), ids.T1);
    const task = await raise(await as('director1'), {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM2,
      month: '2026-03',
    });
    // down from 16 March until 10 April: the 23 March meeting and the 1 April supervision meeting passed
    await t.setNow(local('04-10', '12:00'));
    const ran = (await runDue()).body.ran.filter((r: { job: string }) => r.job === 'task_escalation');
    expect(ran).toHaveLength(1);
    const april = await meetingAt(await as('admin'), 'supervision', Z('04-01', '01:30'));
    expect(await get(task.id)).toMatchObject({
      escalated: true,
      escalatedAt: Z('03-23'),
      escalatedToMeetingId: april.id,
      status: 'pending',
    });

    const done = await (await as('am2')).post(`/api/v1/tasks/${task.id}/complete`, { note: '已回款' });
    expect(done.body).toMatchObject({ status: 'completed', escalated: true, escalatedAt: Z('03-23') });
    const history = (await get(task.id)).history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['created', 'escalated', 'completed']);
  });
});
