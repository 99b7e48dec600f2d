import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApiRoutes } from '../support/api-routes.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

type Drill = ApiRoutes['GET /api/v1/board/drilldown'];

const ship = (docNo: string, date: string, customerCode: string, amount: number, cost: number) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode,
  amount,
  cost,
});

/**
 * "Why red?" below the AM (issue 13 item 7). February 2026, track T1:
 *   AM1 (target 900): C1 ships 200 (cost 140), C4 300 (cost 270), C5 300 (cost 220) + 200 (cost 190),
 *     C6 none (only a receivable) — sales 1000 ÷ 900 = 111 % green; margin 180 ÷ 1000 = 18 % yellow.
 *   AM2 (target 400): C2 ships 300 (cost 150) — 75 % red.
 * Receivables at 2026-02-28: C1 1000, C4 350, C5 900, C6 50. Trailing 90 days of sales = February's.
 *   DSO: C1 1000 ÷ 200 × 90 = 450 (red), C5 900 ÷ 500 × 90 = 162 (red), C4 350 ÷ 300 × 90 = 105 (yellow),
 *   C6 50 ÷ nothing = — (none).
 * Expenses: AM1 45 (45 ‰ of 1000, green), AM2 30 (100 ‰ of 300, red), T1 unassigned 9.
 */
