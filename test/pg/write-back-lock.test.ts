import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { withDatabaseName } from '../../src/db/test-database.js';
import { lockKey } from '../../src/exchange/write-back.js';
import { shipLine as line } from '../support/exchange.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login } from '../support/test-app.js';

/**
 * Write-backs of one kind merge one at a time (the kind's advisory lock), but a batch of lines is checked
 * and staged before it waits for that lock (exchange/write-back.ts): a refused batch is answered while
 * another batch merges, and batches sent at once from two instances still add up exactly (issue 14).
 */
describeOnPostgres('batches of lines checked before the kind’s lock (issue 14)', () => {
  const name = `crm_write_back_lock_${process.pid}`;
  let instances: TwoInstances | undefined;
  let adminA: Client;
  let adminB: Client;
  let outside: pg.Client;

  /** Resolves when a backend waits for an advisory lock (a write-back queued behind the merge). */
  const waitingOnTheLock = async (): Promise<'waiting'> => {
    for (let waited = 0; waited < 20_000; waited += 25) {
      const { rows } = await outside.query(
        "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
      );
      if (rows[0].n > 0) return 'waiting';
      await pause(25);
    }
    throw new Error('no write-back ever waited on the lock');
  };

  beforeAll(async () => {
    instances = await startTwoInstances(name, new Date('2026-03-02T10:00:00+08:00'));
    adminA = await login(instances.appA, 'admin');
    adminB = await login(instances.appB, 'admin');
    outside = new pg.Client({ connectionString: withDatabaseName(process.env.TEST_DATABASE_URL!, name) });
    await outside.connect();
  });
  // A failed test must not leave the kind locked for the next one.
  afterEach(() => outside.query('select pg_advisory_unlock_all()'));
  afterAll(async () => {
    await outside?.end();
    await instances?.close();
  });

  test('while a merge holds the lock, a batch with an unknown customer is refused at once; a sound one waits, then merges', async () => {
    // Stands for a long merge of another batch: the shipments kind's lock, held outside.
    await outside.query('select pg_advisory_lock($1)', [lockKey('shipments')]);
    const refused = adminA.post('/api/v1/exchange/shipments', {
      rows: [line('L-1', 10), line('L-2', 20, { customerCode: 'NO-SUCH' })],
    });
    const first = await Promise.race([refused, waitingOnTheLock()]);
    expect(first, 'the refused batch waited for the lock').not.toBe('waiting');
    const res = await refused;
    expect(res.status).toBe(422);
    expect(res.error?.details?.[0]).toMatchObject({ row: 1, field: 'customerCode' });

    const sound = adminB.post('/api/v1/exchange/shipments', { rows: [line('L-1', 10), line('L-3', 30)] });
    expect(await waitingOnTheLock()).toBe('waiting');
    await outside.query('select pg_advisory_unlock($1)', [lockKey('shipments')]);
    const merged = await sound;
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ rows: 2, inserted: 2 });
  });

  test('batches naming the same lines, sent at once through two instances, leave the rollups equal to the lines', async () => {
    const batch = (amount: number) => ({
      rows: Array.from({ length: 40 }, (_, k) => line(`M-${k}`, amount + k, { date: `2026-0${1 + (k % 3)}-10` })),
    });
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        adminA.post('/api/v1/exchange/shipments', batch(100 * round + 1)),
        adminB.post('/api/v1/exchange/shipments', batch(100 * round + 2)),
      ]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
    }
    const { rows } = await outside.query(
      `select (select sum(amount)::text from shipments where not void) as lines,
        (select sum(amount)::text from fact_monthly where measure = 'sales') as monthly,
        (select sum(amount)::text from fact_am_monthly where measure = 'sales') as by_am,
        (select sum(amount)::text from sales_daily) as daily,
        (select count(*)::int from shipments where doc_no like 'M-%') as m_lines`,
    );
    expect(rows[0]).toMatchObject({ m_lines: 40 });
    expect([rows[0].monthly, rows[0].by_am, rows[0].daily]).toEqual([rows[0].lines, rows[0].lines, rows[0].lines]);
  });
});
