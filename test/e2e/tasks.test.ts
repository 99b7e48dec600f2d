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
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** The bell's unread count once it has (re)read it. */
async function bellShows(page: Page, count: number) {
  await page.locator(`[data-testid="notification-bell"][data-count="${count}"]`).waitFor();
}

// 2026-03-02 is a Monday: T1's weekly meeting starts 09:00 Asia/Shanghai; the next one is on 9 March.
describeInBrowser('tasks in Chromium: the owner completes on a phone, the director reopens, the bell counts', () => {
  let b: BrowserTest;
  let taskId: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    const ids = await idsByCode(b.t);
    const weekly = await meetingAt(await b.t.as('admin'), 'weekly', '2026-03-02T01:00:00.000Z', ids.T1);
    await b.t.setNow('2026-03-02T09:30:00+08:00');
    const task = await raise(await b.t.as('director1'), {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '请梳理前三大客户的出货计划并给出追赶方案',
    });
    taskId = task.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the AM opens 我的任务 on a phone and completes the task in two taps', async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/tasks`);
    const card = page.getByTestId(`task-card-${taskId}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('请梳理前三大客户的出货计划');
    await bellShows(page, 1); // the assignment

    await card.click();
    await page.getByTestId('task-page').waitFor();
    expect(await page.getByTestId('task-background').textContent()).toContain('销售达成率');
    await page.getByTestId('task-complete').click(); // tap 1: the big button
    await page.getByTestId('complete-confirm').click(); // tap 2: confirm in the sheet
    await page.locator('[data-testid="task-status"][data-status="completed"]').waitFor();
    await page.getByTestId('history-completed').waitFor();
    expect(await page.getByTestId('task-complete').count()).toBe(0);
  });

  test('the director sees it completed among the track tasks and reopens it with a reason', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/tasks`);
    await page.getByTestId('tasks-tab-track').click();
    await page.getByTestId('task-status-filter').getByText('已完成').click();
    const row = page.getByTestId(`task-row-${taskId}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('已完成');

    await page.getByTestId(`task-link-${taskId}`).click();
    expect(await page.getByTestId('task-note').textContent()).toBe('已按要求完成');
    await page.getByTestId('decide-reopen').click();
    await page.getByTestId('decision-reason').fill('客户尚未确认出货计划');
    await page.getByTestId('decision-submit').click();
    await page.locator('[data-testid="task-status"][data-status="pending"]').waitFor();
    const reopened = page.getByTestId('history-reopened');
    await reopened.waitFor();
    expect(await reopened.textContent()).toContain('客户尚未确认出货计划');
  });

  test("the AM's bell counts the reopening; opening it goes to the task and marks it read", async () => {
    const page = await b.page(390, 844);
    await signIn(page, b.baseUrl, 'am1');
    await bellShows(page, 2);
    await page.getByTestId('notification-bell').click();
    const inbox = page.getByTestId('notification-inbox');
    await inbox.getByText('任务被重新打开').click();
    await page.waitForURL(`${b.baseUrl}/tasks/${taskId}`);
    await page.locator('[data-testid="task-status"][data-status="pending"]').waitFor();
    await bellShows(page, 1);
    // Writing one's own completion note replaces the pre-filled phrase, nothing to delete first (issue 13, item 11).
    await page.getByTestId('task-complete').click();
    const note = page.getByTestId('complete-note');
    expect(await note.inputValue()).toBe('已按要求完成');
    await note.click();
    await page.keyboard.type('已与客户确认');
    expect(await note.inputValue()).toBe('已与客户确认');
  });

  test('past the next weekly meeting the still pending task is overdue and escalated, in red for everyone', async () => {
    await b.t.setNow('2026-03-09T09:05:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');

    const phone = await b.page(390, 844);
    await signIn(phone, b.baseUrl, 'am1');
    await phone.goto(`${b.baseUrl}/tasks`);
    const card = phone.getByTestId(`task-card-${taskId}`);
    await card.getByTestId('escalated-tag').waitFor();
    await card.getByTestId('overdue-tag').waitFor();

    const desk = await b.page();
    await signIn(desk, b.baseUrl, 'ceo');
    await desk.goto(`${b.baseUrl}/tasks?escalated=true`);
    const row = desk.getByTestId(`task-row-${taskId}`);
    await row.waitFor();
    expect(await row.getAttribute('class')).toContain('row-alarm');
    await desk.getByTestId(`task-link-${taskId}`).click();
    await desk.getByTestId('decide-redispatch').waitFor();
  });
});
