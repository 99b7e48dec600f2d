import { afterAll, beforeAll, expect, test } from 'vitest';
import { csvOf, upload, xlsxOf } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['来源系统', '出货单号', '行号', '出货日期', '客户编码', '商机编码', '金额', '销售成本', '作废'];

describeWithDatabase('spreadsheet upload imports CSV and XLSX rows like the JSON batch (SPEC §7)', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  const lines = () =>
    t.database.query<{ doc: string; line: string; day: string; amount: string; cost: string | null; void: boolean }>(
      `select doc_no as doc, line_no as line, to_char(date, 'YYYY-MM-DD') as day, amount::text, cost::text, void
       from shipments order by doc_no, line_no`,
    );

  test('a UTF-8 CSV with a BOM and Chinese headers lands row by row, with the counts', async () => {
    const file = csvOf([
      HEADER,
      ['ERP', 'D1', '1', '2026-02-10', 'C1', '', '"1,200.50"', '800', '否'],
      ['ERP', 'D2', '1', '2026/2/11', 'C2', 'OPP-1', '-300', '', ''],
    ]);
    const res = await upload(admin, 'shipments', '二月出货.csv', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'shipments', rows: 2, inserted: 2, updated: 0, unchanged: 0 });
    expect(await lines()).toEqual([
      { doc: 'D1', line: '1', day: '2026-02-10', amount: '1200.50', cost: '800.00', void: false },
      { doc: 'D2', line: '1', day: '2026-02-11', amount: '-300.00', cost: null, void: false },
    ]);
  });

  test('an XLSX (first worksheet, date cells, numbers, 是 for void, a blank row) updates and voids those lines', async () => {
    const file = await xlsxOf({
      出货: [
        // English keys are headers too, in any order
        ['source', 'docNo', 'lineNo', 'date', 'customerCode', 'amount', 'void'],
        ['ERP', 'D1', 1, new Date(Date.UTC(2026, 1, 10)), 'C1', 1500, '否'],
        [],
        ['ERP', 'D2', 1, new Date(Date.UTC(2026, 1, 11)), 'C2', -300, '是'],
        ['ERP', 'D3', 2, 46066, 'C3', 99.5, false],
      ],
      其他: [['不读这一页']],
    });
    const res = await upload(admin, 'shipments', 'feb.xlsx', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, inserted: 1, updated: 2, voided: 1 });
    const rows = await lines();
    expect(rows.map((r) => [r.doc, r.amount, r.void])).toEqual([
      ['D1', '1500.00', false],
      ['D2', '-300.00', true],
      ['D3', '99.50', false],
    ]);
    // 46066 is Excel's serial for 2026-02-13
    expect(rows[2]!.day).toBe('2026-02-13');
  });

  test('the run log names the upload, its file and who sent it', async () => {
    const runs = await admin.get('/api/v1/exchange/runs?limit=2');
    expect(runs.body.items.map((r) => r.fileName)).toEqual(['feb.xlsx', '二月出货.csv']);
    expect(runs.body.items[0]!).toMatchObject({ via: 'upload', status: 'ok', actorName: 'admin', rows: 3, errors: [] });
  });

  test('customers and targets import by their Chinese headers (类型 销售 / 接单)', async () => {
    const customers = csvOf([
      ['客户编码', '客户名称', '客户经理编码'],
      ['C9', '新客户', 'AM2'],
    ]);
    expect((await upload(admin, 'customers', 'c.csv', customers)).body).toMatchObject({ inserted: 1 });
    const targets = await xlsxOf({
      目标: [
        ['年份', '月份', '类型', '赛道编码', '客户经理编码', '金额'],
        [2026, 4, '销售', 'T1', null, 2000000],
        [2026, 4, '接单', 'T1', 'AM1', 500000],
      ],
    });
    const res = await upload(admin, 'targets', 't.xlsx', targets);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, inserted: 2 });
  });

  test('a NUL in a cell is a refused cell and a NUL in the file name a logged name, never a 500 (issue 9)', async () => {
    const header = ['source', 'docNo', 'lineNo', 'date', 'customerCode', 'amount'];
    const refused = await upload(
      admin,
      'shipments',
      'nul.csv',
      csvOf([header, ['ERP', 'N\u00001', '1', '2026-02-10', 'C1', '5']]),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { details: [{ row: 2, field: 'docNo', value: 'N\u00001' }] } });
    const named = csvOf([header, ['ERP', 'N1', '1', '2026-02-10', 'C1', '5']]);
    expect((await upload(admin, 'shipments', 'a\u0000b.csv', named, '&dryRun=true')).status).toBe(200);
    // The import log keeps both as they came, with what PostgreSQL cannot store shown as U+FFFD.
    const runs = (await admin.get('/api/v1/exchange/runs?limit=2')).body.items;
    expect(runs[0]).toMatchObject({ fileName: 'a\uFFFDb.csv', status: 'dry_run' });
    expect(runs[1]).toMatchObject({ fileName: 'nul.csv', status: 'rejected', errors: [{ row: 2, value: 'N\uFFFD1' }] });
  });

  test('a JSON row holding half of a surrogate pair is refused with a 4xx, never a 500 (issue 9)', async () => {
    const row = { source: 'ERP', docNo: 'S1', lineNo: 1, date: '2026-02-10', customerCode: 'C\uD800', amount: 5 };
    const res = await admin.post('/api/v1/exchange/shipments', { rows: [row] });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  test('only the admin (exchange.write) may upload', async () => {
    const res = await upload(await t.as('director1'), 'shipments', 'x.csv', csvOf([HEADER]));
    expect(res.status).toBe(403);
  });
});
