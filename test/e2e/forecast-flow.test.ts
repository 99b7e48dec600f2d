import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';

describeInBrowser('the snapshot flow between two frozen months in Chromium (SPEC §6.6)', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-01-20T10:00:00+08:00' });
    let am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const ids: Record<string, number> = {};
    for (const [code, orderMonth, amount] of [
      ['PUSH', '2026-04', 300_000],
      ['CHANGED', '2026-10', 500_000],
    ] as const) {
      const res = await am1.post('/api/v1/opportunities', {
        code,
        name: `商机 ${code}`,
        customerId: c1,
        kind: 'mold_development',
        stage: 'M',
        rolling: { orderMonth, amount },
      });
      expect(res.status).toBe(201);
      ids[code] = res.body.id;
    }
    // February's snapshot freezes when its window closes; March's likewise (the product's jobs)
    await b.t.setNow('2026-02-10T10:00:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    am1 = await b.t.as('am1');
    const put = async (code: string, body: Record<string, unknown>) =>
      expect((await am1.put(`/api/v1/opportunities/${ids[code]}/forecast/rolling`, body)).status).toBe(200);
    await put('PUSH', { orderMonth: '2026-07', amount: 350_000, reason: '客户推迟量产' });
    await put('CHANGED', { orderMonth: '2026-10', amount: 550_000 });
    await b.t.setNow('2026-03-10T10:00:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
  }, 180_000);
  afterAll(() => b?.close());

  test('the buckets equal the API’s and a bucket opens to its opportunities before → after', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/forecast/flow?from=2026-02&to=2026-03`);
    await page.getByTestId('flow-chart').waitFor();
    const api = (await (await b.t.as('ceo')).get('/api/v1/forecast/flow?from=2026-02&to=2026-03')).body;
    const pushed = api.buckets.find((x) => x.bucket === 'pushedOut')!;
    // by hand: PUSH April → July, 300 000 → 350 000: +50 000; CHANGED 500 000 → 550 000: +50 000
    expect([pushed.count, pushed.amount]).toEqual([1, 50_000]);
    expect(api.buckets.find((x) => x.bucket === 'changed')).toMatchObject({ count: 1, amount: 50_000 });
    expect(await page.getByTestId('flow-net').getAttribute('data-value')).toBe('100000');
    expect(await page.getByTestId('flow-net').textContent()).toBe('+¥10.0万');

    await page.getByTestId('flow-bucket-pushedOut').click();
    await page.waitForURL((url) => url.searchParams.get('bucket') === 'pushedOut');
    const row = page.getByTestId('flow-items-pushedOut').locator('tbody tr').filter({ hasText: 'PUSH' });
    const text = await row.textContent();
    expect(text).toContain('M · 2026年4月 · ¥30.0万');
    expect(text).toContain('M · 2026年7月 · ¥35.0万');
    expect(text).toContain('+¥5.0万');
  });
});
