import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import type { Client } from '../support/test-app.js';

async function chooseStage(page: Page, label: string) {
  await page.getByTestId('stage-select').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
}

describeInBrowser('the move to H asks for the precision forecast (SPEC §6.4)', () => {
  let b: BrowserTest;
  let am1: Client;
  let id: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-10T10:00:00+08:00' });
    am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const res = await am1.post('/api/v1/opportunities', {
      code: 'PH',
      name: '精度版演示',
      customerId: c1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-05', amount: 100_000, shipments: { '2026-06': 100_000 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the 422 opens the precision form with its fields in red; saving it moves the stage to H', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/opportunities/${id}`);
    await page.locator('[data-testid="opportunity-page"][data-stage="M"]').waitFor();
    await chooseStage(page, 'H');

    const form = page.getByTestId('version-form-precision');
    await form.waitFor();
    // all three named by the server: order month, amount and the shipment months
    await page.locator('[data-testid="version-shipments"][data-missing="true"]').waitFor();
    expect(await form.locator('.ant-form-item-has-error').count()).toBe(2);

    await page.getByTestId('version-orderMonth').fill('2026-05');
    await page.getByTestId('version-amount').fill('90000');
    await page.getByTestId('ship-amount-0').fill('30000');
    await page.getByTestId('ship-amount-1').fill('60000');
    await page.getByTestId('version-submit').click();

    await page.locator('[data-testid="opportunity-page"][data-stage="H"]').waitFor();
    expect(await page.getByTestId('version-precision-amount').textContent()).toBe('¥9.0万');
    const after = (await am1.get(`/api/v1/opportunities/${id}`)).body;
    expect(after.stage).toBe('H');
    // the form starts with the three months after this one
    expect(after.precision).toMatchObject({
      orderMonth: '2026-05',
      amount: 90_000,
      shipments: { '2026-04': 30_000, '2026-05': 60_000 },
    });
    expect(after.history.map((h) => h.action)).toEqual(['created', 'precision_forecast', 'stage_changed']);
  });

  test('a mass-production opportunity shows its monthly call-off orders beside the order month', async () => {
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const made = await am1.post('/api/v1/opportunities', {
      code: 'CALL',
      name: '量产分月接单',
      customerId: c1,
      kind: 'mass_production',
      stage: 'M',
      rolling: {
        orderMonth: '2026-05',
        amount: 90_000,
        orders: { '2026-05': 20_000, '2026-06': 30_000, '2026-07': 40_000 },
        shipments: { '2026-06': 90_000 },
      },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/opportunities/${made.body.id}`);
    const orders = page.getByTestId('version-rolling-orders');
    await orders.waitFor();
    const parts = (await orders.textContent())!.split(' · ');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toContain('¥2.0万');
    expect(parts[2]).toContain('¥4.0万');
  });
});
