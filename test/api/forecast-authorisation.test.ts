import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/forecast/rules.js';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

// Who calls, in the order of every row's statuses. director1, am1 and am2 are of T1 (integrated; am1 owns
// the opportunity and the request), director2 and am3 of T2 (commodity); `key` is an integration key.
const WHO = ['ceo', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3', 'admin', 'planner', 'key'] as const;
type Who = (typeof WHO)[number];
type Call = { method: 'get' | 'post' | 'patch' | 'put'; url: string; body?: unknown };
/** A row: the call (made per caller) and one status per caller in WHO order. */
type Row = { name: string; call: (who: Who) => Call; statuses: number[] };

const STALE = { 'if-match': '999' };
/** Reads of the forecast's numbers (SPEC §9.1 "Who reads what"): everyone but the secretary and keys. */
const READERS = [200, 403, 200, 200, 200, 200, 200, 200, 200, 403];
/** Writes on am1's opportunity, with a stale If-Match: 412 means "allowed, stopped by the version". */
const WRITE_OPP1 = [403, 403, 412, 404, 412, 404, 404, 412, 403, 403];

describeWithDatabase('forecast: every endpoint × every role (SPEC §2, §9.1)', () => {
  let t: TestApp;
  const as = {} as Record<Who, Client>;
  const o = {} as Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T10:00:00+08:00' });
    for (const who of WHO) if (who !== 'key') as[who] = await t.as(who);
    as.key = t.bearer(
      (await as.admin.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] })).body.key,
    );
    const customers = (await as.admin.get('/api/v1/customers')).body.items as { id: number; code: string }[];
    for (const c of customers) o[c.code] = c.id;
    const create = async (who: Who, code: string, customer: string, kind: string) => {
      const res = await as[who].post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: o[customer],
        kind,
        stage: 'M',
        rolling: { orderMonth: '2026-06', amount: 1000 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    o.opp1 = await create('am1', 'OPP-1', 'C1', 'mold_development');
    o.opp3 = await create('am3', 'OPP-3', 'C3', 'commodity_mold');
    expect((await as.admin.post('/api/v1/baselines/2026/lock')).status).toBe(200);
    const request = (amount: number) =>
      as.am1.post('/api/v1/target-requests', {
        kind: 'adjust_total',
        year: 2026,
        reason: '客户扩产',
        lines: [{ opportunityId: o.opp1, month: '2026-06', amount }],
      });
    o.submitted = (await request(10)).body.id;
    o.approved = (await request(20)).body.id;
    await as.director1.post(`/api/v1/target-requests/${o.approved}/approve`);
    expect((await as.ceo.post(`/api/v1/target-requests/${o.approved}/approve`)).body.status).toBe('approved');
  });
  afterAll(() => t.close());

  const send = (who: Who, { method, url, body }: Call, headers?: Record<string, string>): Promise<Response> =>
    method === 'get' ? as[who].get(url, headers) : as[who][method](url, body, headers);

  const rows: Row[] = [
    { name: 'GET /opportunities', call: () => ({ method: 'get', url: '/api/v1/opportunities' }), statuses: READERS },
    {
      name: 'GET /opportunities/:id (T1, am1)',
      call: () => ({ method: 'get', url: `/api/v1/opportunities/${o.opp1}` }),
      statuses: [200, 403, 200, 404, 200, 404, 404, 200, 200, 403],
    },
    {
      name: 'GET /opportunities/:id (T2 commodity at M: not the planner’s)',
      call: () => ({ method: 'get', url: `/api/v1/opportunities/${o.opp3}` }),
      statuses: [200, 403, 404, 200, 404, 404, 200, 200, 404, 403],
    },
    {
      name: 'PATCH /opportunities/:id',
      call: () => ({ method: 'patch', url: `/api/v1/opportunities/${o.opp1}`, body: { name: '改名' } }),
      statuses: WRITE_OPP1,
    },
    {
      name: 'POST /opportunities/:id/stage',
      call: () => ({ method: 'post', url: `/api/v1/opportunities/${o.opp1}/stage`, body: { stage: 'L' } }),
      statuses: WRITE_OPP1,
    },
    {
      name: 'PUT /opportunities/:id/forecast/rolling',
      call: () => ({
        method: 'put',
        url: `/api/v1/opportunities/${o.opp1}/forecast/rolling`,
        body: { orderMonth: '2026-06', amount: 1000 },
      }),
      statuses: WRITE_OPP1,
    },
    {
      name: 'PUT /forecast/settings',
      call: () => ({ method: 'put', url: '/api/v1/forecast/settings', body: DEFAULT_SETTINGS }),
      statuses: [403, 403, 403, 403, 403, 403, 403, 412, 403, 403],
    },
    {
      name: 'GET /forecast/settings',
      call: () => ({ method: 'get', url: '/api/v1/forecast/settings' }),
      statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    },
    {
      name: 'GET /forecast/snapshots',
      call: () => ({ method: 'get', url: '/api/v1/forecast/snapshots' }),
      statuses: READERS,
    },
    {
      name: 'GET /forecast/compliance',
      call: () => ({ method: 'get', url: '/api/v1/forecast/compliance?month=2026-03' }),
      statuses: READERS,
    },
    { name: 'GET /baselines/:year', call: () => ({ method: 'get', url: '/api/v1/baselines/2026' }), statuses: READERS },
    {
      name: 'POST /baselines/:year/lock (already locked)',
      call: () => ({ method: 'post', url: '/api/v1/baselines/2026/lock' }),
      statuses: [403, 403, 403, 403, 403, 403, 403, 409, 403, 403],
    },
    { name: 'GET /targets', call: () => ({ method: 'get', url: '/api/v1/targets?year=2026' }), statuses: READERS },
    {
      name: 'GET /targets/versions',
      call: () => ({ method: 'get', url: '/api/v1/targets/versions?year=2026' }),
      statuses: READERS,
    },
    {
      name: 'GET /forecast/accuracy',
      call: () => ({ method: 'get', url: '/api/v1/forecast/accuracy?month=2026-02&view=ytd' }),
      statuses: READERS,
    },
    {
      name: 'GET /forecast/accuracy-config',
      call: () => ({ method: 'get', url: '/api/v1/forecast/accuracy-config' }),
      statuses: [200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    },
    {
      name: 'PUT /forecast/accuracy-config',
      call: () => ({
        method: 'put',
        url: '/api/v1/forecast/accuracy-config',
        body: { formula: 'wape', lag: 0, version: 'rolling', granularity: 'opportunity', effectiveMonth: '2026-04' },
      }),
      statuses: [403, 403, 403, 403, 403, 403, 403, 200, 403, 403],
    },
    {
      name: 'GET /forecast/overview',
      call: () => ({ method: 'get', url: '/api/v1/forecast/overview?year=2026' }),
      statuses: [200, 403, 200, 200, 403, 403, 403, 200, 200, 403],
    },
    {
      name: 'POST /target-requests (a total change on am1’s opportunity)',
      call: () => ({
        method: 'post',
        url: '/api/v1/target-requests',
        body: {
          kind: 'adjust_total',
          year: 2026,
          reason: '扩产',
          lines: [{ opportunityId: o.opp1, month: '2026-06', amount: 1 }],
        },
      }),
      statuses: [201, 403, 201, 404, 201, 201, 404, 403, 403, 403],
    },
    {
      name: 'GET /target-requests',
      call: () => ({ method: 'get', url: '/api/v1/target-requests' }),
      statuses: [200, 403, 200, 200, 200, 200, 200, 200, 403, 403],
    },
    {
      name: 'GET /target-requests/:id (am1’s)',
      call: () => ({ method: 'get', url: `/api/v1/target-requests/${o.submitted}` }),
      statuses: [200, 403, 200, 404, 200, 404, 404, 200, 403, 403],
    },
    {
      name: 'POST /target-requests/:id/approve (awaits director1)',
      call: () => ({ method: 'post', url: `/api/v1/target-requests/${o.submitted}/approve` }),
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
    },
    {
      name: 'POST /target-requests/:id/reject (awaits director1)',
      call: () => ({
        method: 'post',
        url: `/api/v1/target-requests/${o.submitted}/reject`,
        body: { comment: '不同意' },
      }),
      statuses: [403, 403, 412, 404, 403, 403, 403, 403, 403, 403],
    },
    {
      name: 'POST /target-requests/:id/withdraw (am1 submitted it)',
      call: () => ({ method: 'post', url: `/api/v1/target-requests/${o.submitted}/withdraw` }),
      statuses: [403, 403, 403, 404, 412, 404, 404, 403, 403, 403],
    },
    {
      name: 'POST /target-requests/:id/execute (approved)',
      call: () => ({ method: 'post', url: `/api/v1/target-requests/${o.approved}/execute` }),
      statuses: [403, 403, 403, 403, 403, 403, 403, 412, 403, 403],
    },
  ];

  for (const row of rows) {
    test(row.name, async () => {
      const seen: Record<string, number> = {};
      const expected: Record<string, number> = {};
      for (const [i, who] of WHO.entries()) {
        const res = await send(who, row.call(who), STALE);
        seen[who] = res.status;
        expected[who] = row.statuses[i]!;
        if (res.status >= 400)
          expect(res.error, `${who}: ${JSON.stringify(res.body)}`).toMatchObject({ code: expect.any(String) });
      }
      expect(seen).toEqual(expected);
    });
  }

  // The screens show a button only when its flag is true: each flag must say what the server then allows.
  test('the `can` flags of opportunities and requests say what the server lets each caller do', async () => {
    for (const who of WHO.filter((w) => w !== 'key' && w !== 'secretary')) {
      for (const id of [o.opp1!, o.opp3!]) {
        const res = await as[who].get(`/api/v1/opportunities/${id}`);
        if (res.status !== 200) continue;
        const patch = await send(
          who,
          { method: 'patch', url: `/api/v1/opportunities/${id}`, body: { name: 'x' } },
          STALE,
        );
        expect(res.body.can.write, `${who} write ${id}`).toBe(patch.status === 412);
      }
      for (const id of [o.submitted!, o.approved!]) {
        const res = await as[who].get(`/api/v1/target-requests/${id}`);
        if (res.status !== 200) continue;
        const tried = async (action: string) =>
          (await send(who, { method: 'post', url: `/api/v1/target-requests/${id}/${action}` }, STALE)).status === 412;
        expect(res.body.can.decide, `${who} decide ${id}`).toBe(await tried('approve'));
        expect(res.body.can.withdraw, `${who} withdraw ${id}`).toBe(await tried('withdraw'));
        expect(res.body.can.execute, `${who} execute ${id}`).toBe(await tried('execute'));
      }
    }
  });
});
