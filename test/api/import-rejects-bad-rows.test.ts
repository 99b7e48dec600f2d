import { afterAll, beforeAll, expect, test } from 'vitest';
import { csvOf, multipart, upload, xlsxOf } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['来源系统', '出货单号', '行号', '出货日期', '客户编码', '金额'];

describeWithDatabase('a file with bad rows is refused whole, naming the rows as the sheet numbers them', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  const written = async () =>
    Number((await t.database.query<{ n: number }>('select count(*)::int as n from shipments'))[0]!.n);

  test('row errors carry the sheet row (header = 1, blank rows counted), the column title, the value and why', async () => {
    const file = await xlsxOf({
      出货: [
        HEADER,
        ['ERP', 'X1', 1, '2026-02-10', 'C1', 100],
        ['ERP', 'X2', 1, '2026-02-30', 'C1', 100],
        [],
        ['ERP', 'X3', 1, '2026-02-10', 'NOPE', 100],
        ['ERP', 'X4', 1, '2026-02-10', 'C1', 'lots'],
      ],
    });
    const res = await upload(admin, 'shipments', 'bad.xlsx', file);
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('rows_rejected');
    // Every problem of every row in one answer: shapes and the organisation check together (issue 13, item 12).
    expect(res.error?.details?.map((d) => [d.row, d.field, d.value])).toEqual([
      [3, '出货日期', '2026-02-30'],
      [5, '客户编码', 'NOPE'],
      [6, '金额', 'lots'],
    ]);
    expect(await written()).toBe(0);
    // A row with two problems names both.
    const twice = await xlsxOf({ 出货: [HEADER, ['ERP', 'X5', 1, '2026-13-01', 'C1', 'lots']] });
    const second = await upload(admin, 'shipments', 'bad.xlsx', twice);
    expect(second.error?.details?.map((d) => [d.row, d.field])).toEqual([
      [2, '金额'],
      [2, '出货日期'],
    ]);
    expect(await written()).toBe(0);
  });

  test('a line repeated in one file names both sheet rows', async () => {
    const file = csvOf([
      HEADER,
      ['ERP', 'D1', '1', '2026-02-10', 'C1', '5'],
      ['ERP', 'D1', '1', '2026-02-11', 'C1', '6'],
    ]);
    const res = await upload(admin, 'shipments', 'dup.csv', file);
    expect(res.status).toBe(422);
    expect(res.error?.details).toEqual([
      { row: 3, field: '行号', value: null, reason: expect.stringContaining('与第 2 行重复') },
    ]);
  });

  test('unknown, repeated and missing columns are refused on the header row before any row is read', async () => {
    const file = csvOf([
      ['来源系统', '出货单号', '行号', '出货日期', '客户编码', '备注', 'docNo'],
      ['ERP', 'D1', '1', '2026-02-10', 'C1', 'x', 'D1'],
    ]);
    const res = await upload(admin, 'shipments', 'header.csv', file);
    expect(res.status).toBe(422);
    expect(res.error?.details?.map((d) => [d.row, d.field, d.reason])).toEqual([
      [1, '备注', '不支持的字段'],
      [1, 'docNo', expect.stringContaining('与「出货单号」列重复')],
      [1, '金额', '必填'],
    ]);
    const runs = await admin.get('/api/v1/exchange/runs?limit=1');
    expect(runs.body.items[0]!).toMatchObject({ status: 'rejected', fileName: 'header.csv', errorCount: 3 });
    expect(runs.body.items[0]!.errors[0]).toEqual({ row: 1, field: '备注', value: '备注', reason: '不支持的字段' });
  });

  test('a CSV that is not UTF-8 (GBK from Excel) is refused with how to save it', async () => {
    // 客户编码 in GBK: not valid UTF-8
    const gbk = Buffer.from([0xbf, 0xcd, 0xbb, 0xa7, 0xb1, 0xe0, 0xc2, 0xeb, 0x0d, 0x0a, 0x43, 0x31]);
    const res = await upload(admin, 'customers', 'gbk.csv', gbk);
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('file_unreadable');
    expect(res.error?.message).toContain('GBK');
    const { payload, headers } = multipart('gbk.csv', gbk);
    const en = await admin.post('/api/v1/exchange/upload?kind=customers', payload, {
      ...headers,
      'accept-language': 'en',
    });
    expect(en.error?.message).toContain('CSV UTF-8');
  });

  test('an old .xls, a broken .xlsx and a request without a file are refused plainly', async () => {
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await upload(admin, 'shipments', 'old.xls', xls)).status).toBe(415);
    const broken = await upload(admin, 'shipments', 'broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(broken.status).toBe(422);
    expect(broken.error?.code).toBe('file_unreadable');
    const json = await admin.post('/api/v1/exchange/upload?kind=shipments', { rows: [] });
    expect(json.status).toBe(415);
    expect(await written()).toBe(0);
  });
});
