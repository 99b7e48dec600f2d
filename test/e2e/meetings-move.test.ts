import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, startBrowserTest } from '../support/browser.js';
import { idsByCode, meetingAt } from '../support/meetings.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

describeInBrowser('the meeting list and moving a meeting in Chromium (issue 13, items 9 and 11)', () => {
  let b: BrowserTest;
  let weeklyId: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    const ids = await idsByCode(b.t);
    weeklyId = (await meetingAt(await b.t.as('admin'), 'weekly', '2026-03-02T01:00:00Z', ids.T1)).id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the list loads under a skeleton, never "no meetings"; a new start moves the end with it and the move saves', async () => {
    const page = await b.page();
    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('login-username').fill('director1');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    // While the list loads it shows a skeleton, not "no meetings" (issue 13, item 9): the answer is held back.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/meetings?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${b.baseUrl}/meetings`);
    await page.getByTestId('meetings-loading').waitFor();
    expect(await page.getByText('这段时间没有会议').count()).toBe(0);
    release();
    await page.getByTestId(`meeting-move-${weeklyId}`).click();
    const before = await page.getByTestId('move-end').inputValue();
    expect(before).toBe('2026-03-02T10:00');
    await page.getByTestId('move-start').fill('2026-03-02T14:30');
    expect(await page.getByTestId('move-end').inputValue()).toBe('2026-03-02T15:30');
    await page.getByTestId('move-submit').click();
    await page.getByText('已调整').first().waitFor();
    const moved = (await (await b.t.as('director1')).get(`/api/v1/meetings/${weeklyId}`)).body;
    expect(moved).toMatchObject({ startsAt: '2026-03-02T06:30:00.000Z', endsAt: '2026-03-02T07:30:00.000Z' });
  });
});
