import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DimensionNo } from '../../src/board/contract.js';
import { trend } from '../../src/board/trend.js';
import type { ApiRoutes } from '../support/api-routes.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const ship = (docNo: string, date: string, customerCode: string, amount: number, cost?: number) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode,
  amount,
  ...(cost === undefined ? {} : { cost }),
});
const target = (month: number, kind: string, trackCode: string, amount: number, amCode?: string) => ({
  year: 2026,
  month,
  kind,
  trackCode,
  amount,
  ...(amCode ? { amCode } : {}),
});

/** A hand-computed dataset: every expected number below is worked out in the comments. */
describeWithDatabase('the ranking board on a hand-computed dataset (SPEC §3)', () => {
  let t: TestApp;
  let admin: Client;
  let ids: Record<string, number>;
  const board = async (month: string, view = 'month') =>
    (await admin.get(`/api/v1/board?month=${month}&view=${view}`)).body;
  type Board = ApiRoutes['GET /api/v1/board'];
  const track = (b: Board, code: string) => b.tracks.find((x) => x.code === code)!.metrics;
  const am = (b: Board, code: string) => b.ams.find((x) => x.code === code)!.metrics;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-03T09:00:00+08:00' });
    admin = await t.as('admin');
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    };
    await write('shipments', [
      ship('S1', '2026-01-15', 'C1', 400, 300),
      ship('S2', '2026-02-10', 'C1', 600, 420),
      ship('S3', '2026-02-20', 'C2', 300),
      ship('S4', '2026-02-05', 'C3', 1000, 700),
      ship('S5', '2025-12-01', 'C3', 900), // first day of the 90-day window ending 2026-02-28
      ship('S6', '2025-11-30', 'C3', 5000), // one day before it
    ]);
    await write('targets', [
      target(2, 'sales', 'T1', 1000), // T1's own row wins over its AMs' 900
      target(2, 'sales', 'T1', 700, 'AM1'),
      target(2, 'sales', 'T1', 200, 'AM2'),
      target(1, 'sales', 'T1', 500, 'AM1'), // no T1 row in January: the AMs' sum, 500
      target(2, 'sales', 'T2', 800, 'AM3'),
      target(2, 'orders', 'T1', 500),
      target(2, 'orders', 'T1', 500, 'AM1'),
    ]);
    await write('orders', [
      { orderNo: 'O1', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 500 },
      { orderNo: 'O2', lineNo: 1, date: '2026-02-04', customerCode: 'C3', amount: 500 },
    ]);
    await write('expenses', [
      { docNo: 'E1', lineNo: 1, date: '2026-02-11', trackCode: 'T1', amCode: 'AM1', amount: 45 },
      { docNo: 'E2', lineNo: 1, date: '2026-02-12', trackCode: 'T1', amount: 9 },
      { docNo: 'E3', lineNo: 1, date: '2026-02-13', trackCode: 'T2', amount: 70 },
    ]);
    await write('receivables', [
      { asOf: '2026-01-31', customerCode: 'C1', balance: 1000 },
      { asOf: '2026-02-28', customerCode: 'C1', balance: 800 },
      { asOf: '2026-03-01', customerCode: 'C1', balance: 5000 }, // after the period end
      { asOf: '2026-02-15', customerCode: 'C2', balance: 100 },
      { asOf: '2026-02-20', customerCode: 'C2', balance: 999, void: true },
      { asOf: '2026-02-01', customerCode: 'C3', balance: 2000 },
    ]);
    ids = Object.fromEntries(
      [
        ...(await admin.get('/api/v1/tracks')).body.items,
        ...(await admin.get('/api/v1/users?role=am')).body.items,
        ...(await admin.get('/api/v1/customers')).body.items,
      ].map((x) => [x.code, x.id]),
    );
  });
  afterAll(() => t.close());

  test('dimension 1: sales ÷ sales target, the track row counting over its AMs, month and YTD', async () => {
    const feb = await board('2026-02');
    expect(track(feb, 'T1')['1']).toEqual({ value: 0.9, numerator: 900, denominator: 1000, rank: 2, status: 'yellow' });
    expect(track(feb, 'T2')['1']).toEqual({ value: 1.25, numerator: 1000, denominator: 800, rank: 1, status: 'green' });
    const ytd = await board('2026-02', 'ytd');
    expect(track(ytd, 'T1')['1']).toMatchObject({ numerator: 1300, denominator: 1500, status: 'red' });
    expect(track(ytd, 'T1')['1']!.value).toBeCloseTo(1300 / 1500, 10);
    expect(track(await board('2026-01'), 'T1')['1']).toMatchObject({ value: 0.8, numerator: 400, denominator: 500 });
  });

  test('dimension 2: AMs ranked across the company and within their track', async () => {
    const feb = await board('2026-02');
    expect(am(feb, 'AM2')['2']).toEqual({
      value: 1.5,
      numerator: 300,
      denominator: 200,
      rank: 1,
      trackRank: 1,
      status: 'green',
    });
    expect(am(feb, 'AM3')['2']).toMatchObject({ value: 1.25, rank: 2, trackRank: 1 });
    expect(am(feb, 'AM1')['2']).toMatchObject({
      numerator: 600,
      denominator: 700,
      rank: 3,
      trackRank: 2,
      status: 'red',
    });
  });

  test('dimensions 3 and 4: orders ÷ order target; a missing target is null, "none", ranked last', async () => {
    const feb = await board('2026-02');
    expect(track(feb, 'T1')['3']).toEqual({ value: 1, numerator: 500, denominator: 500, rank: 1, status: 'green' });
    expect(track(feb, 'T2')['3']).toEqual({ value: null, numerator: 500, denominator: null, rank: 2, status: 'none' });
    expect(am(feb, 'AM3')['4']).toMatchObject({ value: null, rank: 2, status: 'none' });
    expect(am(feb, 'AM1')['4']).toMatchObject({ value: 1, rank: 1 });
  });

  test('dimension 5: gross margin over the lines that carry a cost; equal values share a rank', async () => {
    const feb = await board('2026-02');
    expect(track(feb, 'T1')['5']).toEqual({ value: 0.3, numerator: 180, denominator: 600, rank: 1, status: 'green' });
    expect(track(feb, 'T2')['5']).toEqual({ value: 0.3, numerator: 300, denominator: 1000, rank: 1, status: 'green' });
  });

  test('dimension 6 has no forecast snapshots yet: null with status none', async () => {
    expect(track(await board('2026-02'), 'T1')['6']).toEqual({
      value: null,
      numerator: null,
      denominator: null,
      rank: 1,
      status: 'none',
    });
  });

  test('dimension 7: expenses ÷ sales in ‰, lower is better', async () => {
    const feb = await board('2026-02');
    expect(track(feb, 'T1')['7']).toEqual({ value: 60, numerator: 54, denominator: 900, rank: 1, status: 'yellow' });
    expect(track(feb, 'T2')['7']).toEqual({ value: 70, numerator: 70, denominator: 1000, rank: 2, status: 'red' });
  });

  test('dimension 8: latest non-void receivable on or before the period end ÷ trailing 90 days of sales × 90', async () => {
    const feb = await board('2026-02');
    expect(track(feb, 'T1')['8']).toMatchObject({ numerator: 900, denominator: 1300, rank: 1, status: 'green' });
    expect(track(feb, 'T1')['8']!.value).toBeCloseTo((900 / 1300) * 90, 10);
    expect(track(feb, 'T2')['8']).toMatchObject({ numerator: 2000, denominator: 1900, rank: 2, status: 'yellow' });
    // month and YTD show the same DSO
    expect(track(await board('2026-02', 'ytd'), 'T2')['8']).toEqual(track(feb, 'T2')['8']);
  });

  test('dimension 8 reads month-end balances kept by the write-back, and searches snapshots past their horizon', async () => {
    // the latest snapshot month is 2026-03: March is read from the month-end rollup, May searched directly
    expect(track(await board('2026-03'), 'T1')['8']!.numerator).toBe(5100);
    expect(track(await board('2026-05'), 'T1')['8']!.numerator).toBe(5100);
    expect(track(await board('2025-12'), 'T1')['8']!.numerator).toBeNull();
  });

  test('thresholds take effect by month: a change effective 2026-02 colours February, not January', async () => {
    await t.database.query(
      `insert into threshold_bands (no, effective_month, red, yellow, changed_at) values (1, '2026-02', 0.95, 1.05, now())`,
    );
    expect(track(await board('2026-02'), 'T1')['1']!.status).toBe('red');
    const jan = await board('2026-01');
    expect(jan.dimensions[0]!.bands).toMatchObject({ red: 0.9, yellow: 1, effectiveMonth: '2000-01' });
    expect((await board('2026-02')).dimensions[0]!.bands).toMatchObject({ red: 0.95, effectiveMonth: '2026-02' });
    await t.database.query(`delete from threshold_bands where effective_month = '2026-02'`);
  });

  test('drill-down: track → AMs → customers → opportunities → lines, each level summing to its parent', async () => {
    const drill = async (q: string) => (await admin.get(`/api/v1/board/drilldown?month=2026-02&${q}`)).body;
    const ams = await drill(`no=1&subjectType=track&subjectId=${ids.T1}`);
    expect(ams.level).toBe('am');
    expect(ams.parent).toEqual({ numerator: 900, denominator: 1000, value: 0.9, actual: 900 });
    const byName = Object.fromEntries(ams.rows.map((r) => [r.id, r]));
    expect(byName[ids.AM1!]).toMatchObject({ numerator: 600, denominator: 700 });
    expect(byName[ids.AM2!]).toMatchObject({ numerator: 300, denominator: 200 });
    // the track's own target exceeds its AMs' by 100: shown as not assigned below
    expect(byName.unassigned).toMatchObject({ numerator: null, denominator: 100, name: '未分配到下级' });
    const customers = await drill(`no=1&subjectType=am&subjectId=${ids.AM1}`);
    expect(customers.rows).toEqual([expect.objectContaining({ id: ids.C1, numerator: 600 })]);
    // C1's lines name no opportunity: one row, 未关联商机, whose lines are C1's
    const opportunities = await drill(`no=1&subjectType=customer&subjectId=${ids.C1}`);
    expect(opportunities.level).toBe('opportunity');
    expect(opportunities.rows).toEqual([expect.objectContaining({ id: 'unlinked', numerator: 600 })]);
    const lines = await drill(`no=1&subjectType=customer&subjectId=${ids.C1}&unlinked=true`);
    expect(lines.level).toBe('line');
    expect(lines.rows).toEqual([
      expect.objectContaining({
        name: 'S2-1',
        numerator: 600,
        detail: expect.objectContaining({ date: '2026-02-10', cost: 420 }),
      }),
    ]);
    const expenses = await drill(`no=7&subjectType=track&subjectId=${ids.T1}`);
    const sum = expenses.rows.reduce((s, r) => s + (r.numerator ?? 0), 0);
    expect(sum).toBe(54);
  });

  test("drill-down below the AM follows the caller's customer scope", async () => {
    const am1 = await t.as('am1');
    expect(
      (await am1.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=am&subjectId=${ids.AM1}`)).status,
    ).toBe(200);
    expect(
      (await am1.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=am&subjectId=${ids.AM2}`)).status,
    ).toBe(404);
    expect(
      (await am1.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=customer&subjectId=${ids.C2}`)).status,
    ).toBe(404);
    // the whole board itself is for everyone in sales
    expect((await am1.get('/api/v1/board?month=2026-02')).body.tracks).toHaveLength(2);
    expect((await (await t.as('planner')).get('/api/v1/board?month=2026-02')).status).toBe(403);
  });

  test('the trend gives 12 months against the bands of each month', async () => {
    const res = await admin.get(`/api/v1/board/trend?no=1&subjectType=track&subjectId=${ids.T1}&month=2026-02`);
    expect(res.body.points).toHaveLength(12);
    expect(res.body.points.at(-1)).toMatchObject({ month: '2026-02', value: 0.9, status: 'yellow' });
    expect(res.body.points[0]).toMatchObject({ month: '2025-03', value: null, status: 'none' });
  });

  test("the trend reads the kept boards: every point as computed from each month's rollups", async () => {
    const asked = [
      ...[1, 3, 5, 6, 7, 8].map((no) => ({ no, subjectType: 'track' as const, subjectId: ids.T1! })),
      ...[2, 4].map((no) => ({ no, subjectType: 'am' as const, subjectId: ids.AM1! })),
      { no: 5, subjectType: 'am' as const, subjectId: ids.AM1! }, // not on the board: computed
    ];
    for (const view of ['month', 'ytd'] as const)
      for (const q of asked) {
        const url = `/api/v1/board/trend?no=${q.no}&subjectType=${q.subjectType}&subjectId=${q.subjectId}&month=2026-02&view=${view}`;
        const computed = await trend(t.database.db, { ...q, no: q.no as DimensionNo, month: '2026-02', view });
        // the answer's bands are the contract's (red, yellow, effective month), without the row's `no`
        const points = computed.points.map(({ bands: { red, yellow, effectiveMonth }, ...p }) => ({
          ...p,
          bands: { red, yellow, effectiveMonth },
        }));
        expect((await admin.get(url as '/api/v1/board/trend')).body, url).toEqual({ points });
      }
    const missing = await admin.get(`/api/v1/board/trend?no=2&subjectType=am&subjectId=${ids.T1}&month=2026-02`);
    expect(missing.status).toBe(404);
  });

  test('data as of: per source, with the month flagged incomplete until it is closed', async () => {
    const before = (await board('2026-02')).dataAsOf.find((s) => s.kind === 'shipments' && s.source === 'ERP');
    expect(before).toMatchObject({ latestFactDate: '2026-02-20', complete: false, closedThrough: null });
    await admin.post('/api/v1/exchange/close', { source: 'ERP', month: '2026-02' });
    const after = (await board('2026-02')).dataAsOf.find((s) => s.kind === 'shipments');
    expect(after).toMatchObject({ complete: true, closedThrough: '2026-02' });
  });

  test('only the track director writes the cause and plan of a dimension; everyone on the board reads it', async () => {
    const body = { items: [{ no: 7, cause: '模具试产费用集中在2月', plan: '3月起按项目分摊' }] };
    const url = `/api/v1/board/explanations?month=2026-02&trackId=${ids.T1}` as const;
    expect((await (await t.as('director2')).put(url, body)).status).toBe(403);
    expect((await (await t.as('am1')).put(url, body)).status).toBe(403);
    expect((await (await t.as('director1')).put(url, body)).status).toBe(200);
    const read = await (await t.as('am2')).get(url);
    expect(read.body.items).toEqual([
      expect.objectContaining({ no: 7, cause: '模具试产费用集中在2月', updatedBy: 'director1' }),
    ]);
  });
});
