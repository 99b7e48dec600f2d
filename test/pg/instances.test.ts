import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fakeClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrateDatabase, shippedMigrations } from '../../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../../src/db/test-database.js';
import { seedOrganisation } from '../../src/demo/seed.js';
import { describeOnPostgres } from '../support/suites.js';
import { login, ORIGIN, PASSWORD, smallOrganisation } from '../support/test-app.js';

describeOnPostgres('several instances on one PostgreSQL', () => {
  const name = `crm_instances_${process.pid}`;
  const opened: Database[] = [];
  let base: string;
  let url: string;

  beforeAll(async () => {
    base = process.env.TEST_DATABASE_URL!;
    url = withDatabaseName(base, name);
    await dropDatabase(base, name);
    await adminQuery(base, `create database "${name}"`);
  });
  afterAll(async () => {
    await Promise.all(opened.map((d) => d.close()));
    await dropDatabase(base, name);
  });

  async function instance() {
    const database = await openDatabase({ url });
    opened.push(database);
    return database;
  }

  test('instances starting together apply the migrations exactly once', async () => {
    const databases = await Promise.all([instance(), instance(), instance()]);
    await Promise.all(databases.map((d) => migrateDatabase(d)));
    const rows = await databases[0]!.query<{ n: number }>(
      'select count(*)::int as n from drizzle.__drizzle_migrations',
    );
    expect(rows[0]!.n).toBe(shippedMigrations().length);
    const series = await databases[0]!.query<{ n: number }>(
      "select count(*)::int as n from meeting_series where type = 'supervision'",
    );
    expect(series[0]!.n).toBe(1);
  });

  test('two app instances share the fake time, the sign-in limits, and run a due job once', async () => {
    const [a, b] = [await instance(), await instance()];
    const start = new Date('2026-03-02T10:05:00+08:00');
    await seedOrganisation(a.db, smallOrganisation(), PASSWORD, start);
    const config = loadConfig({ fakeClock: start.toISOString() }, { CRM_WEB_DIR: '/nonexistent' });
    const appA = await buildApp({ database: a, clock: await fakeClock(a.db, start), config, logger: false });
    const appB = await buildApp({ database: b, clock: await fakeClock(b.db, null), config, logger: false });
    try {
      const adminA = await login(appA, 'admin');
      const adminB = await login(appB, 'admin');
      await adminA.post('/api/v1/admin/clock', { now: '2026-03-02T12:01:00+08:00' });
      expect((await adminB.get('/api/v1/health')).body.now).toBe('2026-03-02T04:01:00.000Z');

      const [ranA, ranB] = await Promise.all([
        adminA.post('/api/v1/admin/jobs/run-due'),
        adminB.post('/api/v1/admin/jobs/run-due'),
      ]);
      const all = [...ranA.body.ran, ...ranB.body.ran];
      expect(all.filter((r: { job: string }) => r.job === 'session_cleanup')).toEqual([
        { job: 'session_cleanup', periodKey: '2026-03-02T04' },
      ]);
      // every registered job ran once in all, whichever instance claimed it
      expect(new Set(all.map((r: { job: string }) => r.job)).size).toBe(all.length);
      const claims = await a.query<{ n: number }>(
        "select count(*)::int as n from job_runs where job = 'session_cleanup'",
      );
      expect(claims[0]!.n).toBe(1);

      const attempt = (app: typeof appA) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { origin: ORIGIN },
          payload: { username: 'ceo', password: 'wrong' },
          remoteAddress: '10.9.9.9',
        });
      for (let i = 0; i < 3; i++) await attempt(appA);
      for (let i = 0; i < 2; i++) await attempt(appB);
      expect((await attempt(appB)).statusCode).toBe(429);
      expect((await attempt(appA)).statusCode).toBe(429);
    } finally {
      await appA.close();
      await appB.close();
    }
  });
});
