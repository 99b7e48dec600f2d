import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

const ship = (docNo: string, date: string, customerCode: string, amount: number) => ({
  source: 'ERP',
  docNo,
  lineNo: 1,
  date,
  customerCode,
  amount,
});

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

describeInBrowser('the ranking board in Chromium', () => {
  let b: BrowserTest;
  let t1: number;
  beforeAll(async () => {
    b = await startBrowserTest();
    const admin = await b.t.as('admin');
    const write = async (kind: string, rows: unknown[]) => {
      const res = await admin.post(`/api/v1/exchange/${kind}`, { rows });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    };
    // February 2026: T1 ships 600 + 300 against 1000 (90 %, yellow); T2 ships 1000 against 800 (green)
    await write('shipments', [
      ship('S2', '2026-02-10', 'C1', 600),
      ship('S3', '2026-02-20', 'C2', 300),
      ship('S4', '2026-02-05', 'C3', 1000),
    ]);
    await write('targets', [
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amount: 1000 },
      { year: 2026, month: 2, kind: 'sales', trackCode: 'T2', amCode: 'AM3', amount: 800 },
    ]);
    const tracks = await admin.get('/api/v1/tracks');
    t1 = tracks.body.items.find((track) => track.code === 'T1')!.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the CEO opens the board from her start page, sees the colours and drills from a track into its AMs', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'ceo');
    // she starts on her start page (docs/decisions.md "Start page per role"); the board is one click away
    await page.getByTestId('home-page').waitFor();
    await page.getByTestId('nav-menu').getByText('晾晒排名看板').click();
    await page.getByTestId('board-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/board');
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    const cell = page.getByTestId(`cell-${t1}-1`);
    await cell.waitFor();
    expect(await cell.getAttribute('data-status')).toBe('yellow');
    expect(await cell.textContent()).toContain('90.0%');
    await cell.click();
    const drawer = page.getByTestId('drilldown-drawer');
    await drawer.getByTestId('drill-table-am').waitFor();
    expect(await drawer.getByTestId('drill-summary').textContent()).toContain('¥900');
    expect(await page.getByTestId('board-task-create').isDisabled()).toBe(true);
  });

  test('the director writes a cause analysis for a yellow dimension; the cell then carries it', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'director1');
    await page.getByTestId('home-page').waitFor();
    await page.goto(`${b.baseUrl}/board?month=2026-02`);
    await page.getByTestId(`explain-${t1}`).click();
    await page.getByTestId('explain-cause-1').fill('大客户量产推迟两周');
    await page.getByTestId('explain-plan-1').fill('下周与客户确认排期');
    await page.getByTestId('explain-save').click();
    await page.getByTestId(`cell-${t1}-1`).getByTestId('cell-explained').waitFor();
  });

  test('an AM reads the board at phone width', async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'am1');
    // an AM on a phone starts on 我的任务 (docs/decisions.md "Start page per role")
    await page.getByTestId('tasks-page').waitFor();
    await page.goto(`${b.baseUrl}/board?month=2026-02&view=ytd`);
    await page.getByTestId('ams-table').waitFor();
    await page.getByTestId('tracks-table').waitFor();
  });
});
