import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, ORIGIN, type Response, startTestApp, type TestApp } from '../support/test-app.js';

/** Every refusal has the SPEC §9 shape; `field` names what was wrong when the caller sent it. */
function expectRefused(res: Response, status: number, field?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (field) expect(res.error?.details?.map((d) => d.field)).toContain(field);
}

describeWithDatabase('hardened input: ids, NUL, months, strict types, one error shape (issue 9)', () => {
  let t: TestApp;
  let admin: Client;
  let t1: { id: number; directorId: number | null; version: number };
  let am1Id: number;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.as('admin');
    t1 = (await admin.get('/api/v1/tracks')).body.items.find((x) => x.code === 'T1')!;
    am1Id = (await admin.get('/api/v1/users')).body.items.find((u) => u.username === 'am1')!.id;
  });
  afterAll(() => t.close());

  test('ids past 2,147,483,647 answer 400 naming the id, in the path, the query, the body and a cursor', async () => {
    expectRefused(await admin.get('/api/v1/tasks/2147483648'), 400, 'id');
    expectRefused(await admin.get('/api/v1/tasks?trackId=2147483648'), 400, 'trackId');
    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { directorId: 1e308 }), 400, 'directorId');
    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { directorId: 'Infinity' }), 400, 'directorId');
    const hugeCursor = Buffer.from('99999999999').toString('base64url');
    expectRefused(await admin.get(`/api/v1/users?cursor=${hugeCursor}`), 400, 'cursor');
    expect((await admin.get('/api/v1/tasks/2147483647')).status).toBe(404);
  });

  test('a NUL character in any string is refused naming the field, even at sign-in', async () => {
    expectRefused(
      await t.anonymous().post('/api/v1/auth/login', { username: 'a\u0000b', password: 'x' }),
      400,
      'username',
    );
    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { name: '消费\u0000电子' }), 400, 'name');
    const res = await admin.post('/api/v1/exchange/customers', {
      rows: [{ code: 'N\u00001', name: 'x', amCode: 'x' }],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.error?.details)).toContain('rows.0.code');
  });

  test('a lone surrogate is refused naming the field; a body nested past 32 levels is 400, not a crash', async () => {
    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { name: 'x\ud800' }), 400, 'name');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${t1.id}`,
      headers: { cookie: admin.cookie!, origin: ORIGIN, host: 'crm.test', 'content-type': 'application/json' },
      payload: `${'['.repeat(5000)}1${']'.repeat(5000)}`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  test('months and instants must exist and lie in 1900–2999', async () => {
    for (const month of ['2026-13', '2026-00', '0000-01', '3000-01']) {
      expectRefused(await admin.get(`/api/v1/board?month=${month}`), 400, 'month');
      expectRefused(
        await admin.get(`/api/v1/board/trend?no=1&subjectType=track&subjectId=${t1.id}&month=${month}`),
        400,
        'month',
      );
      expectRefused(
        await admin.get(`/api/v1/board/drilldown?no=1&subjectType=track&subjectId=${t1.id}&month=${month}`),
        400,
        'month',
      );
      expectRefused(await admin.post('/api/v1/exchange/close', { source: 'SAP', month }), 400, 'month');
    }
    const bad = ['0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-02-30'];
    for (const from of bad) expectRefused(await admin.get(`/api/v1/meetings?from=${from}&to=2026-04-01`), 400, 'from');
    const english = await admin.get('/api/v1/board?month=2026-13', { 'accept-language': 'en' });
    expect(english.error?.details?.[0]?.reason).toContain('1900–2999');
  });

  test('GET /meetings takes whole days in the time zone as well as instants', async () => {
    // The weekly meetings start on Mondays at 09:00 Asia/Shanghai; 2026-03-02 is a Monday.
    const byDate = await admin.get('/api/v1/meetings?from=2026-03-02&to=2026-03-02&type=weekly');
    expect(byDate.status).toBe(200);
    expect(byDate.body.items.length).toBeGreaterThan(0);
    const byInstant = await admin.get(
      `/api/v1/meetings?from=${encodeURIComponent('2026-03-02T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-03T00:00:00+08:00')}&type=weekly`,
    );
    expect(byDate.body.items).toEqual(byInstant.body.items);
  });

  test('bodies keep their JSON types: no coercion of numbers, booleans or empty strings', async () => {
    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { name: 123 }), 400, 'name');
    for (const directorId of ['', false, 0, '5']) {
      expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { directorId }), 400, 'directorId');
    }
    const after = (await admin.get(`/api/v1/tracks/${t1.id}`)).body;
    expect(after.directorId).toBe(t1.directorId);
    expect(after.version).toBe(t1.version);
  });

  test('path and query ids are decimal integers only: 0x10, 1e1, 16.0 and " 16" are not aliases', async () => {
    for (const alias of ['0x10', '1e1', '16.0', '%2016', '016', '+16']) {
      expectRefused(await admin.patch(`/api/v1/users/${alias}`, { name: '改名' }), 400, 'id');
      expectRefused(await admin.get(`/api/v1/tasks?ownerId=${alias}`), 400, 'ownerId');
    }
    const user = (await admin.get(`/api/v1/users/${am1Id}`)).body;
    expect(user.name).not.toBe('改名');
  });

  test('exchange/close takes only the sources the kinds name (and SAP), even for a month without rows', async () => {
    expect((await admin.post('/api/v1/exchange/close', { source: 'SAP', month: '2031-07' })).status).toBe(200);
    expect((await admin.post('/api/v1/exchange/close', { source: 'APS', month: '2031-07' })).status).toBe(200);
    expectRefused(await admin.post('/api/v1/exchange/close', { source: '', month: '2031-07' }), 400, 'source');
    const unknown = await admin.post('/api/v1/exchange/close', { source: 'NOPE', month: '2031-07' });
    expectRefused(unknown, 400, 'source');
    expect(unknown.error?.details?.[0]?.reason).toContain('SAP');
  });

  test('multipart without a boundary or with a truncated part answers 400 in the error shape', async () => {
    const headers = { cookie: admin.cookie!, origin: ORIGIN, host: 'crm.test' };
    const noBoundary = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/upload?kind=customers',
      headers: { ...headers, 'content-type': 'multipart/form-data' },
      payload: 'whatever',
    });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().error.code).toBe('invalid_multipart');
    const truncated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/upload?kind=customers',
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=XyZ' },
      payload:
        '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\ncode,name,amCode\r\nC9,',
    });
    expect(truncated.statusCode).toBeGreaterThanOrEqual(400);
    expect(truncated.statusCode).toBeLessThan(500);
    expect(truncated.json().error.code).toEqual(expect.any(String));
    expect(
      (await admin.get('/api/v1/customers?limit=500')).body.items.map((c: { code: string }) => c.code),
    ).not.toContain('C9');
  });

  test('404, 413, 414 and 415 answer in the error shape and never echo the path', async () => {
    const secret = 'private-path-segment';
    const notFound = await admin.get(`/api/v1/${secret}`);
    expectRefused(notFound, 404);
    expect(JSON.stringify(notFound.body)).not.toContain(secret);

    expectRefused(await admin.patch(`/api/v1/tracks/${t1.id}`, { name: 'x'.repeat(1_100_000) }), 413);
    expectRefused(await admin.get(`/api/v1/tasks?q=${'x'.repeat(9000)}`), 414);

    const wrongType = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/tracks/${t1.id}`,
      headers: { cookie: admin.cookie!, origin: ORIGIN, host: 'crm.test', 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.message).toContain('text/plain');
  });

  test('a header block over Node’s cap answers 431 and an undecodable URL 400, both in the error shape', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const big = await fetch(`${address}/api/v1/health`, { headers: { 'x-big': 'x'.repeat(20_000) } });
    expect(big.status).toBe(431);
    expect(await big.json()).toMatchObject({ error: { code: 'headers_too_large', message: expect.any(String) } });
    const badUrl = await fetch(`${address}/api/v1/tasks/%E0%A4%A`);
    expect(badUrl.status).toBe(400);
    expect(await badUrl.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test('If-Match: * matches any current version, a list matches any of its versions', async () => {
    const track = (await admin.get(`/api/v1/tracks/${t1.id}`)).body;
    const star = await admin.patch(`/api/v1/tracks/${t1.id}`, { name: '消费电子一部' }, { 'if-match': '*' });
    expect(star.status).toBe(200);
    const now = star.body.version;
    expect(now).toBe(track.version + 1);
    const list = await admin.patch(
      `/api/v1/tracks/${t1.id}`,
      { name: '消费电子I' },
      { 'if-match': `"${now - 1}", "${now}"` },
    );
    expect(list.status).toBe(200);
    const stale = await admin.patch(
      `/api/v1/tracks/${t1.id}`,
      { name: '被覆盖' },
      { 'if-match': `"${now - 1}", "${now}"` },
    );
    expectRefused(stale, 412);
    expect((await admin.get(`/api/v1/tracks/${t1.id}`)).body.name).toBe('消费电子I');
  });

  test('429 after too many failed sign-ins carries Retry-After', async () => {
    const anonymous = t.anonymous();
    let last: Response | undefined;
    for (let i = 0; i < 7; i++)
      last = await anonymous.post('/api/v1/auth/login', { username: 'am2', password: 'wrong-one-1' });
    expectRefused(last!, 429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });
});