describeWithDatabase('the drill-down explains a number: actuals, shares of the parent, worst first', () => {
  let t: TestApp;
  let admin: Client;
  let ids: Record<string, number>;
  /** Row ids are AM ids or customer ids by level: each table numbers its own. */
  let codes: { am: Map<number, string>; customer: Map<number, string> };
  const drill = async (q: string): Promise<Drill> => {
    const res = await admin.get(`/api/v1/board/drilldown?month=2026-02&${q}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    level = res.body.level === 'am' ? 'am' : 'customer';
    return res.body;
  };
  let level: 'am' | 'customer' = 'customer';
  const codeOf = (id: number | string) => (typeof id === 'number' ? codes[level].get(id) : undefined) ?? String(id);
  const order = (d: Drill) => d.rows.map((r) => codeOf(r.id));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-03T09:00:00+08:00' });
    admin = await t.as('admin');
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    };
    await write('customers', [
      { code: 'C4', name: '客户四', amCode: 'AM1' },
      { code: 'C5', name: '客户五', amCode: 'AM1' },
      { code: 'C6', name: '客户六', amCode: 'AM1' },
    ]);
    await write('shipments', [
      ship('S1', '2026-02-12', 'C1', 200, 140),
      ship('S4', '2026-02-14', 'C4', 300, 270),
      ship('S5A', '2026-02-03', 'C5', 300, 220),
      ship('S5B', '2026-02-20', 'C5', 200, 190),
      ship('S2', '2026-02-16', 'C2', 300, 150),
    ]);
    await write('targets', [
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amCode: 'AM1', amount: 900 },
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amCode: 'AM2', amount: 400 },
    ]);
    await write('receivables', [
      { asOf: '2026-02-28', customerCode: 'C1', balance: 1000 },
      { asOf: '2026-02-28', customerCode: 'C4', balance: 350 },
      { asOf: '2026-02-28', customerCode: 'C5', balance: 900 },
      { asOf: '2026-02-10', customerCode: 'C6', balance: 50 },
    ]);
    await write('expenses', [
      { docNo: 'E1', lineNo: 1, date: '2026-02-11', trackCode: 'T1', amCode: 'AM1', amount: 45 },
      { docNo: 'E2', lineNo: 1, date: '2026-02-11', trackCode: 'T1', amCode: 'AM2', amount: 30 },
      { docNo: 'E3', lineNo: 1, date: '2026-02-12', trackCode: 'T1', amount: 9 },
    ]);
    const tracks = (await admin.get('/api/v1/tracks')).body.items;
    const ams = (await admin.get('/api/v1/users?role=am')).body.items;
    const customers = (await admin.get('/api/v1/customers')).body.items;
    ids = Object.fromEntries([...tracks, ...ams, ...customers].map((x) => [x.code, x.id]));
    codes = {
      am: new Map(ams.map((x) => [x.id, x.code])),
      customer: new Map(customers.map((x) => [x.id, x.code])),
    };
  });
  afterAll(() => t.close());

  test('customers under an AM whose target exists only at AM level carry their sales and share of the AM’s', async () => {
    const d = await drill(`no=2&subjectType=am&subjectId=${ids.AM1}`);
    expect(d.level).toBe('customer');
    expect(d.actualOf).toBe('numerator');
    expect(d.parent).toMatchObject({ numerator: 1000, denominator: 900, actual: 1000 });
    const byCode = Object.fromEntries(d.rows.map((r) => [codeOf(r.id), r]));
    // numerator / denominator stay as SPEC §3 defines them: no target below the AM, so no value
    expect(byCode.C5).toMatchObject({
      numerator: 500,
      denominator: null,
      value: null,
      actual: 500,
      shareOfParent: 0.5,
    });
    expect(byCode.C4).toMatchObject({ actual: 300, shareOfParent: 0.3, status: 'none' });
    expect(byCode.C1).toMatchObject({ actual: 200, shareOfParent: 0.2 });
    // a customer listed for its receivable sold nothing: 0, not a dash
    expect(byCode.C6).toMatchObject({ numerator: null, actual: 0, shareOfParent: 0 });
    expect(d.rows.reduce((s, r) => s + (r.shareOfParent ?? 0), 0)).toBeCloseTo(1, 9);
    // no value to rank by: the largest part of the AM's sales first
    expect(order(d)).toEqual(['C5', 'C4', 'C1', 'C6']);
  });

  test('higher is better: AMs and customers come worst first, by band and then by value', async () => {
    const ams = await drill(`no=1&subjectType=track&subjectId=${ids.T1}`);
    expect(ams.rows.map((r) => [codeOf(r.id), r.status])).toEqual([
      ['AM2', 'red'],
      ['AM1', 'green'],
    ]);
    expect(ams.rows.map((r) => r.shareOfParent)).toEqual([0.230769, 0.769231]); // 300 and 1000 of 1300

    const margin = await drill(`no=5&subjectType=am&subjectId=${ids.AM1}`);
    // C4 30 ÷ 300 = 10 % red, C5 90 ÷ 500 = 18 % yellow, C1 60 ÷ 200 = 30 % green; C6 has no sales: no value
    expect(margin.rows.map((r) => [codeOf(r.id), r.status])).toEqual([
      ['C4', 'red'],
      ['C5', 'yellow'],
      ['C1', 'green'],
      ['C6', 'none'],
    ]);
    // the actual is the gross profit, its share that of the AM's 180
    expect(margin.rows.map((r) => r.actual)).toEqual([30, 90, 60, 0]);
    expect(margin.rows.map((r) => r.shareOfParent)).toEqual([0.166667, 0.5, 0.333333, 0]);

    // C5's lines: 300 at 26.7 % and 200 at 5 % — the worse line first, though it was written later
    const lines = await drill(`no=5&subjectType=customer&subjectId=${ids.C5}&unlinked=true`);
    expect(lines.actualOf).toBe('amount');
    expect(lines.rows.map((r) => [r.name, r.status, r.actual, r.shareOfParent])).toEqual([
      ['S5B-1', 'red', 200, 0.4],
      ['S5A-1', 'green', 300, 0.6],
    ]);
  });

  test('lower is better: the highest DSO and expense ratio come first, a value-less row after the numbers', async () => {
    const dso = await drill(`no=8&subjectType=am&subjectId=${ids.AM1}`);
    expect(dso.rows.map((r) => [codeOf(r.id), r.status])).toEqual([
      ['C1', 'red'],
      ['C5', 'red'],
      ['C4', 'yellow'],
      ['C6', 'none'],
    ]);
    expect(dso.rows[0]!.value).toBeCloseTo(450, 9);
    // the actual is the AR balance, its share that of the AM's 2300
    expect(dso.rows.map((r) => r.actual)).toEqual([1000, 900, 350, 50]);
    expect(dso.rows.reduce((s, r) => s + (r.shareOfParent ?? 0), 0)).toBeCloseTo(1, 5);

    const expenses = await drill(`no=7&subjectType=track&subjectId=${ids.T1}`);
    // AM2 100 ‰ red before AM1 45 ‰ green; the track's own 9 not assigned below comes last
    expect(expenses.rows.map((r) => [codeOf(r.id), r.status, r.actual])).toEqual([
      ['AM2', 'red', 30],
      ['AM1', 'green', 45],
      ['unassigned', 'none', 9],
    ]);
    expect(expenses.rows.reduce((s, r) => s + (r.shareOfParent ?? 0), 0)).toBeCloseTo(1, 5);

    // below the AM expenses are not booked per customer: a customer's part is its sales
    const below = await drill(`no=7&subjectType=am&subjectId=${ids.AM1}`);
    expect(below.actualOf).toBe('denominator');
    expect(below.parent.actual).toBe(1000);
    expect(below.rows.filter((r) => r.id !== 'unassigned').map((r) => [codeOf(r.id), r.shareOfParent])).toEqual([
      ['C5', 0.5],
      ['C4', 0.3],
      ['C1', 0.2],
      ['C6', 0],
    ]);
  });
});
