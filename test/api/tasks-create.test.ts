import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const target = (month: number, amount: number) => ({ year: 2026, month, kind: 'sales', trackCode: 'T1', amount });
const ship = (docNo: string, date: string, amount: number) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode: 'C1',
  amount,
});

describeWithDatabase('tasks raised from the board (SPEC §4.2–4.3)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let weekly: { id: number };
  let supervision: { id: number };
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    const admin = await t.as('admin');
    await admin.post('/api/v1/exchange/targets', { rows: [target(1, 1000), target(2, 1000)] });
    await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('J1', '2026-01-10', 800), ship('F1', '2026-02-10', 870)],
    });
    const tracks = (await admin.get('/api/v1/tracks')).body.items;
    const users = (await admin.get('/api/v1/users?limit=100')).body.items;
    ids = Object.fromEntries([...tracks, ...users].map((x) => [x.code, x.id]));
    const march = (await admin.get('/api/v1/meetings?from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z')).body.items;
    weekly = march.find(
      (m) => m.type === 'weekly' && m.trackId === ids.T1 && m.startsAt === '2026-03-02T01:00:00.000Z',
    )!;
    supervision = march.find((m) => m.type === 'supervision')!;
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('entry opens when the meeting starts', async () => {
    await t.setNow('2026-03-02T08:00:00+08:00'); // the weekly meeting starts at 09:00
    const director = await t.as('director1');
    const early = await director.post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
    });
    expect(early.status).toBe(422);
    expect(early.error?.message).toBe('会议开始后才能录入任务');
  });

  test('the director raises a weekly task from an AM row: owner, deadline and escalation moment filled in', async () => {
    await t.setNow('2026-03-02T09:30:00+08:00');
    const director = await t.as('director1');
    const res = await director.post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '跟进重点客户出货',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      meetingType: 'weekly',
      ownerId: ids.AM1,
      status: 'pending',
      overdue: false,
      escalated: false,
      lateEntry: false,
      deadline: '2026-03-09T01:00:00.000Z',
      escalationDueAt: '2026-03-09T01:00:00.000Z',
      description: '跟进重点客户出货',
    });
  });

  test("a track row in a weekly meeting needs the chair to pick an AM of the track; another track's director may not raise it", async () => {
    await t.setNow('2026-03-02T09:30:00+08:00');
    const director = await t.as('director1');
    const noOwner = await director.post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-03',
    });
    expect(noOwner.error?.details).toEqual([{ field: 'ownerId', reason: '必填' }]);
    const wrongOwner = await director.post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-03',
      ownerId: ids.AM3,
    });
    expect(wrongOwner.error?.details?.[0]?.field).toBe('ownerId');
    const other = await (await t.as('director2')).post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-03',
      ownerId: ids.AM2,
    });
    expect(other.status).toBe(403);
  });

  test("the secretary raises a supervision task on the CEO's behalf; the background comes from the board, never typed", async () => {
    await t.setNow('2026-03-04T10:00:00+08:00');
    const secretary = await t.as('secretary');
    const res = await secretary.post('/api/v1/tasks', {
      meetingId: supervision.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      background: '消费电子I赛道2月销售达成率仅87%，连续两月低于90%',
      description: '消费电子I赛道2月销售达成率仅87%，连续两月低于90%',
      ownerId: ids.DIRECTOR1,
      deadline: '2026-04-01T01:30:00.000Z',
      escalationDueAt: null,
    });
    const history = (await (await t.as('ceo')).get(`/api/v1/history?entity=task&entityId=${res.body.id}`)).body.items;
    expect(history[0]).toMatchObject({ action: 'created', actorName: 'secretary' });
    // the system-written background follows the reader's language (issue 13 item 13), and so does the
    // description where nobody typed one; a typed description stays as typed
    const english = { 'accept-language': 'en' };
    const read = await secretary.get(`/api/v1/tasks/${res.body.id}`, english);
    expect(read.body.background).toBe(
      'Track 消费电子I: sales attainment in February only 87%, below 90% for two months in a row',
    );
    expect(read.body.description).toBe(read.body.background);
    const typed = await secretary.post('/api/v1/tasks', {
      meetingId: supervision.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
      description: '与客户确认排期',
    });
    expect((await secretary.get(`/api/v1/tasks/${typed.body.id}`, english)).body.description).toBe('与客户确认排期');
    const listed = await secretary.get(`/api/v1/tasks?meetingId=${supervision.id}`, english);
    expect(listed.body.items.find((x) => x.id === res.body.id)?.background).toBe(read.body.background);
  });

  test('a deadline may be earlier than the next meeting, never later; the wrong subject type is refused', async () => {
    await t.setNow('2026-03-04T10:00:00+08:00'); // the March supervision meeting has started
    const secretary = await t.as('secretary');
    const later = await secretary.post('/api/v1/tasks', {
      meetingId: supervision.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
      deadline: '2026-04-02T00:00:00+08:00',
    });
    expect(later.error?.details?.[0]?.field).toBe('deadline');
    const earlier = await secretary.post('/api/v1/tasks', {
      meetingId: supervision.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
      deadline: '2026-03-20T18:00:00+08:00',
    });
    expect(earlier.body.deadline).toBe('2026-03-20T10:00:00.000Z');
    const wrongType = await secretary.post('/api/v1/tasks', {
      meetingId: supervision.id,
      dimension: 2,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
    });
    expect(wrongType.error?.details?.[0]?.field).toBe('subjectType');
  });

  test('a weekly task entered more than 24 h after the meeting is accepted and marked late', async () => {
    await t.setNow('2026-03-04T10:00:00+08:00'); // two days after the weekly meeting, before the next one
    const director = await t.as('director1');
    const res = await director.post('/api/v1/tasks', {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM2,
      month: '2026-03',
    });
    expect(res.status).toBe(201);
    expect(res.body.lateEntry).toBe(true);
  });

  test('an AM sees only their own tasks (404 otherwise) and completes them with a note', async () => {
    await t.setNow('2026-03-04T10:00:00+08:00');
    const director = await t.as('director1');
    const task = (
      await director.post('/api/v1/tasks', {
        meetingId: weekly.id,
        dimension: 2,
        subjectType: 'am',
        subjectId: ids.AM1,
        month: '2026-03',
      })
    ).body;
    expect((await (await t.as('am2')).get(`/api/v1/tasks/${task.id}`)).status).toBe(404);
    const am1 = await t.as('am1');
    const done = await am1.post(`/api/v1/tasks/${task.id}/complete`, { note: '已与客户确认3月出货计划' });
    expect(done.body).toMatchObject({ status: 'completed', completionNote: '已与客户确认3月出货计划' });
    expect((await director.post(`/api/v1/tasks/${task.id}/complete`, { note: 'x' })).status).toBe(403);
  });
});

