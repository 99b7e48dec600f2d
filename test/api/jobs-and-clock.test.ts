import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('the fake clock and scheduled jobs (SPEC §8)', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:30:00+08:00' });
    admin = await t.as('admin');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const runDue = async () =>
    (await admin.post('/api/v1/admin/jobs/run-due')).body.ran as { job: string; periodKey: string }[];

  test('the clock stands still between moves, and /health shows it', async () => {
    const first = (await admin.get('/api/v1/health')).body;
    expect(first).toMatchObject({ status: 'ok', fakeClock: true, now: '2026-03-02T00:30:00.000Z' });
    expect((await admin.post('/api/v1/admin/clock', { now: '2026-03-02T09:10:00+08:00' })).body.now).toBe(
      '2026-03-02T01:10:00.000Z',
    );
    expect((await admin.get('/api/v1/health')).body.now).toBe('2026-03-02T01:10:00.000Z');
  });

  test('only the admin moves the clock or runs jobs', async () => {
    const ceo = await t.as('ceo');
    expect((await ceo.post('/api/v1/admin/clock', { now: '2030-01-01T00:00:00Z' })).status).toBe(403);
    expect((await ceo.post('/api/v1/admin/jobs/run-due')).status).toBe(403);
  });

  test('a due job runs once when run-due is called twice', async () => {
    await t.setNow('2026-03-02T10:05:00+08:00');
    const first = await runDue();
    expect(first).toEqual(
      expect.arrayContaining([
        { job: 'session_cleanup', periodKey: '2026-03-02T02' },
        { job: 'idempotency_cleanup', periodKey: '2026-03-02T02' },
      ]),
    );
    expect(await runDue()).toEqual([]);
  });

  test('after downtime the clean-up catches up once, evaluated at its own due moment, not at "now"', async () => {
    await t.setNow('2026-03-02T10:06:00+08:00');
    await t.as('am1'); // idle-dead from 18:06 on
    await t.setNow('2026-03-03T02:30:00+08:00');
    await t.as('am2'); // alive at the 10:00 due moment (7.5 h idle), though dead by 10:50 (8 h 20 min)
    await t.setNow('2026-03-03T10:50:00+08:00');
    const admin = await t.as('admin');
    const ran = (await admin.post('/api/v1/admin/jobs/run-due')).body.ran;
    expect(ran.filter((r: { job: string }) => r.job === 'session_cleanup')).toEqual([
      { job: 'session_cleanup', periodKey: '2026-03-03T02' },
    ]);
    const users = await t.database.query<{ username: string }>(
      'select u.username from sessions s join users u on u.id = s.user_id',
    );
    const names = users.map((u) => u.username);
    expect(names).not.toContain('am1');
    expect(names).toContain('am2');
    expect((await admin.post('/api/v1/admin/jobs/run-due')).body.ran).toEqual([]);
  });
});

describeWithDatabase('without --fake-clock the clock endpoints do not exist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('POST /admin/clock and /admin/jobs/run-due answer 404', async () => {
    const { buildApp } = await import('../../src/app.js');
    const { systemClock } = await import('../../src/clock.js');
    const app = await buildApp({
      database: t.database,
      clock: systemClock(),
      config: { ...t.config, fakeClock: null },
      logger: false,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'test-password-1' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, origin: 'http://crm.test', host: 'crm.test' };
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/admin/clock',
          headers,
          payload: { now: '2030-01-01T00:00:00Z' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/v1/admin/jobs/run-due', headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).json().fakeClock).toBe(false);
    await app.close();
  });
});
