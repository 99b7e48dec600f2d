import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// 2026-03-02 is a Monday: T1's weekly meetings start 09:00 Asia/Shanghai (01:00Z) on 2, 9, 16 March;
// the supervision meetings are on the first Wednesdays, 4 March, 1 April and 6 May, 09:30 (01:30Z).
const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;

describeWithDatabase('D1 decisions on tasks (SPEC §4.2, §4.4)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let weeklyId: number;
  let supervisionId: number;
  const admin = () => t.as('admin');
  const get = async (id: number) => (await (await admin()).get(`/api/v1/tasks/${id}`)).body;
  const runDue = async () => (await admin()).post('/api/v1/admin/jobs/run-due');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(t);
    const a = await admin();
    weeklyId = (await meetingAt(a, 'weekly', Z('03-02'), ids.T1)).id;
    supervisionId = (await meetingAt(a, 'supervision', Z('03-04', '01:30'))).id;
    await t.setNow('2026-03-02T09:30:00+08:00');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const weeklyTask = async (amCode = 'AM1') =>
    raise(await t.as('director1'), {
      meetingId: weeklyId,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids[amCode],
      month: '2026-03',
    });

  describe('extend', () => {
    test('only a chair extends, to a later deadline, with a reason; the count shows it and escalation still comes', async () => {
      const task = await weeklyTask();
      const am = await t.as('am1');
      const own = await am.post(`/api/v1/tasks/${task.id}/extend`, { deadline: Z('03-12'), reason: '客户推迟' });
      expect(own.status).toBe(403);
      const other = await t.as('director2');
      expect((await other.post(`/api/v1/tasks/${task.id}/extend`, { deadline: Z('03-12'), reason: 'x' })).status).toBe(
        404,
      );
      const director = await t.as('director1');
      const earlier = await director.post(`/api/v1/tasks/${task.id}/extend`, { deadline: Z('03-05'), reason: 'x' });
      expect(earlier.status).toBe(400);
      expect(earlier.error?.details?.[0]).toMatchObject({ field: 'deadline' });
      expect(earlier.error?.details?.[0]?.reason).toContain('新的完成时限须晚于原时限');
      const noReason = await director.post(`/api/v1/tasks/${task.id}/extend`, { deadline: Z('03-12') });
      expect(noReason.status).toBe(400);

      const ok = await director.post(`/api/v1/tasks/${task.id}/extend`, {
        deadline: Z('03-12'),
        reason: '客户推迟验收',
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ deadline: Z('03-12'), extensions: 1, escalationDueAt: Z('03-09') });

      await t.setNow('2026-03-09T09:01:00+08:00');
      await runDue();
      expect(await get(task.id)).toMatchObject({ escalated: true, overdue: false, status: 'pending', extensions: 1 });
      const events = (await get(task.id)).history.map((h) => h.action);
      expect(events).toEqual(['created', 'extended', 'escalated']);
      expect((await get(task.id)).history[1]).toMatchObject({
        actorId: ids.DIRECTOR1,
        reason: '客户推迟验收',
        before: { deadline: Z('03-09') },
        after: { deadline: Z('03-12') },
      });
      await t.setNow('2026-03-02T09:30:00+08:00');
    });

    test('a director cannot move the deadline of a supervision task they own', async () => {
      await t.setNow('2026-03-04T10:00:00+08:00');
      const task = await raise(await t.as('secretary'), {
        meetingId: supervisionId,
        dimension: 1,
        subjectType: 'track',
        subjectId: ids.T1,
        month: '2026-02',
      });
      expect(task.ownerId).toBe(ids.DIRECTOR1);
      const own = await (await t.as('director1')).post(`/api/v1/tasks/${task.id}/extend`, {
        deadline: Z('04-20'),
        reason: '来不及',
      });
      expect(own.status).toBe(403);
      expect(own.error?.message).toContain('责任人不能调整自己的完成时限');
      expect((await get(task.id)).extensions).toBe(0);

      const bySecretary = await (await t.as('secretary')).post(`/api/v1/tasks/${task.id}/extend`, {
        deadline: Z('04-20'),
        reason: 'CEO同意延期',
      });
      expect(bySecretary.status).toBe(200);
      const event = (await get(task.id)).history.at(-1);
      expect(event).toMatchObject({ action: 'extended', actorId: ids.SECRETARY, onBehalfOfId: ids.CEO });
      await t.setNow('2026-03-02T09:30:00+08:00');
    });
  });

  test('reassign: a weekly task to another AM of the track, counted; never to someone outside the rule', async () => {
    const task = await weeklyTask();
    const director = await t.as('director1');
    const bad = await director.post(`/api/v1/tasks/${task.id}/reassign`, { ownerId: ids.AM3, reason: '换人' });
    expect(bad.status).toBe(400);
    expect(bad.error?.details?.[0]).toMatchObject({ field: 'ownerId' });
    expect((await director.post(`/api/v1/tasks/${task.id}/reassign`, { ownerId: ids.AM1, reason: 'x' })).status).toBe(
      400,
    );
    const ok = await director.post(`/api/v1/tasks/${task.id}/reassign`, { ownerId: ids.AM2, reason: '客户归属调整' });
    expect(ok.body).toMatchObject({ ownerId: ids.AM2, reassignments: 1 });
    // the old owner no longer sees it; the new one does
    expect((await (await t.as('am1')).get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    expect((await (await t.as('am2')).get(`/api/v1/tasks/${task.id}`)).status).toBe(200);
    // the secretary does not decide weekly tasks
    const secretary = await t.as('secretary');
    expect((await secretary.post(`/api/v1/tasks/${task.id}/close`, { reason: 'x' })).status).toBe(403);
  });

  test('revise, close and the version check', async () => {
    const task = await weeklyTask();
    const director = await t.as('director1');
    const stale = await director.patch(`/api/v1/tasks/${task.id}`, { description: '新描述' }, { 'if-match': '99' });
    expect(stale.status).toBe(412);
    const revised = await director.patch(
      `/api/v1/tasks/${task.id}`,
      { description: '补充：重点跟进A客户' },
      { 'if-match': String(task.version) },
    );
    expect(revised.body).toMatchObject({ description: '补充：重点跟进A客户', background: task.background });
    expect((await director.post(`/api/v1/tasks/${task.id}/close`, {})).status).toBe(400);
    const closed = await director.post(`/api/v1/tasks/${task.id}/close`, { reason: '客户项目取消，无需再跟进' });
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: '客户项目取消，无需再跟进', overdue: false });
    const again = await director.post(`/api/v1/tasks/${task.id}/close`, { reason: 'x' });
    expect(again.status).toBe(409);
    expect((await (await t.as('am1')).post(`/api/v1/tasks/${task.id}/complete`, { note: 'x' })).status).toBe(409);
  });

  test('confirm a completed task once; reopen it with a reason and the next meeting as its new deadline', async () => {
    const task = await weeklyTask();
    const director = await t.as('director1');
    expect((await director.post(`/api/v1/tasks/${task.id}/confirm`)).status).toBe(409);
    await (await t.as('am1')).post(`/api/v1/tasks/${task.id}/complete`, { note: '已与客户确认交期' });
    const confirmed = await director.post(`/api/v1/tasks/${task.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.confirmedAt).toBe(new Date('2026-03-02T09:30:00+08:00').toISOString());
    expect((await director.post(`/api/v1/tasks/${task.id}/confirm`)).status).toBe(409);

    const reopened = await director.post(`/api/v1/tasks/${task.id}/reopen`, { reason: '交期再次延误' });
    expect(reopened.body).toMatchObject({
      status: 'pending',
      deadline: Z('03-09'),
      completedAt: null,
      confirmedAt: null,
      escalated: false,
    });
  });

  test('a weekly task reopened after its escalation moment escalates at the reopening', async () => {
    const task = await weeklyTask('AM2');
    await (await t.as('am2')).post(`/api/v1/tasks/${task.id}/complete`, { note: '完成' });
    await t.setNow('2026-03-10T15:00:00+08:00');
    await runDue();
    expect((await get(task.id)).escalated).toBe(false);
    const director = await t.as('director1');
    const reopened = await director.post(`/api/v1/tasks/${task.id}/reopen`, {
      reason: '客户投诉，问题未解决',
      deadline: Z('03-13'),
    });
    const april = await meetingAt(await admin(), 'supervision', Z('04-01', '01:30'));
    expect(reopened.body).toMatchObject({
      status: 'pending',
      deadline: Z('03-13'),
      escalated: true,
      escalatedAt: new Date('2026-03-10T15:00:00+08:00').toISOString(),
      escalatedToMeetingId: april.id,
    });
    await runDue();
    const history = (await get(task.id)).history.map((h) => h.action);
    expect(history.filter((a: string) => a === 'escalated')).toHaveLength(1);
    await t.setNow('2026-03-02T09:30:00+08:00');
  });
});

describeWithDatabase('escalated tasks at the supervision meeting (SPEC §4.4)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let task: ApiRoutes['POST /api/v1/tasks'];
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(t);
    const weekly = await meetingAt(await t.as('admin'), 'weekly', Z('03-02'), ids.T1);
    await t.setNow('2026-03-02T09:30:00+08:00');
    task = await raise(await t.as('director1'), {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '推动客户A的模具验收',
    });
    await t.setNow('2026-03-09T09:00:00+08:00');
    await (await t.as('admin')).post('/api/v1/admin/jobs/run-due');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('the escalated task follows its supervision meeting when that is cancelled', async () => {
    const admin = await t.as('admin');
    const april = await meetingAt(admin, 'supervision', Z('04-01', '01:30'));
    const may = await meetingAt(admin, 'supervision', Z('05-06', '01:30'));
    expect((await admin.get(`/api/v1/tasks/${task.id}`)).body).toMatchObject({
      escalated: true,
      escalatedToMeetingId: april.id,
    });
    const cancelled = await (await t.as('secretary')).post(`/api/v1/meetings/${april.id}/cancel`, { reason: '年会' });
    expect(cancelled.status).toBe(200);
    const after = (await admin.get(`/api/v1/tasks/${task.id}`)).body;
    expect(after).toMatchObject({ escalatedToMeetingId: may.id, escalatedAt: Z('03-09') });
    expect(after.history.at(-1)).toMatchObject({ action: 'escalation_reattached', actorId: ids.SECRETARY });
  });

  test('the CEO reassigns an escalated weekly task to an AM of the track, never to a director', async () => {
    const ceo = await t.as('ceo');
    const toDirector = await ceo.post(`/api/v1/tasks/${task.id}/reassign`, { ownerId: ids.DIRECTOR1, reason: 'x' });
    expect(toDirector.status).toBe(400);
    const ok = await ceo.post(`/api/v1/tasks/${task.id}/reassign`, { ownerId: ids.AM2, reason: '由am2接手' });
    expect(ok.body).toMatchObject({ ownerId: ids.AM2, reassignments: 1, escalated: true });
  });

  test('re-dispatch: a new supervision task for the director, the weekly one closed with the reason', async () => {
    const director = await t.as('director1');
    expect((await director.post(`/api/v1/tasks/${task.id}/redispatch`, { reason: 'x' })).status).toBe(403);
    const ceo = await t.as('ceo');
    const res = await ceo.post(`/api/v1/tasks/${task.id}/redispatch`, { reason: '升级为督导会任务，由总监负责' });
    expect(res.status).toBe(201);
    const may = await meetingAt(ceo, 'supervision', Z('05-06', '01:30'));
    const june = await meetingAt(ceo, 'supervision', Z('06-03', '01:30'));
    expect(res.body).toMatchObject({
      meetingType: 'supervision',
      meetingId: may.id,
      ownerId: ids.DIRECTOR1,
      originTaskId: task.id,
      description: '推动客户A的模具验收',
      background: task.background,
      deadline: june.startsAt,
      status: 'pending',
    });
    const weekly = (await ceo.get(`/api/v1/tasks/${task.id}`)).body;
    expect(weekly).toMatchObject({ status: 'closed', closeReason: '升级为督导会任务，由总监负责', escalated: true });
    expect((await ceo.post(`/api/v1/tasks/${task.id}/redispatch`, { reason: 'x' })).status).toBe(409);
  });
});

describeWithDatabase('deadlines follow their meeting (SPEC §4.2, §4.4)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(t);
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('moved, then cancelled, then recreated by a cadence change: the deadline and the escalation moment follow; a chosen earlier deadline stays', async () => {
    const director = await t.as('director1');
    const weekly = await meetingAt(director, 'weekly', Z('03-02'), ids.T1);
    await t.setNow('2026-03-02T09:30:00+08:00');
    const body = { meetingId: weekly.id, dimension: 2, subjectType: 'am', subjectId: ids.AM1, month: '2026-03' };
    const task = await raise(director, body);
    const early = await raise(director, { ...body, deadline: Z('03-06') });

    const next = await meetingAt(director, 'weekly', Z('03-09'), ids.T1);
    const moved = await director.patch(`/api/v1/meetings/${next.id}`, {
      startsAt: Z('03-10', '06:00'),
      endsAt: Z('03-10', '07:00'),
    });
    expect(moved.status).toBe(200);
    // signed in afresh on every read: the clock jumps past the sessions' idle limit below
    const get = async (id: number) => (await (await t.as('director1')).get(`/api/v1/tasks/${id}`)).body;
    expect(await get(task.id)).toMatchObject({ deadline: Z('03-10', '06:00'), escalationDueAt: Z('03-10', '06:00') });
    expect((await get(task.id)).history.at(-2)).toMatchObject({
      action: 'deadline_followed_meeting',
      actorId: ids.DIRECTOR1,
    });
    expect(await get(early.id)).toMatchObject({ deadline: Z('03-06'), escalationDueAt: Z('03-10', '06:00') });

    await director.post(`/api/v1/meetings/${next.id}/cancel`, { reason: '出差' });
    expect(await get(task.id)).toMatchObject({ deadline: Z('03-16'), escalationDueAt: Z('03-16') });

    const series = (await director.get(`/api/v1/series/${weekly.seriesId}`)).body;
    const changed = await director.patch(`/api/v1/series/${series.id}`, {
      cadence: { ...series.cadence, weekday: 2 },
    });
    expect(changed.status).toBe(200);
    // Tuesday 3 March is the first weekly meeting of the new cadence after the one it was raised in
    expect(await get(task.id)).toMatchObject({ deadline: Z('03-03'), escalationDueAt: Z('03-03') });

    // and escalation reads the followed moment: escalated when Tuesday's meeting starts, not before
    await t.setNow('2026-03-03T08:59:00+08:00');
    await (await t.as('admin')).post('/api/v1/admin/jobs/run-due');
    expect((await get(task.id)).escalated).toBe(false);
    await t.setNow('2026-03-03T09:00:00+08:00');
    await (await t.as('admin')).post('/api/v1/admin/jobs/run-due');
    expect(await get(task.id)).toMatchObject({ escalated: true, escalatedAt: Z('03-03') });
  });
});
