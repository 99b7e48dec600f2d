import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-menu').or(page.getByTestId('nav-toggle')).first().waitFor();
}

// The forms take their shape from the scope /me sends, never from the role (docs/decisions.md).
describeInBrowser('forms and filters follow the scope in /me', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    b = await startBrowserTest();
  }, 180_000);
  afterAll(() => b?.close());

  test("a director's new project is their track's: the track is shown and cannot be changed", async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'director1');
    await page.goto(`${b.baseUrl}/projects`);
    await page.getByTestId('project-create').click();
    const track = page.getByTestId('project-track');
    await track.waitFor();
    expect(await track.textContent()).toContain('消费电子I');
    expect(await track.getAttribute('class')).toContain('ant-select-disabled');
  });

  test('the CEO picks the track of a new project (or none)', async () => {
    const page = await b.page();
    await signIn(page, b.baseUrl, 'ceo');
    await page.goto(`${b.baseUrl}/projects`);
    await page.getByTestId('project-create').click();
    const track = page.getByTestId('project-track');
    await track.waitFor();
    expect(await track.getAttribute('class')).not.toContain('ant-select-disabled');
  });

  test('an AM, who sees only their own customers, is not offered the AM filter; a director is', async () => {
    const am = await b.page();
    await signIn(am, b.baseUrl, 'am1');
    await am.goto(`${b.baseUrl}/customers`);
    await am.getByTestId('customers-table').waitFor();
    expect(await am.getByTestId('customers-am-filter').count()).toBe(0);
    const director = await b.page();
    await signIn(director, b.baseUrl, 'director1');
    await director.goto(`${b.baseUrl}/customers`);
    await director.getByTestId('customers-am-filter').waitFor();
  });
});
