import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithDatabase } from '../support/suites.js';
import { type Client, startTestApp, type TestApp } from '../support/test-app.js';

describeWithDatabase('opportunities follow their customer to another AM (SPEC §6.1, §9.1)', () => {
  let t: TestApp;
  let as: Record<string, Client>;
  let customer: Record<string, { id: number; version: number }>;
  let user: Record<string, { id: number; trackId: number }>;
  beforeAll(async () => {
    t = await startTestApp();
    as = {};
    for (const u of ['admin', 'am1', 'am2']) as[u] = await t.as(u);
    const list = (await as.admin!.get('/api/v1/customers')).body.items;
    customer = Object.fromEntries(list.map((c) => [c.code, { id: c.id, version: c.version }]));
    const users = (await as.admin!.get('/api/v1/users?limit=100')).body.items;
    user = Object.fromEntries(users.map((u) => [u.username, { id: u.id, trackId: u.trackId! }]));
  });
  afterAll(() => t.close());

  const opportunityOf = async (who: string, code: string, customerId: number) => {
    const res = await as[who]!.post('/api/v1/opportunities', {
      code,
      name: code,
      customerId,
      kind: 'mass_production',
      rolling: { orderMonth: '2026-09', amount: 500, shipments: { '2026-10': 500 } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const readAs = (who: string, id: number) => as[who]!.get(`/api/v1/opportunities/${id}`);
  const customerRow = async (id: number) => (await as.admin!.get(`/api/v1/customers/${id}`)).body;

  test('the admin gives a customer to another AM: its opportunities move with it, with history, and the old AM loses them', async () => {
    const id = await opportunityOf('am1', 'MOVE-1', customer.C1!.id);
    const c1 = await customerRow(customer.C1!.id);
    const res = await as.admin!.patch(
      `/api/v1/customers/${c1.id}`,
      { amId: user.am2!.id },
      { 'if-match': `"${c1.version}"` },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const moved = await readAs('am2', id);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ amId: user.am2!.id, trackId: user.am2!.trackId });
    expect(moved.body.history.at(-1)).toMatchObject({
      action: 'reassigned',
      before: { amId: user.am1!.id },
      after: { amId: user.am2!.id },
    });
    expect((await readAs('am1', id)).status).toBe(404);
  });

  test('a customer with integrated opportunities cannot go to an AM of a commodity track: 409 naming amId, nothing changes', async () => {
    const c1 = await customerRow(customer.C1!.id);
    const res = await as.admin!.patch(`/api/v1/customers/${c1.id}`, { amId: user.am3!.id });
    expect(res.status).toBe(409);
    expect(res.error?.details?.map((d) => d.field)).toEqual(['amId']);
    expect(res.error?.message).toMatch(/业务线/);
    const after = await customerRow(c1.id);
    expect({ amId: after.amId, version: after.version }).toEqual({ amId: c1.amId, version: c1.version });
  });

  test('customers written back from SAP carry their opportunities along; a move across business lines is refused on its row', async () => {
    const id = await opportunityOf('am2', 'MOVE-2', customer.C2!.id);
    const moved = await as.admin!.post('/api/v1/exchange/customers', {
      rows: [{ code: 'C2', name: '客户C2', amCode: 'AM1' }],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await readAs('am1', id)).body).toMatchObject({ amId: user.am1!.id });

    const refused = await as.admin!.post('/api/v1/exchange/customers', {
      rows: [
        { code: 'C9', name: '新客户', amCode: 'AM2' },
        { code: 'C2', name: '客户C2', amCode: 'AM3' },
      ],
    });
    expect(refused.status).toBe(422);
    expect(refused.error?.details?.[0]).toMatchObject({ row: 1, field: 'amCode', value: 'AM3' });
    expect((await readAs('am1', id)).body).toMatchObject({ amId: user.am1!.id });
    expect((await as.admin!.get('/api/v1/customers?q=C9')).body.items).toEqual([]);
  });
});
