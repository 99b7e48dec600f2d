import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('monthly forecast snapshots and the rolling-update compliance (SPEC §6.4, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  let ids: Record<string, number>;
  let customer: Record<string, number>;
  beforeAll(async () => {
    // Monday 2 March 2026, inside March's window (days 1–5, Asia/Shanghai).
    t = await startTestApp({ now: '2026-03-02T10:00:00+08:00' });
    as = {};
    for (const u of ['admin', 'ceo', 'planner', 'director1', 'director2', 'am1', 'am2', 'am3']) as[u] = await t.as(u);
    const list = (await as.admin!.get('/api/v1/customers')).body.items as { id: number; code: string }[];
    customer = Object.fromEntries(list.map((c) => [c.code, c.id]));
    ids = {};
    const make = async (who: string, code: string, customerCode: string, extra: Record<string, unknown>) => {
      const res = await as[who]!.post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: customer[customerCode],
        kind: customerCode === 'C3' ? 'commodity_mold' : 'mold_development',
        ...extra,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[code] = res.body.id;
    };
    await make('am1', 'OPEN', 'C1', {
      stage: 'M',
      rolling: { orderMonth: '2026-04', amount: 100, shipments: { '2026-05': 100 } },
    });
    await make('am1', 'LOST', 'C1', { rolling: { orderMonth: '2026-04', amount: 50 } });
    await make('am1', 'SHIPPED', 'C1', { stage: 'M', rolling: { orderMonth: '2026-02', amount: 70 } });
    await make('am1', 'WON', 'C1', { stage: 'M', rolling: { orderMonth: '2026-02', amount: 300 } });
    await make('am2', 'OTHER', 'C2', { rolling: { orderMonth: '2026-06', amount: 10 } });
    await make('am3', 'QUOTE', 'C3', {});
    await as.am1!.post(`/api/v1/opportunities/${ids.LOST}/stage`, { stage: 'lost', reason: '客户取消项目' });
    for (const code of ['SHIPPED', 'WON'])
      await as.am1!.post(`/api/v1/opportunities/${ids[code]}/stage`, { stage: 'won' });
    await as.admin!.post('/api/v1/exchange/shipments', {
      rows: [
        {
          source: 'ERP',
          docNo: 'S1',
          lineNo: 1,
          date: '2026-02-20',
          customerCode: 'C1',
          opportunityCode: 'SHIPPED',
          amount: 70,
        },
        {
          source: 'ERP',
          docNo: 'S1',
          lineNo: 2,
          date: '2026-02-20',
          customerCode: 'C1',
          opportunityCode: 'WON',
          amount: 100,
        },
      ],
    });
    await as.am3!.put(`/api/v1/opportunities/${ids.QUOTE}/forecast/precision`, { orderMonth: '2026-05', amount: 40 });
  });
  afterAll(() => t.close());

  const runDue = async () =>
    (await as.admin!.post('/api/v1/admin/jobs/run-due')).body.ran as { job: string; periodKey: string }[];
  /** Moves the clock; sessions idle for days have ended, so everyone signs in again. */
  const moveTo = async (iso: string) => {
    await t.setNow(iso);
    for (const u of Object.keys(as)) as[u] = await t.as(u);
  };
  const snapshot = (month: string, who = 'ceo') => as[who]!.get(`/api/v1/forecast/snapshots/${month}`);
  const codes = (items: { code: string }[]) => items.map((i) => i.code).sort();

  test('before the window closes there is no snapshot (404); inside it a rolling PUT counts as the update', async () => {
    expect((await snapshot('2026-03')).status).toBe(404);
    const same = { orderMonth: '2026-04', amount: 100, shipments: { '2026-05': 100 } };
    expect((await as.am1!.put(`/api/v1/opportunities/${ids.OPEN}/forecast/rolling`, same)).status).toBe(200);
    const compliance = (await as.director1!.get('/api/v1/forecast/compliance?month=2026-03')).body;
    expect(compliance.windowEnd).toBe('2026-03-05T16:00:00.000Z');
    const [am1, am2] = compliance.ams;
    // Due: the integrated ones neither lost nor fully shipped (won and not fully shipped stays due).
    expect(am1).toMatchObject({ due: 2, updated: 1, missing: [ids.WON] });
    expect(am2).toMatchObject({ due: 1, updated: 0, missing: [ids.OTHER] });
    expect((await as.am2!.get('/api/v1/forecast/compliance?month=2026-03')).body.ams).toHaveLength(1);
  });

  test('at the window’s close the month is frozen once: not lost, not fully shipped, both lines', async () => {
    await moveTo('2026-03-06T00:00:30+08:00');
    expect((await runDue()).filter((r) => r.job === 'forecast_snapshot')).toHaveLength(1);
    const march = (await snapshot('2026-03')).body;
    expect(march.frozenAt).toBe('2026-03-05T16:00:00.000Z');
    expect(codes(march.items)).toEqual(['OPEN', 'OTHER', 'QUOTE', 'WON']);
    expect(march.items.find((i) => i.code === 'OPEN')).toMatchObject({
      stage: 'M',
      probability: 0.5,
      rolling: { orderMonth: '2026-04', amount: 100, shipments: { '2026-05': 100 } },
      precision: null,
    });
    expect(march.items.find((i) => i.code === 'QUOTE')).toMatchObject({
      precision: { orderMonth: '2026-05', amount: 40 },
    });
    await moveTo('2026-03-06T00:01:30+08:00');
    await runDue();
    expect((await as.ceo!.get('/api/v1/forecast/snapshots')).body.items).toHaveLength(1);
  });

  test('changes after the close never reach that month’s snapshot', async () => {
    await as.am1!.put(`/api/v1/opportunities/${ids.OPEN}/forecast/rolling`, { orderMonth: '2026-04', amount: 999 });
    const open = (await snapshot('2026-03')).body.items.find((i) => i.code === 'OPEN');
    expect(open?.rolling?.amount).toBe(100);
  });

  test('a write after a close the job has not seen yet freezes the month first, with the state before it', async () => {
    await moveTo('2026-04-06T08:00:00+08:00');
    await as.am1!.put(`/api/v1/opportunities/${ids.OPEN}/forecast/rolling`, {
      orderMonth: '2026-05',
      amount: 999,
      reason: '客户推迟',
    });
    const april = (await snapshot('2026-04')).body;
    expect(april.frozenAt).toBe('2026-04-05T16:00:00.000Z');
    expect(april.items.find((i) => i.code === 'OPEN')?.rolling).toMatchObject({
      orderMonth: '2026-04',
      amount: 999,
    });
  });

  test('after downtime every owed month is frozen once, dated at its own close', async () => {
    await moveTo('2026-07-10T09:00:00+08:00');
    await runDue();
    await runDue();
    const months = (await as.ceo!.get('/api/v1/forecast/snapshots')).body.items;
    expect(months.map((m) => m.month)).toEqual(['2026-07', '2026-06', '2026-05', '2026-04', '2026-03']);
    expect(months[2]?.frozenAt).toBe('2026-05-05T16:00:00.000Z');
  });

  test('rows follow the reader: director own track, AM own, planner all; the secretary none', async () => {
    expect(codes((await snapshot('2026-03', 'director1')).body.items)).toEqual(['OPEN', 'OTHER', 'WON']);
    expect(codes((await snapshot('2026-03', 'am2')).body.items)).toEqual(['OTHER']);
    expect(codes((await snapshot('2026-03', 'planner')).body.items)).toEqual(['OPEN', 'OTHER', 'QUOTE', 'WON']);
    const secretary = await t.as('secretary');
    expect((await secretary.get('/api/v1/forecast/snapshots/2026-03')).status).toBe(403);
    expect((await snapshot('2026-13')).status).toBe(400);
  });
});
