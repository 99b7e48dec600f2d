import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildApp } from '../../src/app.js';
import { fakeClock } from '../../src/clock.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Database, openDatabase } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../../src/db/test-database.js';
import { seedOrganisation } from '../../src/demo/seed.js';
import { deliverApsDue } from '../../src/feeds/aps-deliver.js';
import { type ApsReceiver, startApsReceiver } from '../support/aps-receiver.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login, PASSWORD, smallOrganisation } from '../support/test-app.js';

const quote = (amount: number) => ({ orderMonth: '2026-05', amount, shipments: { '2026-06': amount } });
const silent = { info() {}, warn() {}, error() {} } as unknown as Parameters<typeof deliverApsDue>[2]['log'];

/**
 * The APS outbox with two instances on one PostgreSQL (SPEC §7 "Out": exactly once per change across
 * instances): writes on both queue each change once, and both sending at the same moment push each
 * delivery once, per opportunity in the order of its changes.
 */
describeOnPostgres('APS outbox with two instances on one PostgreSQL', () => {
  const name = `crm_aps_instances_${process.pid}`;
  let base: string;
  let a: Database;
  let b: Database;
  let appA: FastifyInstance;
  let appB: FastifyInstance;
  let receiver: ApsReceiver;
  let config: Config;

  beforeAll(async () => {
    receiver = await startApsReceiver();
    base = process.env.TEST_DATABASE_URL!;
    const url = withDatabaseName(base, name);
    await dropDatabase(base, name);
    await adminQuery(base, `create database "${name}"`);
    a = await openDatabase({ url });
    b = await openDatabase({ url });
    await migrateDatabase(a);
    const start = new Date('2026-03-02T08:00:00+08:00');
    await seedOrganisation(a.db, smallOrganisation(), PASSWORD, start);
    config = loadConfig(
      { fakeClock: start.toISOString() },
      { CRM_WEB_DIR: '/nonexistent', CRM_APS_URL: `http://127.0.0.1:${receiver.port}/aps`, CRM_APS_TIMEOUT_MS: '2000' },
    );
    appA = await buildApp({ database: a, clock: await fakeClock(a.db, start), config, logger: false });
    appB = await buildApp({ database: b, clock: await fakeClock(b.db, null), config, logger: false });
  });
  afterAll(async () => {
    await appA?.close();
    await appB?.close();
    await a?.close();
    await b?.close();
    await receiver?.close();
    await dropDatabase(base, name);
  });

  test('concurrent writes on both instances queue each change once; both senders push each once, in order', async () => {
    const [am3A, am3B] = [await login(appA, 'am3'), await login(appB, 'am3')];
    const customer = (await am3A.get('/api/v1/customers')).body.items.find((c) => c.code === 'C3')!.id;
    const ids: number[] = [];
    for (const [i, client] of [am3A, am3B, am3A, am3B].entries()) {
      const res = await client.post('/api/v1/opportunities', {
        code: `I${i}`,
        name: `商机 I${i}`,
        customerId: customer,
        kind: 'commodity_mold',
      });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const put = (c: Client, id: number, amount: number) =>
      c.put(`/api/v1/opportunities/${id}/forecast/precision`, quote(amount));
    for (const id of ids) {
      expect((await put(am3A, id, 100)).status).toBe(200);
      expect((await am3B.post(`/api/v1/opportunities/${id}/stage`, { stage: 'H' })).status).toBe(200);
    }
    // Both instances change every quote at once: each write is serialised on the opportunity's row.
    const writes = await Promise.all(ids.flatMap((id) => [put(am3A, id, 200), put(am3B, id, 300)]));
    for (const res of writes) expect(res.status).toBe(200);
    const queued = await a.query<{ opportunity_id: number; n: number }>(
      'select opportunity_id, count(*)::int as n from aps_deliveries group by opportunity_id order by opportunity_id',
    );
    // At H (100), then 200 and 300 in whichever order the two writes landed: three changes each.
    expect(queued.map((r) => r.n)).toEqual([3, 3, 3, 3]);

    receiver.answer = () => 200;
    const dueAt = new Date('2026-03-02T08:01:00+08:00');
    const ctx = { config, log: silent };
    const sent = await Promise.all([deliverApsDue(a.db, dueAt, ctx), deliverApsDue(b.db, dueAt, ctx)]);
    expect(sent.reduce((n, s) => n + (s.sent ?? 0), 0)).toBe(12);
    const keys = receiver.requests.map((r) => String(r.headers['idempotency-key']));
    expect(new Set(keys).size).toBe(12);
    expect(keys).toHaveLength(12);
    // Per opportunity, APS hears the changes in the order they were queued and ends on the last one.
    const order = await a.query<{ delivery_id: string; opportunity_id: number }>(
      'select delivery_id, opportunity_id from aps_deliveries order by id',
    );
    for (const id of ids) {
      const queuedKeys = order.filter((r) => r.opportunity_id === id).map((r) => r.delivery_id);
      expect(keys.filter((k) => queuedKeys.includes(k))).toEqual(queuedKeys);
    }
    const pending = await a.query<{ n: number }>(
      "select count(*)::int as n from aps_deliveries where status <> 'sent'",
    );
    expect(pending[0]!.n).toBe(0);
  });
});
