import { afterAll, beforeAll, expect, test } from 'vitest';
import { csvOf, upload } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['来源系统', '出货单号', '行号', '出货日期', '客户编码', '金额', '作废'];

describeWithDatabase('a dry run (预检) reports what an import would do and writes nothing', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
    await upload(admin, 'shipments', 'first.csv', csvOf([HEADER, ['ERP', 'D1', '1', '2026-02-10', 'C1', '100', '']]));
  });
  afterAll(() => t.close());

  const state = () =>
    t.database.query<{ doc: string; amount: string; void: boolean }>(
      'select doc_no as doc, amount::text, void from shipments order by doc_no',
    );
  const sales = async () =>
    (
      await t.database.query<{ total: string | null }>(
        `select sum(amount)::text as total from fact_monthly where measure = 'sales'`,
      )
    )[0]!.total;

  const file = csvOf([
    HEADER,
    ['ERP', 'D1', '1', '2026-02-10', 'C1', '100', '是'],
    ['ERP', 'D2', '1', '2026-02-11', 'C2', '250', ''],
    ['ERP', 'D3', '1', '2026-02-12', 'C3', '75', ''],
  ]);

  test('the counts of the real import, marked dryRun, with the facts, rollups and history untouched', async () => {
    const before = { lines: await state(), sales: await sales() };
    const history = await t.database.query('select count(*)::int as n from history');
    const res = await upload(admin, 'shipments', 'check.csv', file, '&dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, rows: 3, inserted: 2, updated: 1, unchanged: 0, voided: 1 });
    expect(await state()).toEqual(before.lines);
    expect(await sales()).toBe(before.sales);
    expect(await t.database.query('select count(*)::int as n from history')).toEqual(history);
    const real = await upload(admin, 'shipments', 'check.csv', file);
    expect(real.body).toMatchObject({ rows: 3, inserted: 2, updated: 1, unchanged: 0, voided: 1 });
    expect(real.body.dryRun).toBeUndefined();
  });

  test('a dry run of a bad file answers the same 422 as the import would', async () => {
    const bad = csvOf([HEADER, ['ERP', 'D9', '1', '2026-13-01', 'C1', '1', '']]);
    const res = await upload(admin, 'shipments', 'bad.csv', bad, '&dryRun=true');
    expect(res.status).toBe(422);
    expect(res.error?.details).toEqual([
      { row: 2, field: '出货日期', value: '2026-13-01', reason: expect.any(String) },
    ]);
  });

  test('the run log keeps dry runs apart (status dry_run), with their counts and errors', async () => {
    const runs = await admin.get('/api/v1/exchange/runs?limit=4');
    expect(runs.body.items.map((r: { status: string }) => r.status)).toEqual(['dry_run', 'ok', 'dry_run', 'ok']);
    expect(runs.body.items[2]!).toMatchObject({
      fileName: 'check.csv',
      inserted: 2,
      updated: 1,
      voided: 1,
      errorCount: 0,
    });
    expect(runs.body.items[0]!).toMatchObject({ fileName: 'bad.csv', errorCount: 1 });
    expect(runs.body.items[0]!.errors[0]).toMatchObject({ row: 2, field: '出货日期' });
  });
});
