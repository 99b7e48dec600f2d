import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';

// The English app title: present in the English dictionary only (the zh-CN one says 东江集团 · 销售督导与预测).
const ENGLISH_TEXT = 'TK Group · Sales Supervision & Forecast';

/** Every script the page receives, with its text, so a test can say what was downloaded. */
function recordScripts(page: Page): () => Promise<{ url: string; text: string }[]> {
  const bodies: Promise<{ url: string; text: string }>[] = [];
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'script') return;
    bodies.push(
      response.text().then(
        (text) => ({ url: response.url(), text }),
        () => ({ url: response.url(), text: '' }), // the page closed before the body was read
      ),
    );
  });
  return () => Promise.all(bodies);
}

describeInBrowser('what the first pages download (issue 13 item 14, issue 12 item 7)', () => {
  let b: BrowserTest;
  let t1: number;
  beforeAll(async () => {
    b = await startBrowserTest();
    const admin = await b.t.as('admin');
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    };
    await write('shipments', [
      { source: 'ERP', docNo: 'S1', lineNo: 1, date: '2026-02-10', customerCode: 'C1', amount: 900 },
      { source: 'ERP', docNo: 'S2', lineNo: 1, date: '2026-02-05', customerCode: 'C3', amount: 1000 },
    ]);
    await write('targets', [{ year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amount: 1000 }]);
    const tracks = await admin.get('/api/v1/tracks');
    t1 = tracks.body.items.find((track) => track.code === 'T1')!.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('a zh-CN reader never downloads the English dictionary; switching to English fetches it and shows English', async () => {
    const page = await b.page();
    const scripts = recordScripts(page);
    await signIn(page, b.baseUrl, 'ceo');
    const tracksEntry = page.getByTestId('nav-tracks');
    await tracksEntry.getByText('赛道', { exact: true }).waitFor();
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    await page.getByTestId(`cell-${t1}-1`).waitFor();
    await page.getByTestId('ranking-chart').waitFor();
    await page.waitForLoadState('networkidle');
    const before = await scripts();
    expect(before.length).toBeGreaterThan(5);
    expect(before.filter((script) => script.text.includes(ENGLISH_TEXT)).map((script) => script.url)).toEqual([]);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('lang-en').click();
    await tracksEntry.getByText('Tracks', { exact: true }).waitFor();
    expect(await page.title()).toBe(ENGLISH_TEXT);
    await page.getByTestId('board-page').getByText('Tracks').first().waitFor();
    const after = (await scripts()).slice(before.length);
    expect(after.some((script) => script.text.includes(ENGLISH_TEXT))).toBe(true);
  }, 120_000);

  test('the board draws its tables while the charts are still on their way, with skeletons in their place', async () => {
    const page = await b.page(1440, 900);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // ECharts is its own chunk: hold it back, as a slow line would
    await page.route(/\/assets\/EChart-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    const cell = page.getByTestId(`cell-${t1}-1`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('yellow');
    await page.getByTestId('board-charts-loading').waitFor();
    expect(await page.getByTestId('ranking-chart').count()).toBe(0);
    expect(await page.getByTestId('board-empty').count()).toBe(0);

    release();
    await page.getByTestId('ranking-chart').waitFor();
    expect(await page.getByTestId('board-charts-loading').count()).toBe(0);
  }, 120_000);
});
