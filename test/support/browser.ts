import { type Browser, chromium, type Page } from 'playwright-core';
import { buildWebIfStale } from '../../scripts/web-build.mjs';
import { CHROMIUM } from './suites.js';
import { PASSWORD, startTestApp, type TestApp } from './test-app.js';

export type BrowserTest = {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  page(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
};

/** A real server on a free port serving the built web app, and Debian's Chromium driving it. */
export async function startBrowserTest(options: Parameters<typeof startTestApp>[0] = {}): Promise<BrowserTest> {
  buildWebIfStale();
  const t = await startTestApp({ ...options, env: { CRM_WEB_DIR: 'dist/web', ...options.env } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as { port: number };
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    t,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async page(width = 1366, height = 800) {
      const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
      return context.newPage();
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the login page and waits until the app has left it. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}
