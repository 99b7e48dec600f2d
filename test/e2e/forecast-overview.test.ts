import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import type { Client } from '../support/test-app.js';

const FIGURES = ['orderTarget', 'ytdOrders', 'remainingGap', 'pipeline', 'coverage', 'weightedCoverage'] as const;

/** The dashboard's figures as the page holds them (data-value carries the exact number). */
async function shown(page: Page) {
  const out: Record<string, number | null> = {};
  for (const id of FIGURES) {
    const value = await page.getByTestId(`ov-${id}`).getAttribute('data-value');
    out[id] = value === '' || value === null ? null : Number(value);
  }
  return out;
}

describeInBrowser('the CEO’s forecast overview in Chromium (SPEC §6.6)', () => {
  let b: BrowserTest;
  let ceo: Client;
  let t1: { id: number; name: string };
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-04-15T10:00:00+08:00' });
    const admin = await b.t.as('admin');
    ceo = await b.t.as('ceo');
    const track = (await admin.get('/api/v1/tracks')).body.items.find((x) => x.code === 'T1')!;
    t1 = { id: track.id, name: track.name };
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const targets = months.map((month) => ({ year: 2026, month, kind: 'orders', trackCode: 'T1', amount: 10_000 }));
    expect((await admin.post('/api/v1/exchange/targets', { rows: targets })).status).toBe(200);
    const order = (orderNo: string, date: string, amount: number) => ({
      orderNo,
      lineNo: 1,
      date,
      customerCode: 'C1',
      amount,
    });
    const orders = [
      order('O1', '2026-01-20', 8_000),
      order('O2', '2026-03-05', 12_000),
      order('O3', '2026-04-10', 5_000),
    ];
    expect((await admin.post('/api/v1/exchange/orders', { rows: orders })).status).toBe(200);
    const am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const created = await am1.post('/api/v1/opportunities', {
      code: 'OV1',
      name: 'OV1',
      customerId: c1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-06', amount: 50_000, shipments: { '2026-07': 50_000 } },
    });
    expect(created.status).toBe(201);
  }, 180_000);
  afterAll(() => b?.close());

  test('the figures in total and for a track are the API’s, and read in ¥/万 and 倍', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/forecast/overview?year=2026`);
    await page.getByTestId('ov-remainingGap').waitFor();
    const api = (await ceo.get('/api/v1/forecast/overview?year=2026')).body;
    const pick = (f: typeof api.total) => Object.fromEntries(FIGURES.map((id) => [id, f[id]]));
    expect(await shown(page)).toEqual(pick(api.total));

    await page.getByTestId('ov-scope').getByText(t1.name, { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('trackId') === String(t1.id));
    const track = api.tracks.find((x) => x.trackId === t1.id)!;
    await page.locator(`[data-testid="ov-orderTarget"][data-value="${track.orderTarget}"]`).waitFor();
    expect(await shown(page)).toEqual(pick(track));
    // by hand: 12 × 10 000 target − (8 000 + 12 000 + 5 000) ordered = 95 000; 50 000 in the pipeline
    expect(track).toMatchObject({ orderTarget: 120_000, ytdOrders: 25_000, remainingGap: 95_000, pipeline: 50_000 });
    expect(await page.getByTestId('ov-remainingGap').textContent()).toBe('¥9.5万');
    expect(await page.getByTestId('ov-coverage').textContent()).toBe('0.53 倍');
    expect(await page.getByTestId('ov-weightedCoverage').textContent()).toBe('0.26 倍');
  });
});
