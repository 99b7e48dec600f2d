import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../../src/db/test-database.js';
import { seedOrganisation } from '../../src/demo/seed.js';
import { describeOnPostgres } from '../support/suites.js';
import { login, ORIGIN, PASSWORD, smallOrganisation } from '../support/test-app.js';

/**
 * Issue 9, crash safety: the server process is killed (SIGKILL — no shutdown hook runs) while a large
 * write-back is being merged on PostgreSQL. After a restart nothing of that batch is stored, and
 * sending the same batch again answers the same counts, and leaves the same facts, as one clean run
 * of it on a fresh database.
 */
const ROWS = 45_000;
const START = '2026-03-02T00:00:00.000Z';
const ROOT = join(import.meta.dirname, '..', '..');

const batch = Array.from({ length: ROWS }, (_, i) => ({
  source: 'ERP',
  docNo: `CRASH-${Math.floor(i / 3)}`,
  lineNo: (i % 3) + 1,
  date: `2026-02-${String((i % 28) + 1).padStart(2, '0')}`,
  customerCode: `C${(i % 3) + 1}`,
  amount: 100 + (i % 997),
  ...(i % 2 ? { cost: 60 + (i % 13) } : {}),
}));
const body = JSON.stringify({ rows: batch });

/** What the batch leaves in the database: its lines, and the rollups the board reads. */
type Stored = { lines: number; sales: string; rollupRows: number; keys: number; freshness: number };
async function stored(database: Database): Promise<Stored> {
  const [row] = await database.query<Stored>(
    `select (select count(*)::int from shipments where doc_no like 'CRASH-%') as lines,
            (select coalesce(sum(amount), 0)::text from fact_am_monthly where measure = 'sales') as sales,
            (select count(*)::int from fact_monthly) as "rollupRows",
            (select count(*)::int from idempotency_keys) as keys,
            (select count(*)::int from data_sources) as freshness`,
  );
  return row!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

describeOnPostgres('a write-back interrupted by SIGKILL leaves nothing behind (issue 9)', () => {
  const name = `crm_crash_${process.pid}`;
  const cleanName = `crm_crash_clean_${process.pid}`;
  let base: string;
  let url: string;
  let database: Database;
  let watcher: pg.Client;
  let server: ChildProcess | null = null;

  beforeAll(async () => {
    base = process.env.TEST_DATABASE_URL!;
    url = withDatabaseName(base, name);
    for (const db of [name, cleanName]) {
      await dropDatabase(base, db);
      await adminQuery(base, `create database "${db}"`);
    }
    database = await openDatabase({ url });
    await migrateDatabase(database);
    await seedOrganisation(database.db, smallOrganisation(), PASSWORD, new Date(START));
    watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
  }, 120_000);
  afterAll(async () => {
    server?.kill('SIGKILL');
    await watcher?.end();
    await database?.close();
    for (const db of [name, cleanName]) await dropDatabase(base, db);
  });

  /** The real server (`crm serve`) as a child process on this database; resolves once it answers. */
  async function startServer(): Promise<{ process: ChildProcess; origin: string }> {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/main.ts',
        'serve',
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
        `--fake-clock=${START}`,
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, CRM_WEB_DIR: '/nonexistent', LOG_LEVEL: 'error' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr}`);
      const ok = await fetch(`${origin}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { process: child, origin };
      if (Date.now() > deadline) throw new Error(`server did not answer within 60 s: ${stderr}`);
      await pause(100);
    }
  }

  async function signIn(origin: string): Promise<string> {
    const res = await fetch(`${origin}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  const sendBatch = (origin: string, cookie: string) =>
    fetch(`${origin}/api/v1/exchange/shipments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie, 'idempotency-key': 'crash-batch-1' },
      body,
    });

  /**
   * The server's connection that is running the batch's merge: the write-back's transaction holds
   * its advisory lock and is executing the merge (its statement named by its leading comment). Polls pg_stat_activity; no fixed sleep.
   */
  async function mergeInProgress(deadlineMs: number): Promise<number> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const { rows } = await watcher.query<{ pid: number }>(
        `select a.pid from pg_stat_activity a
          where a.datname = current_database() and a.pid <> pg_backend_pid() and a.state = 'active'
            and a.xact_start is not null and a.query like '/* write-back merge of shipments */%'
            and exists (select 1 from pg_locks l where l.pid = a.pid and l.locktype = 'advisory' and l.granted)`,
      );
      if (rows[0]) return rows[0].pid;
      if (Date.now() > deadline) throw new Error('the batch was never seen being merged');
      await pause(2);
    }
  }

  /** PostgreSQL notices the dead client and rolls its transaction back; wait until that backend is gone. */
  async function backendGone(pid: number): Promise<void> {
    for (let i = 0; ; i++) {
      const { rows } = await watcher.query('select 1 from pg_stat_activity where pid = $1', [pid]);
      if (rows.length === 0) return;
      // A backend busy in a long statement only notices the lost client when it next talks to it.
      if (i === 500) await watcher.query('select pg_terminate_backend($1)', [pid]);
      if (i > 3000) throw new Error(`backend ${pid} is still there`);
      await pause(10);
    }
  }

  test('SIGKILL in the middle of a 45,000-row import: nothing of it stored; re-sending it counts as one clean run', async () => {
    const before = await stored(database);

    let first = await startServer();
    server = first.process;
    const answer = sendBatch(first.origin, await signIn(first.origin)).then(
      (r) => r.status,
      () => 'connection lost' as const,
    );
    const pid = await mergeInProgress(120_000);
    first.process.kill('SIGKILL');
    await once(first.process, 'exit');
    expect(await answer).toBe('connection lost');
    await backendGone(pid);

    // Nothing of the batch: no lines, no rollup movement, no freshness, no used-up idempotency key.
    expect(await stored(database)).toEqual(before);

    first = await startServer();
    server = first.process;
    const cookie = await signIn(first.origin);
    // The killed batch's log row says it failed and why, once the sweeper has run (not `running` forever).
    const post = (path: string, payload?: unknown) =>
      fetch(`${first.origin}/api/v1${path}`, {
        method: 'POST',
        headers: {
          origin: first.origin,
          cookie,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
      });
    expect((await post('/admin/clock', { now: '2026-03-02T00:05:00.000Z' })).status).toBe(200);
    expect((await post('/admin/jobs/run-due')).status).toBe(200);
    const runs = await database.query<{ status: string; errors: { params: { why: { zh: string } } }[] }>(
      `select status, errors from exchange_runs where kind = 'shipments' order by id`,
    );
    expect(runs.map((r) => r.status)).toEqual(['failed']);
    expect(runs[0]!.errors[0]!.params.why.zh).toMatch(/导入中断/);
    const resent = await sendBatch(first.origin, cookie);
    expect(resent.status).toBe(200);
    const counts = (await resent.json()) as Record<string, unknown>;
    const after = await stored(database);
    first.process.kill('SIGTERM');
    await once(first.process, 'exit');
    server = null;

    // One clean run of the same batch on a fresh database with the same company.
    const clean = await openDatabase({ url: withDatabaseName(base, cleanName) });
    try {
      await migrateDatabase(clean);
      await seedOrganisation(clean.db, smallOrganisation(), PASSWORD, new Date(START));
      const config = loadConfig({ fakeClock: START }, { CRM_WEB_DIR: '/nonexistent' });
      const app = await buildApp({
        database: clean,
        clock: await fakeClock(clean.db, new Date(START)),
        config,
        logger: false,
      });
      try {
        const admin = await login(app, 'admin');
        const res = await admin.post('/api/v1/exchange/shipments', { rows: batch }, { origin: ORIGIN });
        expect(res.status).toBe(200);
        const pick = (b: Record<string, unknown>) => ({
          rows: b.rows,
          inserted: b.inserted,
          updated: b.updated,
          unchanged: b.unchanged,
          voided: b.voided,
        });
        expect(pick(counts)).toEqual(pick(res.body));
        expect(pick(counts)).toEqual({ rows: ROWS, inserted: ROWS, updated: 0, unchanged: 0, voided: 0 });
        expect(after).toEqual({ ...(await stored(clean)), keys: 1 });
      } finally {
        await app.close();
      }
    } finally {
      await clean.close();
    }
  }, 300_000);
});
