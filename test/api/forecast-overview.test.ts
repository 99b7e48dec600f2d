import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Month = { month: string; target: number; actual: number | null; forecast: number };

describeWithDatabase('the CEO’s three stages: remaining gap, pipeline coverage, monthly pace (SPEC §6.6, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  let t1: number;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-04-15T10:00:00+08:00' });
    as = {};
    for (const u of ['admin', 'ceo', 'planner', 'director1', 'director2', 'am1']) as[u] = await t.as(u);
    t1 = (await as.admin!.get('/api/v1/tracks')).body.items.find((x) => x.code === 'T1')!.id;
    const c1 = (await as.admin!.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const targets = [
      ...months.map((month) => ({ year: 2026, month, kind: 'orders', trackCode: 'T1', amount: 1000 })),
      // An AM's rows do not add to a track that has its own row.
      ...months.map((month) => ({ year: 2026, month, kind: 'orders', trackCode: 'T1', amCode: 'AM1', amount: 600 })),
    ];
    const imported = await as.admin!.post('/api/v1/exchange/targets', { rows: targets });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 400)).toBe(200);
    const order = (orderNo: string, date: string, amount: number) => ({
      orderNo,
      lineNo: 1,
      date,
      customerCode: 'C1',
      amount,
    });
    const orders = [order('O1', '2026-01-20', 800), order('O2', '2026-03-05', 1200), order('O3', '2026-04-10', 500)];
    // Dated after today: not an order of the year "up to now".
    orders.push(order('O4', '2026-04-20', 300));
    expect((await as.admin!.post('/api/v1/exchange/orders', { rows: orders })).status).toBe(200);

    const make = async (code: string, stage: string, rolling: object) => {
      const res = await as.am1!.post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: c1,
        kind: 'mold_development',
        stage: stage === 'H' || stage === 'won' || stage === 'lost' ? 'M' : stage,
        rolling,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const url = `/api/v1/opportunities/${res.body.id}`;
      if (stage === 'H')
        await as.am1!.put(`${url}/forecast/precision`, {
          orderMonth: '2026-05',
          amount: 1000,
          shipments: { '2026-06': 1000 },
        });
      if (stage === 'H' || stage === 'won') await as.am1!.post(`${url}/stage`, { stage });
      if (stage === 'lost') await as.am1!.post(`${url}/stage`, { stage, reason: '客户取消' });
    };
    await make('P-M', 'M', { orderMonth: '2026-06', amount: 2000 });
    await make('P-H', 'H', { orderMonth: '2026-05', amount: 1000 });
    await make('P-PAST', 'lead', { orderMonth: '2026-03', amount: 700 });
    await make('P-LOST', 'lost', { orderMonth: '2026-07', amount: 999 });
    await make('P-WON', 'won', { orderMonth: '2026-08', amount: 500 });
    await make('P-CALLOFF', 'L', { orders: { '2026-04': 100, '2027-01': 100 } });
  });
  afterAll(() => t.close());

  const overview = async (year: number, who = 'ceo') =>
    (await as[who]!.get(`/api/v1/forecast/overview?year=${year}`)).body;

  test('remaining gap = the year’s orders target − SAP orders dated up to now', async () => {
    const { tracks, total } = await overview(2026);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({
      trackId: t1,
      orderTarget: 12000,
      ytdOrders: 2500,
      remainingGap: 9500,
      covered: false,
    });
    expect(total).toMatchObject({ orderTarget: 12000, ytdOrders: 2500, remainingGap: 9500 });
  });

  test('coverage: open opportunities from this month to December, raw and weighted by stage probability', async () => {
    const track = (await overview(2026)).tracks[0]!;
    // 2,000 (M, 50 %) + 1,000 (H, 80 %) + 100 of the call-off in April (L, 20 %); March, won and lost left out.
    expect(track).toMatchObject({ pipeline: 3100, weightedPipeline: 1820 });
    expect(track.coverage).toBeCloseTo(3100 / 9500, 12);
    expect(track.weightedCoverage).toBeCloseTo(1820 / 9500, 12);
  });

  test('monthly pace: target, actual orders (none yet for months to come) and the rolling forecast', async () => {
    const months: Month[] = (await overview(2026)).tracks[0]!.months;
    expect(months).toHaveLength(12);
    const at = (m: string) => months.find((x) => x.month === m);
    expect(at('2026-01')).toEqual({ month: '2026-01', target: 1000, actual: 800, forecast: 0 });
    expect(at('2026-03')).toEqual({ month: '2026-03', target: 1000, actual: 1200, forecast: 700 });
    expect(at('2026-04')).toEqual({ month: '2026-04', target: 1000, actual: 500, forecast: 100 });
    expect(at('2026-05')).toEqual({ month: '2026-05', target: 1000, actual: null, forecast: 1000 });
    expect(at('2026-07')?.forecast).toBe(0);
    expect(at('2026-08')?.forecast).toBe(500);
  });

  test('carried share: the ledger’s targets of the year over the orders target', async () => {
    expect((await overview(2026)).tracks[0]).toMatchObject({ carriedTarget: 0, carriedShare: 0 });
    expect((await as.admin!.post('/api/v1/baselines/2026/lock')).status).toBe(200);
    const track = (await overview(2026)).tracks[0]!;
    expect(track.carriedTarget).toBe(4300);
    expect(track.carriedShare).toBeCloseTo(4300 / 12000, 12);
  });

  test('a past year has no pipeline and no gap is covered; a future year’s pipeline starts in January', async () => {
    const past = (await overview(2025)).tracks[0];
    expect(past).toMatchObject({
      orderTarget: 0,
      remainingGap: 0,
      pipeline: 0,
      covered: true,
      coverage: null,
      carriedShare: null,
    });
    expect((await overview(2027)).tracks[0]).toMatchObject({ pipeline: 100, weightedPipeline: 20 });
  });

  test('who reads it: CEO, admin, planner all integrated tracks; a director their own; an AM no (403)', async () => {
    expect((await overview(2026, 'planner')).tracks).toHaveLength(1);
    expect((await overview(2026, 'director1')).tracks.map((x: { trackId: number }) => x.trackId)).toEqual([t1]);
    expect((await overview(2026, 'director2')).tracks).toEqual([]);
    expect((await as.am1!.get('/api/v1/forecast/overview?year=2026')).status).toBe(403);
    expect((await as.ceo!.get('/api/v1/forecast/overview?year=20266')).status).toBe(400);
  });
});
