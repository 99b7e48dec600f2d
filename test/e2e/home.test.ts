import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeInBrowser } from '../support/suites.js';

const RED = 'rgb(220, 38, 38)';
const colourOf = (page: Page, testId: string) =>
  page
    .getByTestId(testId)
    .locator('a')
    .first()
    // the test runs in Node: the browser's getComputedStyle is reached through the element's window
    .evaluate((a) => a.ownerDocument.defaultView!.getComputedStyle(a).color);

// 2026-03-02 is a Monday: T1's weekly meeting starts 09:00 Asia/Shanghai; March's update window is the 1st–5th.
describeInBrowser('the start page per role (docs/decisions.md "Start page per role")', () => {
  let b: BrowserTest;
  let taskId: number;
  let ids: Record<string, number>;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(b.t);
    const weekly = await meetingAt(await b.t.as('admin'), 'weekly', '2026-03-02T01:00:00.000Z', ids.T1);
    const am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    const created = await am1.post('/api/v1/opportunities', {
      code: 'D25',
      name: '三月接单模具',
      customerId: c1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-03', amount: 120_000 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await b.t.setNow('2026-03-02T09:30:00+08:00');
    const task = await raise(await b.t.as('director1'), {
      meetingId: weekly.id,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '请梳理前三大客户的出货计划并给出追赶方案',
      deadline: '2026-03-04T10:00:00.000Z',
    });
    taskId = task.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('an AM on a phone lands on 我的任务; at the desk the start page shows the late task and the open window', async () => {
    await b.t.setNow('2026-03-05T10:00:00+08:00');
    const phone = await b.page(390, 844);
    await signIn(phone, b.baseUrl, 'am1');
    await phone.getByTestId('tasks-page').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/tasks');
    await phone.getByTestId(`task-card-${taskId}`).waitFor();
    // opening the app again on the phone starts there too
    await phone.goto(`${b.baseUrl}/`);
    await phone.getByTestId('tasks-page').waitFor();
    expect(new URL(phone.url()).pathname).toBe('/tasks');

    const desk = await b.page(1440, 900);
    await signIn(desk, b.baseUrl, 'am1');
    await desk.getByTestId('home-page').waitFor();
    expect(new URL(desk.url()).pathname).toBe('/');
    const row = desk.locator(`[data-testid="home-task-${taskId}"][data-late="true"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('已逾期');
    expect(await colourOf(desk, `home-task-${taskId}`)).toBe(RED);
    // the window is open until the 5th and D25 has not been updated in it
    const window = desk.locator('[data-testid="home-window-body"][data-open="true"]');
    await window.waitFor();
    expect(await window.getAttribute('data-left')).toBe('1');
    expect(await window.textContent()).toContain('还有 1 个商机待更新');
    expect(await desk.getByTestId('home-window-go').getAttribute('href')).toBe('/forecast/update');
    await desk.locator('[data-testid="home-my-alerts"][data-state="empty"]').waitFor();
    expect(await desk.getByText('后续版本').count()).toBe(0);
  });

  test("the director's week: this week's weekly meeting, the overdue task in red, the day-25 alert counting down", async () => {
    // the day-25 check of March runs at 09:00 on the 25th, through the product's jobs
    await b.t.setNow('2026-03-25T09:05:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    const [alert] = (await (await b.t.as('director1')).get('/api/v1/alerts?kind=day25')).body.items;
    expect(alert).toMatchObject({ status: 'open', period: '2026-03' });
    const monday = await meetingAt(await b.t.as('admin'), 'weekly', '2026-03-23T01:00:00.000Z', ids.T1);

    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'director1');
    await page.getByTestId('home-page').waitFor();
    const meeting = page.getByTestId('home-weekly').getByTestId('home-meeting');
    await meeting.waitFor();
    expect(await meeting.getAttribute('data-meeting-id')).toBe(String(monday.id));
    expect(await page.getByTestId('home-meeting-open').getAttribute('href')).toBe(`/meetings/${monday.id}`);

    await page.locator(`[data-testid="home-task-${taskId}"][data-late="true"]`).waitFor();
    expect(await colourOf(page, `home-task-${taskId}`)).toBe(RED);
    expect(await page.getByTestId('home-track-tasks-summary').textContent()).toBe('待完成 1 项，其中逾期 1 项');

    const due = page.getByTestId(`home-alert-${alert!.id}`);
    await due.waitFor();
    // 09:05 against a due time of 27 March 09:00
    expect(await due.textContent()).toContain('剩余 1 天 23 小时');
    expect(await due.getAttribute('data-late')).toBe('false');
    // the window closed on the 6th: no compliance card until April's opens
    await page.locator('[data-testid="home-approve"][data-state="empty"]').waitFor();
    expect(await page.getByTestId('home-compliance').count()).toBe(0);
  });

  test('the CEO sees her next supervision meeting, with the way into its report', async () => {
    const april = await meetingAt(await b.t.as('admin'), 'supervision', '2026-04-01T01:30:00Z');
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'ceo');
    await page.getByTestId('home-page').waitFor();
    const meeting = page.getByTestId('home-next-meeting').getByTestId('home-meeting');
    await meeting.waitFor();
    expect(await meeting.getAttribute('data-meeting-id')).toBe(String(april.id));
    expect(await meeting.textContent()).toContain('2026年4月1日');
    expect(await meeting.textContent()).toContain('7 天后');
    await page.getByTestId('home-meeting-open').click();
    await page.waitForURL((url) => url.pathname === `/meetings/${april.id}`);
  });
});
