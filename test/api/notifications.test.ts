import { afterAll, beforeAll, expect, test } from 'vitest';
import { notify } from '../../src/notifications/store.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Item = { id: number; kind: string; title: string; link: string; createdAt: string; readAt: string | null };
const REMINDERS = ['task_due_soon', 'task_overdue', 'task_escalated'];

describeWithDatabase('notifications: task reminders and the inbox (SPEC §4.2, §5, §8)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let weeklyTask: { id: number };
  let doneTask: { id: number };
  let supervisionTask: { id: number };

  const inbox = async (who: Client | string, query = '', headers?: Record<string, string>) => {
    const client = typeof who === 'string' ? await t.as(who) : who;
    const res = await client.get(`/api/v1/notifications${query}`, headers);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    return res.body as { items: Item[]; nextCursor: string | null; unread: number };
  };
  const ofKind = async (username: string, kind: string) =>
    (await inbox(username, '?limit=500')).items.filter((n) => n.kind === kind);
  const runDue = async () => (await (await t.as('admin')).post('/api/v1/admin/jobs/run-due')).body.ran;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    const admin = await t.as('admin');
    const tracks = (await admin.get('/api/v1/tracks')).body.items;
    const users = (await admin.get('/api/v1/users?limit=100')).body.items;
    ids = Object.fromEntries([...tracks, ...users].map((x) => [x.code, x.id]));
    const march = (await admin.get('/api/v1/meetings?from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z')).body.items;
    const weekly = march.find(
      (m) => m.type === 'weekly' && m.trackId === ids.T1 && m.startsAt === '2026-03-02T01:00:00.000Z',
    )!;
    const supervision = march.find((m) => m.type === 'supervision')!;

    await t.setNow('2026-03-02T09:30:00+08:00');
    const director = await t.as('director1');
    const raise = async (client: Client, body: Record<string, unknown>) => {
      const res = await client.post('/api/v1/tasks', body);
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body;
    };
    const amRow = { meetingId: weekly.id, dimension: 2, subjectType: 'am', month: '2026-03' };
    weeklyTask = await raise(director, {
      ...amRow,
      subjectId: ids.AM1,
      description: '跟进重点客户出货',
      deadline: '2026-03-06T18:00:00+08:00',
    });
    doneTask = await raise(director, { ...amRow, subjectId: ids.AM2 });
    await (await t.as('am2')).post(`/api/v1/tasks/${doneTask.id}/complete`, { note: '已完成' });

    await t.setNow('2026-03-04T10:00:00+08:00');
    supervisionTask = await raise(await t.as('secretary'), {
      meetingId: supervision.id,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
      description: '制定二季度出货追赶计划',
      deadline: '2026-03-20T18:00:00+08:00',
    });
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('the owner is reminded once, 24 h before the deadline, in the configured time zone', async () => {
    await t.setNow('2026-03-05T19:00:00+08:00');
    expect(await runDue()).toContainEqual({ job: 'task_reminders', periodKey: '2026-03-05T11:00' });
    await runDue();
    const due = await ofKind('am1', 'task_due_soon');
    expect(due).toEqual([
      {
        id: expect.any(Number),
        kind: 'task_due_soon',
        title: '任务即将到期：跟进重点客户出货（3月6日 18:00）',
        link: `/tasks/${weeklyTask.id}`,
        createdAt: '2026-03-05T11:00:00.000Z',
        readAt: null,
      },
    ]);
    expect(await ofKind('director1', 'task_due_soon')).toEqual([]);
    const english = await inbox('am1', '', { 'accept-language': 'en-US,en;q=0.9' });
    expect(english.items.find((n) => n.kind === 'task_due_soon')?.title).toBe(
      'Task due soon: 跟进重点客户出货 (Mar 6, 18:00)',
    );
  });

  test('past the deadline the owner and the chair of the weekly meeting (the track director) are told it is overdue', async () => {
    await t.setNow('2026-03-06T17:59:00+08:00');
    await runDue();
    expect(await ofKind('am1', 'task_overdue')).toEqual([]);
    await t.setNow('2026-03-06T18:01:00+08:00');
    await runDue();
    await runDue();
    for (const who of ['am1', 'director1']) {
      const overdue = await ofKind(who, 'task_overdue');
      expect(overdue).toHaveLength(1);
      expect(overdue[0]).toMatchObject({
        title: '任务已逾期：跟进重点客户出货（3月6日 18:00）',
        link: `/tasks/${weeklyTask.id}`,
        createdAt: '2026-03-06T10:00:00.000Z',
      });
    }
    expect(await ofKind('ceo', 'task_overdue')).toEqual([]);
    expect(await ofKind('director2', 'task_overdue')).toEqual([]);
  });

  test('when the next weekly meeting starts, the escalation reaches the owner, the track director and the CEO, once', async () => {
    await t.setNow('2026-03-09T09:01:00+08:00');
    await runDue();
    await runDue();
    for (const who of ['am1', 'director1', 'ceo']) {
      const escalated = await ofKind(who, 'task_escalated');
      expect(escalated).toHaveLength(1);
      expect(escalated[0]).toMatchObject({
        title: '任务已升级至督导会：跟进重点客户出货',
        link: `/tasks/${weeklyTask.id}`,
        createdAt: '2026-03-09T01:00:00.000Z',
      });
    }
    expect(await ofKind('director2', 'task_escalated')).toEqual([]);
  });

  test('after downtime across a deadline only the overdue notice comes, never the stale 24 h reminder', async () => {
    await t.setNow('2026-03-21T08:00:00+08:00');
    await runDue();
    const link = `/tasks/${supervisionTask.id}`;
    for (const who of ['director1', 'ceo']) {
      const overdue = (await ofKind(who, 'task_overdue')).filter((n) => n.link === link);
      expect(overdue).toHaveLength(1);
      expect(overdue[0]!.createdAt).toBe('2026-03-20T10:00:00.000Z');
    }
    for (const who of ['director1', 'ceo', 'secretary'])
      expect((await ofKind(who, 'task_due_soon')).filter((n) => n.link === link)).toEqual([]);
  });

  test('a completed task gets no reminders', async () => {
    for (const who of ['am2', 'director1', 'ceo']) {
      const items = (await inbox(who, '?limit=500')).items;
      expect(items.filter((n) => n.link === `/tasks/${doneTask.id}` && REMINDERS.includes(n.kind))).toEqual([]);
    }
  });

  test('the inbox pages newest first and counts the unread; reading is idempotent and only one’s own', async () => {
    // Three weeks on, with the notices of the tests above (a session from the start would have lapsed).
    await t.setNow('2026-03-21T08:00:00+08:00');
    const am1 = await t.as('am1');
    const all = await inbox(am1, '?limit=500');
    expect(all.unread).toBe(all.items.length);
    expect(all.items.length).toBeGreaterThanOrEqual(3);
    const ids = all.items.map((n) => n.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const first = await inbox(am1, '?limit=2');
    expect(first.items.map((n) => n.id)).toEqual(ids.slice(0, 2));
    const rest = await inbox(am1, `?limit=500&cursor=${first.nextCursor}`);
    expect(rest.items.map((n) => n.id)).toEqual(ids.slice(2));
    expect(rest.nextCursor).toBeNull();

    await t.setNow('2026-03-21T09:00:00+08:00');
    const target = all.items[0]!;
    const read = await am1.post(`/api/v1/notifications/${target.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: target.id, readAt: '2026-03-21T01:00:00.000Z' });
    await t.setNow('2026-03-21T09:05:00+08:00');
    const again = await am1.post(`/api/v1/notifications/${target.id}/read`);
    expect(again.body.readAt).toBe('2026-03-21T01:00:00.000Z');
    expect((await inbox(am1)).unread).toBe(all.items.length - 1);
    expect((await inbox(am1, '?unread=false')).items.map((n) => n.id)).toEqual([target.id]);

    const other = await (await t.as('am2')).post(`/api/v1/notifications/${target.id}/read`);
    expect(other.status).toBe(404);
    expect(other.error?.message).toBe('通知不存在或不在您的权限范围内');
    expect((await inbox('am2', '?limit=500')).items.some((n) => n.id === target.id)).toBe(false);

    const all2 = await am1.post('/api/v1/notifications/read-all');
    expect(all2.body).toEqual({ marked: all.items.length - 1, unread: 0 });
    expect((await inbox(am1, '?unread=true')).items).toEqual([]);
    expect((await inbox('director1')).unread).toBeGreaterThan(0);
  });

  test('every role has an inbox; an opening report notice reaches each recipient once, titled with the meeting', async () => {
    expect(await inbox('planner')).toEqual({ items: [], nextCursor: null, unread: 0 });
    const notice = {
      userIds: [ids.PLANNER!, ids.PLANNER!, ids.SECRETARY!],
      kind: 'report_ready' as const,
      params: {
        meetingId: 45,
        meetingType: 'weekly' as const,
        trackName: '消费电子I',
        startsAt: '2026-03-23T01:00:00Z',
      },
      link: '/meetings/45',
      dedupeKey: 'report:45:1',
      at: new Date('2026-03-22T01:00:00Z'),
    };
    expect(await notify(t.database.db, notice)).toBe(2);
    expect(await notify(t.database.db, notice)).toBe(0);
    const planner = await inbox('planner');
    expect(planner.unread).toBe(1);
    expect(planner.items[0]!).toMatchObject({
      title: '开场报告已生成：消费电子I周会 3月23日 09:00',
      link: '/meetings/45',
    });
    const english = await inbox('planner', '', { 'accept-language': 'en' });
    expect(english.items[0]!.title).toBe('Opening report ready: 消费电子I weekly meeting, Mar 23, 09:00');
  });
});
