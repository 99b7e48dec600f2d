import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { ORIGIN, PASSWORD, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('sign-in and sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T08:00:00+08:00' });
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  const attempt = (username: string, password: string, remoteAddress = '10.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { origin: ORIGIN, host: 'crm.test' },
      payload: { username, password },
      remoteAddress,
    });

  test('signing in sets an httpOnly SameSite=Lax cookie and /me tells who and what they may do', async () => {
    const res = await attempt('director1', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/crm_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await (await t.as('director1')).get('/api/v1/me');
    expect(me.body.user).toMatchObject({ username: 'director1', role: 'director', trackName: '消费电子I' });
    expect(me.body.permissions).toContain('customers.read');
    expect(me.body.permissions).not.toContain('org.write');
  });

  test('every sign-in gets a new token', async () => {
    const a = await t.as('am1');
    const b = await t.as('am1');
    expect(a.cookie).not.toBe(b.cookie);
    expect((await a.get('/api/v1/me')).status).toBe(200);
    expect((await b.get('/api/v1/me')).status).toBe(200);
  });

  test('a wrong password and an unknown user answer the same 401', async () => {
    const wrong = await attempt('am2', 'not-the-password', '10.0.0.2');
    const unknown = await attempt('nobody', 'whatever', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error).toEqual(unknown.json().error);
    expect(wrong.json().error.message).toBe('用户名或密码错误');
  });

  test('signing out ends the session', async () => {
    const client = await t.as('am1');
    expect((await client.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await client.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(after.error?.code).toBe('session_expired');
  });

  test('a session ends after 8 idle hours, and activity keeps it alive until the 7-day limit', async () => {
    await t.setNow('2026-03-02T08:00:00+08:00');
    const idle = await t.as('ceo');
    const busy = await t.as('ceo');
    await t.setNow('2026-03-02T15:59:00+08:00');
    expect((await busy.get('/api/v1/me')).status).toBe(200);
    await t.setNow('2026-03-02T16:01:00+08:00');
    expect((await idle.get('/api/v1/me')).status).toBe(401);
    // used every 7 hours, busy lives on until its absolute end, 7 days after sign-in (03-09 08:00)
    const end = Date.parse('2026-03-09T08:00:00+08:00');
    for (let at = Date.parse('2026-03-02T15:59:00+08:00') + 7 * 3_600_000; at < end; at += 7 * 3_600_000) {
      await t.setNow(new Date(at).toISOString());
      expect((await busy.get('/api/v1/me')).status, new Date(at).toISOString()).toBe(200);
    }
    await t.setNow('2026-03-09T07:59:00+08:00');
    expect((await busy.get('/api/v1/me')).status).toBe(200);
    await t.setNow('2026-03-09T08:00:00+08:00');
    expect((await busy.get('/api/v1/me')).status).toBe(401);
  });

  test('disabling a user ends all their sessions at once', async () => {
    const am = await t.as('am2');
    const admin = await t.as('admin');
    const id = (await am.get('/api/v1/me')).body.user!.id;
    expect((await admin.patch(`/api/v1/users/${id}`, { active: false })).status).toBe(200);
    expect((await am.get('/api/v1/me')).status).toBe(401);
    expect((await attempt('am2', PASSWORD, '10.0.0.9')).statusCode).toBe(401);
    await admin.patch(`/api/v1/users/${id}`, { active: true });
  });

  test('five failed sign-ins block that username (429), even with the right password, until the window passes', async () => {
    await t.setNow('2026-04-01T09:00:00+08:00');
    for (let i = 0; i < 5; i++) expect((await attempt('secretary', 'wrong', `10.1.0.${i}`)).statusCode).toBe(401);
    const blocked = await attempt('secretary', PASSWORD, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    await t.setNow('2026-04-01T09:16:00+08:00');
    expect((await attempt('secretary', PASSWORD, '10.1.0.99')).statusCode).toBe(200);
  });

  test('thirty failed sign-ins from one address block that address for every username', async () => {
    await t.setNow('2026-04-02T09:00:00+08:00');
    for (let i = 0; i < 30; i++) await attempt(`guess${i}`, 'wrong', '10.2.0.1');
    expect((await attempt('planner', PASSWORD, '10.2.0.1')).statusCode).toBe(429);
    expect((await attempt('planner', PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  test('a cookie-authenticated write from another origin is refused (CSRF)', async () => {
    const admin = await t.as('admin');
    const res = await admin.post(
      '/api/v1/tracks',
      { code: 'X1', name: 'x', businessLine: 'integrated' },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.error?.code).toBe('csrf_origin');
    const tracks = await admin.get('/api/v1/tracks');
    expect(tracks.body.items.map((x: { code: string }) => x.code)).not.toContain('X1');
  });

  test('a user whose password an admin reset must change it before doing anything else', async () => {
    const admin = await t.as('admin');
    const planner = (await admin.get('/api/v1/users?role=planner')).body.items[0]!;
    await admin.patch(`/api/v1/users/${planner.id}`, { password: 'temporary-pass-1' });
    const user = await t.as('planner', 'temporary-pass-1');
    expect((await user.get('/api/v1/me')).body.user?.mustChangePassword).toBe(true);
    expect((await user.get('/api/v1/tracks')).error?.code).toBe('password_change_required');
    const wrong = await user.post('/api/v1/me/password', { currentPassword: 'nope', newPassword: 'brand-new-pass-2' });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.details?.[0]?.field).toBe('currentPassword');
    expect(
      (await user.post('/api/v1/me/password', { currentPassword: 'temporary-pass-1', newPassword: 'brand-new-pass-2' }))
        .status,
    ).toBe(204);
    expect((await user.get('/api/v1/tracks')).status).toBe(200);
    await admin.patch(`/api/v1/users/${planner.id}`, { password: PASSWORD });
  });

  test('sign-ins, refusals and sign-outs are logged with who, when and from where', async () => {
    const rows = await t.database.query<{ kind: string; username: string | null; ip: string }>(
      `select kind, username, ip from security_events order by id`,
    );
    const kinds = new Set(rows.map((r) => r.kind));
    for (const kind of ['login', 'login_failed', 'logout', 'denied', 'rate_limited']) expect(kinds).toContain(kind);
    expect(rows.find((r) => r.kind === 'login_failed' && r.username === 'am2')?.ip).toBe('10.0.0.2');
  });
});
