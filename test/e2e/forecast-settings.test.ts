import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, signIn, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';

/**
 * 预测设置 in Chromium: settings never saved say that the defaults are in force (they used to read
 * "最后修改：1970/01/01 08:00"); once the admin saves, the card names the instant of the change.
 */
describeInBrowser('the forecast settings say when they were last changed, or that they are the defaults', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    b = await startBrowserTest({ now: '2026-04-15T10:00:00+08:00' });
  }, 180_000);
  afterAll(() => b?.close());

  test('defaults first; after a save, the time of the change', async () => {
    const page = await b.page(1440, 900);
    await signIn(page, b.baseUrl, 'admin');
    await page.goto(`${b.baseUrl}/forecast/settings`);
    const card = page.getByTestId('settings-form');
    await card.getByText('默认值，尚未修改').waitFor();
    expect(await card.textContent()).not.toContain('1970');

    await page.getByTestId('settings-alertSlaDays').fill('3');
    await page.getByTestId('settings-save').click();
    await card.getByText('最后修改：2026/04/15 10:00').waitFor();
    const admin = await b.t.as('admin');
    expect((await admin.get('/api/v1/forecast/settings')).body).toMatchObject({ alertSlaDays: 3, version: 1 });
  });
});
