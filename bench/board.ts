// `npm run bench -- board`: latency (p50/p95) of the whole board for a month against a naive
// single-dimension GROUP BY over the fact table, in the same run. On PostgreSQL (BENCH_DATABASE_URL /
// TEST_DATABASE_URL): 5 M shipment lines, 1 M order lines, 30 tracks, 300 AMs, 5 years; on PGlite one tenth.
// Then through HTTP (issue 14): `GET /api/v1/board?view=ytd` as the CEO, kept (board/cache.ts) and
// recomputed after a change, against the naive GROUP BY over the same YTD lines.
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { buildBoard } from '../src/board/board.js';
import { trend } from '../src/board/trend.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { rebuildRollups } from '../src/exchange/rollups.js';
import { benchOrganisation } from './org.js';

const CUSTOMERS = 3000;

async function timed(runs: number, fn: () => Promise<unknown>, before?: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1));
  return { p50: at(0.5), p95: at(0.95), runs };
}

export async function benchBoard(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const scale = baseUrl ? 1 : 0.1;
  const shipments = Math.round(Number(process.env.BENCH_SHIPMENTS ?? 5_000_000) * scale);
  const orders = Math.round(Number(process.env.BENCH_ORDERS ?? 1_000_000) * scale);
  const name = `crm_bench_board_${process.pid}`;
  if (baseUrl) {
    await dropDatabase(baseUrl, name);
    await adminQuery(baseUrl, `create database ${name}`);
  }
  const url = baseUrl ? withDatabaseName(baseUrl, name) : undefined;
  const database = await openDatabase(url ? { url } : { pglite: await PGlite.create() });
  await migrateDatabase(database);
  await seedOrganisation(database.db, benchOrganisation(30, 300, CUSTOMERS), 'bench-password', new Date());
  const loadStarted = performance.now();
  // Bulk-loaded straight into the fact tables (set-based), then the rollups rebuilt from them: the same
  // state the write-back would have reached, in a fraction of the time.
  const load = (text: string) => database.db.execute(sql.raw(text));
  await load(`insert into shipments (source, doc_no, line_no, date, amount, cost, customer_id, track_id, am_id, created_at, updated_at, run_id)
    select 'ERP', 'D' || (g / 4), (g % 4)::text, date '2022-01-01' + (g % 1826), 1000 + (g % 997), case when g % 7 > 0 then 800 + (g % 501) end,
           c.id, c.track_id, c.am_id, now(), now(), 0
    from generate_series(1, ${shipments}) g join customers c on c.code = 'C' || (1 + g % ${CUSTOMERS})`);
  await load(`insert into sales_orders (order_no, line_no, date, amount, customer_id, track_id, am_id, created_at, updated_at, run_id)
    select 'O' || g, '10', date '2022-01-01' + (g % 1826), 5000 + (g % 3001), c.id, c.track_id, c.am_id, now(), now(), 0
    from generate_series(1, ${orders}) g join customers c on c.code = 'C' || (1 + g % ${CUSTOMERS})`);
  await load(`insert into targets (year, month, kind, track_id, am_id, amount, run_id, updated_at)
    select y, m, k, u.track_id, u.id, 2000000, 0, now() from generate_series(2022, 2026) y, generate_series(1, 12) m, unnest(array['sales', 'orders']) k, users u where u.role = 'am'`);
  await load(`insert into receivables (as_of, balance, customer_id, track_id, am_id, created_at, updated_at, run_id)
    select (date_trunc('month', date '2022-01-01' + make_interval(months => m)) + interval '1 month' - interval '1 day')::date, 50000 + c.id, c.id, c.track_id, c.am_id, now(), now(), 0
    from generate_series(0, 59) m, customers c`);
  await rebuildRollups(database.db);
  await load(
    `insert into data_sources values ('shipments', 'ERP', now(), '2026-12-31'), ('orders', 'SAP', now(), '2026-12-31')`,
  );
  await load('analyze');
  const loadSeconds = (performance.now() - loadStarted) / 1000;

  const month = '2026-06';
  const board = await timed(30, () => buildBoard(database.db, month, 'month'));
  const ytd = await timed(30, () => buildBoard(database.db, month, 'ytd'));
  const naive = await timed(10, () =>
    load(
      `select track_id, sum(amount) from shipments where not void and date >= date '${month}-01' and date < date '${month}-01' + interval '1 month' group by track_id`,
    ),
  );

  // Through HTTP, as a browser asks: the kept YTD board, and the same board right after a change to its
  // inputs (one stamp appended before each timed request, so each is computed and kept anew).
  const config = loadConfig({ port: 0 }, { CRM_WEB_DIR: '/nonexistent', LOG_LEVEL: 'warn' });
  const app = await buildApp({ database, clock: systemClock(), config, logger: false });
  const origin = `http://127.0.0.1:${await app.listen({ port: 0, host: '127.0.0.1' }).then((a) => new URL(a).port)}`;
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: 'ceo', password: 'bench-password' }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  let bytes = 0;
  const get = async () => {
    const res = await fetch(`${origin}/api/v1/board?month=${month}&view=ytd`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`board: ${res.status}`);
    bytes = (await res.text()).length;
  };
  const kept = await timed(50, get);
  const change = () => load(`select change_stamp('board', array['-infinity'::date])`);
  const recomputed = await timed(15, get, change);
  const naiveYtd = await timed(10, () =>
    load(
      `select track_id, sum(amount) from shipments where not void and date >= date '${month.slice(0, 4)}-01-01' and date < date '${month}-01' + interval '1 month' group by track_id`,
    ),
  );
  // The 12-month trend of a track as the drill-down asks it: from the kept boards, against the same
  // points computed from each month's rollups (what every trend request did before).
  const [first] = await database.query<{ id: number }>('select min(id) as id from tracks');
  const trendQuery = {
    no: 1 as const,
    subjectType: 'track' as const,
    subjectId: first!.id,
    month,
    view: 'ytd' as const,
  };
  const keptTrend = await timed(30, async () => {
    const res = await fetch(
      `${origin}/api/v1/board/trend?no=1&subjectType=track&subjectId=${first!.id}&month=${month}&view=ytd`,
      { headers: { cookie } },
    );
    if (res.status !== 200) throw new Error(`trend: ${res.status}`);
    await res.text();
  });
  const computedTrend = await timed(5, () => trend(database.db, trendQuery));
  await app.close();
  await database.close();
  if (baseUrl && !process.env.BENCH_KEEP) await dropDatabase(baseUrl, name);
  console.table({
    'whole board, month (ms)': board,
    'whole board, YTD (ms)': ytd,
    'naive: Σ sales by track for the month over the lines (ms)': naive,
    'GET /board?view=ytd through HTTP, kept (ms)': kept,
    'GET /board?view=ytd through HTTP, right after a change (ms)': recomputed,
    'naive: Σ sales by track for January…month over the lines (ms)': naiveYtd,
    'GET /board/trend (12 months, YTD) through HTTP, from the kept boards (ms)': keptTrend,
    '  the same 12 points computed from the rollups, in process (ms)': computedTrend,
  });
  console.log(
    `database: ${url ? 'postgresql' : 'pglite'}; ${shipments.toLocaleString()} shipment lines, ${orders.toLocaleString()} order lines, 30 tracks, 300 AMs, 5 years; loaded in ${loadSeconds.toFixed(0)} s`,
  );
  console.log(
    `board p50 ${board.p50} ms (goal ≤ 30 ms); naive ÷ board = ${(naive.p50 / board.p50).toFixed(1)}× (goal ≥ 10×)`,
  );
  console.log(
    `HTTP: kept YTD board p50 ${kept.p50} ms (${(bytes / 1024).toFixed(0)} KB; goal ≤ 20 ms); naive YTD ÷ kept = ${(naiveYtd.p50 / kept.p50).toFixed(1)}× (goal ≥ 10×); right after a change p50 ${recomputed.p50} ms`,
  );
}
