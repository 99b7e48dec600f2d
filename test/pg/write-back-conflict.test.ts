import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { withDatabaseName } from '../../src/db/test-database.js';
import { shipLine as line } from '../support/exchange.js';
import { startTwoInstances, type TwoInstances } from '../support/instances.js';
import { describeOnPostgres } from '../support/suites.js';
import { type Client, login } from '../support/test-app.js';

/**
 * The write-back inserts the lines its probe did not find with a plain insert (exchange/line-facts.ts):
 * writers of a kind take its advisory lock, so no other write-back can add the same line in between. A
 * writer that bypasses the product (a bulk load straight into the table) can; then the unique line key
 * fails the whole batch — all or nothing, a 409 naming the line — instead of storing the line twice, and
 * the same batch sent again merges onto the line that is there.
 */
describeOnPostgres('a line written from outside the write-back while a batch is being merged (issue 14)', () => {
  const name = `crm_write_back_conflict_${process.pid}`;
  let instances: TwoInstances | undefined;
  let admin: Client;
  let outside: pg.Client;

  const stored = async () => {
    const [row] = await instances!.a.query<{ lines: number; sales: string }>(
      `select (select count(*)::int from shipments where doc_no like 'K-%') as lines,
        (select coalesce(sum(amount), 0)::text from fact_monthly where measure = 'sales') as sales`,
    );
    return row!;
  };

  beforeAll(async () => {
    instances = await startTwoInstances(name, new Date('2026-03-02T10:00:00+08:00'));
    admin = await login(instances.appA, 'admin');
    outside = new pg.Client({ connectionString: withDatabaseName(process.env.TEST_DATABASE_URL!, name) });
    await outside.connect();
  });
  afterAll(async () => {
    await outside?.end();
    await instances?.close();
  });

  test('the batch fails whole with a 409; sent again, it merges onto the line written outside', async () => {
    expect((await admin.post('/api/v1/exchange/shipments', { rows: [line('K-0', 10)] })).status).toBe(200);
    const before = await stored();
    // A bulk load outside the product writes K-2, uncommitted, while the batch naming K-2 is merged.
    await outside.query('begin');
    await outside.query(
      `insert into shipments (source, doc_no, line_no, date, amount, customer_id, track_id, am_id, created_at, updated_at, run_id)
       select source, 'K-2', line_no, date, 7, customer_id, track_id, am_id, now(), now(), run_id from shipments where doc_no = 'K-0'`,
    );
    const sent = admin.post('/api/v1/exchange/shipments', {
      rows: [line('K-1', 100), line('K-2', 200), line('K-3', 300)],
    });
    // The merge's insert waits on the uncommitted line's key (the outside load blocks it); then that commits.
    for (let waited = 0; ; waited += 50) {
      const [blocked] = (
        await outside.query(
          'select count(*)::int as n from pg_stat_activity where pg_backend_pid() = any(pg_blocking_pids(pid))',
        )
      ).rows;
      if (blocked.n > 0) break;
      if (waited > 20_000) throw new Error('the merge never waited on the outside line');
      await pause(50);
    }
    await outside.query('commit');
    const res = await sent;
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.error?.details?.[0]).toMatchObject({ field: 'docNo' });
    expect(res.error?.message).toContain('K-2');
    // nothing of the batch: only the outside line beside K-0, and the rollups as they were
    expect(await stored()).toEqual({ lines: before.lines + 1, sales: before.sales });

    const again = await admin.post('/api/v1/exchange/shipments', {
      rows: [line('K-1', 100), line('K-2', 200), line('K-3', 300)],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const [k2] = await instances!.a.query<{ amount: string }>(
      `select amount::text from shipments where doc_no = 'K-2'`,
    );
    expect(k2!.amount).toBe('200.00');
    expect((await stored()).lines).toBe(before.lines + 3);
  });
});
