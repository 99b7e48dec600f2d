import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

// Who calls, in the order of every row's statuses. director1, am1 and am2 are of T1 (integrated; am1 owns
// OPP-1), director2 and am3 of T2 (commodity; am3 owns the pre-H quote OPP-3); `key` is an integration key.
const WHO = ['ceo', 'secretary', 'director1', 'director2', 'am1', 'am2', 'am3', 'admin', 'planner', 'key'] as const;
type Who = (typeof WHO)[number];
type Row = { name: string; url: () => string; method?: 'post'; body?: () => unknown; statuses: number[] };

/** Overview-like views (SPEC §9.1 "Who reads what"): CEO, admin, planner and directors (their track). */
const VIEW_READERS = [200, 403, 200, 200, 403, 403, 403, 200, 200, 403];

describeWithDatabase('forecast views and reminders: every endpoint × every role (SPEC §2, §9.1)', () => {
  let t: TestApp;
  const as = {} as Record<Who, Client>;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-20T10:00:00+08:00' });
    const signIn = async () => {
      for (const who of WHO) if (who !== 'key') as[who] = await t.as(who);
    };
    await signIn();
    as.key = t.bearer(
      (await as.admin.post('/api/v1/admin/api-keys', { name: 'ERP', scopes: ['integration'] })).body.key,
    );
    for (const c of (await as.admin.get('/api/v1/customers')).body.items) id[c.code] = c.id;
    for (const u of (await as.admin.get('/api/v1/users?limit=100')).body.items) id[u.username] = u.id;
    for (const tr of (await as.admin.get('/api/v1/tracks')).body.items) id[tr.code] = tr.id;
    const create = async (who: Who, code: string, customer: string, kind: string) => {
      const res = await as[who].post('/api/v1/opportunities', {
        code,
        name: code,
        customerId: id[customer],
        kind,
        stage: 'M',
        rolling: { orderMonth: '2026-06', amount: 1000 },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as number;
    };
    id.opp1 = await create('am1', 'OPP-1', 'C1', 'mold_development');
    id.opp3 = await create('am3', 'OPP-3', 'C3', 'commodity_mold');
    // February and March frozen, for the flow.
    for (const now of ['2026-02-10T10:00:00+08:00', '2026-03-10T10:00:00+08:00']) {
      await t.setNow(now);
      await signIn();
      expect((await as.admin.post('/api/v1/admin/jobs/run-due')).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  const rows: Row[] = [
    { name: 'GET /forecast/flow', url: () => '/api/v1/forecast/flow?from=2026-02&to=2026-03', statuses: VIEW_READERS },
    {
      name: 'GET /forecast/flow (T1)',
      url: () => `/api/v1/forecast/flow?from=2026-02&to=2026-03&trackId=${id.T1}`,
      statuses: [200, 403, 200, 404, 403, 403, 403, 200, 200, 403],
    },
    {
      name: 'GET /forecast/review-pack (am1)',
      url: () => `/api/v1/forecast/review-pack?amId=${id.am1}&month=2026-03`,
      statuses: [200, 403, 200, 404, 200, 404, 404, 200, 200, 403],
    },
    {
      name: 'GET /forecast/track-pack (T1)',
      url: () => `/api/v1/forecast/track-pack?trackId=${id.T1}&month=2026-03`,
      statuses: [200, 200, 200, 404, 403, 403, 403, 200, 200, 403],
    },
    {
      name: 'GET /forecast/track-pack.xlsx (T2)',
      url: () => `/api/v1/forecast/track-pack.xlsx?trackId=${id.T2}&month=2026-03`,
      statuses: [200, 200, 404, 200, 403, 403, 403, 200, 200, 403],
    },
    {
      name: 'GET /forecast/shipment-tracking',
      url: () => '/api/v1/forecast/shipment-tracking',
      statuses: VIEW_READERS,
    },
    {
      name: 'GET /forecast/shipment-tracking (C1)',
      url: () => `/api/v1/forecast/shipment-tracking?customerId=${id.C1}`,
      statuses: [200, 403, 200, 404, 403, 403, 403, 200, 200, 403],
    },
    {
      name: 'GET /forecast/shipment-tracking (the pre-H quote: not the planner’s)',
      url: () => `/api/v1/forecast/shipment-tracking?opportunityId=${id.opp3}`,
      statuses: [200, 403, 404, 200, 403, 403, 403, 200, 404, 403],
    },
    {
      name: 'GET /forecast/commodity-attainment',
      url: () => '/api/v1/forecast/commodity-attainment?month=2026-03',
      statuses: VIEW_READERS,
    },
    {
      name: 'POST /forecast/compliance/remind (am1, March’s window closed)',
      url: () => '/api/v1/forecast/compliance/remind',
      method: 'post',
      body: () => ({ month: '2026-03', amIds: [id.am1] }),
      statuses: [403, 403, 409, 404, 403, 403, 403, 409, 403, 403],
    },
  ];

  test.each(rows)('$name', async (row) => {
    const got: number[] = [];
    for (const who of WHO) {
      const res = row.method === 'post' ? await as[who].post(row.url(), row.body?.()) : await as[who].get(row.url());
      got.push(res.status);
      if (res.status === 403) expect(res.error?.code, `${who} ${row.name}`).toBe('forbidden');
    }
    expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
      Object.fromEntries(WHO.map((w, i) => [w, row.statuses[i]])),
    );
  });

  test('an AM reads only the own pack; a director’s pack of a foreign AM names amId', async () => {
    const own = await as.am2.get('/api/v1/forecast/review-pack?month=2026-03');
    expect(own.status).toBe(200);
    expect(own.body.amId).toBe(id.am2);
    const foreign = await as.director2.get(`/api/v1/forecast/review-pack?amId=${id.am1}`);
    expect(foreign.error?.details?.map((d) => d.field)).toEqual(['amId']);
    const unnamed = await as.ceo.get('/api/v1/forecast/review-pack');
    expect(unnamed.status).toBe(400);
    expect(unnamed.error?.details?.map((d) => d.field)).toEqual(['amId']);
    const noTrack = await as.secretary.get('/api/v1/forecast/track-pack');
    expect(noTrack.status).toBe(400);
    expect(noTrack.error?.details?.map((d) => d.field)).toEqual(['trackId']);
  });

  test('the planner’s packs and flow never show a pre-H commodity quote', async () => {
    const pack = await as.planner.get(`/api/v1/forecast/track-pack?trackId=${id.T2}&month=2026-03`);
    expect(pack.body.summary.opportunities).toBe(0);
    const ceo = await as.ceo.get(`/api/v1/forecast/track-pack?trackId=${id.T2}&month=2026-03`);
    expect(ceo.body.summary.opportunities).toBe(1);
    expect(ceo.body.numbers.businessLine).toBe('commodity');
  });
});
