import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('bad input is refused with the field and the reason, and nothing is half-written', () => {
  let t: TestApp;
  let admin: Client;
  let t1: number;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
    t1 = (await admin.get('/api/v1/tracks')).body.items[0]!.id;
  });
  afterAll(() => t.close());

  const newUser = (extra: Record<string, unknown>) => ({
    username: 'zhangsan',
    code: 'Z001',
    name: '张三',
    role: 'am',
    trackId: t1,
    password: 'long-enough-1',
    ...extra,
  });

  test('a duplicate username answers 409 naming the field (case-insensitively)', async () => {
    const res = await admin.post('/api/v1/users', newUser({ username: 'AM1' }));
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe('conflict');
    expect(res.error?.details).toEqual([{ field: 'username', reason: '已被使用' }]);
  });

  test('an unknown role answers 400 naming `role` and the allowed values', async () => {
    const res = await admin.post('/api/v1/users', newUser({ role: 'boss' }));
    expect(res.status).toBe(400);
    expect(res.error?.details).toEqual([
      { field: 'role', reason: expect.stringContaining('ceo, secretary, director, am, admin, planner') },
    ]);
  });

  test('malformed JSON answers 400 invalid_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: {
        cookie: admin.cookie!,
        origin: 'http://crm.test',
        host: 'crm.test',
        'content-type': 'application/json',
      },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_json');
  });

  test('unknown body fields are refused, every bad field reported at once', async () => {
    const res = await admin.post('/api/v1/users', { ...newUser({}), nickname: 'x', password: 'short' });
    expect(res.status).toBe(400);
    const fields = res.error?.details?.map((d) => d.field).sort();
    expect(fields).toEqual(['nickname', 'password']);
  });

  test('messages follow Accept-Language: Chinese by default, English on request', async () => {
    const zh = await admin.post('/api/v1/users', newUser({ role: 'boss' }));
    const en = await admin.post('/api/v1/users', newUser({ role: 'boss' }), { 'accept-language': 'en-US,en;q=0.9' });
    expect(zh.error?.message).toBe('提交的数据有误，请检查标出的字段');
    expect(en.error?.message).toBe('Some fields are invalid');
    expect(en.error?.details?.[0]?.reason).toMatch(/^must be one of/);
  });

  test('an AM needs a track, and a CEO may not have one', async () => {
    const noTrack = await admin.post('/api/v1/users', newUser({ trackId: null }));
    expect(noTrack.status).toBe(400);
    expect(noTrack.error?.details).toEqual([{ field: 'trackId', reason: '必填' }]);
    const ceo = await admin.post('/api/v1/users', newUser({ role: 'ceo' }));
    expect(ceo.error?.details?.[0]).toEqual({ field: 'trackId', reason: '无效：该角色不属于赛道' });
  });

  test('a stale If-Match answers 412 and changes nothing', async () => {
    const track = (await admin.get(`/api/v1/tracks/${t1}`)).body;
    expect(
      (await admin.patch(`/api/v1/tracks/${t1}`, { name: '消费电子一部' }, { 'if-match': String(track.version) }))
        .status,
    ).toBe(200);
    const stale = await admin.patch(`/api/v1/tracks/${t1}`, { name: '被覆盖' }, { 'if-match': String(track.version) });
    expect(stale.status).toBe(412);
    expect(stale.error?.code).toBe('version_conflict');
    expect((await admin.get(`/api/v1/tracks/${t1}`)).body.name).toBe('消费电子一部');
  });

  test('a customer whose AM is not an AM is refused and not created', async () => {
    const director = (await admin.get('/api/v1/users?role=director')).body.items[0]!;
    const res = await admin.post('/api/v1/customers', { code: 'C77', name: '某公司', amId: director.id });
    expect(res.status).toBe(400);
    expect(res.error?.details?.[0]?.field).toBe('amId');
    const all = await admin.get('/api/v1/customers?q=C77');
    expect(all.body.items).toHaveLength(0);
  });

  test('an AM who still owns customers cannot be moved out of the role (409), and stays as they were', async () => {
    const am1 = (await admin.get('/api/v1/users?q=am1')).body.items[0]!;
    const res = await admin.patch(`/api/v1/users/${am1.id}`, { role: 'planner', trackId: null });
    expect(res.status).toBe(409);
    expect(res.error?.message).toMatch(/仍负责 1 个客户/);
    expect((await admin.get(`/api/v1/users/${am1.id}`)).body).toMatchObject({ role: 'am', trackId: t1 });
  });

  test('an unknown endpoint answers a JSON 404', async () => {
    const res = await admin.get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.error?.code).toBe('route_not_found');
  });
});
