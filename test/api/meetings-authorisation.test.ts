import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

// Who calls, in the order of every row's statuses. director1, am1 and am2 are of T1 (am1 owns the weekly
// tasks), director2 and am3 of T2; `key` is an integration API key.
const WHO = ['ceo', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3', 'admin', 'planner', 'key'] as const;
type Who = (typeof WHO)[number];
type Call = { method: 'get' | 'post' | 'patch'; url: string; body?: unknown };
type Row = {
  name: string;
  call: () => Call | Promise<Call>;
  /** One status per caller, in WHO order. */
  statuses: number[];
  /**
   * The calls carry a stale `If-Match`: an allowed caller gets past the role and scope checks and is
   * stopped by the version check (412), so nothing changes; `success` then shows the real change.
   */
  stale?: true;
  success?: { who: Who; call: () => Promise<Call>; status: number };
  /** Words the refusal's message must contain. */
  reasons?: Partial<Record<Who, string>>;
};

// T1's weekly meetings: Mondays 09:00 Asia/Shanghai (01:00Z); supervision: first Wednesdays 09:30 (01:30Z).
const Z = (day: string, hm = '01:00') => `2026-${day}T${hm}:00.000Z`;
const local = (day: string, hm: string) => `2026-${day}T${hm}:00+08:00`;

describeWithDatabase('meetings loop: every endpoint × every role (SPEC §2)', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  const as = {} as Record<Who, Client>;
  /** Meetings, series and the objects the rows act on, made through the API in beforeAll. */
  const o = {} as Record<string, number>;

  const weekly = (meetingId: number) => ({
    meetingId,
    dimension: 2,
    subjectType: 'am',
    subjectId: ids.AM1,
    month: '2026-03',
  });
  /** A new weekly task of T1 owned by am1, raised in today's meeting: the object of one row's success. */
  const fresh = async () => (await raise(as.director1, weekly(o.w0309!))).id as number;
  const completed = async () => {
    const id = await fresh();
    expect((await as.am1.post(`/api/v1/tasks/${id}/complete`, { note: '已落实' })).status).toBe(200);
    return id;
  };
  const proposal = async () => {
    const res = await as.director1.post('/api/v1/threshold-proposals', {
      no: 1,
      red: 0.85,
      yellow: 0.95,
      reason: '行业下行',
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const send = (who: Who, { method, url, body }: Call, headers?: Record<string, string>): Promise<Response> =>
    method === 'get' ? as[who].get(url, headers) : as[who][method](url, body, headers);
  /** A GET typed by its route (send answers any call, so its body is unknown). */
  const read = <const U extends string>(who: Who, url: U) => as[who].get(url);

  beforeAll(async () => {
    t = await startTestApp({ now: local('03-02', '08:00') });
    ids = await idsByCode(t);
    const admin = await t.as('admin');
    o.w0302 = (await meetingAt(admin, 'weekly', Z('03-02'), ids.T1)).id;
    o.w0309 = (await meetingAt(admin, 'weekly', Z('03-09'), ids.T1)).id;
    o.w0323 = (await meetingAt(admin, 'weekly', Z('03-23'), ids.T1)).id;
    o.w0330 = (await meetingAt(admin, 'weekly', Z('03-30'), ids.T1)).id;
    const t2 = await meetingAt(admin, 'weekly', Z('03-09'), ids.T2);
    const s0304 = await meetingAt(admin, 'supervision', Z('03-04', '01:30'));
    o.s0304 = s0304.id;
    o.s0401 = (await meetingAt(admin, 'supervision', Z('04-01', '01:30'))).id;
    o.s0506 = (await meetingAt(admin, 'supervision', Z('05-06', '01:30'))).id;
    o.t1Series = (await meetingAt(admin, 'weekly', Z('03-02'), ids.T1)).seriesId;
    o.t2Series = t2.seriesId;
    o.supervisionSeries = s0304.seriesId;

    // Two weekly tasks escalate when the next weekly meeting starts (9 March); a supervision task owned by director1.
    await t.setNow(local('03-02', '09:30'));
    const director1 = await t.as('director1');
    o.escalated = (await raise(director1, weekly(o.w0302))).id;
    o.escalated2 = (await raise(director1, weekly(o.w0302))).id;
    await t.setNow(local('03-04', '10:00'));
    o.supervision = (
      await raise(await t.as('secretary'), {
        meetingId: o.s0304,
        dimension: 1,
        subjectType: 'track',
        subjectId: ids.T1,
        month: '2026-02',
      })
    ).id;
    await t.setNow(local('03-09', '09:01'));
    expect((await (await t.as('admin')).post('/api/v1/admin/jobs/run-due')).status).toBe(200);

    // From here the clock stands still during the 9 March weekly meeting of T1.
    await t.setNow(local('03-09', '09:30'));
    for (const who of WHO) if (who !== 'key') as[who] = await t.as(who);
    const key = await as.admin.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] });
    as.key = t.bearer(key.body.key);
    o.weekly = (await raise(as.director1, weekly(o.w0309))).id;
    expect((await as.ceo.post(`/api/v1/meetings/${o.s0401}/opening-report`)).status).toBe(201);
    const project = await as.director1.post('/api/v1/projects', { type: 'other', title: '交期改善', ownerId: ids.AM1 });
    o.project = project.body.id;
    o.proposal = await proposal();
    expect((await as.admin.get(`/api/v1/tasks/${o.escalated}`)).body).toMatchObject({
      escalated: true,
      escalatedToMeetingId: o.s0401,
    });
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const move = (id: number, day: string, hm: string) => ({
    method: 'patch' as const,
    url: `/api/v1/meetings/${id}`,
    body: { startsAt: local(day, hm), endsAt: local(day, `${Number(hm.slice(0, 2)) + 1}${hm.slice(2)}`) },
  });
  const cadence = async (seriesId: number): Promise<Call> => ({
    method: 'patch',
    url: `/api/v1/series/${seriesId}`,
    body: { cadence: (await as.admin.get(`/api/v1/series/${seriesId}`)).body.cadence },
  });
  const decision = (path: string, body?: unknown) => async (id: number) => ({
    method: path === '' ? ('patch' as const) : ('post' as const),
    url: `/api/v1/tasks/${id}${path}`,
    ...(body === undefined ? {} : { body }),
  });
  const revise = decision('', { description: '补充：重点跟进A客户' });
  // Later than a weekly task's deadline (16 March) and a supervision task's (1 April).
  const extend = decision('/extend', { deadline: Z('04-20'), reason: '客户推迟验收' });
  const reassign = async (id: number) => decision('/reassign', { ownerId: ids.AM2, reason: '客户归属调整' })(id);
  const close = decision('/close', { reason: '无需再跟进' });
  const confirm = decision('/confirm');
  const reopen = decision('/reopen', { reason: '客户再次投诉' });
  const redispatch = decision('/redispatch', { reason: '升级为督导会任务' });
  const complete = decision('/complete', { note: '已落实' });
  const get = (url: () => string) => () => ({ method: 'get' as const, url: url() });

  // 200/201 done · 403 refused with a reason · 404 outside the caller's scope · 412 allowed (stale If-Match).
  //                 ceo  sec  dir1 dir2 am1  am2  am3  admin plan key
  const READ_ALL = [200, 200, 200, 200, 200, 200, 200, 200, 403, 403];
  const T1_REPORT = [200, 200, 200, 404, 200, 200, 404, 200, 403, 403];
  const ROWS: Row[] = [
    // The calendar: everyone in sales reads it; the secretary keeps the supervision series, a director their track's.
    { name: 'GET /meetings/:id (T1 weekly)', call: get(() => `/api/v1/meetings/${o.w0309}`), statuses: READ_ALL },
    { name: 'GET /meetings/:id (supervision)', call: get(() => `/api/v1/meetings/${o.s0401}`), statuses: READ_ALL },
    {
      name: 'PATCH /meetings/:id (T1 weekly)',
      call: () => move(o.w0323!, '03-24', '09:00'),
      stale: true,
      statuses: [403, 403, 412, 403, 403, 403, 403, 412, 403, 403],
      success: { who: 'director1', call: async () => move(o.w0323!, '03-24', '09:00'), status: 200 },
      reasons: { director2: '本赛道总监' },
    },
    {
      name: 'PATCH /meetings/:id (supervision)',
      call: () => move(o.s0506!, '05-07', '09:30'),
      stale: true,
      statuses: [403, 412, 403, 403, 403, 403, 403, 412, 403, 403],
      success: { who: 'secretary', call: async () => move(o.s0506!, '05-07', '09:30'), status: 200 },
    },
    {
      name: 'POST /meetings/:id/cancel (T1 weekly)',
      call: () => ({ method: 'post', url: `/api/v1/meetings/${o.w0330}/cancel`, body: { reason: '节假日' } }),
      stale: true,
      statuses: [403, 403, 412, 403, 403, 403, 403, 412, 403, 403],
      success: {
        who: 'director1',
        call: async () => ({ method: 'post', url: `/api/v1/meetings/${o.w0330}/cancel`, body: { reason: '节假日' } }),
        status: 200,
      },
    },
    { name: 'GET /series/:id (T1 weekly)', call: get(() => `/api/v1/series/${o.t1Series}`), statuses: READ_ALL },
    {
      name: 'PATCH /series/:id (T2 weekly)',
      call: () => cadence(o.t2Series!),
      stale: true,
      statuses: [403, 403, 403, 412, 403, 403, 403, 412, 403, 403],
      success: { who: 'director2', call: () => cadence(o.t2Series!), status: 200 },
    },
    {
      name: 'PATCH /series/:id (supervision)',
      call: () => cadence(o.supervisionSeries!),
      stale: true,
      statuses: [403, 412, 403, 403, 403, 403, 403, 412, 403, 403],
    },
    // Opening reports: a director reads the supervision ones and their track's weekly ones, an AM their track's weekly ones.
    {
      name: 'GET /meetings/:id/opening-report (T1 weekly)',
      call: get(() => `/api/v1/meetings/${o.w0309}/opening-report`),
      statuses: T1_REPORT,
    },
    {
      name: 'GET /meetings/:id/opening-report (supervision)',
      call: get(() => `/api/v1/meetings/${o.s0401}/opening-report`),
      statuses: [200, 200, 200, 200, 404, 404, 404, 200, 403, 403],
    },
    {
      name: 'GET /meetings/:id/opening-report.xlsx (T1 weekly)',
      call: get(() => `/api/v1/meetings/${o.w0309}/opening-report.xlsx`),
      statuses: T1_REPORT,
    },
    {
      name: 'POST /meetings/:id/opening-report (T1 weekly)',
      call: () => ({ method: 'post', url: `/api/v1/meetings/${o.w0309}/opening-report` }),
      statuses: [201, 201, 201, 404, 403, 403, 404, 201, 403, 403],
    },
    {
      name: 'POST /meetings/:id/opening-report (supervision)',
      call: () => ({ method: 'post', url: `/api/v1/meetings/${o.s0401}/opening-report` }),
      statuses: [201, 201, 403, 403, 404, 404, 404, 201, 403, 403],
    },
    // Tasks: raised by the meeting's chairs, read in scope, decided by the chairs, completed by the owner.
    {
      name: 'POST /tasks (T1 weekly meeting)',
      call: () => ({ method: 'post', url: '/api/v1/tasks', body: weekly(o.w0309!) }),
      statuses: [403, 403, 201, 403, 403, 403, 403, 403, 403, 403],
      reasons: { director2: '本赛道总监录入' },
    },
    {
      name: 'POST /tasks (supervision meeting)',
      call: () => ({
        method: 'post',
        url: '/api/v1/tasks',
        body: { meetingId: o.s0304, dimension: 3, subjectType: 'track', subjectId: ids.T1, month: '2026-02' },
      }),
      statuses: [201, 201, 403, 403, 403, 403, 403, 403, 403, 403],
    },
    { name: 'GET /tasks', call: get(() => '/api/v1/tasks'), statuses: READ_ALL },
    {
      name: 'GET /tasks/:id (T1 weekly, owner am1)',
      call: get(() => `/api/v1/tasks/${o.weekly}`),
      statuses: [200, 200, 200, 404, 200, 404, 404, 200, 403, 403],
    },
    {
      name: 'GET /tasks/:id (supervision, owner director1)',
      call: get(() => `/api/v1/tasks/${o.supervision}`),
      statuses: [200, 200, 200, 404, 404, 404, 404, 200, 403, 403],
    },
    {
      name: 'PATCH /tasks/:id (T1 weekly)',
      call: () => revise(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => revise(await fresh()), status: 200 },
    },
    {
      name: 'PATCH /tasks/:id (supervision)',
      call: () => revise(o.supervision!),
      stale: true,
      statuses: [412, 412, 403, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'secretary', call: async () => revise(o.supervision!), status: 200 },
    },
    {
      name: 'POST /tasks/:id/complete (T1 weekly, owner am1)',
      call: async () => complete(await fresh()),
      stale: true,
      statuses: [403, 403, 403, 404, 412, 404, 404, 403, 403, 403],
      success: { who: 'am1', call: async () => complete(await fresh()), status: 200 },
      reasons: { ceo: '只有责任人', director1: '只有责任人' },
    },
    {
      name: 'POST /tasks/:id/reopen (T1 weekly)',
      call: () => reopen(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => reopen(await completed()), status: 200 },
    },
    {
      name: 'POST /tasks/:id/confirm (T1 weekly)',
      call: () => confirm(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => confirm(await completed()), status: 200 },
    },
    {
      name: 'POST /tasks/:id/extend (T1 weekly, owner am1)',
      call: () => extend(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => extend(await fresh()), status: 200 },
      reasons: { am1: '客户经理不能' },
    },
    {
      name: 'POST /tasks/:id/extend (supervision, owner director1)',
      call: () => extend(o.supervision!),
      stale: true,
      statuses: [412, 412, 403, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'ceo', call: async () => extend(o.supervision!), status: 200 },
      reasons: { director1: '责任人不能调整自己的完成时限' },
    },
    {
      name: 'POST /tasks/:id/extend (escalated T1 weekly)',
      call: () => extend(o.escalated!),
      stale: true,
      // while escalated and pending it is decided at the supervision meeting: the CEO, the secretary for her
      statuses: [412, 412, 403, 404, 403, 403, 403, 403, 403, 403],
      reasons: { director1: '已升级的任务在督导会上由CEO决定' },
    },
    {
      name: 'POST /tasks/:id/reassign (T1 weekly)',
      call: () => reassign(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => reassign(await fresh()), status: 200 },
    },
    {
      name: 'POST /tasks/:id/close (T1 weekly)',
      call: () => close(o.weekly!),
      stale: true,
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'director1', call: async () => close(await fresh()), status: 200 },
    },
    {
      name: 'POST /tasks/:id/redispatch (escalated T1 weekly)',
      call: () => redispatch(o.escalated!),
      stale: true,
      statuses: [412, 412, 403, 404, 403, 403, 403, 403, 403, 403],
      success: { who: 'ceo', call: () => redispatch(o.escalated2!), status: 201 },
      reasons: { director1: '只有CEO' },
    },
    // Improvement projects: read in scope, made by chairs and directors of the track, progress by the people in it.
    { name: 'GET /projects', call: get(() => '/api/v1/projects'), statuses: READ_ALL },
    {
      name: 'POST /projects (T1)',
      call: () => ({
        method: 'post',
        url: '/api/v1/projects',
        body: { type: 'other', title: '回款专项', trackId: ids.T1, ownerId: ids.AM1 },
      }),
      statuses: [201, 201, 201, 403, 403, 403, 403, 201, 403, 403],
    },
    {
      name: 'GET /projects/:id (T1, owner am1)',
      call: get(() => `/api/v1/projects/${o.project}`),
      statuses: [200, 200, 200, 404, 200, 200, 404, 200, 403, 403],
    },
    {
      name: 'POST /projects/:id/progress (T1, owner am1)',
      call: () => ({
        method: 'post',
        url: `/api/v1/projects/${o.project}/progress`,
        body: { text: '已与客户对齐交期' },
      }),
      statuses: [201, 201, 201, 404, 201, 403, 404, 201, 403, 403],
    },
    // Quarterly analysis: a director sees their own track's only.
    {
      name: 'GET /analytics/quarterly',
      call: get(() => '/api/v1/analytics/quarterly?quarter=2026-Q1'),
      statuses: [200, 200, 200, 200, 403, 403, 403, 200, 403, 403],
    },
    {
      name: 'GET /analytics/quarterly (trackId T1)',
      call: get(() => `/api/v1/analytics/quarterly?quarter=2026-Q1&trackId=${ids.T1}`),
      statuses: [200, 200, 200, 403, 403, 403, 403, 200, 403, 403],
    },
    // Threshold proposals: directors propose, the CEO decides.
    {
      name: 'GET /threshold-proposals',
      call: get(() => '/api/v1/threshold-proposals'),
      statuses: [200, 403, 200, 200, 403, 403, 403, 200, 403, 403],
    },
    {
      name: 'POST /threshold-proposals',
      call: () => ({
        method: 'post',
        url: '/api/v1/threshold-proposals',
        body: { no: 8, red: 130, yellow: 100, reason: '回款周期行业普遍拉长' },
      }),
      statuses: [403, 403, 201, 201, 403, 403, 403, 403, 403, 403],
    },
    {
      name: 'POST /threshold-proposals/:id/approve',
      call: () => ({
        method: 'post',
        url: `/api/v1/threshold-proposals/${o.proposal}/approve`,
        body: { effectiveMonth: '2026-04' },
      }),
      stale: true,
      statuses: [412, 403, 403, 403, 403, 403, 403, 403, 403, 403],
      success: {
        who: 'ceo',
        call: async () => ({
          method: 'post',
          url: `/api/v1/threshold-proposals/${await proposal()}/approve`,
          body: { effectiveMonth: '2026-04' },
        }),
        status: 200,
      },
    },
    {
      name: 'POST /threshold-proposals/:id/reject',
      call: () => ({
        method: 'post',
        url: `/api/v1/threshold-proposals/${o.proposal}/reject`,
        body: { reason: '证据不足' },
      }),
      stale: true,
      statuses: [412, 403, 403, 403, 403, 403, 403, 403, 403, 403],
      success: {
        who: 'ceo',
        call: async () => ({
          method: 'post',
          url: `/api/v1/threshold-proposals/${await proposal()}/reject`,
          body: { reason: '证据不足' },
        }),
        status: 200,
      },
    },
    // Everyone's own inbox; an API key has none.
    {
      name: 'GET /notifications',
      call: get(() => '/api/v1/notifications'),
      statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    },
  ];

  const CODES: Record<number, string> = { 403: 'forbidden', 404: 'not_found', 412: 'version_conflict' };

  test.each(ROWS)('$name', async (row) => {
    const call = await row.call();
    const headers = row.stale ? { 'if-match': '999' } : undefined;
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const res = await send(who, call, headers);
      got[who] = res.status;
      const code = CODES[res.status];
      if (code) expect(res.error, `${who}: ${row.name}`).toMatchObject({ code, message: expect.any(String) });
      const reason = row.reasons?.[who];
      if (reason) expect(res.error?.message, `${who}: ${row.name}`).toContain(reason);
    }
    expect(got).toEqual(Object.fromEntries(WHO.map((who, i) => [who, row.statuses[i]])));
    if (row.success) {
      const res = await send(row.success.who, await row.success.call());
      expect(res.status, JSON.stringify(res.body)).toBe(row.success.status);
    }
  });

  test('GET /tasks lists exactly the tasks in each caller’s scope', async () => {
    const shown = async (who: Who) => {
      const items = (await read(who, '/api/v1/tasks?limit=500')).body.items;
      const mine = new Set(items.map((x) => x.id));
      return (['weekly', 'escalated', 'supervision'] as const).filter((k) => mine.has(o[k]!));
    };
    const all = ['weekly', 'escalated', 'supervision'];
    expect(await shown('ceo')).toEqual(all);
    expect(await shown('secretary')).toEqual(all);
    expect(await shown('admin')).toEqual(all);
    expect(await shown('director1')).toEqual(all);
    expect(await shown('director2')).toEqual([]);
    expect(await shown('am1')).toEqual(['weekly', 'escalated']);
    expect(await shown('am2')).toEqual([]);
    expect(await shown('am3')).toEqual([]);
  });

  // The screens show a button only when its flag is true, so each flag must say exactly what the server
  // then allows: a stale If-Match call gets past the role and scope checks (412) only when the flag is set.
  test('the `can` flags each caller receives say what the server lets them do', async () => {
    const stale = { 'if-match': '999' };
    const allowed = async (who: Who, call: Call | Promise<Call>, ok: number, headers?: Record<string, string>) =>
      (await send(who, await call, headers)).status === ok;
    const users = WHO.filter((who) => who !== 'key' && who !== 'planner');
    for (const who of users) {
      for (const key of ['weekly', 'escalated', 'supervision'] as const) {
        const res = await read(who, `/api/v1/tasks/${o[key]!}`);
        if (res.status !== 200) continue;
        const can = res.body.can;
        const flags: [keyof typeof can, Promise<Call>][] = [
          ['extend', extend(o[key]!)],
          ['reassign', reassign(o[key]!)],
          ['revise', revise(o[key]!)],
          ['close', close(o[key]!)],
          ['complete', complete(o[key]!)],
          ...(key === 'escalated' ? [['redispatch', redispatch(o[key]!)] as [keyof typeof can, Promise<Call>]] : []),
        ];
        for (const [flag, call] of flags)
          expect(can[flag], `${who} ${flag} ${key}`).toBe(await allowed(who, call, 412, stale));
      }
      for (const [id, day, hm] of [
        [o.w0323!, '03-24', '09:00'],
        [o.s0506!, '05-07', '09:30'],
      ] as const) {
        const { can } = (await read(who, `/api/v1/meetings/${id}`)).body;
        expect(can.manage, `${who} manage ${id}`).toBe(await allowed(who, move(id, day, hm), 412, stale));
      }
      for (const id of [o.w0309!, o.s0401!]) {
        const { can } = (await read(who, `/api/v1/meetings/${id}`)).body;
        const regenerate = { method: 'post' as const, url: `/api/v1/meetings/${id}/opening-report` };
        expect(can.regenerateReport, `${who} regenerate ${id}`).toBe(await allowed(who, regenerate, 201));
      }
      for (const id of [o.w0309!, o.s0304!]) {
        const { can } = (await read(who, `/api/v1/meetings/${id}`)).body;
        const body =
          id === o.s0304 ? { dimension: 3, subjectType: 'track', subjectId: ids.T1, month: '2026-02' } : weekly(id);
        const raiseIt = { method: 'post' as const, url: '/api/v1/tasks', body: { ...body, meetingId: id } };
        expect(can.raiseTasks, `${who} raise in ${id}`).toBe(await allowed(who, raiseIt, 201));
      }
      const project = await read(who, `/api/v1/projects/${o.project!}`);
      if (project.status !== 200) continue;
      const patch = { method: 'patch' as const, url: `/api/v1/projects/${o.project}`, body: { title: '交期改善二期' } };
      expect(project.body.can.manage, `${who} manage project`).toBe(await allowed(who, patch, 412, stale));
      const progress = {
        method: 'post' as const,
        url: `/api/v1/projects/${o.project}/progress`,
        body: { text: '进展' },
      };
      expect(project.body.can.logProgress, `${who} log progress`).toBe(await allowed(who, progress, 201));
    }
  });
});
