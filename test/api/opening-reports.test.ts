import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// T1's weekly meetings: Mondays 09:00 Asia/Shanghai (01:00Z); supervision: first Wednesdays 09:30 (01:30Z).
const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;

describeWithDatabase('opening reports (SPEC §4.5)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  const m = {} as Record<'w0302' | 'w0309' | 'w0323' | 'w0330' | 't2w0309' | 's0304' | 's0401' | 's0506', number>;
  const task = {} as Record<'a' | 'b' | 'c', ApiRoutes['POST /api/v1/tasks']>;
  // Sessions idle out after 8 h and these tests move the clock by days: sign in afresh for each call.
  const as = (user: string) => t.as(user);
  const runDue = async () => (await as('admin')).post('/api/v1/admin/jobs/run-due');
  const report = async (meeting: number, user = 'ceo', query = '') =>
    (await as(user)).get(`/api/v1/meetings/${meeting}/opening-report?${query}`);

  beforeAll(async () => {
    t = await startTestApp({ now: local('03-02', '08:00') });
    ids = await idsByCode(t);
    const admin = await as('admin');
    m.w0302 = (await meetingAt(admin, 'weekly', Z('03-02'), ids.T1)).id;
    m.w0309 = (await meetingAt(admin, 'weekly', Z('03-09'), ids.T1)).id;
    m.w0323 = (await meetingAt(admin, 'weekly', Z('03-23'), ids.T1)).id;
    m.w0330 = (await meetingAt(admin, 'weekly', Z('03-30'), ids.T1)).id;
    m.t2w0309 = (await meetingAt(admin, 'weekly', Z('03-09'), ids.T2)).id;
    m.s0304 = (await meetingAt(admin, 'supervision', Z('03-04', '01:30'))).id;
    m.s0401 = (await meetingAt(admin, 'supervision', Z('04-01', '01:30'))).id;
    m.s0506 = (await meetingAt(admin, 'supervision', Z('05-06', '01:30'))).id;

    await t.setNow(local('03-02', '09:30'));
    const weekly = { meetingId: m.w0302, dimension: 2, subjectType: 'am', month: '2026-03' };
    task.a = await raise(await as('director1'), { ...weekly, subjectId: ids.AM1, description: '=HYPERLINK("x")跟进A' });
    task.b = await raise(await as('director1'), { ...weekly, subjectId: ids.AM2 });
    await t.setNow(local('03-03', '10:00'));
    await (await as('am2')).post(`/api/v1/tasks/${task.b.id}/complete`, { note: '已完成' });
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('the first version comes 24 h before the meeting, once, with the tasks defined by meeting times', async () => {
    await t.setNow(local('03-08', '08:59'));
    await runDue();
    expect((await report(m.w0309)).status).toBe(404);
    await t.setNow(local('03-08', '09:00'));
    await runDue();
    await runDue();
    const res = await report(m.w0309, 'director1');
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r).toMatchObject({ version: 1, trigger: 'scheduled', generatedAt: Z('03-08') });
    expect(r.versions).toHaveLength(1);
    expect(r.pending.map((x) => x.id)).toEqual([task.a.id]);
    expect(r.pending[0]).toMatchObject({ ownerName: expect.any(String), trackName: '消费电子I', overdue: false });
    expect(r.completed.map((x) => x.id)).toEqual([task.b.id]);
    expect(r.escalated).toEqual([]);
    // the background the system wrote reads in the reader's language (issue 13 item 13)
    expect(r.pending[0]!.background).toMatch(/^客户经理.+3月销售达成率/);
    const english = await (await as('director1')).get(`/api/v1/meetings/${m.w0309}/opening-report`, {
      'accept-language': 'en',
    });
    expect(english.body.pending[0]!.background).toMatch(/^Account manager .+: .*sales attainment.* March/);
    expect(r.counts).toMatchObject({ pending: 1, completed: 1, completionRate: 0.5, escalated: 0 });
    expect(r.board).toMatchObject({ month: '2026-03' });
    expect(r.board.dataAsOf).toEqual(expect.any(Array));
    expect(r.alerts).toEqual([]);
    // T2's meeting gets its own, empty report
    expect((await report(m.t2w0309)).body.counts).toMatchObject({ pending: 0, completed: 0, completionRate: null });
    // the people of the meeting are told
    const inbox = (await (await as('am1')).get('/api/v1/notifications')).body.items;
    expect(inbox.filter((n) => n.kind === 'report_ready' && n.link === `/meetings/${m.w0309}`)).toHaveLength(1);
  });

  test('who reads which report: own track weekly for AMs, supervision for directors, all for the CEO', async () => {
    expect((await report(m.w0309, 'am1')).status).toBe(200);
    expect((await report(m.w0309, 'am3')).status).toBe(404);
    expect((await report(m.w0309, 'director2')).status).toBe(404);
    expect((await report(m.w0309, 'secretary')).status).toBe(200);
    expect((await report(m.w0309, 'planner')).status).toBe(403);
    expect((await (await as('am1')).post(`/api/v1/meetings/${m.w0309}/opening-report`)).status).toBe(403);
    expect((await (await as('director2')).post(`/api/v1/meetings/${m.w0309}/opening-report`)).status).toBe(404);
  });

  test('the final version at the start; older versions stay readable; on demand makes another', async () => {
    await t.setNow(local('03-09', '09:00'));
    await runDue();
    const final = (await report(m.w0309)).body;
    expect(final).toMatchObject({ version: 2, trigger: 'final' });
    expect(final.pending[0]).toMatchObject({ id: task.a.id, overdue: true, escalated: true });
    expect(final.live[task.a.id]).toMatchObject({ status: 'pending', escalated: true });
    const first = (await report(m.w0309, 'ceo', 'version=1')).body;
    expect(first).toMatchObject({ version: 1, trigger: 'scheduled' });
    expect(first.pending[0]?.escalated).toBe(false);
    expect((await report(m.w0309, 'ceo', 'version=7')).status).toBe(404);

    const demanded = await (await as('director1')).post(`/api/v1/meetings/${m.w0309}/opening-report`);
    expect(demanded.status).toBe(201);
    expect(demanded.body).toMatchObject({ version: 3, trigger: 'on_demand', generatedBy: ids.DIRECTOR1 });
  });

  test('the supervision report lists escalated tasks in red by track; a later escalation makes a new version', async () => {
    await t.setNow(local('03-04', '10:00'));
    const supervisionTask = await raise(await as('secretary'), {
      meetingId: m.s0304,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
    });
    // a weekly task of 23 March whose escalation moment moves with its meeting to 31 March 14:00
    await t.setNow(local('03-23', '09:30'));
    task.c = await raise(await as('director1'), {
      meetingId: m.w0323,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM2,
      month: '2026-03',
    });
    await (await as('director1')).patch(`/api/v1/meetings/${m.w0330}`, {
      startsAt: '2026-03-31T06:00:00.000Z',
      endsAt: '2026-03-31T07:00:00.000Z',
    });
    await t.setNow(local('03-31', '09:30'));
    await runDue();
    const first = (await report(m.s0401, 'director2')).body;
    expect(first).toMatchObject({ version: 1, trigger: 'scheduled' });
    expect(first.pending.map((x) => x.id)).toEqual([supervisionTask.id]);
    expect(first.escalated.map((x) => x.id)).toEqual([task.a.id]);
    expect(first.escalated[0]).toMatchObject({
      escalatedAt: Z('03-09'),
      meetingsCarried: 0,
      trackName: '消费电子I',
      overdue: true,
    });
    expect(first.escalatedByTrack).toEqual([{ trackId: ids.T1, trackName: '消费电子I', count: 1 }]);
    // Each part within its whole (issue 13, item 5): the overdue escalated task is not "of the pending" ones.
    expect(first.counts).toMatchObject({ pending: 1, overdue: 0, escalated: 1, escalatedOverdue: 1 });

    await t.setNow(local('03-31', '14:00'));
    await runDue();
    const second = (await report(m.s0401)).body;
    expect(second).toMatchObject({ version: 2, trigger: 'escalation' });
    expect(second.escalated.map((x) => x.id).sort()).toEqual([task.a.id, task.c.id].sort());
    await runDue();
    expect((await report(m.s0401)).body.version).toBe(2);
  });

  test('after downtime only the latest due version is made, none for meetings already over; escalations are carried', async () => {
    await t.setNow(local('04-01', '10:00'));
    await runDue();
    expect((await report(m.s0401)).body).toMatchObject({ version: 3, trigger: 'final' });

    // the server is down from 1 April 10:00 until the May supervision meeting is under way
    await t.setNow(local('05-06', '10:00'));
    await runDue();
    const may = (await report(m.s0506)).body;
    expect(may.versions.map((v) => v.trigger)).toEqual(['final']);
    const a = may.escalated.find((x) => x.id === task.a.id);
    expect(a).toMatchObject({ escalatedAt: Z('03-09'), meetingsCarried: 1 });
    const april6 = await meetingAt(await as('admin'), 'weekly', Z('04-06'), ids.T1);
    expect((await report(april6.id)).status).toBe(404);
  });

  test('the XLSX export holds the snapshot, escaped, with overdue and escalated rows in red', async () => {
    const res = await (await as('ceo')).get(`/api/v1/meetings/${m.s0401}/opening-report.xlsx?version=2`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const raw = await t.app.inject({
      method: 'GET',
      url: `/api/v1/meetings/${m.s0401}/opening-report.xlsx?version=2`,
      headers: { cookie: (await as('ceo')).cookie ?? '' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '概要',
      '待完成任务',
      '已升级任务',
      '已完成任务',
      '看板 2026-03',
      '数据截至',
    ]);
    const escalated = workbook.getWorksheet('已升级任务')!;
    const texts = escalated.getColumn(5).values.map(String);
    expect(texts).toContain('\'=HYPERLINK("x")跟进A');
    const row = escalated.getRow(2);
    expect(row.getCell(10).value).toBe('已升级');
    expect(row.font?.color?.argb).toBe('FFC00000');
    expect(workbook.getWorksheet('概要')!.getCell('B2').value).toBe('月度销售督导会 2026-04-01');
    expect(workbook.getWorksheet('概要')!.getCell('B3').value).toBe(2);
    // Numbers read as on the board; kinds and instants in Chinese and the company's time zone (issue 13, item 8).
    const summary = workbook.getWorksheet('概要')!;
    const rateRow = summary.getColumn(1).values.indexOf('完成率');
    expect(summary.getCell(rateRow, 2).numFmt).toBe('0.0%');
    const board = workbook.getWorksheet('看板 2026-03')!;
    const formats = new Map<string, string>();
    board.eachRow((r, n) => {
      if (n > 1) formats.set(String(r.getCell(1).value), r.getCell(3).numFmt);
    });
    expect(formats.size).toBeGreaterThan(0);
    expect(formats.get('各赛道应收周转天数 (DSO)')).toBe('0"天"');
    expect(formats.get('各赛道费用占销售千分比')).toBe('0.0"‰"');
    expect([...formats.values()].every((f) => ['0.0%', '0.0"‰"', '0"天"'].includes(f))).toBe(true);
  });
});
