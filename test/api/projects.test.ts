import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectSummaries } from '../../src/projects/summaries.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

const ROLES = ['ceo', 'secretary', 'admin', 'director1', 'director2', 'am1', 'am2', 'am3', 'planner'] as const;
type Who = (typeof ROLES)[number];

describeWithDatabase('improvement projects (专项PDCA, SPEC §4.7)', () => {
  let t: TestApp;
  let as: Record<Who, Client>;
  let ids: Record<string, number>;
  /** Projects made in beforeAll: T1 owned by AM1, T2 owned by director2, company-wide owned by director1. */
  let p: { t1: number; t2: number; company: number };

  const create = (who: Who, body: Record<string, unknown>) => as[who].post('/api/v1/projects', body);
  const listIds = async (who: Who, query = '') =>
    (await as[who].get(`/api/v1/projects?${query}`)).body.items.map((x) => x.id);
  const fields = (res: Response) => res.error?.details?.map((d) => d.field);

  const signInAll = async () => {
    as = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await t.as(r)]))) as Record<Who, Client>;
  };
  /** 23:30 UTC on 2 March is already 3 March in Asia/Shanghai; sessions idle out after 8 h, so all sign in again. */
  const moveToThirdOfMarch = async () => {
    await t.setNow('2026-03-02T23:30:00Z');
    await signInAll();
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    await signInAll();
    const tracks = (await as.admin.get('/api/v1/tracks')).body.items;
    const users = (await as.admin.get('/api/v1/users?limit=100')).body.items;
    ids = Object.fromEntries([...tracks, ...users].map((x) => [x.code, x.id]));
    const made = await Promise.all([
      create('ceo', { type: 'opportunity_anomaly', title: '商机推进异常PDCA', trackId: ids.T1, ownerId: ids.AM1 }),
      create('secretary', { type: 'sales_forecast', title: '商品模预测', trackId: ids.T2, ownerId: ids.DIRECTOR2 }),
      create('admin', { type: 'other', title: '全公司回款专项', ownerId: ids.DIRECTOR1 }),
    ]);
    expect(made.map((r) => r.status)).toEqual([201, 201, 201]);
    p = { t1: made[0]!.body.id, t2: made[1]!.body.id, company: made[2]!.body.id };
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('a created project starts in plan, version 1, with no progress yet', async () => {
    const res = await create('ceo', {
      type: 'sales_forecast',
      title: '销售预测PDCA',
      trackId: ids.T1,
      ownerId: ids.DIRECTOR1,
      description: '预测准确率连续两月低于70%',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      type: 'sales_forecast',
      title: '销售预测PDCA',
      trackId: ids.T1,
      ownerId: ids.DIRECTOR1,
      phase: 'plan',
      description: '预测准确率连续两月低于70%',
      createdAt: '2026-03-02T00:00:00.000Z',
      createdBy: ids.CEO,
      updatedAt: '2026-03-02T00:00:00.000Z',
      version: 1,
      latestProgress: null,
      can: { manage: true, logProgress: true },
    });
  });

  test("who creates: CEO, secretary, admin any track; a director only their own track's (theirs by default)", async () => {
    const own = await create('director1', { type: 'other', title: '本赛道', ownerId: ids.AM2 });
    expect(own.status).toBe(201);
    expect(own.body.trackId).toBe(ids.T1);
    const other = await create('director1', { type: 'other', title: '他赛道', trackId: ids.T2, ownerId: ids.AM3 });
    expect(other.status).toBe(403);
    expect(other.error?.message).toContain('赛道总监只能建立和修改本赛道的专项');
    const companyWide = await create('director1', { type: 'other', title: '全公司', trackId: null, ownerId: ids.AM1 });
    expect(companyWide.status).toBe(403);
    for (const who of ['am1', 'planner'] as const) {
      const refused = await create(who, { type: 'other', title: 'x', ownerId: ids.AM1 });
      expect(refused.status).toBe(403);
      expect(refused.error?.message).toContain('不能建立或修改专项PDCA');
    }
  });

  test("the owner is an active director or an AM of the project's track", async () => {
    const otherTrackAm = await create('ceo', { type: 'other', title: 'x', trackId: ids.T1, ownerId: ids.AM3 });
    expect(otherTrackAm.status).toBe(400);
    expect(otherTrackAm.error?.details).toEqual([
      { field: 'ownerId', reason: '无效：负责人须为在职的赛道总监或本赛道的客户经理' },
    ]);
    expect((await create('ceo', { type: 'other', title: 'x', ownerId: ids.AM1 })).status).toBe(400);
    expect((await create('ceo', { type: 'other', title: 'x', trackId: ids.T1, ownerId: ids.SECRETARY })).status).toBe(
      400,
    );
    expect((await create('ceo', { type: 'other', title: 'x', trackId: ids.T2, ownerId: ids.DIRECTOR1 })).status).toBe(
      201,
    );
  });

  test('bad input answers 400 naming each field, in Chinese by default', async () => {
    const res = await create('ceo', { type: 'improvement', ownerId: 'me', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe('提交的数据有误，请检查标出的字段');
    expect(fields(res)).toEqual(expect.arrayContaining(['type', 'title', 'ownerId', 'extra']));
    expect(res.error?.details?.find((d) => d.field === 'title')?.reason).toBe('必填');
    const noTrack = await create('ceo', { type: 'other', title: 'x', trackId: 9999, ownerId: ids.DIRECTOR1 });
    expect(noTrack.error?.details).toEqual([{ field: 'trackId', reason: '无效：赛道不存在' }]);
    const badPhase = await as.ceo.patch(`/api/v1/projects/${p.t1}`, { phase: 'done' });
    expect(badPhase.status).toBe(400);
    expect(fields(badPhase)).toEqual(['phase']);
  });

  test('who reads: all for CEO / secretary / admin; own track and own for directors and AMs; others 404; planner 403', async () => {
    for (const who of ['ceo', 'secretary', 'admin'] as const)
      expect(await listIds(who)).toEqual(expect.arrayContaining([p.t1, p.t2, p.company]));
    const d1 = await listIds('director1');
    expect(d1).toEqual(expect.arrayContaining([p.t1, p.company]));
    expect(d1).not.toContain(p.t2);
    const d2 = await listIds('director2');
    expect(d2).toContain(p.t2);
    expect(d2).not.toContain(p.t1);
    expect(await listIds('am2')).toContain(p.t1);
    expect(await listIds('am3')).not.toContain(p.t1);
    expect((await as.director2.get(`/api/v1/projects/${p.t1}`)).status).toBe(404);
    const outside = await as.am3.get(`/api/v1/projects/${p.t1}`);
    expect(outside.status).toBe(404);
    expect(outside.error?.message).toBe('专项不存在或不在您的权限范围内');
    expect((await as.am1.get(`/api/v1/projects/${p.t1}`)).status).toBe(200);
    expect((await as.planner.get('/api/v1/projects')).status).toBe(403);
    expect((await as.planner.get(`/api/v1/projects/${p.t1}`)).status).toBe(403);
  });

  test('the list filters by track, phase and type and pages with a cursor', async () => {
    expect(await listIds('ceo', `trackId=${ids.T2}`)).not.toContain(p.t1);
    expect(await listIds('ceo', 'type=opportunity_anomaly')).toEqual([p.t1]);
    const first = await as.ceo.get('/api/v1/projects?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await as.ceo.get(`/api/v1/projects?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0]!.id).toBeGreaterThan(first.body.items[1]!.id);
  });

  test('phase changes are kept in the history; a stale If-Match answers 412 and changes nothing', async () => {
    const doing = await as.director1.patch(`/api/v1/projects/${p.t1}`, { phase: 'do' }, { 'if-match': '1' });
    expect(doing.status).toBe(200);
    expect(doing.body).toMatchObject({ phase: 'do', version: 2 });
    const stale = await as.ceo.patch(`/api/v1/projects/${p.t1}`, { phase: 'check' }, { 'if-match': '1' });
    expect(stale.status).toBe(412);
    expect(stale.error?.code).toBe('version_conflict');
    await as.ceo.patch(`/api/v1/projects/${p.t1}`, { title: '商机推进异常PDCA（3月）' });
    const detail = (await as.am1.get(`/api/v1/projects/${p.t1}`)).body;
    expect(detail).toMatchObject({ phase: 'do', title: '商机推进异常PDCA（3月）', version: 3 });
    expect(detail.history.map((h) => [h.action, h.before, h.after])).toEqual([
      ['created', null, expect.objectContaining({ phase: 'plan' })],
      ['phase_changed', { phase: 'plan' }, { phase: 'do' }],
      ['updated', { title: '商机推进异常PDCA' }, { title: '商机推进异常PDCA（3月）' }],
    ]);
    expect(detail.history[1]).toMatchObject({ actorId: ids.DIRECTOR1, at: '2026-03-02T00:00:00.000Z' });
  });

  test("who changes: CEO, secretary, admin; the track's director; not another director, an AM or a planner", async () => {
    for (const who of ['ceo', 'secretary', 'admin', 'director2'] as const)
      expect((await as[who].patch(`/api/v1/projects/${p.t2}`, { description: who })).status).toBe(200);
    expect((await as.director1.patch(`/api/v1/projects/${p.t2}`, { description: 'x' })).status).toBe(404);
    const ownedElsewhere = await as.director1.patch(`/api/v1/projects/${p.company}`, { description: 'x' });
    expect(ownedElsewhere.status).toBe(403);
    expect((await as.am3.patch(`/api/v1/projects/${p.t2}`, { description: 'x' })).status).toBe(403);
    expect((await as.planner.patch(`/api/v1/projects/${p.t2}`, { description: 'x' })).status).toBe(403);
    const newOwner = await as.director2.patch(`/api/v1/projects/${p.t2}`, { ownerId: ids.AM1 });
    expect(newOwner.error?.details?.[0]?.field).toBe('ownerId');
    expect((await as.director2.patch(`/api/v1/projects/${p.t2}`, { ownerId: ids.AM3 })).body.ownerId).toBe(ids.AM3);
  });

  test('progress: today in the configured time zone by default; newest first; the latest shown on the project', async () => {
    await moveToThirdOfMarch();
    const first = await as.am1.post(`/api/v1/projects/${p.t1}/progress`, { text: '已约客户复盘' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      date: '2026-03-03',
      text: '已约客户复盘',
      authorId: ids.AM1,
      authorName: expect.any(String),
    });
    const backdated = await as.director1.post(`/api/v1/projects/${p.t1}/progress`, {
      date: '2026-02-27',
      text: '立项',
    });
    expect(backdated.status).toBe(201);
    const detail = (await as.ceo.get(`/api/v1/projects/${p.t1}`)).body;
    expect(detail.progress.map((e) => [e.date, e.text])).toEqual([
      ['2026-03-03', '已约客户复盘'],
      ['2026-02-27', '立项'],
    ]);
    expect(detail.latestProgress).toEqual({
      date: '2026-03-03',
      text: '已约客户复盘',
      authorId: ids.AM1,
      authorName: first.body.authorName,
    });
    const listed = (await as.ceo.get('/api/v1/projects')).body.items.find((x) => x.id === p.t1);
    expect(listed?.latestProgress?.text).toBe('已约客户复盘');
  });

  test("who logs progress: the owner, the track's director, CEO / secretary / admin; not another AM or a planner", async () => {
    for (const who of ['ceo', 'secretary', 'admin', 'director1', 'am1'] as const)
      expect((await as[who].post(`/api/v1/projects/${p.t1}/progress`, { text: who })).status).toBe(201);
    const sameTrackAm = await as.am2.post(`/api/v1/projects/${p.t1}/progress`, { text: 'x' });
    expect(sameTrackAm.status).toBe(403);
    expect(sameTrackAm.error?.message).toContain('专项进展由负责人');
    expect((await as.director2.post(`/api/v1/projects/${p.t1}/progress`, { text: 'x' })).status).toBe(404);
    expect((await as.am3.post(`/api/v1/projects/${p.t1}/progress`, { text: 'x' })).status).toBe(404);
    expect((await as.planner.post(`/api/v1/projects/${p.t1}/progress`, { text: 'x' })).status).toBe(403);
    // A director owning a company-wide project logs its progress.
    expect((await as.director1.post(`/api/v1/projects/${p.company}/progress`, { text: '推进中' })).status).toBe(201);
  });

  test('progress input: a date in the future, an impossible date or empty text answers 400 naming the field', async () => {
    await moveToThirdOfMarch();
    const future = await as.am1.post(`/api/v1/projects/${p.t1}/progress`, { date: '2026-03-04', text: 'x' });
    expect(future.status).toBe(400);
    expect(future.error?.details).toEqual([{ field: 'date', reason: '无效：日期不能晚于今天（2026-03-03）' }]);
    const impossible = await as.am1.post(`/api/v1/projects/${p.t1}/progress`, { date: '2026-02-30', text: '' });
    expect(impossible.status).toBe(400);
    expect(fields(impossible)).toEqual(expect.arrayContaining(['date', 'text']));
  });

  test('a closed project takes no more progress (409)', async () => {
    await as.secretary.patch(`/api/v1/projects/${p.company}`, { phase: 'closed' });
    const res = await as.director1.post(`/api/v1/projects/${p.company}/progress`, { text: 'x' });
    expect(res.status).toBe(409);
    expect(res.error?.message).toBe('专项已关闭，不能再登记进展');
  });

  test('C3: projectSummaries gives phase and latest progress for many projects at once', async () => {
    await moveToThirdOfMarch();
    // Two projects of its own: one moved on to "do", renamed and with progress (an older entry, then two
    // today); the other untouched.
    const made = await Promise.all([
      create('ceo', { type: 'other', title: '商机推进异常PDCA', trackId: ids.T1, ownerId: ids.AM1 }),
      create('ceo', { type: 'other', title: '商品模预测', trackId: ids.T2, ownerId: ids.DIRECTOR2 }),
    ]);
    expect(made.map((r) => r.status)).toEqual([201, 201]);
    const [worked, untouched] = made.map((r) => r.body.id) as [number, number];
    const renamed = await as.director1.patch(`/api/v1/projects/${worked}`, {
      phase: 'do',
      title: '商机推进异常PDCA（3月）',
    });
    expect(renamed.status).toBe(200);
    for (const [who, body] of [
      ['director1', { date: '2026-02-27', text: '立项' }],
      ['ceo', { text: 'ceo' }],
      ['am1', { text: 'am1' }],
    ] as const)
      expect((await as[who].post(`/api/v1/projects/${worked}/progress`, body)).status).toBe(201);

    const summaries = await projectSummaries(t.database.db, [worked, untouched, worked, 999_999]);
    expect([...summaries.keys()].sort()).toEqual([worked, untouched].sort());
    expect(summaries.get(worked)).toEqual({
      id: worked,
      title: '商机推进异常PDCA（3月）',
      phase: 'do',
      latestProgress: { date: '2026-03-03', text: 'am1', authorName: expect.any(String) },
    });
    expect(summaries.get(untouched)).toMatchObject({ phase: 'plan', latestProgress: null });
    expect((await projectSummaries(t.database.db, [])).size).toBe(0);
  });
});
