import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';

const ship = (docNo: string, date: string, customerCode: string, amount: number, opportunityCode?: string) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode,
  amount,
  ...(opportunityCode ? { opportunityCode } : {}),
});

/**
 * "Why red?" from an AM down to the customers (issue 13 item 7). February 2026: AM1 sells 1000 against a
 * target of 2000 set only at AM level (50 %, red) — C5 500, C4 300, C1 200. Receivables at month end make
 * the customers' DSO: C1 1000 ÷ 200 × 90 = 450, C4 100 ÷ 300 × 90 = 30, C5 600 ÷ 500 × 90 = 108. C5's 500
 * are 400 for its opportunity K5 and 100 on a line that names none.
 */
describeInBrowser('the drill-down below an AM in Chromium', () => {
  let b: BrowserTest;
  let t1: number;
  let am1: number;
  let customer: Record<string, number>;
  let k5: number;
  beforeAll(async () => {
    b = await startBrowserTest();
    const admin = await b.t.as('admin');
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    };
    await write('customers', [
      { code: 'C4', name: '深圳市华星精密电子有限公司', amCode: 'AM1' },
      { code: 'C5', name: '东莞恒通模塑科技有限公司', amCode: 'AM1' },
    ]);
    await write('shipments', [
      ship('S1', '2026-02-10', 'C1', 200),
      ship('S4', '2026-02-12', 'C4', 300),
      ship('S5', '2026-02-14', 'C5', 400, 'K5'),
      ship('S5B', '2026-02-15', 'C5', 100),
    ]);
    await write('targets', [{ year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amCode: 'AM1', amount: 2000 }]);
    await write('receivables', [
      { asOf: '2026-02-28', customerCode: 'C1', balance: 1000 },
      { asOf: '2026-02-28', customerCode: 'C4', balance: 100 },
      { asOf: '2026-02-28', customerCode: 'C5', balance: 600 },
    ]);
    t1 = (await admin.get('/api/v1/tracks')).body.items.find((x) => x.code === 'T1')!.id;
    am1 = (await admin.get('/api/v1/users?role=am')).body.items.find((x) => x.code === 'AM1')!.id;
    customer = Object.fromEntries((await admin.get('/api/v1/customers')).body.items.map((x) => [x.code, x.id]));
    const opportunity = await (await b.t.as('am1')).post('/api/v1/opportunities', {
      code: 'K5',
      name: '精密连接器模具',
      customerId: customer.C5,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-02', amount: 400, shipments: { '2026-02': 400 } },
    });
    if (opportunity.status !== 201) throw new Error(JSON.stringify(opportunity.body));
    k5 = (opportunity.body as { id: number }).id;
  }, 180_000);
  afterAll(() => b?.close());

  const rowsOf = async (page: Page) => {
    const table = page.getByTestId('drill-table-customer');
    await table.getByTestId('drill-row').first().waitFor();
    return table.getByTestId('drill-row');
  };

  /**
   * Every cell of the value column lies inside the viewport: nothing to scroll sideways for. Polled: while
   * the drawer slides in, its cells are still on their way from the right edge.
   */
  const withinViewport = async (page: Page, testId: string) => {
    const cells = page.getByTestId('drill-table-customer').getByTestId(testId);
    const width = page.viewportSize()!.width;
    const edges = async () => {
      const boxes = await Promise.all((await cells.all()).map((cell) => cell.boundingBox()));
      expect(boxes.length).toBeGreaterThan(0);
      for (const box of boxes) expect(box).not.toBeNull();
      return boxes.map((box) => [box!.x >= 0, box!.x + box!.width <= width]);
    };
    await expect.poll(edges, { timeout: 5_000 }).toEqual((await cells.all()).map(() => [true, true]));
  };

  test('the CEO drills from a red AM to its customers: amounts and shares, largest first, not dashes', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    const cell = page.getByTestId(`am-cell-${am1}-2`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('red');
    await cell.click();
    const rows = await rowsOf(page);
    // the target stops at the AM: the drawer says so instead of a column of dashes
    await page.getByTestId('drill-note').waitFor();
    expect(await Promise.all((await rows.all()).map((row) => row.getAttribute('data-row-id')))).toEqual(
      ['C5', 'C4', 'C1'].map((code) => String(customer[code])),
    );
    const texts = await rows.allTextContents();
    expect(texts[0]).toContain('¥500');
    expect(texts[0]).toContain('50.0%');
    expect(texts[2]).toContain('¥200');
    expect(texts[2]).toContain('20.0%');
    for (const row of texts) expect(row.replace(/[—\s]/g, '')).toMatch(/\d/);
  });

  test('on a phone the value column stays on screen, for shares and for DSO values', async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    await page.getByTestId(`am-cell-${am1}-2`).click();
    await rowsOf(page);
    await withinViewport(page, 'drill-share');
    await page.keyboard.press('Escape');
    await page.getByTestId('drilldown-drawer').waitFor({ state: 'detached' });

    // DSO, lower is better: track → AM → customers, the highest DSO first
    await page.getByTestId(`cell-${t1}-8`).click();
    await page.getByTestId('drill-table-am').locator(`[data-row-id="${am1}"]`).click();
    const rows = await rowsOf(page);
    expect(await Promise.all((await rows.all()).map((row) => row.getAttribute('data-status')))).toEqual([
      'red',
      'yellow',
      'green',
    ]);
    expect(await rows.first().getAttribute('data-row-id')).toBe(String(customer.C1));
    await withinViewport(page, 'drill-value');
    expect(await page.getByTestId('drill-table-customer').getByTestId('drill-value').first().textContent()).toContain(
      '450',
    );
  });

  test("below a customer: its opportunities, then an opportunity's lines and the lines naming none", async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    await page.getByTestId(`am-cell-${am1}-2`).click();
    await rowsOf(page);
    await page.getByTestId('drill-table-customer').locator(`[data-row-id="${customer.C5}"]`).click();
    const opportunities = page.getByTestId('drill-table-opportunity').getByTestId('drill-row');
    await opportunities.first().waitFor();
    expect(await Promise.all((await opportunities.all()).map((row) => row.getAttribute('data-row-id')))).toEqual([
      String(k5),
      'unlinked',
    ]);
    const texts = await opportunities.allTextContents();
    expect(texts[0]).toContain('K5 精密连接器模具');
    expect(texts[0]).toContain('¥400');
    expect(texts[0]).toContain('80.0%');
    expect(texts[1]).toContain('未关联商机');
    expect(texts[1]).toContain('¥100');
    expect(await page.getByTestId('drill-note').textContent()).toContain('未关联商机');
    // no task on a customer: the disabled button says where tasks are raised instead
    await page.getByTestId('board-task-create').locator('..').hover();
    await page.getByRole('tooltip').getByText('任务针对赛道或客户经理发起', { exact: false }).waitFor();

    await opportunities.first().click();
    const lines = page.getByTestId('drill-table-line').getByTestId('drill-row');
    await lines.first().waitFor();
    expect(await lines.allTextContents()).toEqual([expect.stringContaining('S5 · 1')]);
    expect(await page.getByTestId('drill-breadcrumb').textContent()).toContain('K5 精密连接器模具');

    await page.getByTestId('drill-breadcrumb').getByText('东莞恒通模塑科技有限公司').click();
    await page.getByTestId('drill-table-opportunity').locator('[data-row-id="unlinked"]').click();
    await page.getByTestId('drill-table-line').getByText('S5B · 1').waitFor();
    expect(await lines.count()).toBe(1);
  });
});
