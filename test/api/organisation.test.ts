import { afterAll, beforeAll, expect, test } from 'vitest';
import { restoreClockAfterEach } from '../support/clock.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('the admin manages the organisation, and every change is on record', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
  });
  afterAll(() => t.close());
  restoreClockAfterEach(() => t);

  test('creating a track creates its weekly meeting series, and the history records who and when', async () => {
    const created = await admin.post('/api/v1/tracks', { code: 'MED', name: '医疗健康', businessLine: 'integrated' });
    expect(created.status).toBe(201);
    expect(created.body.weeklySeriesId).toEqual(expect.any(Number));
    const history = await admin.get(`/api/v1/history?entity=track&entityId=${created.body.id}`);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'created',
        actorName: 'admin',
        at: '2026-03-02T00:00:00.000Z',
        after: expect.objectContaining({ code: 'MED' }),
      }),
    ]);
  });

  test("naming a director leads the track: the director's own track follows, both histories show it", async () => {
    const director = (
      await admin.post('/api/v1/users', {
        username: 'director3',
        code: 'D3',
        name: '王总监',
        role: 'director',
        password: 'long-enough-1',
      })
    ).body;
    const track = (await admin.get('/api/v1/tracks?limit=10')).body.items.find((x) => x.code === 'MED')!;
    const updated = await admin.patch(`/api/v1/tracks/${track.id}`, { directorId: director.id });
    expect(updated.body).toMatchObject({ directorId: director.id, directorName: '王总监', version: 2 });
    expect((await admin.get(`/api/v1/users/${director.id}`)).body.trackId).toBe(track.id);
    const trackHistory = (await admin.get(`/api/v1/history?entity=track&entityId=${track.id}`)).body.items;
    expect(trackHistory.at(-1)).toMatchObject({
      action: 'updated',
      before: { directorId: null },
      after: { directorId: director.id },
    });
    const userHistory = (await admin.get(`/api/v1/history?entity=user&entityId=${director.id}`)).body.items;
    expect(userHistory.at(-1)).toMatchObject({ before: { trackId: null }, after: { trackId: track.id } });
  });

  test('a director leads one track only', async () => {
    const tracks = (await admin.get('/api/v1/tracks')).body.items;
    const t2 = tracks.find((x) => x.code === 'T2')!;
    const med = tracks.find((x) => x.code === 'MED')!;
    const res = await admin.patch(`/api/v1/tracks/${med.id}`, { directorId: t2.directorId });
    expect(res.status).toBe(409);
    expect(res.error?.message).toMatch(/已负责赛道「商品模」/);
  });

  test("moving a customer to another AM moves it to that AM's track and records before → after", async () => {
    const customer = (await admin.get('/api/v1/customers?q=C1')).body.items[0]!;
    const am3 = (await admin.get('/api/v1/users?q=am3')).body.items[0]!;
    const moved = await admin.patch(`/api/v1/customers/${customer.id}`, { amId: am3.id });
    expect(moved.body).toMatchObject({ amId: am3.id, trackId: am3.trackId });
    const history = (await admin.get(`/api/v1/history?entity=customer&entityId=${customer.id}`)).body.items;
    expect(history.at(-1)).toMatchObject({
      action: 'reassigned',
      before: { amId: customer.amId, trackId: customer.trackId },
      after: { amId: am3.id, trackId: am3.trackId },
    });
  });

  test('lists page by cursor: every row once, in order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { username: string }[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/users?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((u) => u.username));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = (await admin.get('/api/v1/users?limit=500')).body.items.map((u: { username: string }) => u.username);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(all.length);
  });

  test('API keys: shown once, stored hashed, revocable', async () => {
    const created = await admin.post('/api/v1/admin/api-keys', { name: 'SAP 接口', scopes: ['integration'] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tkc_/);
    const stored = await t.database.query<{ key_hash: string }>('select key_hash from api_keys');
    expect(stored.map((r) => r.key_hash)).not.toContain(created.body.key);
    const listed = (await admin.get('/api/v1/admin/api-keys')).body.items[0]!;
    expect(listed).not.toHaveProperty('key');
    expect((await t.bearer(created.body.key).get('/api/v1/me')).status).toBe(200);
    expect((await admin.delete(`/api/v1/admin/api-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await t.bearer(created.body.key).get('/api/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.error?.code).toBe('invalid_api_key');
  });

  test('an expired API key is refused', async () => {
    const created = await admin.post('/api/v1/admin/api-keys', {
      name: 'APS',
      scopes: ['integration'],
      expiresAt: '2026-03-10T00:00:00+08:00',
    });
    expect((await t.bearer(created.body.key).get('/api/v1/me')).status).toBe(200);
    await t.setNow('2026-03-10T00:00:01+08:00');
    expect((await t.bearer(created.body.key).get('/api/v1/me')).status).toBe(401);
  });
});