describeWithDatabase('escalation of unfinished weekly tasks (SPEC §4.4)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('a weekly task still pending when the next weekly meeting starts is escalated once, stays pending, and goes to the next supervision meeting', async () => {
    await t.setNow('2026-03-02T09:30:00+08:00');
    const director = await t.as('director1');
    const tracks = (await director.get('/api/v1/tracks')).body.items;
    const am1 = (await director.get('/api/v1/users?q=am1')).body.items[0]!;
    const am2 = (await director.get('/api/v1/users?q=am2')).body.items[0]!;
    const march = (await director.get(`/api/v1/meetings?from=2026-03-01T00:00:00Z&to=2026-04-10T00:00:00Z`)).body.items;
    const weekly = march.find(
      (m) => m.type === 'weekly' && m.trackId === tracks[0]!.id && m.startsAt === '2026-03-02T01:00:00.000Z',
    )!;
    const april = march.find((m) => m.type === 'supervision' && m.startsAt.startsWith('2026-04-01'))!;
    const open = (
      await director.post('/api/v1/tasks', {
        meetingId: weekly.id,
        dimension: 2,
        subjectType: 'am',
        subjectId: am1.id,
        month: '2026-03',
      })
    ).body;
    const done = (
      await director.post('/api/v1/tasks', {
        meetingId: weekly.id,
        dimension: 2,
        subjectType: 'am',
        subjectId: am2.id,
        month: '2026-03',
      })
    ).body;
    await (await t.as('am2')).post(`/api/v1/tasks/${done.id}/complete`, { note: '已完成' });

    await t.setNow('2026-03-09T08:59:00+08:00');
    const admin = await t.as('admin');
    await admin.post('/api/v1/admin/jobs/run-due');
    expect((await admin.get(`/api/v1/tasks/${open.id}`)).body.escalated).toBe(false);

    await t.setNow('2026-03-09T09:01:00+08:00');
    const first = (await admin.post('/api/v1/admin/jobs/run-due')).body.ran;
    expect(first).toContainEqual({ job: 'task_escalation', periodKey: '2026-03-09T01:01' });
    await admin.post('/api/v1/admin/jobs/run-due');
    const seen = (await admin.get(`/api/v1/tasks/${open.id}`)).body;
    expect(seen).toMatchObject({
      status: 'pending',
      escalated: true,
      escalatedAt: '2026-03-09T01:00:00.000Z',
      escalatedToMeetingId: april.id,
      overdue: true,
    });
    expect((await admin.get(`/api/v1/tasks/${done.id}`)).body.escalated).toBe(false);
    const history = (await admin.get(`/api/v1/history?entity=task&entityId=${open.id}`)).body.items;
    expect(history.filter((h: { action: string }) => h.action === 'escalated')).toHaveLength(1);

    // the lists filter by the derived marks, in the caller's scope
    const ceo = await t.as('ceo');
    const ids = async (who: typeof ceo, query: string) => {
      const res = await who.get(`/api/v1/tasks?${query}`);
      if (!res.body.items) throw new Error(JSON.stringify(res.body));
      return (res.body.items as { id: number }[]).map((x) => x.id);
    };
    expect(await ids(ceo, 'escalated=true')).toEqual([open.id]);
    expect(await ids(ceo, 'overdue=true&type=weekly')).toEqual([open.id]);
    expect(await ids(ceo, 'status=completed')).toEqual([done.id]);
    expect(await ids(await t.as('am2'), '')).toEqual([done.id]);
    expect(await ids(await t.as('director2'), '')).toEqual([]);
    expect((await ceo.get('/api/v1/tasks?status=open')).status).toBe(400);
  });
});
