import { afterAll, beforeAll, expect, test } from 'vitest';
import { apiKey, writerFor } from '../support/feeds.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

const ROLES = ['ceo', 'secretary', 'director1', 'am1', 'admin', 'planner'] as const;
type Caller = (typeof ROLES)[number] | 'key:feeds' | 'key:integration' | 'anonymous';

/**
 * Who reads the feeds (SPEC §9.1 "Who reads what": planner, admin and integration keys with the `feeds`
 * scope; others 403) and who keeps the APS delivery log (the admin), for every new endpoint.
 */
describeWithDatabase('feeds and the APS delivery log: authorisation matrix (SPEC §9.1)', () => {
  let t: TestApp;
  const clients = {} as Record<Caller, Client>;
  let deliveryId = 0;

  beforeAll(async () => {
    t = await startTestApp({ env: { CRM_APS_URL: 'http://127.0.0.1:9/aps' } });
    for (const role of ROLES) clients[role] = await t.as(role);
    clients['key:feeds'] = t.bearer(await apiKey(t, ['feeds']));
    clients['key:integration'] = t.bearer(await apiKey(t, ['integration']));
    clients.anonymous = t.anonymous();
    const write = await writerFor(t);
    const id = await write.create('Z1', 'commodity');
    await write.put(id, 'precision', { orderMonth: '2026-05', amount: 100, shipments: { '2026-06': 100 } });
    await write.stage(id, 'H');
    deliveryId = (await clients.admin.get('/api/v1/admin/aps-deliveries')).body.items[0]!.id;
  });
  afterAll(() => t.close());

  const statuses = async (call: (c: Client) => Promise<{ status: number }>) =>
    Object.fromEntries(
      await Promise.all(
        (Object.keys(clients) as Caller[]).map(async (who) => [who, (await call(clients[who])).status] as const),
      ),
    );
  const feedsMatrix = {
    ceo: 403,
    secretary: 403,
    director1: 403,
    am1: 403,
    admin: 200,
    planner: 200,
    'key:feeds': 200,
    'key:integration': 403,
    anonymous: 401,
  };

  test('GET /feeds/forecast (JSON, CSV and XLSX): planner, admin and keys with the feeds scope', async () => {
    for (const format of ['json', 'csv', 'xlsx'])
      expect(await statuses((c) => c.get(`/api/v1/feeds/forecast?format=${format}`)), format).toEqual(feedsMatrix);
  });

  test('GET /feeds/aps-quotes: the same callers', async () => {
    expect(await statuses((c) => c.get('/api/v1/feeds/aps-quotes'))).toEqual(feedsMatrix);
  });

  test('the APS delivery log, its settings and a retry: the admin only', async () => {
    const adminOnly = {
      ...Object.fromEntries(Object.keys(feedsMatrix).map((k) => [k, 403])),
      admin: 200,
      anonymous: 401,
    };
    expect(await statuses((c) => c.get('/api/v1/admin/aps-deliveries'))).toEqual(adminOnly);
    expect(await statuses((c) => c.get('/api/v1/admin/aps-settings'))).toEqual(adminOnly);
    expect(await statuses((c) => c.post(`/api/v1/admin/aps-deliveries/${deliveryId}/retry`))).toEqual(adminOnly);
  });

  test('the admin’s key screen offers the feeds scope; an unknown scope is 400 naming scopes', async () => {
    const bad = await clients.admin.post('/api/v1/admin/api-keys', { name: 'x', scopes: ['everything'] });
    expect(bad.status).toBe(400);
    expect(bad.error?.details?.map((d) => d.field)).toEqual(['scopes.0']);
    const me = await clients['key:feeds'].get('/api/v1/me');
    expect(me.body.permissions).toEqual(['feeds.read']);
  });
});
