import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { login } from '../support/test-app.js';

describeOnPostgres('forecast alerts with two instances on one PostgreSQL (SPEC §6.5, §8)', () => {
  const name = `crm_alert_instances_${process.pid}`;
  let instances: TwoInstances | undefined;
  let a: Database;
  let appA: FastifyInstance;
  let appB: FastifyInstance;

  const setNow = async (iso: string) =>
    expect((await (await login(appA, 'admin')).post('/api/v1/admin/clock', { now: iso })).status).toBe(200);
  const count = async (where: string) =>
    (await a.query<{ n: number }>(`select count(*)::int as n from alerts where ${where}`))[0]!.n;

  beforeAll(async () => {
    const start = new Date('2026-03-02T10:00:00+08:00');
    instances = await startTwoInstances(name, start);
    ({ a, appA, appB } = instances);
    const am1 = await login(appA, 'am1');
    const customers = (await (await login(appA, 'admin')).get('/api/v1/customers')).body.items as {
      id: number;
      code: string;
    }[];
    const c1 = customers.find((c) => c.code === 'C1')!.id;
    for (let i = 0; i < 20; i++) {
      const res = await am1.post('/api/v1/opportunities', {
        code: `OPP-${i}`,
        name: `商机 ${i}`,
        customerId: c1,
        kind: 'mold_development',
        stage: 'M',
        rolling: { orderMonth: '2026-03', amount: 100 + i, shipments: { '2026-04': 100 + i } },
      });
      expect(res.status).toBe(201);
    }
    // One at H whose versions agree: each instance's write below makes the gap.
    const precision = { orderMonth: '2026-03', amount: 100, shipments: { '2026-04': 100 } };
    expect((await am1.put('/api/v1/opportunities/1/forecast/precision', precision)).status).toBe(200);
    expect((await am1.post('/api/v1/opportunities/1/stage', { stage: 'H' })).status).toBe(200);
    expect((await (await login(appA, 'admin')).post('/api/v1/baselines/2026/lock')).status).toBe(200);
  });
  afterAll(() => instances?.close());

  test('both instances run the due jobs at 09:00 on the 25th while both write gaps: each alert once', async () => {
    await setNow('2026-03-25T09:00:10+08:00');
    const [adminA, adminB, am1A, am1B] = [
      await login(appA, 'admin'),
      await login(appB, 'admin'),
      await login(appA, 'am1'),
      await login(appB, 'am1'),
    ];
    const gap = (amount: number) => ({ orderMonth: '2026-03', amount, shipments: { '2026-04': amount } });
    const answers = await Promise.all([
      adminA.post('/api/v1/admin/jobs/run-due'),
      adminB.post('/api/v1/admin/jobs/run-due'),
      am1A.put('/api/v1/opportunities/1/forecast/precision', gap(150)),
      am1B.put('/api/v1/opportunities/1/forecast/precision', gap(160)),
    ]);
    for (const res of answers) expect([200, 412], JSON.stringify(res.body)).toContain(res.status);
    // Opportunity 1 is at H: the 19 others before H expect their order in March.
    expect(await count(`kind = 'day25'`)).toBe(19);
    expect(await count(`kind = 'dual_version_gap'`)).toBe(1);
    await Promise.all([adminA.post('/api/v1/admin/jobs/run-due'), adminB.post('/api/v1/admin/jobs/run-due')]);
    expect(await count(`kind = 'day25'`)).toBe(19);
    const notices = await a.query<{ n: number }>(
      `select count(*)::int as n from notifications where kind = 'alert_raised' and link like '/alerts/%'`,
    );
    expect(notices[0]!.n).toBe(20);
  });

  test('both instances close SAP’s month at once: every delay once', async () => {
    await setNow('2026-04-02T10:00:00+08:00');
    const [adminA, adminB] = [await login(appA, 'admin'), await login(appB, 'admin')];
    const answers = await Promise.all([
      adminA.post('/api/v1/exchange/close', { source: 'SAP', month: '2026-03' }),
      adminB.post('/api/v1/exchange/close', { source: 'SAP', month: '2026-03' }),
    ]);
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
    const closes = await a.query<{ n: number }>(`select count(*)::int as n from month_closes where source = 'SAP'`);
    expect(closes[0]!.n).toBe(1);
    // Every opportunity carries a March target and none has an SAP order: 20 delays, once each.
    expect(await count(`kind = 'delay'`)).toBe(20);
  });
});
