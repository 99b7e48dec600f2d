import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { c3Order, t2OrdersTarget } from '../support/exchange.js';
import { describeInBrowser } from '../support/suites.js';

const RED = 'rgb(220, 38, 38)';
const GREEN = 'rgb(22, 163, 74)';

// The test runs in Node: the browser's getComputedStyle is reached through the element's window.
const colour = (e: { ownerDocument: { defaultView: unknown } }) =>
  (e.ownerDocument.defaultView as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color;

/** The total's 达成率 and the colour it is shown in, then each row's rate with its colour. */
async function rates(page: Page) {
  const total = page.getByTestId('att-rate').locator('.ant-statistic-content');
  const cells = page.getByTestId('att-table').locator('tbody tr td:nth-child(4) span');
  const rows: [string, string][] = [];
  for (const cell of await cells.all()) rows.push([(await cell.textContent()) ?? '', await cell.evaluate(colour)]);
  return {
    total: [(await total.textContent()) ?? '', await total.evaluate(colour)],
    rows,
  };
}

/**
 * 商品模接单达成 (SPEC §6.6) in Chromium: below target is red wherever the rate is shown — the total at the
 * top as well as the track's and the AM's rows — and at or above target green. Data as in
 * test/api/forecast-views-numbers: T2 (commodity) targets am3 1,000 a month, the track's own row 1,200 in
 * March; SAP orders on C3 900 (January), 1,100 (February), 600 (March).
 */
describeInBrowser('commodity order attainment in Chromium: below target red, the total too', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-10T10:00:00+08:00' });
    const admin = await b.t.as('admin');
    const am3 = (await admin.get('/api/v1/users?limit=100')).body.items.find((u) => u.username === 'am3')!.code;
    const target = t2OrdersTarget;
    const targets = [target(1, 1000, am3), target(2, 1000, am3), target(3, 1000, am3), target(3, 1200)];
    expect((await admin.post('/api/v1/exchange/targets', { rows: targets })).status).toBe(200);
    const order = c3Order;
    const orders = [order('O1', '2026-01-20', 900), order('O2', '2026-02-05', 1100), order('O3', '2026-03-05', 600)];
    expect((await admin.post('/api/v1/exchange/orders', { rows: orders })).status).toBe(200);
  }, 180_000);
  afterAll(() => b?.close());

  test('March: the total, the track and the AM below target, all red; February at 110 % green', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/forecast/attainment?month=2026-03`);
    await page.getByTestId('att-rate').waitFor();
    expect(await rates(page)).toEqual({
      total: ['50.0%', RED],
      rows: [
        ['50.0%', RED],
        ['60.0%', RED],
      ],
    });

    await page.getByTestId('att-view').getByText('年累计').click();
    await page.getByTestId('att-rate').getByText('81.3%').waitFor();
    expect((await rates(page)).total).toEqual(['81.3%', RED]);

    await page.goto(`${b.baseUrl}/forecast/attainment?month=2026-02`);
    await page.getByTestId('att-rate').getByText('110.0%').waitFor();
    expect(await rates(page)).toEqual({
      total: ['110.0%', GREEN],
      rows: [
        ['110.0%', GREEN],
        ['110.0%', GREEN],
      ],
    });
  });
});
