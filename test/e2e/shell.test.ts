import { afterAll, beforeAll, expect, test } from 'vitest';
import { type BrowserTest, startBrowserTest } from '../support/browser.js';
import { describeInBrowser } from '../support/suites.js';
import { PASSWORD } from '../support/test-app.js';

describeInBrowser('the web shell in Chromium', () => {
  let b: BrowserTest;
  beforeAll(async () => {
    b = await startBrowserTest();
  }, 180_000);
  afterAll(() => b?.close());

  test('the app goes out pre-compressed; hashed assets are cached for a year, the page itself revalidated (issue 14)', async () => {
    const page = await fetch(`${b.baseUrl}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    for (const [accept, encoding] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const asset = await fetch(`${b.baseUrl}${script}`, { headers: { 'accept-encoding': accept! } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-encoding')).toBe(encoding);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect((await asset.text()).length).toBeGreaterThan(1000);
    }
  });

  test('the CEO signs in, sees the navigation, switches to English and signs out', async () => {
    const page = await b.page();
    await page.goto(`${b.baseUrl}/`);
    await page.getByTestId('login-username').fill('ceo');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    const nav = page.getByTestId('nav-menu');
    await nav.waitFor();
    await expect(nav.textContent()).resolves.toContain('赛道');
    // the CEO reads the organisation but does not administer it
    await expect(nav.textContent()).resolves.not.toContain('API 密钥');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('lang-en').click();
    await page.getByTestId('nav-menu').getByText('Tracks').waitFor();
    expect(
      await page.evaluate(() =>
        (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(
          'crm.lang',
        ),
      ),
    ).toBe('en');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('login-submit').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
  });

  test('a wrong password shows the server message on the sign-in page', async () => {
    const page = await b.page();
    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('login-username').fill('am1');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByText('用户名或密码错误').waitFor();
  });

  test('the admin sees the organisation pages and the API keys at phone width', async () => {
    const page = await b.page(390, 844);
    await page.goto(`${b.baseUrl}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    // board readers land on the board, others on home: either way the shell is there
    await page.getByTestId('nav-toggle').waitFor();
    // at phone width the navigation is a drawer behind the menu button
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-users').click();
    await page.getByRole('cell', { name: 'director1', exact: true }).first().waitFor();
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-api-keys').click();
    await page.getByRole('heading', { name: 'API 密钥' }).waitFor();
  });
});
