import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { login } from '../support/test-app.js';

describeOnPostgres('forecast snapshots with two instances on one PostgreSQL (SPEC §8, §9.1)', () => {
  const name = `crm_snapshot_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let a: Database;
  let appA: FastifyInstance;
  let appB: FastifyInstance;

  const setNow = async (iso: string) =>
    expect((await (await login(appA, 'admin')).post('/api/v1/admin/clock', { now: iso })).status).toBe(200);

  beforeAll(async () => {
    const start = new Date('2026-03-02T10:00:00+08:00');
    instances = await startTwoInstances(name, start);
    ({ a, appA, appB } = instances);
    const am1 = await login(appA, 'am1');
    const customers = (await (await login(appA, 'admin')).get('/api/v1/customers')).body.items as {
      id: number;
      code: string;
    }[];
    for (let i = 0; i < 20; i++) {
      const res = await am1.post('/api/v1/opportunities', {
        code: `OPP-${i}`,
        name: `商机 ${i}`,
        customerId: customers.find((c) => c.code === 'C1')!.id,
        kind: 'mold_development',
        rolling: { orderMonth: '2026-05', amount: 100 + i, shipments: { '2026-06': 100 + i } },
      });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => instances?.close());

  test('both instances run the due jobs at the close, and also write at that moment: the month is frozen once', async () => {
    await setNow('2026-03-06T00:00:10+08:00');
    const [adminA, adminB, am1B] = [await login(appA, 'admin'), await login(appB, 'admin'), await login(appB, 'am1')];
    const answers = await Promise.all([
      adminA.post('/api/v1/admin/jobs/run-due'),
      adminB.post('/api/v1/admin/jobs/run-due'),
      am1B.put('/api/v1/opportunities/1/forecast/rolling', { orderMonth: '2026-05', amount: 999 }),
    ]);
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
    const snapshots = await a.query<{ month: string; items: number }>(
      `select to_char(month, 'YYYY-MM') as month, items from forecast_snapshots`,
    );
    expect(snapshots).toEqual([{ month: '2026-03', items: 20 }]);
    const [first] = await a.query<{ amount: string }>(
      `select amount from forecast_snapshot_versions where opportunity_id = 1 and version = 'rolling'`,
    );
    // The write came after the close: the snapshot holds the amount of before it.
    expect(Number(first!.amount)).toBe(100);
    const lines = await a.query<{ n: number }>(`select count(*)::int as n from forecast_snapshot_months`);
    expect(lines[0]!.n).toBe(20);
  });
});
