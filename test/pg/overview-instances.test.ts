import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { computeOverview } from '../../src/forecast/overview.js';
import type { ApiRoutes } from '../support/api-routes.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login } from '../support/test-app.js';

type Overview = ApiRoutes['GET /api/v1/forecast/overview'];

/**
 * The overview is kept per year, tracks read and day in the database (forecast/overview-cache.ts). With two
 * instances on one PostgreSQL, a write through one is in the overview read through the other right after:
 * the version stamp both check lives in the database, not in either process.
 */
describeOnPostgres('the kept overview with two instances on one PostgreSQL (SPEC §6.6, §8)', () => {
  const name = `crm_overview_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  let adminA: Client;
  let am1A: Client;
  let ceoA: Client;
  let ceoB: Client;
  let c1: number;

  const overviewVia = async (client: Client) => {
    const res = await client.get('/api/v1/forecast/overview?year=2026');
    expect(res.status).toBe(200);
    return res.body as Overview;
  };
  const write = async (kind: string, rows: unknown[]) => {
    const res = await adminA.post(`/api/v1/exchange/${kind}`, { rows });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const order = (orderNo: string, date: string, amount: number) => ({
    orderNo,
    lineNo: 1,
    date,
    customerCode: 'C1',
    amount,
  });

  beforeAll(async () => {
    instances = await startTwoInstances(name, new Date('2026-04-15T10:00:00+08:00'));
    ({ appA, appB } = instances);
    [adminA, am1A, ceoA, ceoB] = [
      await login(appA, 'admin'),
      await login(appA, 'am1'),
      await login(appA, 'ceo'),
      await login(appB, 'ceo'),
    ];
    c1 = (await adminA.get('/api/v1/customers')).body.items.find((c) => c.code === 'C1')!.id;
    await write('targets', [{ year: 2026, month: 1, kind: 'orders', trackCode: 'T1', amount: 1000 }]);
  });
  afterAll(() => instances?.close());

  test('a target, an SAP order and an opportunity written through A are in the overview read through B', async () => {
    expect((await overviewVia(ceoB)).total).toMatchObject({ orderTarget: 1000, ytdOrders: 0, pipeline: 0 });
    await write('targets', [{ year: 2026, month: 2, kind: 'orders', trackCode: 'T1', amount: 500 }]);
    expect((await overviewVia(ceoB)).total.orderTarget).toBe(1500);
    await write('orders', [order('O1', '2026-03-01', 300)]);
    expect((await overviewVia(ceoB)).total).toMatchObject({ ytdOrders: 300, remainingGap: 1200 });
    const created = await am1A.post('/api/v1/opportunities', {
      code: 'P1',
      name: 'P1',
      customerId: c1,
      kind: 'mold_development',
      stage: 'M',
      rolling: { orderMonth: '2026-06', amount: 800 },
    });
    expect(created.status).toBe(201);
    expect((await overviewVia(ceoB)).total).toMatchObject({ pipeline: 800, weightedPipeline: 400 });
    const moved = await am1A.put(`/api/v1/opportunities/${created.body.id}/forecast/rolling`, {
      orderMonth: '2026-07',
      amount: 900,
      reason: '客户推迟',
    });
    expect(moved.status).toBe(200);
    expect((await overviewVia(ceoB)).total.pipeline).toBe(900);
  });

  test('overviews read through both instances while A writes end equal to the overview computed afresh', async () => {
    const reads = Array.from({ length: 6 }, (_, i) => overviewVia(i % 2 === 0 ? ceoA : ceoB));
    await Promise.all([...reads, write('orders', [order('O2', '2026-04-01', 70)])]);
    const viaA = await overviewVia(ceoA);
    const viaB = await overviewVia(ceoB);
    expect(viaB.total.ytdOrders).toBe(370);
    const fresh = await computeOverview(
      instances!.a.db,
      2026,
      viaB.tracks.map((t) => t.trackId),
      '2026-04-15',
    );
    expect({ tracks: viaB.tracks, total: viaB.total }).toEqual(JSON.parse(JSON.stringify(fresh)));
    expect({ ...viaA, asOf: viaB.asOf }).toEqual(viaB);
  });
});
