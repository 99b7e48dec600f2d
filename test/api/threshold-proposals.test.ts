import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const ROLES = ['ceo', 'secretary', 'admin', 'director1', 'director2', 'am1', 'planner'] as const;
type Who = (typeof ROLES)[number];

const target = (month: number) => ({ year: 2026, month, kind: 'sales', trackCode: 'T1', amount: 1000 });
const ship = (docNo: string, date: string) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode: 'C1',
  amount: 950,
});

describeWithDatabase('threshold proposals (A2): directors propose, the CEO approves from a month or rejects', () => {
  let t: TestApp;
  let as: Record<Who, Client>;
  let ids: Record<string, number>;
  /** The director's proposal for dimension 1 (red 0.96, yellow 1.05), approved from March below. */
  let salesProposal: number;

  const propose = (who: Who, body: Record<string, unknown>) => as[who].post('/api/v1/threshold-proposals', body);
  const proposal = async (who: Who, body: Record<string, unknown>) => {
    const res = await propose(who, body);
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const approve = (id: number, body: Record<string, unknown>, who: Who = 'ceo', headers?: Record<string, string>) =>
    as[who].post(`/api/v1/threshold-proposals/${id}/approve`, body, headers);
  const reject = (id: number, body: Record<string, unknown>, who: Who = 'ceo') =>
    as[who].post(`/api/v1/threshold-proposals/${id}/reject`, body);
  const board = async (month: string) => (await as.ceo.get(`/api/v1/board?month=${month}`)).body;
  const t1 = (b: ApiRoutes['GET /api/v1/board']) => b.tracks.find((r) => r.id === ids.T1)!.metrics;
  const listIds = async (who: Who, query = '') =>
    (await as[who].get(`/api/v1/threshold-proposals?${query}`)).body.items.map((x) => x.id);
  const signInAll = async () => {
    as = Object.fromEntries(await Promise.all(ROLES.map(async (r) => [r, await t.as(r)]))) as Record<Who, Client>;
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
    await signInAll();
    await as.admin.post('/api/v1/exchange/targets', { rows: [target(2), target(3)] });
    await as.admin.post('/api/v1/exchange/shipments', { rows: [ship('F1', '2026-02-10'), ship('M1', '2026-03-01')] });
    const tracks = (await as.admin.get('/api/v1/tracks')).body.items;
    const users = (await as.admin.get('/api/v1/users?limit=100')).body.items;
    ids = Object.fromEntries([...tracks, ...users].map((x) => [x.code, x.id]));
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('a director proposes: pending, with the bands in force beside it, and a history row', async () => {
    const res = await propose('director1', { no: 1, red: 0.96, yellow: 1.05, reason: '目标已下调，标准应提高' });
    expect(res.status).toBe(201);
    salesProposal = res.body.id;
    expect(res.body).toMatchObject({
      no: 1,
      red: 0.96,
      yellow: 1.05,
      status: 'pending',
      proposedBy: ids.DIRECTOR1,
      proposedAt: '2026-03-02T00:00:00.000Z',
      decidedBy: null,
      effectiveMonth: null,
      version: 1,
      current: { red: 0.9, yellow: 1, effectiveMonth: '2000-01' },
    });
    const history = (await as.admin.get(`/api/v1/history?entity=threshold_proposal&entityId=${res.body.id}`)).body;
    expect(history.items).toEqual([
      expect.objectContaining({ action: 'proposed', actorId: ids.DIRECTOR1, reason: '目标已下调，标准应提高' }),
    ]);
  });

  test('only directors propose: the others get 403 with the reason', async () => {
    for (const who of ['ceo', 'secretary', 'admin', 'am1', 'planner'] as const) {
      const res = await propose(who, { no: 1, red: 0.9, yellow: 1, reason: 'x' });
      expect(res.status).toBe(403);
      expect(res.error?.message).toMatch(/不能提议调整阈值$/);
    }
    const en = await as.secretary.post(
      '/api/v1/threshold-proposals',
      { no: 1, red: 0.9, yellow: 1, reason: 'x' },
      { 'accept-language': 'en' },
    );
    expect(en.error?.message).toBe('Not allowed: Secretary may not propose threshold changes');
  });

  test('the bands must follow the dimension direction; bad input names the field in Chinese', async () => {
    const higher = await propose('director1', { no: 5, red: 0.2, yellow: 0.15, reason: 'x' });
    expect(higher.status).toBe(400);
    expect(higher.error?.details).toEqual([{ field: 'yellow', reason: '无效：该维度越高越好，黄灯线须高于红灯线' }]);
    const equal = await propose('director1', { no: 1, red: 1, yellow: 1, reason: 'x' });
    expect(equal.error?.details?.[0]?.field).toBe('yellow');
    const lower = await propose('director2', { no: 8, red: 90, yellow: 120, reason: 'x' });
    expect(lower.error?.details).toEqual([{ field: 'yellow', reason: '无效：该维度越低越好，黄灯线须低于红灯线' }]);
    const expense = await propose('director2', { no: 7, red: 40, yellow: 50, reason: 'x' });
    expect(expense.status).toBe(400);
    const percent = await propose('director1', { no: 6, red: 70, yellow: 85, reason: 'x' });
    expect(percent.error?.details?.map((d) => d.field)).toEqual(['red', 'yellow']);
    expect(percent.error?.details?.[0]?.reason).toBe('无效：比率以小数填写（90% 填 0.9）');
    const shape = await propose('director1', { no: 9, red: -1, yellow: 'high' });
    expect(shape.status).toBe(400);
    expect(shape.error?.details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(['no', 'red', 'yellow', 'reason']),
    );
    expect(shape.error?.details?.find((d) => d.field === 'reason')?.reason).toBe('必填');
    expect((await propose('director2', { no: 8, red: 150, yellow: 100, reason: '回款周期普遍延长' })).status).toBe(201);
  });

  test('who reads: CEO and admin all; a director only their own; secretary, AM and planner 403', async () => {
    const mine = await proposal('director1', { no: 3, red: 0.85, yellow: 0.95, reason: '接单节奏' });
    const theirs = await proposal('director2', { no: 7, red: 70, yellow: 50, reason: '费用结构' });
    for (const who of ['ceo', 'admin'] as const)
      expect(await listIds(who)).toEqual(expect.arrayContaining([mine, theirs]));
    const own = await listIds('director1');
    expect(own).toContain(mine);
    expect(own).not.toContain(theirs);
    expect((await as.director1.get(`/api/v1/threshold-proposals/${theirs}`)).status).toBe(404);
    expect((await as.director1.get(`/api/v1/threshold-proposals/${mine}`)).body.reason).toBe('接单节奏');
    // configuration (thresholds) has no part for the secretary (SPEC §2)
    for (const who of ['secretary', 'am1', 'planner'] as const) {
      expect((await as[who].get('/api/v1/threshold-proposals')).status).toBe(403);
      expect((await as[who].get(`/api/v1/threshold-proposals/${mine}`)).status).toBe(403);
    }
  });

  test('only the CEO decides; the others get 403', async () => {
    const id = await proposal('director1', { no: 2, red: 0.8, yellow: 0.95, reason: 'x' });
    for (const who of ['secretary', 'admin', 'director1', 'director2', 'am1', 'planner'] as const) {
      expect((await approve(id, { effectiveMonth: '2026-04' }, who)).status).toBe(403);
      expect((await reject(id, { reason: 'x' }, who)).status).toBe(403);
    }
    expect((await as.ceo.get(`/api/v1/threshold-proposals/${id}`)).body.status).toBe('pending');
  });

  test('approval from month M: the board shows the new bands from M and keeps the old ones in M−1', async () => {
    const id = salesProposal;
    expect(await listIds('ceo', 'status=pending')).toContain(id);
    const before = t1(await board('2026-03'))['1'];
    expect(before).toMatchObject({ value: 0.95, status: 'yellow' });
    const res = await approve(id, { effectiveMonth: '2026-03', reason: '同意' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      effectiveMonth: '2026-03',
      decidedBy: ids.CEO,
      decisionReason: '同意',
      version: 2,
      current: { red: 0.96, yellow: 1.05, effectiveMonth: '2026-03' },
    });
    const march = await board('2026-03');
    expect(march.dimensions.find((d) => d.no === 1)?.bands).toEqual({
      red: 0.96,
      yellow: 1.05,
      effectiveMonth: '2026-03',
    });
    expect(t1(march)['1']?.status).toBe('red');
    const february = await board('2026-02');
    expect(february.dimensions.find((d) => d.no === 1)?.bands).toEqual({
      red: 0.9,
      yellow: 1,
      effectiveMonth: '2000-01',
    });
    expect(t1(february)['1']?.status).toBe('yellow');
    expect(march.dimensions.find((d) => d.no === 2)?.bands.effectiveMonth).toBe('2000-01');
    const history = (await as.admin.get(`/api/v1/history?entity=threshold_proposal&entityId=${id}`)).body.items;
    expect(history.map((h) => h.action)).toEqual(['proposed', 'approved']);
  });

  test('a decided proposal cannot be decided again (409)', async () => {
    expect(await listIds('ceo', 'status=approved')).toEqual([salesProposal]);
    const id = salesProposal;
    const again = await approve(id, { effectiveMonth: '2026-05' });
    expect(again.status).toBe(409);
    expect(again.error?.message).toBe('该提议已审批，不能重复处理');
    expect((await reject(id, { reason: '改主意' })).status).toBe(409);
  });

  test('reject needs a reason and is kept in the history; the board does not change', async () => {
    const id = await proposal('director2', { no: 8, red: 200, yellow: 150, reason: '放宽' });
    const noReason = await reject(id, {});
    expect(noReason.status).toBe(400);
    expect(noReason.error?.details).toEqual([{ field: 'reason', reason: '必填' }]);
    const res = await reject(id, { reason: '回款标准不放宽' });
    expect(res.body).toMatchObject({ status: 'rejected', decisionReason: '回款标准不放宽', effectiveMonth: null });
    expect((await board('2026-12')).dimensions.find((d) => d.no === 8)?.bands.red).toBe(120);
    const history = (await as.admin.get(`/api/v1/history?entity=threshold_proposal&entityId=${id}`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'rejected', reason: '回款标准不放宽', actorId: ids.CEO });
  });

  test('the effective month is this month (in the configured time zone) or later; a stale If-Match answers 412', async () => {
    // 17:00 UTC on 31 March is already 1 April in Asia/Shanghai: March is now in the past.
    await t.setNow('2026-03-31T17:00:00Z');
    await signInAll(); // sessions idle out after 8 h
    const id = await proposal('director1', { no: 4, red: 0.85, yellow: 0.95, reason: 'x' });
    const past = await approve(id, { effectiveMonth: '2026-03' });
    expect(past.status).toBe(400);
    expect(past.error?.details).toEqual([{ field: 'effectiveMonth', reason: '无效：生效月份不能早于本月' }]);
    const malformed = await approve(id, { effectiveMonth: '2026-4' });
    expect(malformed.error?.details?.[0]?.field).toBe('effectiveMonth');
    const stale = await approve(id, { effectiveMonth: '2026-04' }, 'ceo', { 'if-match': '7' });
    expect(stale.status).toBe(412);
    expect((await as.ceo.get(`/api/v1/threshold-proposals/${id}`)).body.status).toBe('pending');
    const ok = await approve(id, { effectiveMonth: '2026-04' }, 'ceo', { 'if-match': '1' });
    expect(ok.body).toMatchObject({ status: 'approved', effectiveMonth: '2026-04' });
  });
});
