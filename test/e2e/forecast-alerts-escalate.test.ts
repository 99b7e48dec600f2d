import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { meetingAt } from '../support/meetings.js';
import { describeInBrowser } from '../support/suites.js';

describeInBrowser('a day-25 alert escalated by the director reaches the CEO’s supervision report (SPEC §6.5)', () => {
  let b: BrowserTest;
  let alertId: number;
  let aprilId: number;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-03-02T10:00:00+08:00' });
    const admin = await b.t.as('admin');
    aprilId = (await meetingAt(admin, 'supervision', '2026-04-01T01:30:00Z')).id;
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
    expect(created.status).toBe(201);
    // the day-25 check of March runs at 09:00 on the 25th (the default settings), through the product's jobs
    await b.t.setNow('2026-03-25T09:05:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    const [alert] = (await (await b.t.as('director1')).get('/api/v1/alerts?kind=day25')).body.items;
    expect(alert).toMatchObject({ status: 'open', period: '2026-03', opportunityId: created.body.id });
    alertId = alert!.id;
  }, 180_000);
  afterAll(() => b?.close());

  test('the notification link opens the alert; the director escalates it in place; the CEO sees it in the report', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/alerts/${alertId}`);
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    const facts = await page.getByTestId('alert-facts').textContent();
    expect(facts).toContain('本月预计接单¥12.0万');
    expect(facts).toContain('2026年3月');
    // 09:05 against a due time of 27 March 09:00: two days minus five minutes left
    expect(await detail.getByTestId('alert-due').textContent()).toBe('剩余 1 天 23 小时');
    await detail.getByTestId(`alert-escalate-${alertId}`).click();
    await page.getByTestId('alert-note').fill('客户推迟到五月，需CEO出面沟通');
    await page.getByTestId('alert-confirm').click();
    await page.locator('[data-testid="alert-detail"][data-status="escalated"]').waitFor();
    // the list (open ones by default) no longer holds it
    await page.getByTestId('alert-drawer').locator('.ant-drawer-close').click();
    await page.waitForURL((url) => url.pathname === '/alerts');
    await page.getByText('没有符合条件的预警').waitFor();

    await b.t.setNow('2026-04-01T09:40:00+08:00');
    await (await b.t.as('admin')).post('/api/v1/admin/jobs/run-due');
    const ceo = await b.page(1440, 900);
    await signIn(ceo, b.baseUrl, 'ceo');
    await ceo.goto(`${b.baseUrl}/meetings/${aprilId}`);
    const row = ceo.getByTestId(`report-alert-${alertId}`);
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('25日检查');
    expect(text).toContain('客户推迟到五月，需CEO出面沟通');
    expect(text).toContain('已升级至CEO');
    // still with the CEO a week after its two-day SLA ran out: red
    expect(await row.getAttribute('data-overdue')).toBe('true');
    expect(await row.getAttribute('class')).toContain('row-alarm');

    // the CEO opens it from the report and resolves it there
    await row.getByRole('link', { name: `#${alertId}` }).click();
    const drawer = ceo.getByTestId('alert-detail');
    await drawer.waitFor();
    await drawer.getByTestId(`alert-resolve-${alertId}`).click();
    await ceo.getByTestId('alert-note').fill('已与客户高层沟通，五月接单');
    await ceo.getByTestId('alert-confirm').click();
    await ceo.locator('[data-testid="alert-detail"][data-status="resolved"]').waitFor();
    const api = (await (await b.t.as('ceo')).get(`/api/v1/alerts/${alertId}`)).body;
    expect(api.history.map((h) => h.action)).toEqual(['raised', 'escalate', 'resolve']);
  });
});
