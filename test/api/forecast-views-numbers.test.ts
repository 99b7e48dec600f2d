import { afterAll, beforeAll, expect, test } from 'vitest';
import { c3Order, t2OrdersTarget } from '../support/exchange.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Shipment tracking and commodity order attainment on small hand-made data (SPEC §6.6):
 * OPP-A (am1, C1) forecasts shipments of 300 in March and 700 in April; APS plans 280 (March) and 650
 * (April) on it and 100 on C1 without a code; ERP ships 250 on it and 60 without a code, PM 40 on it —
 * and from March only ERP counts for actuals. QUOTE (am3, C3, commodity at M) forecasts 500 in April.
 * Commodity targets (T2): am3 1,000 a month January–March, the track's own row 1,200 in March; SAP
 * orders on C3: 900 (January), 1,100 (February), 600 (March).
 */
describeWithDatabase('shipment tracking and commodity order attainment (SPEC §6.6)', () => {
  let t: TestApp;
  const as: Record<string, Client> = {};
  const ids: Record<string, number> = {};
  const customers: Record<string, number> = {};
  const users: Record<string, { id: number; code: string }> = {};
  let track2 = 0;

  const post = async (url: string, body: unknown, who = 'admin') => {
    const res = await as[who]!.post(url, body);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as { id: number };
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-10T10:00:00+08:00' });
    for (const u of ['admin', 'ceo', 'planner', 'director1', 'director2', 'am1', 'am3']) as[u] = await t.as(u);
    for (const c of (await as.admin!.get('/api/v1/customers')).body.items) customers[c.code] = c.id;
    for (const u of (await as.admin!.get('/api/v1/users?limit=100')).body.items)
      users[u.username] = { id: u.id, code: u.code };
    track2 = (await as.admin!.get('/api/v1/tracks')).body.items.find((tr) => tr.code === 'T2')!.id;
    ids.A = (
      await post(
        '/api/v1/opportunities',
        {
          code: 'OPP-A',
          name: '整机壳体',
          customerId: customers.C1,
          kind: 'mass_production',
          stage: 'M',
          rolling: { orderMonth: '2026-02', amount: 1000, shipments: { '2026-03': 300, '2026-04': 700 } },
        },
        'am1',
      )
    ).id;
    ids.QUOTE = (
      await post(
        '/api/v1/opportunities',
        { code: 'QUOTE', name: '商品模报价', customerId: customers.C3, kind: 'commodity_mold', stage: 'M' },
        'am3',
      )
    ).id;
    const quote = { orderMonth: '2026-03', amount: 500, shipments: { '2026-04': 500 } };
    expect((await as.am3!.put(`/api/v1/opportunities/${ids.QUOTE}/forecast/precision`, quote)).status).toBe(200);
    const plan = (lineNo: number, month: string, amount: number, opportunityCode?: string) => ({
      source: 'APS',
      planNo: 'P1',
      lineNo,
      month,
      customerCode: 'C1',
      amount,
      ...(opportunityCode ? { opportunityCode } : {}),
    });
    await post('/api/v1/exchange/shipment-plans', {
      rows: [plan(1, '2026-03', 280, 'OPP-A'), plan(2, '2026-04', 650, 'OPP-A'), plan(3, '2026-03', 100)],
    });
    const ship = (source: string, docNo: string, amount: number, opportunityCode?: string) => ({
      source,
      docNo,
      lineNo: 1,
      date: '2026-03-05',
      customerCode: 'C1',
      amount,
      ...(opportunityCode ? { opportunityCode } : {}),
    });
    await post('/api/v1/exchange/shipments', {
      rows: [ship('ERP', 'S1', 250, 'OPP-A'), ship('PM', 'S2', 40, 'OPP-A'), ship('ERP', 'S3', 60)],
    });
    const config = await as.admin!.put('/api/v1/forecast/accuracy-config', {
      formula: 'wape',
      lag: 0,
      version: 'rolling',
      granularity: 'opportunity',
      effectiveMonth: '2026-03',
      actualsSource: 'ERP',
    });
    expect(config.status, JSON.stringify(config.body)).toBe(200);
    const target = t2OrdersTarget;
    const am3 = users.am3!.code;
    await post('/api/v1/exchange/targets', {
      rows: [target(1, 1000, am3), target(2, 1000, am3), target(3, 1000, am3), target(3, 1200)],
    });
    const order = c3Order;
    await post('/api/v1/exchange/orders', {
      rows: [order('O1', '2026-01-15', 900), order('O2', '2026-02-10', 1100), order('O3', '2026-03-05', 600)],
    });
  });
  afterAll(() => t.close());

  const monthOf = (months: { month: string }[], month: string) => months.find((m) => m.month === month);

  test('per opportunity and customer by month: APS plans, actuals of the named source only, the forecast', async () => {
    const res = await as.ceo!.get('/api/v1/forecast/shipment-tracking?year=2026');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = res.body.opportunities.find((o) => o.code === 'OPP-A')!;
    expect(monthOf(a.months, '2026-03')).toEqual({ month: '2026-03', planned: 280, actual: 250, forecast: 300 });
    expect(monthOf(a.months, '2026-04')).toEqual({ month: '2026-04', planned: 650, actual: 0, forecast: 700 });
    expect(a.total).toEqual({ planned: 930, actual: 250, forecast: 1000 });
    const c1 = res.body.customers.find((c) => c.code === 'C1')!;
    expect(monthOf(c1.months, '2026-03')).toEqual({ month: '2026-03', planned: 380, actual: 310, forecast: 300 });
    expect(c1.total).toEqual({ planned: 1030, actual: 310, forecast: 1000 });
    const quote = res.body.opportunities.find((o) => o.code === 'QUOTE')!;
    expect(quote.total).toEqual({ planned: 0, actual: 0, forecast: 500 });
    // The source is the one named for each month: from March ERP, before it every source.
    expect(res.body.actualsSources.slice(1, 3)).toEqual([
      { month: '2026-02', source: null },
      { month: '2026-03', source: 'ERP' },
    ]);
    expect(res.body.dataAsOf.map((d) => `${d.kind}:${d.source}`).sort()).toEqual([
      'shipment-plans:APS',
      'shipments:ERP',
      'shipments:PM',
    ]);
  });

  test('filters and scope: one opportunity; the planner never sees a pre-H quote; a director the own track', async () => {
    const one = await as.ceo!.get(`/api/v1/forecast/shipment-tracking?opportunityId=${ids.A}`);
    expect(one.body.opportunities.map((o) => o.code)).toEqual(['OPP-A']);
    expect(one.body.customers).toEqual([]);
    const planner = await as.planner!.get('/api/v1/forecast/shipment-tracking');
    expect(planner.status, JSON.stringify(planner.body)).toBe(200);
    expect(planner.body.opportunities.map((o) => o.code)).toEqual(['OPP-A']);
    expect(planner.body.customers.map((c) => c.code)).toEqual(['C1']);
    const director = await as.director2!.get('/api/v1/forecast/shipment-tracking?year=2026');
    expect(director.body.opportunities.map((o) => o.code)).toEqual(['QUOTE']);
    const foreign = await as.director2!.get(`/api/v1/forecast/shipment-tracking?customerId=${customers.C1}`);
    expect(foreign.status).toBe(404);
    expect(foreign.error?.details?.map((d) => d.field)).toEqual(['customerId']);
    const unknown = await as.ceo!.get('/api/v1/forecast/shipment-tracking?opportunityId=99999');
    expect(unknown.status).toBe(404);
    expect(unknown.error?.details?.map((d) => d.field)).toEqual(['opportunityId']);
    const badYear = await as.ceo!.get('/api/v1/forecast/shipment-tracking?year=26x');
    expect(badYear.status).toBe(400);
    expect(badYear.error?.details?.[0]?.field).toMatch(/year/);
  });

  test('commodity attainment per track and AM, month and YTD: target, SAP orders, ratio, difference', async () => {
    const res = await as.ceo!.get('/api/v1/forecast/commodity-attainment?month=2026-03');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tracks.map((tr) => tr.trackId)).toEqual([track2]);
    const [t2] = res.body.tracks;
    // The track's own March row (1,200) wins over its AM's; January and February are the AM's rows.
    expect(t2!.month).toEqual({ target: 1200, actual: 600, attainment: 0.5, difference: -600 });
    expect(t2!.ytd).toEqual({ target: 3200, actual: 2600, attainment: 2600 / 3200, difference: -600 });
    const am3 = t2!.ams.find((a) => a.amId === users.am3!.id)!;
    expect(am3.month).toEqual({ target: 1000, actual: 600, attainment: 0.6, difference: -400 });
    expect(am3.ytd).toEqual({ target: 3000, actual: 2600, attainment: 2600 / 3000, difference: -400 });
    expect(res.body.total).toEqual({ month: t2!.month, ytd: t2!.ytd });
    const feb = await as.director2!.get('/api/v1/forecast/commodity-attainment?year=2026&month=2026-02');
    expect(feb.body.tracks[0]!.ytd).toEqual({ target: 2000, actual: 2000, attainment: 1, difference: 0 });
    // A director of an integrated track has no commodity track to read.
    expect((await as.director1!.get('/api/v1/forecast/commodity-attainment')).body.tracks).toEqual([]);
  });

  test('bad periods: a month that is not YYYY-MM, a year that is not the month’s — 400 naming the field', async () => {
    const month = await as.ceo!.get('/api/v1/forecast/commodity-attainment?month=2026-3');
    expect(month.status).toBe(400);
    expect(month.error?.details?.[0]?.field).toMatch(/month/);
    const year = await as.ceo!.get('/api/v1/forecast/commodity-attainment?year=2025&month=2026-03');
    expect(year.status).toBe(400);
    expect(year.error?.details?.map((d) => d.field)).toEqual(['year']);
  });
});
