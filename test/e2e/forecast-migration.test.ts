import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import type { Client } from '../support/test-app.js';

/** An open select list: a closing one keeps its options in the page until its animation ends. */
const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

async function pick(page: Page, selectTestId: string, text: string) {
  // The previous list must be gone first, or its fading copy of the same options gets the click.
  await expect.poll(() => page.locator(OPEN_LIST).count()).toBe(0);
  await page.getByTestId(selectTestId).click();
  await page.locator(`${OPEN_LIST} .ant-select-item-option`).filter({ hasText: text }).click();
}

/**
 * One decision through the page. The server's answer is awaited and checked first, so that a failure
 * says whether the decision was refused (and why) or never sent, not only that the row did not change.
 */
async function decide(page: Page, baseUrl: string, user: string, action: string, id: number, status: string) {
  await signIn(page, baseUrl, user);
  await page.goto(`${baseUrl}/forecast/requests`);
  await page.getByTestId(`request-${action}-${id}`).click();
  const answered = page.waitForResponse((r) => r.url().endsWith(`/api/v1/target-requests/${id}/${action}`));
  await page.getByTestId('request-confirm').click();
  const answer = await answered;
  expect(answer.status(), await answer.text()).toBe(200);
  await page.locator(`[data-testid="request-row-${id}"][data-status="${status}"]`).waitFor();
}

// 10 January 2026: the AMs have entered their opportunities and the admin has locked the baseline.
describeInBrowser('a target migration from submission to the ledger in Chromium (SPEC §6.3)', () => {
  let b: BrowserTest;
  let am1: Client;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-01-10T10:00:00+08:00' });
    am1 = await b.t.as('am1');
    const c1 = (await am1.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    for (const [code, orderMonth, amount] of [
      ['MA', '2026-03', 100_000],
      ['MB', '2026-04', 50_000],
    ] as const) {
      const res = await am1.post('/api/v1/opportunities', {
        code,
        name: `${code} 迁移演示`,
        customerId: c1,
        kind: 'mold_development',
        stage: 'M',
        rolling: { orderMonth, amount },
      });
      expect(res.status).toBe(201);
      ids[code] = res.body.id;
    }
    expect((await (await b.t.as('admin')).post('/api/v1/baselines/2026/lock')).status).toBe(200);
  }, 180_000);
  afterAll(() => b?.close());

  test('the AM submits with a live Σ, the director approves, the admin executes, the targets move', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'am1');
    await page.goto(`${b.baseUrl}/forecast/requests`);
    await page.getByTestId('request-new').click();
    await pick(page, 'submit-from-opp-0', 'MA · ');
    await page.getByTestId('submit-from-month-0').fill('2026-03');
    await page.getByTestId('submit-from-amount-0').fill('30000');
    await page.locator('[data-testid="submit-sum"][data-sum="-30000"]').waitFor();
    expect(await page.getByTestId('submit-request').isDisabled()).toBe(true);
    await pick(page, 'submit-to-opp-0', 'MB · ');
    await page.getByTestId('submit-to-month-0').fill('2026-04');
    await page.getByTestId('submit-to-amount-0').fill('30000');
    await page.locator('[data-testid="submit-sum"][data-sum="0"]').waitFor();
    await page.getByTestId('submit-reason').fill('MA 客户项目推迟，转由 MB 承接');
    await page.getByTestId('submit-request').click();

    const [request] = (await am1.get('/api/v1/target-requests')).body.items;
    expect(request).toMatchObject({
      kind: 'migrate',
      status: 'submitted',
      lines: [
        { opportunityId: ids.MA, month: '2026-03', amount: -30_000 },
        { opportunityId: ids.MB, month: '2026-04', amount: 30_000 },
      ],
    });
    await page.locator(`[data-testid="request-row-${request!.id}"][data-status="submitted"]`).waitFor();

    await decide(await b.page(1440, 900), b.baseUrl, 'director1', 'approve', request!.id, 'approved');
    await decide(await b.page(1440, 900), b.baseUrl, 'admin', 'execute', request!.id, 'executed');

    await page.goto(`${b.baseUrl}/opportunities/${ids.MA}`);
    // baseline 100 000 in March, 30 000 of it migrated to MB
    expect(await page.getByTestId('opp-target-2026-03').textContent()).toBe('¥7.0万');
    await page.goto(`${b.baseUrl}/opportunities/${ids.MB}`);
    expect(await page.getByTestId('opp-target-2026-04').textContent()).toBe('¥8.0万');
  });
});
