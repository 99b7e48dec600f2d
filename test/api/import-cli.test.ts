import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { importFile } from '../../src/exchange/cli.js';
import { csvOf } from '../support/spreadsheets.js';
import { describeWithDatabase } from '../support/suites.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = ['SAP 订单号', '行号', '订单日期', '客户编码', '金额'];

describeWithDatabase('crm import <kind> <file> streams a file through the write-back as the system', () => {
  let t: TestApp;
  const folder = mkdtempSync(join(tmpdir(), 'crm-import-cli-'));
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  async function run(kind: string, rows: (string | null)[][], dryRun = false) {
    const path = join(folder, `${kind}.csv`);
    writeFileSync(path, csvOf(rows));
    const printed: string[] = [];
    const code = await importFile(t.database.db, {
      kind,
      path,
      dryRun,
      now: new Date('2026-03-02T08:00:00+08:00'),
      limits: t.config.upload,
      print: (line) => printed.push(line),
    });
    return { code, printed };
  }
  const orders = async () =>
    Number((await t.database.query<{ n: number }>('select count(*)::int as n from sales_orders'))[0]!.n);

  test('a good file: exit code 0, the counts printed, logged as via cli by the system', async () => {
    const dry = await run('orders', [HEADER, ['4500000001', '10', '2026-02-20', 'C1', '8000']], true);
    expect(dry).toEqual({
      code: 0,
      printed: [expect.stringMatching(/^Dry run of 1 orders rows .* would be 1 inserted.*Nothing was written/)],
    });
    expect(await orders()).toBe(0);
    const { code, printed } = await run('orders', [
      HEADER,
      ['4500000001', '10', '2026-02-20', 'C1', '8000'],
      ['4500000001', '20', '2026-02-20', 'C2', '1000'],
    ]);
    expect(code).toBe(0);
    expect(printed[0]).toMatch(
      /^Imported 2 orders rows from orders\.csv: 2 inserted, 0 updated, 0 unchanged, 0 voided/,
    );
    expect(await orders()).toBe(2);
    const [run0] = await t.database.query<{ via: string; actor_name: string; status: string }>(
      'select via, actor_name, status from exchange_runs order by id desc limit 1',
    );
    expect(run0).toEqual({ via: 'cli', actor_name: 'system', status: 'ok' });
  });

  test('a refused file: exit code 1, the first problems with their sheet rows, nothing written', async () => {
    const { code, printed } = await run('orders', [
      HEADER,
      ['4500000002', '10', '2026-02-31', 'C1', '1'],
      [null, null, null, null, null],
      ['4500000003', '10', '2026-02-01', 'C1', 'abc'],
    ]);
    expect(code).toBe(1);
    expect(printed).toEqual([
      'orders.csv was not imported: Nothing was written: 2 problems; fix them and send the whole batch again',
      '  row 2, 订单日期: must be a valid YYYY-MM-DD (1900–2999) (value: "2026-02-31")',
      '  row 4, 金额: must be a number (value: "abc")',
    ]);
    expect(await orders()).toBe(2);
  });

  test('an unknown kind is refused before anything is read', async () => {
    const { code, printed } = await run('widgets', [['x']]);
    expect(code).toBe(1);
    expect(printed[0]).toContain('Unknown kind "widgets"');
  });
});
