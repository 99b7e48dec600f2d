import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { shipLine } from '../support/exchange.js';
import { csvOf } from '../support/spreadsheets.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

const HEADER = ['客户编码', '客户名称', '客户经理编码'];

describeInBrowser('the admin imports a spreadsheet in the browser: check, fix, import, see it logged', () => {
  let b: BrowserTest;
  const folder = mkdtempSync(join(tmpdir(), 'crm-e2e-import-'));
  beforeAll(async () => {
    b = await startBrowserTest();
  }, 180_000);
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await b?.close();
  });

  test('a check lists the bad rows by sheet row; the fixed file imports; the log shows both', async () => {
    const bad = join(folder, 'bad.csv');
    const good = join(folder, 'good.csv');
    writeFileSync(bad, csvOf([HEADER, ['C8', '新客户', 'AM1'], ['C9', '另一个', 'NOBODY']]));
    writeFileSync(good, csvOf([HEADER, ['C8', '新客户', 'AM1'], ['C9', '另一个', 'AM2']]));
    const page = await b.page();
    await page.goto(`${b.baseUrl}/exchange/import`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    // The short address people type lands on the same page (issue 13, item 11).
    await page.getByTestId('nav-menu').waitFor();
    await page.goto(`${b.baseUrl}/import`);
    await page.waitForURL(`${b.baseUrl}/exchange/import`);
    await page.getByTestId('import-kind').waitFor();

    await page.getByTestId('import-kind').click();
    await page.getByTitle('客户').click();
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-dry-run').click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr.ant-table-row').first().textContent()).toMatch(/^3客户经理编码NOBODY/);

    await page.locator('input[type=file]').setInputFiles(good);
    await page.getByTestId('import-run').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /导\s*入/ })
      .click();
    await page.getByTestId('import-counts').waitFor();
    expect(await page.getByTestId('import-counts').textContent()).toContain('新增2');

    await page.getByTestId('nav-runs').click();
    const rows = page.getByTestId('runs-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.nth(0).textContent()).toContain('good.csv');
    expect(await rows.nth(1).getByTestId('run-status-dry_run').count()).toBe(1);
    await rows.nth(1).getByTestId('run-errors').click();
    await page.getByTestId('run-problems').getByText('NOBODY').waitFor();
  });

  test('the log reads counts with thousands separators: 1,200 lines, 1,200 / 0 / 0 / 0', async () => {
    const admin = await b.t.as('admin');
    const lines = Array.from({ length: 1200 }, (_, k) => shipLine(`T-${k}`, 100));
    expect((await admin.post('/api/v1/exchange/shipments', { rows: lines })).status).toBe(200);
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'admin');
    await page.goto(`${b.baseUrl}/exchange/runs`);
    const newest = page.getByTestId('runs-table').locator('tbody tr.ant-table-row').first();
    await newest.getByText('1,200 / 0 / 0 / 0').waitFor();
    expect(await newest.locator('td').allTextContents()).toContain('1,200');
  });
});
