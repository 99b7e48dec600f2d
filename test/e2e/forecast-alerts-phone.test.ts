import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';

describeInBrowser('a commodity AM on a phone: the deviation reason, then a stage move (390 × 844)', () => {
  let b: BrowserTest;
  let alertId: number;
  let opportunityId: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T10:00:00+08:00' });
    const admin = await b.t.as('admin');
    const target = { year: 2026, month: 3, kind: 'orders', trackCode: 'T2', amCode: 'AM3', amount: 500_000 };
    expect((await admin.post('/api/v1/exchange/targets', { rows: [target] })).status).toBe(200);
    const order = { orderNo: 'O1', lineNo: 1, date: '2026-03-15', customerCode: 'C3', amount: 450_000 };
    expect((await admin.post('/api/v1/exchange/orders', { rows: [order] })).status).toBe(200);
    const am3 = await b.t.as('am3');
    const c3 = (await am3.get('/api/v1/customers')).body.items.find((c) => c.code === 'C3')!.id;
    const created = await am3.post('/api/v1/opportunities', {
      code: 'CM1',
      name: '商品模报价',
      customerId: c3,
      kind: 'commodity_mold',
      stage: 'L',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    opportunityId = created.body.id;
    // SAP closes March: 450 000 ordered against 500 000 is a deviation of 10 % (the product's own check)
    await b.t.setNow('2026-04-02T10:00:00+08:00');
    const close = await (await b.t.as('admin')).post('/api/v1/exchange/close', { source: 'SAP', month: '2026-03' });
    expect(close.status).toBe(200);
    const [alert] = (await (await b.t.as('am3')).get('/api/v1/alerts?kind=commodity_deviation')).body.items;
    expect(alert).toMatchObject({ status: 'open', period: '2026-03', can: { resolve: true } });
    alertId = alert!.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the AM gives the deviation reason from the alert card, then moves the opportunity to M', async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'am3');
    await page.goto(`${b.baseUrl}/alerts`);
    const card = page.getByTestId(`alert-card-${alertId}`);
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('商品模接单偏差');
    expect(text).toContain('目标 ¥50.0万 · 实际接单 ¥45.0万 · 差额 -¥5.0万');
    // the card's buttons fit the phone's width
    const box = await card.getByTestId(`alert-resolve-${alertId}`).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    expect(await card.getByTestId(`alert-resolve-${alertId}`).textContent()).toBe('填写偏差原因');
    await card.getByTestId(`alert-resolve-${alertId}`).click();
    await page.getByTestId('alert-note').fill('客户三月底延后一批订单至四月');
    await page.getByTestId('alert-confirm').click();
    await page.getByText('没有符合条件的预警').waitFor();
    const api = (await (await b.t.as('am3')).get(`/api/v1/alerts/${alertId}`)).body;
    expect(api).toMatchObject({ status: 'resolved', note: '客户三月底延后一批订单至四月' });

    await page.goto(`${b.baseUrl}/opportunities/${opportunityId}`);
    await page.locator('[data-testid="opportunity-page"][data-stage="L"]').waitFor();
    await page.getByTestId('stage-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^M$/ }).click();
    await page.locator('[data-testid="opportunity-page"][data-stage="M"]').waitFor();
    expect((await (await b.t.as('am3')).get(`/api/v1/opportunities/${opportunityId}`)).body.stage).toBe('M');
    // nothing wider than the phone: the page's own width is the viewport's
    const width = await page.locator('html').evaluate((html) => html.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
