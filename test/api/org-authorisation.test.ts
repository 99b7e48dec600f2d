import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

const ROLES = ['ceo', 'secretary', 'director1', 'am1', 'admin', 'planner'] as const;
type Who = (typeof ROLES)[number];

describeWithDatabase('organisation endpoints follow the SPEC §2 scopes', () => {
  let t: TestApp;
  const clients = {} as Record<Who | 'director2' | 'am2', Client>;
  const ids = {} as Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const who of [...ROLES, 'director2', 'am2'] as const) clients[who] = await t.as(who);
    const customers = (await clients.admin.get('/api/v1/customers')).body.items as { id: number; code: string }[];
    for (const c of customers) ids[c.code] = c.id;
    const tracks = (await clients.admin.get('/api/v1/tracks')).body.items as { id: number; code: string }[];
    for (const tr of tracks) ids[tr.code] = tr.id;
    const users = (await clients.admin.get('/api/v1/users?limit=100')).body.items as { id: number; username: string }[];
    for (const u of users) ids[u.username] = u.id;
  });
  afterAll(() => t.close());

  test.each(ROLES)('every role reads tracks and users: %s', async (who) => {
    const tracks = await clients[who].get('/api/v1/tracks');
    expect(tracks.status).toBe(200);
    expect(tracks.body.items.map((x: { code: string }) => x.code)).toEqual(['T1', 'T2']);
    const users = await clients[who].get('/api/v1/users?limit=100');
    expect(users.status).toBe(200);
    expect(users.body.items).toHaveLength(9);
    expect(users.body.items[0]!).not.toHaveProperty('passwordHash');
  });

  test('without a session the organisation is closed (401)', async () => {
    for (const url of ['/api/v1/tracks', '/api/v1/users', '/api/v1/customers']) {
      const res = await t.anonymous().get(url);
      expect(res.status).toBe(401);
      expect(res.error?.code).toBe('unauthenticated');
    }
  });

  test('customer lists follow the scope: all for CEO, secretary and admin; own track for a director; own for an AM; none for a planner', async () => {
    const codes = async (who: Client) =>
      ((await who.get('/api/v1/customers')).body.items as { code: string }[]).map((c) => c.code).sort();
    expect(await codes(clients.ceo)).toEqual(expect.arrayContaining(['C1', 'C2', 'C3']));
    expect(await codes(clients.secretary)).toEqual(await codes(clients.ceo));
    expect(await codes(clients.admin)).toEqual(await codes(clients.ceo));
    expect(await codes(clients.director1)).toEqual(['C1', 'C2']);
    expect(await codes(clients.director2)).toEqual(['C3']);
    expect(await codes(clients.am1)).toEqual(['C1']);
    expect((await clients.planner.get('/api/v1/customers')).status).toBe(403);
  });

  test("an AM probing another AM's customer by id gets 404, as does a director outside the track", async () => {
    expect((await clients.am1.get(`/api/v1/customers/${ids.C1}`)).status).toBe(200);
    const probe = await clients.am1.get(`/api/v1/customers/${ids.C2}`);
    expect(probe.status).toBe(404);
    expect(probe.error?.code).toBe('not_found');
    expect((await clients.director2.get(`/api/v1/customers/${ids.C1}`)).status).toBe(404);
    expect((await clients.director1.get(`/api/v1/customers/${ids.C2}`)).status).toBe(200);
  });

  const WRITES: [string, (ids: Record<string, number>) => [string, string, unknown]][] = [
    ['create a track', () => ['post', '/api/v1/tracks', { code: 'T9', name: '新赛道', businessLine: 'integrated' }]],
    ['edit a track', (i) => ['patch', `/api/v1/tracks/${i.T1}`, { name: '消费电子一部' }]],
    [
      'create a user',
      () => [
        'post',
        '/api/v1/users',
        { username: 'newam', code: 'N1', name: '新人', role: 'planner', password: 'long-enough-1' },
      ],
    ],
    ['edit a user', (i) => ['patch', `/api/v1/users/${i.am2}`, { name: '改名' }]],
    ['create a customer', (i) => ['post', '/api/v1/customers', { code: 'C9', name: '新客户', amId: i.am1 }]],
    ['edit a customer', (i) => ['patch', `/api/v1/customers/${i.C1}`, { name: '改名客户' }]],
    ['create an API key', () => ['post', '/api/v1/admin/api-keys', { name: 'SAP', scopes: ['integration'] }]],
  ];

  test.each(WRITES)('only the admin may %s; every other role gets 403 with a reason', async (_name, request) => {
    const [method, url, body] = request(ids);
    for (const who of ROLES.filter((r) => r !== 'admin')) {
      const res = await (clients[who] as unknown as Record<string, (u: string, b: unknown) => Promise<Response>>)[
        method
      ]!(url, body);
      expect(res.status, `${who} ${method} ${url}`).toBe(403);
      expect(res.error?.code).toBe('forbidden');
      expect(res.error?.message).toMatch(/不能/);
    }
    const res = await (
      clients.admin as unknown as Record<string, (u: string, b: unknown) => Promise<{ status: number }>>
    )[method]!(url, body);
    expect([200, 201]).toContain(res.status);
  });

  test('list filters narrow rows: users by role and track', async () => {
    const ams = await clients.ceo.get(`/api/v1/users?role=am&trackId=${ids.T1}`);
    expect(ams.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['am1', 'am2']);
  });

  test('change history is for the admin and the CEO only', async () => {
    for (const who of ['secretary', 'director1', 'am1', 'planner'] as const) {
      expect((await clients[who].get(`/api/v1/history?entity=track&entityId=${ids.T1}`)).status).toBe(403);
    }
    expect((await clients.ceo.get(`/api/v1/history?entity=track&entityId=${ids.T1}`)).status).toBe(200);
  });

  test('an integration API key cannot read or change the organisation', async () => {
    const created = await clients.admin.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] });
    const key = t.bearer(created.body.key);
    expect((await key.get('/api/v1/me')).body.apiKey?.name).toBe('ERP');
    expect((await key.get('/api/v1/tracks')).status).toBe(403);
    expect((await key.post('/api/v1/users', {})).status).toBe(403);
  });
});
