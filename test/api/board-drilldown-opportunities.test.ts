import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Drill = ApiRoutes['GET /api/v1/board/drilldown'];

const ship = (docNo: string, customerCode: string, amount: number, cost?: number, opportunityCode?: string) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date: '2026-02-10',
  customerCode,
  amount,
  ...(cost === undefined ? {} : { cost }),
  ...(opportunityCode ? { opportunityCode } : {}),
});

/**
 * SPEC §3: track → AMs → customers → opportunities → the fact lines. Below a customer the lines are
 * grouped by the opportunity they name; lines naming none of the customer's opportunities (no code, a
 * code not yet known, another customer's code) form one row, 未关联商机, whose lines are listed too.
 */
describeWithDatabase('drill-down from a customer to its opportunities and their lines (SPEC §3)', () => {
  let t: TestApp;
  let admin: Client;
  const ids: Record<string, number> = {};
  const drill = async (q: string, client = admin) => {
    const res = await client.get(`/api/v1/board/drilldown?month=2026-02&${q}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as Drill;
  };
  const byId = (d: Drill) => Object.fromEntries(d.rows.map((r) => [r.id, r]));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-03T09:00:00+08:00' });
    admin = await t.as('admin');
    for (const x of [
      ...(await admin.get('/api/v1/customers')).body.items,
      ...(await admin.get('/api/v1/users?limit=100')).body.items,
    ])
      ids[x.code] = x.id;
    const am1 = await t.as('am1');
    for (const [code, name] of [
      ['A1', '手机中框模具'],
      ['A2', '充电器外壳模具'],
    ] as const) {
      const res = await am1.post('/api/v1/opportunities', {
        code,
        name,
        customerId: ids.C1,
        kind: 'mold_development',
        stage: 'M',
        rolling: { orderMonth: '2026-02', amount: 300, shipments: { '2026-02': 300 } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[code] = (res.body as { id: number }).id;
    }
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await write('shipments', [
      ship('X1', 'C1', 600, 420, 'A1'),
      ship('X2', 'C1', 300, 240, 'A2'),
      ship('X3', 'C1', 100), // no code
      ship('X4', 'C1', 50, undefined, 'ZZ'), // a code no opportunity has (yet)
      ship('X5', 'C2', 70, undefined, 'A1'), // C2's line naming C1's opportunity: not A1's under C1
    ]);
    await write('orders', [
      { orderNo: 'O1', lineNo: 1, date: '2026-02-03', customerCode: 'C1', amount: 500, opportunityCode: 'A1' },
    ]);
    await write('receivables', [{ asOf: '2026-02-28', customerCode: 'C1', balance: 900 }]);
  });
  afterAll(() => t?.close());

  test('sales: each opportunity with its amount and share, the unlinked lines last, summing to the customer', async () => {
    const level = await drill(`no=2&subjectType=customer&subjectId=${ids.C1}`);
    expect(level.level).toBe('opportunity');
    expect(level.parent).toMatchObject({ numerator: 1050, actual: 1050 });
    expect(level.rows.map((r) => [r.id, r.name, r.actual, r.shareOfParent])).toEqual([
      [ids.A1, 'A1 手机中框模具', 600, 0.571429],
      [ids.A2, 'A2 充电器外壳模具', 300, 0.285714],
      ['unlinked', '未关联商机', 150, 0.142857],
    ]);
    const en = await admin.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=customer&subjectId=${ids.C1}`, {
      'accept-language': 'en',
    });
    expect((en.body as Drill).rows.at(-1)!.name).toBe('No opportunity');
  });

  test("an opportunity's lines are the customer's lines naming it; the unlinked row's are the rest", async () => {
    const a1 = await drill(`no=2&subjectType=opportunity&subjectId=${ids.A1}`);
    expect(a1.level).toBe('line');
    expect(a1.rows.map((r) => [r.name, r.actual])).toEqual([['X1-1', 600]]);
    const rest = await drill(`no=2&subjectType=customer&subjectId=${ids.C1}&unlinked=true`);
    expect(rest.rows.map((r) => [r.name, r.actual])).toEqual([
      ['X3-1', 100],
      ['X4-1', 50],
    ]);
    // C2's line naming A1 is C2's unlinked line
    const c2 = await drill(`no=2&subjectType=customer&subjectId=${ids.C2}`);
    expect(c2.rows.map((r) => [r.id, r.actual])).toEqual([['unlinked', 70]]);
    expect((await drill(`no=4&subjectType=opportunity&subjectId=${ids.A1}`)).rows.map((r) => r.name)).toEqual(['O1-1']);
  });

  test('orders and gross margin per opportunity; DSO splits only its 90-day shipments', async () => {
    expect(byId(await drill(`no=4&subjectType=customer&subjectId=${ids.C1}`))[ids.A1!]).toMatchObject({
      numerator: 500,
    });
    const margin = byId(await drill(`no=5&subjectType=customer&subjectId=${ids.C1}`));
    expect(margin[ids.A1!]).toMatchObject({ numerator: 180, denominator: 600, value: 0.3 });
    expect(margin[ids.A2!]).toMatchObject({ numerator: 60, denominator: 300, value: 0.2 });
    const dso = await drill(`no=8&subjectType=customer&subjectId=${ids.C1}`);
    expect(dso.actualOf).toBe('denominator');
    expect(dso.parent).toMatchObject({ numerator: 900, denominator: 1050, actual: 1050 });
    expect(byId(dso)[ids.A1!]).toMatchObject({
      numerator: null,
      denominator: 600,
      value: null,
      shareOfParent: 0.571429,
    });
  });

  test("below the AM the opportunities follow the caller's customer scope; `unlinked` is for customers", async () => {
    const am2 = await t.as('am2');
    expect(
      (await am2.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=opportunity&subjectId=${ids.A1}`)).status,
    ).toBe(404);
    expect(
      (await am2.get(`/api/v1/board/drilldown?month=2026-02&no=2&subjectType=customer&subjectId=${ids.C1}`)).status,
    ).toBe(404);
    await drill(`no=2&subjectType=opportunity&subjectId=${ids.A1}`, await t.as('am1'));
    const wrong = await admin.get(
      `/api/v1/board/drilldown?month=2026-02&no=2&subjectType=am&subjectId=${ids.AM1}&unlinked=true`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.error?.details).toEqual([{ field: 'unlinked', reason: '无效：仅用于客户层（subjectType=customer）' }]);
  });
});
