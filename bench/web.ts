// `npm run bench -- web [DIR ...]`: the JavaScript a user is sent before the first page is usable (issue 14's
// JS-weight row, issue 12 item 7, issue 13 item 14). For each built web app (default dist/web, after
// `npm run build:web`) a real server serves it and Debian's Chromium opens it like a user: the login page,
// then the CEO's sign-in and the start page it lands on, then the board with its tables and charts. Every script the page
// requested is counted with the size the server sends for it: the precompressed .br / .gz beside each
// asset (@fastify/static preCompressed), or the file itself where none was written.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { fakeClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { buildCustomer, buildTrack, buildUser } from '../src/demo/builders.js';
import { seedOrganisation } from '../src/demo/seed.js';

const PASSWORD = 'bench-password-1';
const ORIGIN = 'http://crm.test';
const NOW = new Date('2026-03-02T08:00:00+08:00');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

type Weight = { files: number; raw: number; gzip: number; brotli: number };
type Step = { name: string; scripts: string[] };

/** The bytes the server sends for one asset: raw, and as its precompressed copies when there are any. */
function sizesOf(dir: string, path: string): Weight {
  const file = join(dir, decodeURIComponent(path));
  const raw = statSync(file).size;
  const copy = (ext: string) => (existsSync(`${file}.${ext}`) ? statSync(`${file}.${ext}`).size : raw);
  return { files: 1, raw, gzip: copy('gz'), brotli: copy('br') };
}

function total(dir: string, paths: Iterable<string>): Weight {
  const sum: Weight = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const path of paths) {
    const size = sizesOf(dir, path);
    sum.files += 1;
    sum.raw += size.raw;
    sum.gzip += size.gzip;
    sum.brotli += size.brotli;
  }
  return sum;
}

async function startServer(webDir: string) {
  const database = await openDatabase({});
  await migrateDatabase(database);
  const clock = await fakeClock(database.db, NOW);
  await seedOrganisation(
    database.db,
    {
      tracks: [
        buildTrack({ code: 'T1', name: '消费电子I', directorUsername: 'director1' }),
        buildTrack({ code: 'T2', name: '商品模', businessLine: 'commodity', directorUsername: 'director2' }),
      ],
      users: [
        buildUser({ username: 'ceo', role: 'ceo' }),
        buildUser({ username: 'admin', role: 'admin' }),
        buildUser({ username: 'director1', role: 'director', trackCode: 'T1' }),
        buildUser({ username: 'director2', role: 'director', trackCode: 'T2' }),
        buildUser({ username: 'am1', role: 'am', trackCode: 'T1' }),
        buildUser({ username: 'am3', role: 'am', trackCode: 'T2' }),
      ],
      customers: [buildCustomer({ code: 'C1', amUsername: 'am1' }), buildCustomer({ code: 'C3', amUsername: 'am3' })],
    },
    PASSWORD,
    NOW,
  );
  const config = loadConfig({ fakeClock: NOW.toISOString() }, { CRM_WEB_DIR: webDir, LOG_LEVEL: 'warn' });
  const app = await buildApp({ database, clock, config, logger: false });
  // A board with numbers (February 2026, the month the CEO lands on), so its tables and charts are drawn.
  const headers = { origin: ORIGIN, host: 'crm.test' };
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers,
    payload: { username: 'admin', password: PASSWORD },
  });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const write = async (kind: string, rows: unknown[]) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/exchange/${kind}`,
      headers: { ...headers, cookie },
      payload: { rows },
    });
    if (res.statusCode !== 200) throw new Error(`${kind}: ${res.statusCode} ${res.body}`);
  };
  const ship = (docNo: string, date: string, customerCode: string, amount: number) => ({
    source: 'ERP',
    docNo,
    lineNo: 1,
    date,
    customerCode,
    amount,
  });
  await write('shipments', [ship('S1', '2026-02-10', 'C1', 900), ship('S2', '2026-02-05', 'C3', 1000)]);
  await write('targets', [
    { year: 2026, month: 2, kind: 'sales', trackCode: 'T1', amount: 1000 },
    { year: 2026, month: 2, kind: 'sales', trackCode: 'T2', amount: 800 },
  ]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** The script paths the page has requested so far (in request order, each once). */
function recordScripts(page: Page): Set<string> {
  const seen = new Set<string>();
  page.on('request', (request) => {
    if (request.resourceType() === 'script') seen.add(new URL(request.url()).pathname);
  });
  return seen;
}

async function measure(webDir: string): Promise<{ steps: Step[]; sent: Record<string, number> }> {
  const server = await startServer(webDir);
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
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const scripts = recordScripts(page);
    page.on('console', (message) => {
      if (message.type() === 'error') console.error(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
    // What Chromium was actually sent, per Content-Encoding (it asks for gzip and br; brotli may be HTTPS-only).
    const sent: Record<string, number> = {};
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const response = await request.response();
      const encoding = (await response?.headerValue('content-encoding')) ?? 'identity';
      const { responseBodySize } = await request.sizes();
      sent[encoding] = (sent[encoding] ?? 0) + responseBodySize;
    });
    const steps: Step[] = [];
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    await page.waitForLoadState('networkidle');
    steps.push({ name: 'login page', scripts: [...scripts] });

    await page.getByTestId('login-username').fill('ceo');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByTestId('nav-menu').waitFor();
    await page.waitForLoadState('networkidle');
    const landing = new URL(page.url()).pathname;
    steps.push({ name: `login → start page after sign-in (${landing})`, scripts: [...scripts] });

    if (landing !== '/board') await page.getByTestId('nav-board').click();
    await page.locator('[data-testid^="cell-"]').first().waitFor();
    const tableScripts = [...scripts];
    await page.getByTestId('ranking-chart').waitFor();
    await page.waitForLoadState('networkidle');
    steps.push({ name: 'login → start page → board table', scripts: tableScripts });
    steps.push({ name: 'login → start page → board with charts', scripts: [...scripts] });
    return { steps, sent };
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchWeb(): Promise<void> {
  const dirs = process.argv.slice(3);
  for (const dir of dirs.length > 0 ? dirs : ['dist/web']) {
    const webDir = resolve(dir);
    if (!existsSync(join(webDir, 'index.html'))) throw new Error(`${webDir}/index.html is missing: npm run build:web`);
    const { steps, sent } = await measure(webDir);
    console.log(`\nJavaScript sent, ${webDir} (zh-CN, 1440×900, cumulative from the first request):`);
    console.log('| step | files | raw | gzip | brotli |');
    console.log('|---|---:|---:|---:|---:|');
    for (const step of steps) {
      const w = total(webDir, step.scripts);
      console.log(`| ${step.name} | ${w.files} | ${kb(w.raw)} | ${kb(w.gzip)} | ${kb(w.brotli)} |`);
    }
    if (process.env.BENCH_WEB_LIST)
      for (const step of steps)
        console.log(
          step.name,
          step.scripts.map((p) => `${p.replace('/assets/', '')} ${kb(sizesOf(webDir, p).gzip)}`).join(', '),
        );
    const last = steps.at(-1)!;
    const largest = last.scripts
      .map((path) => ({ path, ...sizesOf(webDir, path) }))
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 6);
    console.log(`largest: ${largest.map((f) => `${f.path.replace('/assets/', '')} ${kb(f.gzip)} gz`).join(', ')}`);
    console.log(
      `as Chromium received them: ${Object.entries(sent)
        .map(([encoding, bytes]) => `${kb(bytes)} ${encoding}`)
        .join(', ')}`,
    );
  }
}
