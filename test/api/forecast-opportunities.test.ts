import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, type Response, startTestApp, type TestApp } from '../support/test-app.js';

const fieldsOf = (res: Response) => (res.error?.details ?? []).map((d: { field: string }) => d.field);

describeWithDatabase('opportunities, their two forecast versions and stages (SPEC §6.1, §6.4, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  let customer: Record<string, number>;
  beforeAll(async () => {
    t = await startTestApp();
    as = {};
    for (const u of ['admin', 'ceo', 'secretary', 'planner', 'director1', 'director2', 'am1', 'am2', 'am3'])
      as[u] = await t.as(u);
    const list = (await as.admin!.get('/api/v1/customers')).body.items as { id: number; code: string }[];
    customer = Object.fromEntries(list.map((c) => [c.code, c.id]));
  });
  afterAll(() => t.close());

  let seq = 0;
  const create = async (who: string, extra: Record<string, unknown> = {}) => {
    seq++;
    const res = await as[who]!.post('/api/v1/opportunities', {
      code: `OPP-${seq}`,
      name: `商机 ${seq}`,
      customerId: customer.C1,
      kind: 'mold_development',
      ...extra,
    });
    return res;
  };
  const created = async (who: string, extra: Record<string, unknown> = {}) => {
    const res = await create(who, extra);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: number; code: string; version: number };
  };

  test('an AM creates one for an own customer: AM, track and line come from the customer; history says who', async () => {
    const res = await create('am1', {
      rolling: { orderMonth: '2026-06', amount: 1200.005, shipments: { '2026-08': 600 } },
    });
    expect(res.status).toBe(201);
    const am1 = (await as.am1!.get('/api/v1/me')).body.user!;
    expect(res.body).toMatchObject({
      customerId: customer.C1,
      amId: am1.id,
      trackId: am1.trackId,
      businessLine: 'integrated',
      stage: 'lead',
      probability: 0.05,
      rolling: { orderMonth: '2026-06', amount: 1200.01, shipments: { '2026-08': 600 } },
      precision: null,
      fullyShipped: false,
      pushCount: 0,
      can: { write: true },
    });
    expect(res.body.history).toEqual([expect.objectContaining({ action: 'created', actorId: am1.id })]);
  });

  test('another AM’s customer is 404; a kind outside the line 400 naming kind; a duplicate code 409', async () => {
    expect((await create('am2')).status).toBe(404);
    const wrongKind = await create('am1', { kind: 'commodity_mold' });
    expect(wrongKind.status).toBe(400);
    expect(fieldsOf(wrongKind)).toEqual(['kind']);
    const first = await created('am1');
    const again = await as.am1!.post('/api/v1/opportunities', {
      code: first.code,
      name: 'x',
      customerId: customer.C1,
      kind: 'mass_production',
    });
    expect(again.status).toBe(409);
    expect(fieldsOf(again)).toEqual(['code']);
  });

  test('row scopes: AM own, director own track, CEO all, planner integrated and commodity from H, secretary none', async () => {
    const own = await created('am1');
    const quote = await created('am3', { customerId: customer.C3, kind: 'commodity_mold' });
    const url = (o: { id: number }) => `/api/v1/opportunities/${o.id}` as const;
    expect((await as.am2!.get(url(own))).status).toBe(404);
    expect((await as.director1!.get(url(own))).status).toBe(200);
    expect((await as.director2!.get(url(own))).status).toBe(404);
    expect((await as.ceo!.get(url(own))).body.can).toEqual({ write: false });
    expect((await as.secretary!.get(url(own))).status).toBe(403);
    expect((await as.planner!.get(url(own))).status).toBe(200);
    expect((await as.planner!.get(url(quote))).status).toBe(404);
    const codes = async (who: string) =>
      (await as[who]!.get('/api/v1/opportunities?limit=500')).body.items.map((o) => o.code);
    expect(await codes('am2')).toEqual([]);
    expect(await codes('planner')).not.toContain(quote.code);
    expect(await codes('director2')).toEqual([quote.code]);

    await as.am3!.put(`${url(quote)}/forecast/precision`, {
      orderMonth: '2026-05',
      amount: 800,
      shipments: { '2026-06': 800 },
      items: [{ partNo: 'P-1', quantity: 10, unitPrice: 80 }],
    });
    expect((await as.am3!.post(`${url(quote)}/stage`, { stage: 'H' })).status).toBe(200);
    const seen = await as.planner!.get(url(quote));
    expect(seen.status).toBe(200);
    expect(seen.body.precision?.items).toEqual([{ partNo: 'P-1', quantity: 10, unitPrice: 80 }]);
  });

  test('CEO and planner read only (403); a stale If-Match answers 412 and changes nothing', async () => {
    const o = await created('am1');
    expect((await as.ceo!.patch(`/api/v1/opportunities/${o.id}`, { name: 'x' })).status).toBe(403);
    expect((await as.planner!.post(`/api/v1/opportunities/${o.id}/stage`, { stage: 'L' })).status).toBe(403);
    const stale = await as.director1!.patch(`/api/v1/opportunities/${o.id}`, { name: '新名' }, { 'if-match': '99' });
    expect(stale.status).toBe(412);
    const ok = await as.director1!.patch(
      `/api/v1/opportunities/${o.id}`,
      { name: '新名' },
      { 'if-match': String(o.version) },
    );
    expect(ok.body).toMatchObject({ name: '新名', version: o.version + 1 });
  });

  test('entering H without a usable precision forecast is 422 precision_required naming each missing field', async () => {
    const o = await created('am1', { stage: 'M' });
    const stage = () => as.am1!.post(`/api/v1/opportunities/${o.id}/stage`, { stage: 'H' });
    const none = await stage();
    expect(none.status).toBe(422);
    expect(none.error?.code).toBe('precision_required');
    expect(fieldsOf(none)).toEqual(['precision.orderMonth', 'precision.amount', 'precision.shipments']);
    await as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/precision`, { orderMonth: '2026-07', amount: 0 });
    expect(fieldsOf(await stage())).toEqual(['precision.amount', 'precision.shipments']);
    await as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/precision`, {
      orderMonth: '2026-07',
      amount: 500,
      shipments: { '2026-09': 500 },
    });
    const entered = await stage();
    expect(entered.status).toBe(200);
    expect(entered.body).toMatchObject({ stage: 'H', probability: 0.8 });
  });

  test('a commodity quote gates H the same way; quote lines belong to commodity quotes only', async () => {
    const o = await created('am3', { customerId: customer.C3, kind: 'commodity_mold' });
    const res = await as.am3!.post(`/api/v1/opportunities/${o.id}/stage`, { stage: 'H' });
    expect(res.status).toBe(422);
    expect(res.error?.message).toContain('报价');
    const integrated = await created('am1');
    const items = await as.am1!.put(`/api/v1/opportunities/${integrated.id}/forecast/precision`, {
      orderMonth: '2026-07',
      amount: 1,
      items: [{ partNo: 'P', quantity: 1, unitPrice: 1 }],
    });
    expect(items.status).toBe(400);
    expect(fieldsOf(items)).toEqual(['items']);
  });

  test('a later order month is a push: it needs a reason and the rolling version’s pushes are counted', async () => {
    const o = await created('am1', { rolling: { orderMonth: '2026-06', amount: 100 } });
    const put = (body: Record<string, unknown>) => as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/rolling`, body);
    const silent = await put({ orderMonth: '2026-08', amount: 100 });
    expect(silent.status).toBe(400);
    expect(fieldsOf(silent)).toEqual(['reason']);
    expect((await put({ orderMonth: '2026-08', amount: 100, reason: '客户项目延期' })).body.pushCount).toBe(1);
    expect((await put({ orderMonth: '2026-07', amount: 100 })).body.pushCount).toBe(1);
    await as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/precision`, { orderMonth: '2026-06', amount: 100 });
    const precisionPush = await as.am1!.put(`/api/v1/opportunities/${o.id}/forecast/precision`, {
      orderMonth: '2026-09',
      amount: 100,
      reason: '报价推迟',
    });
    expect(precisionPush.body.pushCount).toBe(1);
    const history = (await as.am1!.get(`/api/v1/opportunities/${o.id}`)).body.history;
    expect(history.find((h: { reason: string | null }) => h.reason === '客户项目延期')).toMatchObject({
      action: 'rolling_forecast',
      before: { orderMonth: '2026-06' },
      after: { orderMonth: '2026-08', pushed: true },
    });
  });

  test('monthly orders (mass production) make the order month their first month and the amount their sum', async () => {
    const o = await created('am1', { kind: 'mass_production' });
    const url = `/api/v1/opportunities/${o.id}/forecast/rolling` as const;
    const res = await as.am1!.put(url, {
      orders: { '2026-06': 50.5, '2026-05': 100 },
      shipments: { '2026-07': 150.5 },
    });
    expect(res.body.rolling).toMatchObject({
      orderMonth: '2026-05',
      amount: 150.5,
      orders: { '2026-05': 100, '2026-06': 50.5 },
    });
    const contradicting = await as.am1!.put(url, { orders: { '2026-05': 100 }, amount: 200 });
    expect(contradicting.status).toBe(400);
    expect(fieldsOf(contradicting)).toEqual(['amount']);
  });

  test('stage rules: lost needs a reason, reopens only to lead–M with one, won is final and needs no precision', async () => {
    const o = await created('am1', { stage: 'M' });
    const move = (stage: string, reason?: string) =>
      as.am1!.post(`/api/v1/opportunities/${o.id}/stage`, { stage, ...(reason ? { reason } : {}) });
    expect(fieldsOf(await move('lost'))).toEqual(['reason']);
    expect((await move('lost', '客户转单竞争对手')).body).toMatchObject({
      stage: 'lost',
      lostReason: '客户转单竞争对手',
      probability: 0,
    });
    expect((await move('H', '客户回来了')).status).toBe(409);
    expect(fieldsOf(await move('L'))).toEqual(['reason']);
    expect((await move('L', '客户重新询价')).body).toMatchObject({ stage: 'L', lostReason: null });
    expect((await move('won')).body).toMatchObject({ stage: 'won', probability: 1 });
    expect((await move('M')).status).toBe(409);
    const history = (await as.am1!.get(`/api/v1/opportunities/${o.id}`)).body.history.map(
      (h: { action: string }) => h.action,
    );
    expect(history).toEqual(['created', 'stage_changed', 'reopened', 'stage_changed']);
  });

  test('fully shipped: won and the shipments carrying its code reach the rolling amount; earlier lines resolve', async () => {
    const write = (rows: unknown[]) => as.admin!.post('/api/v1/exchange/shipments', { rows });
    const line = (lineNo: number, amount: number, extra: Record<string, unknown> = {}) => ({
      source: 'ERP',
      docNo: 'SHIP-FS',
      lineNo,
      date: '2026-02-10',
      customerCode: 'C1',
      opportunityCode: 'OPP-FS',
      amount,
      ...extra,
    });
    expect((await write([line(1, 600), line(2, 999, { void: true })])).status).toBe(200);
    const res = await as.am1!.post('/api/v1/opportunities', {
      code: 'OPP-FS',
      name: '已出货商机',
      customerId: customer.C1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-01', amount: 1000 },
    });
    expect(res.body).toMatchObject({ shippedAmount: 600, fullyShipped: false });
    await as.am1!.post(`/api/v1/opportunities/${res.body.id}/stage`, { stage: 'won' });
    expect((await as.am1!.get(`/api/v1/opportunities/${res.body.id}`)).body.fullyShipped).toBe(false);
    await write([line(3, 400)]);
    expect((await as.am1!.get(`/api/v1/opportunities/${res.body.id}`)).body).toMatchObject({
      shippedAmount: 1000,
      fullyShipped: true,
    });
  });

  test('bad forecast input names the field and changes nothing', async () => {
    const o = await created('am1', { rolling: { orderMonth: '2026-06', amount: 100 } });
    const url = `/api/v1/opportunities/${o.id}/forecast/rolling` as const;
    const badMonth = await as.am1!.put(url, { orderMonth: '2026-06', amount: 100, shipments: { '2026-13': 5 } });
    expect(fieldsOf(badMonth)).toEqual(['shipments.2026-13']);
    expect(fieldsOf(await as.am1!.put(url, { orderMonth: '2026-06', amount: -1 }))).toEqual(['amount']);
    expect(fieldsOf(await as.am1!.put(url, { orderMonth: '2026-06', amount: '100' }))).toEqual(['amount']);
    expect(fieldsOf(await as.am1!.post(`/api/v1/opportunities/${o.id}/stage`, { stage: 'X' }))).toEqual(['stage']);
    const after = (await as.am1!.get(`/api/v1/opportunities/${o.id}`)).body;
    expect(after.rolling).toMatchObject({ orderMonth: '2026-06', amount: 100, shipments: {} });
    expect(after.version).toBe(o.version);
  });

  test('forecast settings: read by everyone signed in, written by the admin with history; probabilities follow', async () => {
    const o = await created('am1', { stage: 'L' });
    const settings = (await as.am2!.get('/api/v1/forecast/settings')).body;
    expect(settings).toMatchObject({
      stageProbabilities: { lead: 0.05, L: 0.2, M: 0.5, H: 0.8 },
      windowDays: 5,
      alertSlaDays: 2,
    });
    const { version, updatedAt: _a, updatedBy: _b, ...values } = settings;
    const next = { ...values, stageProbabilities: { ...values.stageProbabilities, L: 0.3 } };
    expect((await as.director1!.put('/api/v1/forecast/settings', next)).status).toBe(403);
    expect((await as.admin!.put('/api/v1/forecast/settings', next, { 'if-match': String(version + 7) })).status).toBe(
      412,
    );
    const saved = await as.admin!.put('/api/v1/forecast/settings', next, { 'if-match': String(version) });
    expect(saved.body).toMatchObject({ stageProbabilities: { L: 0.3 }, version: version + 1 });
    expect((await as.am1!.get(`/api/v1/opportunities/${o.id}`)).body.probability).toBe(0.3);
    const history = await as.admin!.get('/api/v1/history?entity=forecast_settings&entityId=1');
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'updated',
      before: { stageProbabilities: { L: 0.2 } },
      after: { stageProbabilities: { L: 0.3 } },
    });
    const bad = await as.admin!.put('/api/v1/forecast/settings', { ...next, windowDays: 0 });
    expect(fieldsOf(bad)).toEqual(['windowDays']);
  });
});
