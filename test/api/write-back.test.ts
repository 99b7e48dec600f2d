import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { shipLine as ship } from '../support/exchange.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('write-back of facts (SPEC §7)', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const rollup = async (measure: string, month = '2026-02-01') => {
    const rows = await t.database.query<{ total: string | null }>(
      `select sum(amount)::text as total from fact_monthly where measure = $1 and month = $2`,
      [measure, month],
    );
    return Number(rows[0]?.total ?? 0);
  };

  test("new lines are inserted and counted in the monthly rollups, attributed to the customer's AM and track", async () => {
    const res = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('D1', 1000, { cost: 700 }), ship('D2', 500)],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    expect(await rollup('sales')).toBe(1500);
    expect(await rollup('sales_with_cost')).toBe(1000);
    expect(await rollup('cost')).toBe(700);
    const [line] = await t.database.query<{ am: string; track: string }>(
      `select u.username as am, t.code as track from shipments s join users u on u.id = s.am_id join tracks t on t.id = s.track_id where doc_no = 'D1'`,
    );
    expect(line).toEqual({ am: 'am1', track: 'T1' });
  });

  test('re-sending a line updates it and moves the rollups — including across months — without double counting', async () => {
    const res = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('D1', 1200, { cost: 700 }), ship('D2', 500), ship('D2', 300, { lineNo: 2, date: '2026-03-01' })],
    });
    expect(res.body).toMatchObject({ inserted: 1, updated: 1, unchanged: 1 });
    expect(await rollup('sales')).toBe(1700);
    const moved = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('D1', 1200, { cost: 700, date: '2026-03-05' })],
    });
    expect(moved.body.updated).toBe(1);
    expect(await rollup('sales')).toBe(500);
    expect(await rollup('sales', '2026-03-01')).toBe(1500);
    expect(await rollup('cost', '2026-03-01')).toBe(700);
  });

  test('void cancels a line, and a negative amount (a return) is allowed', async () => {
    const res = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('D2', 500, { void: true }), ship('R1', -200)],
    });
    expect(res.body).toMatchObject({ inserted: 1, updated: 1, voided: 1 });
    expect(await rollup('sales')).toBe(-200);
  });

  test('a batch with one bad row writes nothing and names every bad row, field, value and reason', async () => {
    const before = await rollup('sales');
    const res = await admin.post('/api/v1/exchange/shipments', {
      rows: [
        ship('X1', 100),
        ship('X2', 100, { date: '2026-02-30' }),
        ship('X3', 100, { customerCode: 'NOPE' }),
        { ...ship('X4', 1), amount: 'lots', extra: 1 },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('rows_rejected');
    expect(res.error?.details).toEqual(
      expect.arrayContaining([
        { row: 1, field: 'date', value: '2026-02-30', reason: expect.any(String) },
        { row: 3, field: 'amount', value: 'lots', reason: expect.any(String) },
        { row: 3, field: 'extra', value: 1, reason: '不支持的字段' },
      ]),
    );
    expect(await rollup('sales')).toBe(before);
    const x1 = await t.database.query(`select 1 from shipments where doc_no = 'X1'`);
    expect(x1).toHaveLength(0);
    // the unknown customer is found once the shapes are right
    const second = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('X1', 100), ship('X3', 100, { customerCode: 'NOPE' })],
    });
    expect(second.error?.details).toEqual([
      { row: 1, field: 'customerCode', value: 'NOPE', reason: '无效：客户编码不存在' },
    ]);
  });

  test('a line sent twice in one batch is a row error naming the first occurrence', async () => {
    const res = await admin.post('/api/v1/exchange/shipments', {
      rows: [ship('DUP', 1), ship('OK', 1), ship('DUP', 2)],
    });
    expect(res.status).toBe(422);
    expect(res.error?.details).toEqual([
      { row: 2, field: 'lineNo', value: null, reason: '无效：与第 0 行重复（同一单据行在一批中只能出现一次）' },
    ]);
  });

  test('a batch with thousands of bad rows reports the first 1,000 and counts them all', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ship(`M${i}`, 1, { date: 'soon' }));
    const res = await admin.post('/api/v1/exchange/shipments', { rows });
    expect(res.status).toBe(422);
    expect(res.error?.details).toHaveLength(1000);
    expect(res.error?.message).toContain('12000');
  });

  test('an unknown opportunityCode is kept, not an error', async () => {
    const res = await admin.post('/api/v1/exchange/orders', {
      rows: [
        {
          orderNo: 'SO1',
          lineNo: 10,
          date: '2026-02-11',
          customerCode: 'C3',
          opportunityCode: 'OPP-FUTURE',
          amount: 880,
        },
      ],
    });
    expect(res.status).toBe(200);
    const [row] = await t.database.query<{ opportunity_code: string }>(
      `select opportunity_code from sales_orders where order_no = 'SO1'`,
    );
    expect(row!.opportunity_code).toBe('OPP-FUTURE');
    expect(await rollup('orders')).toBe(880);
  });

  test('the same Idempotency-Key and body replays the first answer without writing again; another body is refused', async () => {
    const body = { rows: [ship('I1', 10)] };
    const first = await admin.post('/api/v1/exchange/shipments', body, { 'idempotency-key': 'k-1' });
    const replay = await admin.post('/api/v1/exchange/shipments', body, { 'idempotency-key': 'k-1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const runs = await t.database.query<{ status: string }>(
      `select status from exchange_runs order by id desc limit 2`,
    );
    expect(runs.map((r) => r.status)).toEqual(['replayed', 'ok']);
    const other = await admin.post(
      '/api/v1/exchange/shipments',
      { rows: [ship('I1', 11)] },
      { 'idempotency-key': 'k-1' },
    );
    expect(other.status).toBe(422);
    expect(other.error?.code).toBe('idempotency_key_reused');
  });

  test('keys are kept at least 24 h: a replay a day later still replays; after two days the key is forgotten', async () => {
    const body = { rows: [ship('K1', 10)] };
    await admin.post('/api/v1/exchange/shipments', body, { 'idempotency-key': 'k-day' });
    await t.setNow('2026-03-03T08:30:00+08:00');
    const fresh = await t.as('admin');
    expect((await fresh.post('/api/v1/admin/jobs/run-due')).status).toBe(200);
    expect(
      (await fresh.post('/api/v1/exchange/shipments', body, { 'idempotency-key': 'k-day' })).headers[
        'idempotent-replayed'
      ],
    ).toBe('true');
    await t.setNow('2026-03-04T09:30:00+08:00');
    const later = await t.as('admin');
    const ran = (await later.post('/api/v1/admin/jobs/run-due')).body.ran;
    expect(ran).toContainEqual({ job: 'idempotency_cleanup', periodKey: '2026-03-04T01' });
    const again = await later.post('/api/v1/exchange/shipments', body, { 'idempotency-key': 'k-day' });
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(again.body).toMatchObject({ unchanged: 1 });
    admin = later;
  });

  test('keys are scoped to their caller: an integration key may reuse a key the admin used', async () => {
    const key = (await admin.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] })).body.key;
    const res = await t
      .bearer(key)
      .post('/api/v1/exchange/shipments', { rows: [ship('I2', 10)] }, { 'idempotency-key': 'k-1' });
    expect(res.status).toBe(200);
    expect(res.body.inserted).toBe(1);
  });

  test('an AM can read the board but cannot write back (403); too many rows answer 413', async () => {
    const am = await t.as('am1');
    expect((await am.post('/api/v1/exchange/shipments', { rows: [ship('Z1', 1)] })).status).toBe(403);
    const rows = Array.from({ length: 50_001 }, (_, i) => ship(`B${i}`, 1));
    const res = await admin.post('/api/v1/exchange/shipments', { rows });
    expect(res.status).toBe(413);
    expect(res.error?.message).toMatch(/50000/);
  });

  test('targets are versioned: the latest import counts and every version is kept', async () => {
    const rows = [
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amount: 10000 },
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amCode: 'AM1', amount: 4000 },
    ];
    expect((await admin.post('/api/v1/exchange/targets', { rows })).body).toMatchObject({ inserted: 2 });
    expect(
      (await admin.post('/api/v1/exchange/targets', { rows: [{ ...rows[0], amount: 12000 }] })).body,
    ).toMatchObject({ updated: 1 });
    const versions = await t.database.query<{ before: string | null; after: string }>(
      `select before, after from target_versions where am_id = 0 order by id`,
    );
    expect(versions.map((v) => [v.before && Number(v.before), Number(v.after)])).toEqual([
      [null, 10000],
      [10000, 12000],
    ]);
    const bad = await admin.post('/api/v1/exchange/targets', { rows: [{ ...rows[1], amCode: 'AM3' }] });
    expect(bad.error?.details?.[0]).toMatchObject({ row: 0, field: 'amCode', value: 'AM3' });
  });

  test('customers come in by write-back: new ones created, known ones moved to their new AM with history', async () => {
    const res = await admin.post('/api/v1/exchange/customers', {
      rows: [
        { code: 'C9', name: '新客户', amCode: 'AM2' },
        { code: 'C1', name: '客户C1', amCode: 'AM3' },
      ],
    });
    expect(res.body).toMatchObject({ inserted: 1, updated: 1 });
    const [c1] = await t.database.query<{ track: string }>(
      `select t.code as track from customers c join tracks t on t.id = c.track_id where c.code = 'C1'`,
    );
    expect(c1!.track).toBe('T2');
    // attribution of facts already written stays where it was
    const [line] = await t.database.query<{ track: string }>(
      `select t.code as track from shipments s join tracks t on t.id = s.track_id where doc_no = 'D1'`,
    );
    expect(line!.track).toBe('T1');
  });

  test('every run is logged for the admin with counts and errors', async () => {
    const runs = await admin.get('/api/v1/exchange/runs?limit=100');
    expect(runs.status).toBe(200);
    const rejected = runs.body.items.find(
      (r: { status: string; kind: string }) => r.status === 'rejected' && r.kind === 'shipments',
    );
    expect(rejected).toMatchObject({
      kind: 'shipments',
      via: 'api',
      actorName: 'admin',
      errorCount: expect.any(Number),
    });
    expect((await (await t.as('ceo')).get('/api/v1/exchange/runs')).status).toBe(403);
  });
});
