import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { csvOf } from '../support/spreadsheets.js';
import { describeInBrowser } from '../support/suites.js';
import type { Client } from '../support/test-app.js';

/** An open select list: a closing one keeps its options in the page until its animation ends. */
const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

async function pick(page: Page, selectTestId: string, text: string | RegExp) {
  await expect.poll(() => page.locator(OPEN_LIST).count()).toBe(0);
  await page.getByTestId(selectTestId).click();
  await page.locator(`${OPEN_LIST} .ant-select-item-option`).filter({ hasText: text }).click();
}

const rowCodes = (page: Page) =>
  page.getByTestId('opp-table').locator('tbody tr.ant-table-row [data-testid^="opp-link-"]').allTextContents();

/** The list's link to an opportunity, by its code. */
const oppLink = (page: Page, code: string) =>
  page
    .getByTestId('opp-table')
    .locator('[data-testid^="opp-link-"]')
    .filter({ hasText: new RegExp(`^${code}$`) });

const HEADER = ['商机编码', '商机名称', '客户编码', '商机类型', '阶段', '预计下单月份', '预计下单金额', '出货 2026-07'];

describeInBrowser(
  '我的商机: saved views follow the AM, and the year-start import opens from the list (issue 12)',
  () => {
    let b: BrowserTest;
    let am1: Client;
    const folder = mkdtempSync(join(tmpdir(), 'crm-e2e-opp-list-'));
    beforeAll(async () => {
      b = await startBrowserTest({ now: '2026-01-12T10:00:00+08:00' });
      am1 = await b.t.as('am1');
      const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
      for (const [code, stage] of [
        ['VM1', 'M'],
        ['VL1', 'L'],
        ['VL2', 'L'],
      ] as const) {
        const res = await am1.post('/api/v1/opportunities', {
          code,
          name: `${code} 外壳`,
          customerId: c1,
          kind: 'mold_development',
          stage,
          rolling: { orderMonth: '2026-06', amount: 100_000, shipments: { '2026-07': 100_000 } },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    }, 180_000);
    afterAll(async () => {
      rmSync(folder, { recursive: true, force: true });
      await b?.close();
    });

    test('an AM saves the M-stage filter as a view, reloads, picks it from 我的视图 and sees only M', async () => {
      const page = await b.page(1440, 900);
      await signIn(page, b.baseUrl, 'am1');
      await page.goto(`${b.baseUrl}/opportunities`);
      await oppLink(page, 'VL2').waitFor();
      expect((await rowCodes(page)).sort()).toEqual(['VL1', 'VL2', 'VM1']);

      await pick(page, 'opp-filter-stage', /^M$/);
      await page.waitForURL(/stage=M/);
      await oppLink(page, 'VL1').waitFor({ state: 'detached' });
      await page.getByTestId('views-save').click();
      await page.getByTestId('views-name').fill('M阶段模具');
      await page.getByTestId('views-save-ok').click();
      // saved: the select shows the view the address matches
      await page.locator('[data-testid="saved-views"]:not([data-current=""])').waitFor();

      // a fresh visit without filters (another day, another device: the views live on the server)
      await page.goto(`${b.baseUrl}/opportunities`);
      await oppLink(page, 'VL1').waitFor();
      await page.locator('[data-testid="saved-views"][data-current=""]').waitFor();
      await pick(page, 'views-select', 'M阶段模具');
      await page.waitForURL(/stage=M/);
      await oppLink(page, 'VL1').waitFor({ state: 'detached' });
      expect(await rowCodes(page)).toEqual(['VM1']);
      await page.locator('[data-testid="saved-views"]:not([data-current=""])').waitFor();

      // and deletes it
      await page.getByTestId('views-delete').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /删除视图/ })
        .click();
      await page.locator('[data-testid="saved-views"][data-current=""]').waitFor();
      expect((await am1.get('/api/v1/me/views?page=opportunities')).body.items).toEqual([]);
    });

    test('从Excel导入 opens the import preset to 商机: template, a dry run naming the bad cell, then the import lands in the list', async () => {
      const bad = join(folder, 'bad.csv');
      const good = join(folder, 'good.csv');
      writeFileSync(bad, csvOf([HEADER, ['VN1', '新年商机', 'C1', 'mold_development', 'L', '2026-06', '-5', '']]));
      writeFileSync(
        good,
        csvOf([HEADER, ['VN1', '新年商机', 'C1', 'mold_development', 'L', '2026-06', '50000', '50000']]),
      );
      const page = await b.page(1440, 900);
      await signIn(page, b.baseUrl, 'am1');
      await page.goto(`${b.baseUrl}/opportunities`);
      await page.getByTestId('opp-import').click();
      const drawer = page.getByTestId('opp-import-drawer');
      await drawer.locator('[data-testid="import-form"][data-kind="opportunities"]').waitFor();
      expect(await drawer.getByTestId('import-kind').textContent()).toContain('商机（年初承接）');
      expect(await drawer.getByTestId('import-template').getAttribute('href')).toMatch(
        /\/exchange\/templates\/opportunities\.xlsx$/,
      );

      await drawer.locator('input[type=file]').setInputFiles(bad);
      await drawer.getByTestId('import-dry-run').click();
      const problems = drawer.getByTestId('import-problems');
      await problems.waitFor();
      expect(await problems.locator('tbody tr.ant-table-row').first().textContent()).toMatch(/^2预计下单金额-5/);

      await drawer.locator('input[type=file]').setInputFiles(good);
      await drawer.getByTestId('import-run').click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /导\s*入/ })
        .click();
      await drawer.getByTestId('import-counts').waitFor();
      expect(await drawer.getByTestId('import-counts').textContent()).toContain('新增1');
      await page.keyboard.press('Escape');
      await oppLink(page, 'VN1').waitFor();
    });
  },
);
