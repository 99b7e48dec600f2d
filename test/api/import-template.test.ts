import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { COLUMNS, KIND_TITLES, MONTH_COLUMNS } from '../../src/exchange/columns.js';
import { EXCHANGE_KINDS } from '../../src/exchange/contract.js';
import { KIND_TITLES_EN, NOTES_EN } from '../../src/exchange/template-en.js';
import { upload } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('the import template of each kind fills in and imports as it is (round trip)', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());

  async function template(kind: string, query = ''): Promise<ExcelJS.Workbook> {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exchange/templates/${kind}.xlsx${query}`,
      headers: { cookie: admin.cookie! },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain(`filename="${kind}-template.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return workbook;
  }

  test('every kind: the Chinese header, an example row, widths, and a 字段说明 sheet explaining each column', async () => {
    for (const kind of EXCHANGE_KINDS) {
      const workbook = await template(kind);
      const [data, guide] = workbook.worksheets;
      expect(data!.name).toBe(KIND_TITLES[kind]);
      // The kind's columns; `opportunities` adds one per shipment month after them (import-opportunities.test.ts).
      const header = (data!.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, COLUMNS[kind].length)).toEqual(COLUMNS[kind].map((c) => c.title));
      if (kind !== 'opportunities') expect(header).toHaveLength(COLUMNS[kind].length);
      expect(data!.rowCount).toBe(2);
      for (const [k, column] of COLUMNS[kind].entries())
        expect(data!.getColumn(k + 1).width).toBeGreaterThanOrEqual(Math.max(10, column.title.length * 2));
      expect(guide!.name).toBe('字段说明');
      expect((guide!.getRow(1).values as unknown[]).slice(1)).toEqual(['列名', '字段', '必填', '格式', '示例', '说明']);
      const explained = COLUMNS[kind].map((_, k) => (guide!.getRow(k + 2).values as unknown[]).slice(1, 4));
      expect(explained).toEqual(COLUMNS[kind].map((c) => [c.title, c.key, c.required ? '是' : '否']));
    }
  });

  test('shipments: the downloaded template with its example replaced by real rows imports', async () => {
    const workbook = await template('shipments');
    const sheet = workbook.worksheets[0]!;
    sheet.spliceRows(2, 1);
    sheet.addRow(['ERP', 'T-1', '10', new Date(Date.UTC(2026, 2, 5)), 'C1', null, 125000, 98000, '否']);
    sheet.addRow(['ERP', 'T-1', '20', new Date(Date.UTC(2026, 2, 5)), 'C2', 'OPP-9', 5000, null, null]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(admin, 'shipments', '出货实绩-导入模板.xlsx', file);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 2, inserted: 2 });
    const lines = await t.database.query<{ line: string; day: string; cost: string | null }>(
      `select line_no as line, to_char(date, 'YYYY-MM-DD') as day, cost::text from shipments where doc_no = 'T-1' order by line_no`,
    );
    expect(lines).toEqual([
      { line: '10', day: '2026-03-05', cost: '98000.00' },
      { line: '20', day: '2026-03-05', cost: null },
    ]);
  });

  test('the template as downloaded passes a dry run: its example row names a real customer, track and AM (issue 13, item 12)', async () => {
    for (const kind of ['customers', 'shipments', 'orders', 'targets'] as const) {
      const workbook = await template(kind);
      const file = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await upload(admin, kind, 'as-is.xlsx', file, '&dryRun=true');
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body).toMatchObject({ rows: 1, dryRun: true });
    }
  });

  test('in English (issue 13 item 13): field names as headers, an English guide, and the example still passes a dry run', async () => {
    // every note has its English, so a note added later cannot leak Chinese into the English guide
    const notes = [
      ...Object.values(COLUMNS).flatMap((columns) => columns.flatMap((c) => (c.note ? [c.note] : []))),
      ...Object.values(MONTH_COLUMNS).flatMap((families) => families.map((f) => f.note)),
    ];
    expect(notes.filter((note) => NOTES_EN[note] === undefined)).toEqual([]);
    for (const kind of EXCHANGE_KINDS) {
      const workbook = await template(kind, '?lang=en');
      const [data, guide] = workbook.worksheets;
      expect(data!.name).toBe(KIND_TITLES_EN[kind]);
      const header = (data!.getRow(1).values as unknown[]).slice(1);
      expect(header.slice(0, COLUMNS[kind].length)).toEqual(COLUMNS[kind].map((c) => c.key));
      expect(guide!.name).toBe('Field guide');
      const guideText = guide!
        .getSheetValues()
        // the example column (the fifth) holds data, e.g. a customer's Chinese name
        .flatMap((row) => (Array.isArray(row) ? row.slice(1, 7).filter((_, k) => k !== 4) : []))
        .join(' ');
      expect(guideText).not.toMatch(/[、，；：「」（）]/);
    }
    for (const kind of ['customers', 'shipments', 'targets', 'opportunities'] as const) {
      const file = Buffer.from(await (await template(kind, '?lang=en')).xlsx.writeBuffer());
      const res = await upload(admin, kind, 'as-is.xlsx', file, '&dryRun=true');
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body).toMatchObject({ rows: 1, dryRun: true });
    }
  });

  test('templates are for the admin, and unknown kinds are 400', async () => {
    const director = await t.as('director1');
    expect((await director.get('/api/v1/exchange/templates/shipments.xlsx')).status).toBe(403);
    expect((await admin.get('/api/v1/exchange/templates/widgets.xlsx')).status).toBe(400);
  });
});
