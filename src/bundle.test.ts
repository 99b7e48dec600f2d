import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';

// `npm start` runs the server from one bundled file (scripts/server-build.mjs): this starts it as a user
// does and uses the parts that depend on files outside the bundle — the migrations beside it, PGlite's
// WebAssembly, the Swagger UI's pages, exceljs loaded on demand, bundled CommonJS packages.
let base = '';
const password = 'Bundle-test-2026!';
let dataDir: string;
let child: ChildProcess;
let output = '';

async function healthy(deadline: number): Promise<void> {
  for (;;) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {}
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`no healthy server in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A port the system has free right now (a fixed one collided with a service of the machine: epmd on 4369). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), 'crm-bundle-'));
  child = spawn(
    process.execPath,
    ['scripts/start.mjs', 'serve', '--no-demo', '--data-dir', dataDir, '--port', `${port}`],
    {
      env: {
        ...process.env,
        DATABASE_URL: '',
        CRM_ADMIN_PASSWORD: password,
        CRM_SKIP_WEB_BUILD: '1',
        LOG_LEVEL: 'warn',
      },
    },
  );
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  await healthy(Date.now() + 150_000);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test('npm start serves from the bundle: migrated, documented, signed in, a spreadsheet made', async () => {
  // the server process is the bundle, not TypeScript through tsx
  const server = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0];
  expect(readFileSync(`/proc/${server}/cmdline`, 'utf8')).toContain(join('dist', 'app', 'main.js'));

  const health = (await (await fetch(`${base}/api/v1/health`)).json()) as { migration: { latest: string | null } };
  expect(health.migration.latest).toMatch(/^00\d\d_/);

  const docs = await fetch(`${base}/api/docs/static/index.html`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toContain('swagger');

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ username: 'admin', password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  const template = await fetch(`${base}/api/v1/exchange/templates/shipments.xlsx`, { headers: { cookie } });
  expect(template.status).toBe(200);
  const bytes = new Uint8Array(await template.arrayBuffer());
  expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // an XLSX is a zip

  const wrong = await fetch(`${base}/api/v1/users/abc`, { headers: { cookie } });
  expect(wrong.status).toBe(400);
  expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
}, 60_000);
