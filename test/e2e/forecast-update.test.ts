import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import type { Client } from '../support/test-app.js';

/** What Excel puts on the clipboard for a block: tab-separated cells, one line a row. */
async function paste(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.getByTestId(testId).evaluate((input, value) => {
    // the page's own DOM classes (the test's tsconfig has no DOM library)
    const web = globalThis as unknown as {
      DataTransfer: new () => { setData(type: string, value: string): void };
      ClipboardEvent: new (type: string, init: object) => Event;
    };
    const data = new web.DataTransfer();
    data.setData('text/plain', value);
    input.dispatchEvent(new web.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const row = (page: Page, code: string, missing: boolean) =>
  page.locator(`[data-testid="grid-row-${code}"][data-missing="${missing}"]`);

// Monday 2 March 2026, 10:00 Asia/Shanghai: inside March's rolling-update window (days 1–5).
describeInBrowser('the AM’s monthly update grid in Chromium (SPEC §6.4)', () => {
  let b: BrowserTest;
  let am1: Client;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T10:00:00+08:00' });
    am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const make = async (code: string, amount: number) => {
      const res = await am1.post('/api/v1/opportunities', {
        code,
        name: `${code} 外壳`,
        customerId: c1,
        kind: 'mold_development',
        stage: 'M',
        rolling: { orderMonth: '2026-04', amount, shipments: { '2026-05': amount } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[code] = res.body.id;
    };
    await make('GA', 100_000);
    await make('GB', 100_000);
    await make('GC', 80_000);
  }, 180_000);
  afterAll(() => b?.close());

  test('three rows updated in the window (one typed, one pasted from Excel, one confirmed unchanged) and compliance is complete', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/forecast/update`);
    await page.locator('[data-testid="grid-window"][data-open="true"]').waitFor();
    for (const code of ['GA', 'GB', 'GC']) await row(page, code, true).waitFor();
    expect(await page.getByTestId('grid-total-amount').textContent()).toBe('¥28.0万');

    // GA: a new amount, saved with Ctrl+Enter from its cell
    await page.getByTestId('cell-GA-amount').fill('120000');
    // GB: amount and the first two shipment months pasted as one Excel row
    await paste(page, 'cell-GB-amount', '150,000\t50000\t100000\r\n');
    // the running total follows the drafts before anything is saved: 120 000 + 150 000 + 80 000
    expect(await page.getByTestId('grid-total-amount').textContent()).toBe('¥35.0万');
    expect(await page.getByTestId('grid-total-2026-03').textContent()).toBe('¥5.0万');
    await page.getByTestId('cell-GA-amount').press('Control+Enter');
    await row(page, 'GA', false).waitFor();
    await page.getByTestId('grid-save-all').click();
    await row(page, 'GB', false).waitFor();
    // GC: nothing changed, one key confirms it
    await page.getByTestId('cell-GC-orderMonth').click();
    await page.getByTestId('cell-GC-orderMonth').press('Control+Enter');
    await row(page, 'GC', false).waitFor();

    const compliance = (await am1.get('/api/v1/forecast/compliance?month=2026-03')).body;
    expect(compliance.ams).toEqual([{ amId: expect.any(Number), due: 3, updated: 3, missing: [] }]);
    // the director's compliance list shows the AM complete
    const director = await b.page(1440, 900);
    await signIn(director, b.baseUrl, 'director1');
    await director.goto(`${b.baseUrl}/forecast/update`);
    await director.locator(`[data-testid="compliance-${compliance.ams[0]!.amId}"][data-missing="0"]`).waitFor();
    const gb = (await am1.get(`/api/v1/opportunities/${ids.GB}`)).body;
    expect(gb.rolling).toMatchObject({
      orderMonth: '2026-04',
      amount: 150_000,
      shipments: { '2026-03': 50_000, '2026-04': 100_000, '2026-05': 100_000 },
    });
    expect((await am1.get(`/api/v1/opportunities/${ids.GA}`)).body.rolling?.amount).toBe(120_000);
    const gc = (await am1.get(`/api/v1/opportunities/${ids.GC}`)).body;
    expect(gc.history.filter((h) => h.action === 'rolling_forecast')).toHaveLength(1);
    expect(gc.rolling).toMatchObject({ orderMonth: '2026-04', amount: 80_000 });
  });

  test('a later order month asks for the reason, and the server’s refusal lands on its cell', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/forecast/update`);
    await row(page, 'GA', false).waitFor();
    await page.getByTestId('cell-GA-orderMonth').fill('2026-06');
    await page.getByTestId('cell-GA-orderMonth').press('Control+Enter');
    await page.getByTestId('push-reason-GA').fill('客户项目延期');
    await page.getByTestId('push-submit').click();
    await page.locator('[data-testid="grid-row-GA"][data-dirty="false"]').waitFor();
    // the reason dialog gone and the save finished before the next cell is typed into
    await page.getByTestId('push-submit').waitFor({ state: 'detached' });
    await page.locator('[data-testid="update-grid-page"][data-busy="false"]').waitFor();
    const ga = (await am1.get(`/api/v1/opportunities/${ids.GA}`)).body;
    expect(ga).toMatchObject({ pushCount: 1, rolling: { orderMonth: '2026-06' } });
    expect(ga.history.at(-1)).toMatchObject({ action: 'rolling_forecast', reason: '客户项目延期' });

    // an amount beyond the contract's maximum: the server names `shipments.2026-04`, the grid marks that cell
    await page.getByTestId('cell-GB-2026-04').fill('10000000000000000');
    await page.getByTestId('cell-GB-2026-04').press('Control+Enter');
    await page.locator('[data-testid="cell-GB-2026-04"][data-error="true"]').waitFor();
    expect(await page.locator('[data-error="true"]').count()).toBe(1);
    expect((await am1.get(`/api/v1/opportunities/${ids.GB}`)).body.rolling?.shipments['2026-04']).toBe(100_000);
  });
});
