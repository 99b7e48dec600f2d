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
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

describeInBrowser('the meetings loop in Chromium (issue 5)', () => {
  let b: BrowserTest;
  let ids: Record<string, number>;
  let weeklyId: number;
  let aprilId: number;
  beforeAll(async () => {
    // the clock starts before Monday's weekly meeting, so that meeting exists in the calendar
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(b.t);
    const admin = await b.t.as('admin');
    weeklyId = (await meetingAt(admin, 'weekly', '2026-03-02T01:00:00Z', ids.T1)).id;
    aprilId = (await meetingAt(admin, 'supervision', '2026-04-01T01:30:00Z')).id;
    await b.t.setNow('2026-03-02T09:20:00+08:00');
  }, 180_000);
  afterAll(() => b?.close());

  test('the director raises a weekly task from a board cell in the weekly meeting page', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/meetings`);
    await page.getByTestId(`meeting-link-${weeklyId}`).click();
    await page.getByTestId('meeting-title').waitFor();
    expect(await page.getByTestId('meeting-title').textContent()).toBe('消费电子I赛道周会');
    await page.getByRole('tab', { name: '看板' }).click();
    await page.getByTestId(`am-cell-${ids.AM1}-2`).click();
    await page.getByTestId('board-task-create').click();
    await page.getByTestId('raise-description').fill('本周内与客户确认试模排期');
    await page.getByTestId('raise-submit').click();
    await page.getByText('任务已录入').waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: '本次会议任务' }).click();
    await page.getByTestId('raised-tasks').getByText('本周内与客户确认试模排期').waitFor();
    const tasks = (await (await b.t.as('director1')).get(`/api/v1/tasks?meetingId=${weeklyId}`)).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ ownerId: ids.AM1, dimension: 2, description: '本周内与客户确认试模排期' });
  });

  test('clicks inside the raise dialog stay in it: the board row underneath does not open its drill-down (issue 13, item 1)', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/meetings/${weeklyId}`);
    await page.getByRole('tab', { name: '看板' }).click();
    // A weekly meeting raises tasks for its own track's AMs only (issue 13, item 3).
    await page.getByTestId(`am-cell-${ids.AM3}-2`).waitFor();
    expect(await page.getByTestId(`row-task-create-am-${ids.AM3}`).count()).toBe(0);
    await page.getByTestId(`row-task-create-am-${ids.AM2}`).click();
    // The row's "+" asks which dimension, showing each one's value and status, and the chosen one's band (item 2).
    expect(await page.getByTestId('raise-dimension').textContent()).toMatch(/维度[二四]/);
    expect(await page.getByTestId('raise-value').textContent()).toMatch(/红|黄|绿|达标|无数据|—/);
    await page.getByTestId('raise-description').click();
    await page.getByTestId('raise-description').fill('先看清楚再录入');
    await page
      .locator('.ant-modal')
      .getByText('取 消')
      .or(page.locator('.ant-modal').getByText('取消'))
      .first()
      .waitFor();
    expect(await page.getByTestId('drilldown-drawer').count()).toBe(0);
    await page.locator('.ant-modal-close').click();
  });

  test('the AM completes one on a phone, the other escalates; the CEO sees it in red with 已升级 in the supervision meeting and reassigns it', async () => {
    const other = await raise(await b.t.as('director1'), {
      meetingId: weeklyId,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM2,
      month: '2026-03',
    });
    // the AM completes it on a phone: the big button, then confirm
    const phone = await b.page(390, 844);
    await signIn(phone, b.baseUrl, 'am2');
    await phone.goto(`${b.baseUrl}/tasks/${other.id}`);
    await phone.getByTestId('task-complete').click();
    await phone.getByTestId('complete-confirm').click();
    await phone.locator('[data-testid="task-status"][data-status="completed"]').waitFor();
    await b.t.setNow('2026-03-09T09:01:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    await b.t.setNow('2026-04-01T09:40:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');

    const page = await b.page();
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/meetings/${aprilId}`);
    const escalated = page.getByTestId(`report-escalated-${ids.T1}`);
    await escalated.waitFor();
    const row = escalated.locator('tr.row-alarm').filter({ hasText: '本周内与客户确认试模排期' });
    expect(await row.count()).toBe(1);
    expect(await row.getByTestId('escalated-tag').first().textContent()).toBe('已升级');
    expect(await row.getByRole('link').first().getAttribute('style')).toContain('color: rgb(220, 38, 38)');
    expect(await page.getByTestId('report-counts').textContent()).toContain('已升级1');

    // D1 at the meeting: the CEO reassigns the escalated task to another AM of the track, with a reason
    await row.getByTestId('decide-reassign').click();
    await page.getByTestId('decision-owner').click();
    // Each candidate names role and track beside the name (issue 13, item 11).
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^am2 · 客户经理 · 消费电子I$/ })
      .click();
    await page.getByTestId('decision-reason').fill('由am2接手跟进试模排期');
    await page.getByTestId('decision-submit').click();
    const taskId = Number((await row.getByRole('link').first().textContent())?.match(/#(\d+)/)?.[1]);
    const ceo = await b.t.as('ceo');
    // Only the three fields compared, so that a failure shows what they were.
    const decided = async () => {
      const { ownerId, reassignments, escalated } = (await ceo.get(`/api/v1/tasks/${taskId}`)).body;
      return { ownerId, reassignments, escalated };
    };
    await expect.poll(decided, { timeout: 10_000 }).toEqual({ ownerId: ids.AM2, reassignments: 1, escalated: true });
    const event = (await ceo.get(`/api/v1/tasks/${taskId}`)).body.history.at(-1);
    expect(event).toMatchObject({ action: 'reassigned', actorId: ids.CEO, reason: '由am2接手跟进试模排期' });
    // The row shows the new owner, and the one the report froze struck beside it.
    await expect.poll(() => row.getByTestId('report-owner').textContent(), { timeout: 10_000 }).toBe('am2');
    const was = await row.getByTestId('report-owner-was').textContent();
    expect(was).toMatch(/^原 \S/);
    expect(was).not.toContain('am2');
  });
});
