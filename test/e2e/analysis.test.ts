import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, startBrowserTest } from '../support/browser.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-menu').or(page.getByTestId('nav-toggle')).first().waitFor();
}

/** The board's colour rules for a month, as its legend shows them. */
async function legendOf(page: Page, baseUrl: string, month: string): Promise<string> {
  await page.goto(`${baseUrl}/board?month=${month}`);
  await page.getByTestId('board-legend').click();
  const popover = page.locator('.ant-popover').filter({ hasText: '维度一' });
  await popover.waitFor();
  const rule = (await popover.locator('tr').first().textContent()) ?? '';
  await page.keyboard.press('Escape');
  return rule;
}

describeInBrowser('quarterly analysis and threshold proposals in Chromium (A1, A2)', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    // Monday 2 March 2026: T1's weekly meeting at 09:00 Asia/Shanghai; tasks are entered half an hour in
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    const ids = await idsByCode(b.t);
    const director = await b.t.as('director1');
    const weekly = await meetingAt(director, 'weekly', '2026-03-02T09:00:00+08:00', ids.T1);
    await b.t.setNow('2026-03-02T09:30:00+08:00');
    const task = (am: string, description: string) =>
      raise(director, {
        meetingId: weekly.id,
        dimension: 2,
        subjectType: 'am',
        subjectId: ids[am],
        month: '2026-02',
        description,
      });
    const done = await task('AM1', '跟进重点客户出货');
    await task('AM2', '确认新客户接单计划');
    const am1 = await b.t.as('am1');
    const completed = await am1.post(`/api/v1/tasks/${done.id}/complete`, { note: '已与客户确认出货' });
    if (completed.status !== 200) throw new Error(JSON.stringify(completed.body));
  }, 180_000);
  afterAll(() => b?.close());

  test('a director proposes bands, the CEO approves from April, and the board uses them from April on', async () => {
    const director = await b.page();
    await signIn(director, b.baseUrl, 'director1');
    await director.getByTestId('nav-thresholds').click();
    await director.getByTestId('thresholds-page').waitFor();
    await director.getByTestId('propose-open').click();
    // 维度一 is higher-is-better: red above yellow is refused by the server, next to the field
    await director.getByTestId('propose-red').fill('95');
    await director.getByTestId('propose-yellow').fill('85');
    await director.getByTestId('propose-reason').fill('目标已下调，红线应提高');
    await director.getByTestId('propose-submit').click();
    await director.getByText('该维度越高越好，黄灯线须高于红灯线').waitFor();
    await director.getByTestId('propose-red').fill('85');
    await director.getByTestId('propose-yellow').fill('95');
    await director.getByTestId('propose-submit').click();
    await director.getByTestId('propose-form').waitFor({ state: 'detached' });
    const proposed = director.getByTestId('proposals-table').locator('[data-testid^="proposal-status-"]');
    await expect.poll(() => proposed.allTextContents()).toEqual(['待审批']);
    const id = (await proposed.getAttribute('data-testid'))?.replace('proposal-status-', '');

    const ceo = await b.page();
    await signIn(ceo, b.baseUrl, 'ceo');
    await ceo.goto(`${b.baseUrl}/thresholds`);
    await ceo.getByTestId(`proposal-approve-${id}`).click();
    // next month is the default effective month
    await expect.poll(() => ceo.getByTestId('decide-month').textContent()).toContain('2026年4月');
    await ceo.getByTestId('decide-submit').click();
    await expect.poll(() => ceo.getByTestId(`proposal-status-${id}`).textContent()).toBe('已批准');
    expect(await ceo.getByTestId('bands-table').textContent()).toContain('红 < 90% · 黄 < 100%');

    expect(await legendOf(ceo, b.baseUrl, '2026-04')).toContain('红 < 85% · 黄 < 95% · 绿 ≥ 95%');
    expect(await legendOf(ceo, b.baseUrl, '2026-03')).toContain('红 < 90% · 黄 < 100% · 绿 ≥ 100%');
  });

  test("the analysis shows the quarter's tasks: one of two completed is 50 %, below the 90 % goal in red", async () => {
    const ceo = await b.page();
    await signIn(ceo, b.baseUrl, 'ceo');
    await ceo.getByTestId('nav-analysis').click();
    await ceo.getByTestId('analysis-kpis').waitFor();
    expect(await ceo.getByTestId('analysis-quarter').textContent()).toContain('2026年第1季度');
    expect(await ceo.getByTestId('kpi-raised-value').textContent()).toBe('2');
    expect(await ceo.getByTestId('kpi-completionRate-value').textContent()).toBe('50.0%');
    expect(await ceo.getByTestId('kpi-completionRate').getAttribute('data-below-goal')).toBe('true');
    await ceo.getByTestId('rates-chart').locator('canvas').waitFor();
    const owners = await ceo.getByTestId('owners-table').locator('tr.ant-table-row').allTextContents();
    expect(owners[0]).toContain('0.0%');
    expect(owners[1]).toContain('100.0%');
    const href = await ceo.getByTestId('analysis-export').getAttribute('href');
    expect(href).toBe('/api/v1/analytics/quarterly.xlsx?quarter=2026-Q1');

    // the previous quarter had no tasks: the page says so
    await ceo.getByTestId('analysis-prev').click();
    await ceo.getByTestId('analysis-empty').waitFor();
  });

  test('a director reads their own track on a phone', async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/analysis?type=weekly`);
    await page.getByTestId('analysis-own-track').waitFor();
    expect(await page.getByTestId('kpi-completionRate-value').textContent()).toBe('50.0%');
    expect(await page.getByTestId('kpi-escalationRate-value').textContent()).toBe('0.0%');
  });
});
