import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { idsByCode, meetingAt, raise } from '../support/meetings.js';
import { describeInBrowser } from '../support/suites.js';

const RED = 'rgb(220, 38, 38)';

/** The page in English from the first paint (the language choice lives in localStorage). */
async function inEnglish(page: Page) {
  // the page's own globals (the test's tsconfig has no DOM library)
  await page.addInitScript(() =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'crm.lang',
      'en',
    ),
  );
}

/** Every decision button of a row lies inside the viewport: nothing to scroll sideways to reach it. */
async function expectDecisionsInView(page: Page, row: Locator) {
  const width = page.viewportSize()?.width ?? 0;
  const buttons = row.locator('[data-testid^="decide-"]');
  const n = await buttons.count();
  expect(n).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < n; i += 1) {
    const box = await buttons.nth(i).boundingBox();
    expect(box, `decision ${i}`).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `decision ${i} right edge`).toBeLessThanOrEqual(width);
  }
  // …and the page itself does not scroll sideways either.
  const scrollWidth = await page
    .locator('html')
    .evaluate((html) => (html as unknown as { scrollWidth: number }).scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(width);
}

describeInBrowser('the opening report and the meeting list as their users meet them (issue 13, items 4 and 9)', () => {
  let b: BrowserTest;
  let ids: Record<string, number>;
  let w0302: number;
  let w0309: number;
  let s0304: number;
  let s0506: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T08:00:00+08:00' });
    ids = await idsByCode(b.t);
    const admin = await b.t.as('admin');
    w0302 = (await meetingAt(admin, 'weekly', '2026-03-02T01:00:00Z', ids.T1)).id;
    w0309 = (await meetingAt(admin, 'weekly', '2026-03-09T01:00:00Z', ids.T1)).id;
    s0304 = (await meetingAt(admin, 'supervision', '2026-03-04T01:30:00Z')).id;
    s0506 = (await meetingAt(admin, 'supervision', '2026-05-06T01:30:00Z')).id;
    await b.t.setNow('2026-03-02T09:20:00+08:00');
    await raise(await b.t.as('director1'), {
      meetingId: w0302,
      dimension: 2,
      subjectType: 'am',
      subjectId: ids.AM1,
      month: '2026-03',
      description: '本周内与客户确认试模排期',
    });
  }, 180_000);
  afterAll(() => b?.close());

  test('the meeting list shows my meetings by default, the supervision meeting first, and never "no meetings" while loading', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'director1');
    // Hold the list's answer until the loading state has been looked at.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/v1\/meetings\?/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${b.baseUrl}/meetings`);
    await page.getByTestId('meetings-loading').waitFor();
    expect(await page.getByText('这段时间没有会议').count()).toBe(0);
    release();
    await page.getByTestId(`meeting-link-${s0304}`).waitFor();
    const links = page.locator('[data-testid^="meeting-link-"]');
    const names = await links.allTextContents();
    // The director's own: the supervision meetings first, then their own track's weekly meetings only.
    expect(names[0]).toBe('月度销售督导会');
    expect(await links.first().getAttribute('data-testid')).toBe(`meeting-link-${s0304}`);
    const weekly = names.filter((n) => n.includes('周会'));
    expect(weekly.length).toBeGreaterThan(0);
    expect(weekly.every((n) => n === '消费电子I赛道周会')).toBe(true);
    expect(names.findIndex((n) => n.includes('周会'))).toBeGreaterThan(names.lastIndexOf('月度销售督导会'));

    // The CEO's own meetings are the supervision ones; 全部 shows every track's weekly meeting too.
    const ceo = await b.page(1440, 900);
    await signIn(ceo, b.baseUrl, 'ceo');
    await ceo.goto(`${b.baseUrl}/meetings`);
    await ceo.getByTestId(`meeting-link-${s0304}`).waitFor();
    const ceoNames = await ceo.locator('[data-testid^="meeting-link-"]').allTextContents();
    expect(ceoNames.length).toBeGreaterThan(0);
    expect(ceoNames.every((n) => n === '月度销售督导会')).toBe(true);
    await ceo.getByTestId('meetings-scope').getByText('全部').click();
    await ceo.getByTestId(`meeting-link-${w0309}`).waitFor();
    const allNames = await ceo.locator('[data-testid^="meeting-link-"]').allTextContents();
    expect(allNames[0]).toBe('月度销售督导会');
    expect(new Set(allNames.filter((n) => n.includes('周会'))).size).toBeGreaterThan(1);
  });

  test('the upcoming meeting shows a preview of its report instead of "not found"', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/meetings/${w0309}`);
    await page.getByTestId('report-preview').waitFor();
    expect(await page.getByTestId('report-preview-tag').textContent()).toBe('预览');
    expect(await page.getByTestId('report-none').count()).toBe(0);
    expect(await page.getByTestId('report-pending').textContent()).toContain('本周内与客户确认试模排期');
    // Still nothing stored: the preview is computed, not a version.
    const stored = await (await b.t.as('director1')).get(`/api/v1/meetings/${w0309}/opening-report`);
    expect(stored.status).toBe(404);

    // On a phone the banner's 立即生成 sits under its text instead of squeezing it into a narrow column.
    const phone = await b.page(390, 844);
    await signIn(phone, b.baseUrl, 'director1');
    await phone.goto(`${b.baseUrl}/meetings/${w0309}`);
    const banner = phone.getByTestId('report-preview').locator('.ant-alert').first();
    await banner.waitFor();
    const text = (await banner.locator('.ant-alert-description').boundingBox())!;
    const button = (await banner.getByTestId('report-regenerate').boundingBox())!;
    expect(text.width).toBeGreaterThan(250);
    expect(button.y).toBeGreaterThan(text.y);
  });

  test('in English at 1440 px the CEO reaches 延期 / 改派 / 关闭 without scrolling sideways; after 延期 the row shows the new deadline, not in red', async () => {
    await b.t.setNow('2026-03-04T09:40:00+08:00');
    const supervisionTask = await raise(await b.t.as('secretary'), {
      meetingId: s0304,
      dimension: 1,
      subjectType: 'track',
      subjectId: ids.T1,
      month: '2026-02',
      description:
        'Sales attainment below target for two months running: review the pipeline with each account manager and agree on recovery actions',
    });
    // The weekly task escalates at the next weekly meeting; April's supervision report lists it and May's
    // carries it again (the longest rows: "carried through 1 supervision meetings"), beside the overdue one.
    await b.t.setNow('2026-03-09T09:01:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    await b.t.setNow('2026-04-01T09:40:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    await b.t.setNow('2026-05-06T09:40:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');

    const page = await b.page(1440, 900);
    await inEnglish(page);
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/meetings/${s0506}`);
    await page.getByTestId('report-view').waitFor();
    const pendingRow = page.getByTestId('report-pending').locator(`tr[data-row-key="${supervisionTask.id}"]`);
    await pendingRow.getByTestId('decide-extend').waitFor();
    await expectDecisionsInView(page, pendingRow);
    const escalatedRow = page.getByTestId(`report-escalated-${ids.T1}`).locator('tr.row-alarm').first();
    await expectDecisionsInView(page, escalatedRow);
    // What the system wrote reads in English too, with no Chinese punctuation leaking in (issue 13 item 13).
    const rowText = (await pendingRow.textContent()) ?? '';
    expect(rowText).toContain('Track 消费电子I: no sales attainment data for February');
    expect(rowText).not.toMatch(/[、：（）]/);
    // One status column: the task now, not a 报告时 and a 当前 copy of the same tags.
    expect(await pendingRow.getByTestId('task-status').count()).toBe(1);

    const deadline = pendingRow.getByTestId('report-deadline');
    expect(await deadline.getAttribute('data-overdue')).toBe('true');
    expect(await deadline.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color)).toBe(RED);
    const before = await deadline.textContent();
    await pendingRow.getByTestId('decide-extend').click();
    await page.getByTestId('decision-reason').fill('Customer moved the review to next week');
    await page.getByTestId('decision-submit').click();
    await pendingRow.locator('[data-testid="report-deadline"][data-overdue="false"]').waitFor();
    expect(await deadline.textContent()).not.toBe(before);
    expect(await deadline.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color)).not.toBe(RED);
    const now = (await (await b.t.as('ceo')).get(`/api/v1/tasks/${supervisionTask.id}`)).body;
    expect(now).toMatchObject({ extensions: 1, overdue: false });
    expect(await pendingRow.getByTestId('report-deadline-was').textContent()).toContain(before ?? '');

    // On a phone the decisions sit under each task, inside the screen.
    const phone = await b.page(390, 844);
    await signIn(phone, b.baseUrl, 'ceo');
    await phone.goto(`${b.baseUrl}/meetings/${s0506}`);
    const card = phone.getByTestId(`report-escalated-${ids.T1}`).locator('[data-row-key]').first();
    await card.getByTestId('decide-extend').waitFor();
    await expectDecisionsInView(phone, card);
  }, 150_000);
});
