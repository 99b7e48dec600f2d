import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { csvOf, handmadeXlsx, upload, xlsxOf } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['客户编码', '客户名称', '客户经理编码'];
const MB = 1024 * 1024;

describeWithDatabase('uploads are capped in size, also after decompression, and in rows (SPEC §11)', () => {
  let t: TestApp;
  let admin: Client;
  // exceljs spools worksheets to temp files: this suite's go to a folder of its own, to be looked at.
  const systemTemp = tmpdir();
  const spool = mkdtempSync(join(systemTemp, 'crm-import-caps-'));
  beforeAll(async () => {
    process.env.TMPDIR = spool;
    t = await startTestApp({
      env: { CRM_UPLOAD_MAX_MB: '1', CRM_UPLOAD_MAX_UNZIPPED_MB: '1', CRM_UPLOAD_MAX_ROWS: '50' },
    });
    admin = await t.as('admin');
  });
  afterAll(async () => {
    process.env.TMPDIR = systemTemp;
    rmSync(spool, { recursive: true, force: true });
    await t.close();
  });

  const customers = async () =>
    Number((await t.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n);

  const expect413 = (res: Response, text: string) => {
    expect(res.status).toBe(413);
    expect(res.error?.code).toBe('file_too_large');
    expect(res.error?.message).toContain(text);
  };

  test('an upload over the size cap answers 413 with the limit', async () => {
    // few rows (under the row cap), each large
    const big = csvOf([HEADER, ...Array.from({ length: 40 }, (_, i) => [`X${i}`, 'n'.repeat(40_000), 'AM1'])]);
    expect(big.length).toBeGreaterThan(1.2 * MB);
    expect413(await upload(admin, 'customers', 'big.csv', big), '上传大小超过上限 1 MB');
  });

  test('a zip bomb (a worksheet that unzips far past the cap, spooled first by exceljs) stops with 413', async () => {
    const rows = Array.from({ length: 30_000 }, () => [
      'C1',
      '同一个名字同一个名字同一个名字',
      'AM1',
      'padding'.repeat(4),
    ]);
    const bomb = await xlsxOf({ 客户: [HEADER, ...rows] });
    expect(bomb.length).toBeLessThan(MB);
    expect413(await upload(admin, 'customers', 'bomb.xlsx', bomb), '解压后大小超过上限 1 MB');
  });

  test('a zip bomb in the shared strings, read before the worksheet, stops with 413 too', async () => {
    const bomb = handmadeXlsx([HEADER, ['C1', 'x'.repeat(3 * MB), 'AM1']], { sharedStringsFirst: true });
    expect(bomb.length).toBeLessThan(100_000);
    expect413(await upload(admin, 'customers', 'strings.xlsx', bomb), '解压后大小');
    const late = handmadeXlsx([HEADER, ['C1', 'x'.repeat(3 * MB), 'AM1']], { sharedStringsFirst: false });
    expect413(await upload(admin, 'customers', 'late.xlsx', late), '解压后大小');
  });

  test('a sheet over the row cap stops with 413 naming the row count', async () => {
    const many = csvOf([HEADER, ...Array.from({ length: 51 }, (_, i) => [`N${i}`, '名字', 'AM1'])]);
    expect413(await upload(admin, 'customers', 'many.csv', many), '行数超过上限 50');
  });

  test('after refused files nothing was written, no temp file is left, each was logged, and a fair file still imports', async () => {
    expect(readdirSync(spool)).toEqual([]);
    const before = await customers();
    expect(before).toBe(3);
    const runs = await admin.get('/api/v1/exchange/runs?limit=5');
    expect(runs.body.items.map((r) => r.status)).toEqual(Array(5).fill('rejected'));
    expect(runs.body.items[0]!.errors[0]?.reason).toContain('行数超过上限 50');
    const fair = handmadeXlsx([HEADER, ['C7', '正常客户', 'AM1']], { sharedStringsFirst: true });
    expect((await upload(admin, 'customers', 'fair.xlsx', fair)).body).toMatchObject({ inserted: 1 });
    expect(await customers()).toBe(before + 1);
  });
});
