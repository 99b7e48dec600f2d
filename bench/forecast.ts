// `npm run bench -- forecast`: the sales forecast at 50,000 opportunities and 600,000 forecast month
// lines on PostgreSQL (BENCH_DATABASE_URL / TEST_DATABASE_URL; a scratch database crm_bench_forecast):
// eleven monthly snapshots frozen by the snapshot job's function (with drift between them), then
// GET /forecast/overview (kept, right after a change, computed afresh) and GET /forecast/accuracy (month
// and YTD) p50/p95 against a naive SQL over the raw lines in the same run, and PUT …/forecast/rolling under 50 concurrent clients; the day-25 and
// coverage checks, the snapshot flow and the planner's CSV feed (issue 11).
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { coverageCheck, day25Check } from '../src/alerts/checks.js';
import { buildApp } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase, queryRows } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { rebuildRollups } from '../src/exchange/rollups.js';
import { freshOverview, readOverview } from '../src/forecast/overview.js';
import { freezeOwedSnapshots } from '../src/forecast/snapshots.js';
import type { Actor } from '../src/org/permissions.js';
import { benchOrganisation } from './org.js';

const OPPORTUNITIES = Number(process.env.BENCH_OPPORTUNITIES ?? 50_000);
const CUSTOMERS = 5000;
const TZ = 'Asia/Shanghai';
/** The overview of every integrated track, as the CEO reads it. */
const COMPANY: Actor = { kind: 'apiKey', id: 0, name: 'bench', scopes: [] };

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

/** Opportunities, their versions and lines, targets, SAP orders and shipments carrying the codes, set-based. */
async function load(db: Db, run: (text: string) => Promise<unknown>) {
  await run(`insert into opportunities (code, name, customer_id, am_id, track_id, business_line, kind, stage, created_at, updated_at)
    select 'B' || g, '商机 ' || g, c.id, c.am_id, c.track_id, t.business_line,
      case when t.business_line = 'commodity' then 'commodity_mold' when g % 2 = 0 then 'mold_development' else 'mass_production' end,
      (array['lead','lead','L','L','M','M','H','H','won','lost'])[1 + g % 10], timestamptz '2025-12-10 10:00+08', timestamptz '2025-12-10 10:00+08'
    from generate_series(1, ${OPPORTUNITIES}) g
    join customers c on c.code = 'C' || (1 + g % ${CUSTOMERS}) join tracks t on t.id = c.track_id`);
  // The version that leads (rolling; the quote for commodity), and a precision version for integrated ones in H.
  await run(`insert into forecast_versions (opportunity_id, version, order_month, amount, updated_at)
    select o.id, case when o.business_line = 'commodity' then 'precision' else 'rolling' end,
      date '2026-01-01' + make_interval(months => o.id % 18), 120000 + (o.id % 500) * 240, o.created_at from opportunities o`);
  await run(`insert into forecast_versions (opportunity_id, version, order_month, amount, updated_at)
    select o.id, 'precision', date '2026-01-01' + make_interval(months => o.id % 18), 126000 + (o.id % 500) * 240, o.created_at
    from opportunities o where o.business_line = 'integrated' and o.stage = 'H'`);
  await run(`insert into forecast_months (opportunity_id, version, line, month, amount)
    select v.opportunity_id, v.version, 'shipment', (v.order_month + make_interval(months => k))::date, round(v.amount / 12, 2)
    from forecast_versions v, generate_series(1, 12) k`);
  await run(`insert into targets (year, month, kind, track_id, am_id, amount, run_id, updated_at)
    select 2026, m, 'orders', u.track_id, u.id, 3000000, 0, now() from generate_series(1, 12) m, users u where u.role = 'am'`);
  // SAP orders for the won ones and shipments on their rolling schedule with ±15 % noise, dated 2026.
  await run(`insert into sales_orders (order_no, line_no, date, amount, customer_id, track_id, am_id, opportunity_code, created_at, updated_at, run_id)
    select 'SO' || o.id, '10', v.order_month + 9, v.amount, o.customer_id, o.track_id, o.am_id, o.code, now(), now(), 0
    from opportunities o join forecast_versions v on v.opportunity_id = o.id and v.version = 'rolling'
    where o.stage in ('won', 'H') and v.order_month < date '2026-12-01'`);
  await run(`insert into shipments (source, doc_no, line_no, date, amount, customer_id, track_id, am_id, opportunity_code, created_at, updated_at, run_id)
    select 'ERP', 'S' || m.opportunity_id || '-' || to_char(m.month, 'YYYYMM'), '1', m.month + 14,
      round(m.amount * (0.85 + (hashint4(m.opportunity_id + extract(month from m.month)::int) & 1023) / 3410.0), 2),
      o.customer_id, o.track_id, o.am_id, case when o.id % 20 = 0 then null else o.code end, now(), now(), 0
    from forecast_months m join opportunities o on o.id = m.opportunity_id
    where m.month between date '2026-01-01' and date '2026-11-01' and o.stage <> 'lost'
      and m.version = case when o.business_line = 'commodity' then 'precision' else 'rolling' end`);
  await rebuildRollups(db);
  await run(`insert into data_sources values ('shipments', 'ERP', now(), '2026-12-31'), ('orders', 'SAP', now(), '2026-12-31')
    on conflict do nothing`);
}

/** Month M's drift before its window closes: a tenth of the lines move by up to ±20 %. */
const drift = (
  month: number,
) => `update forecast_months set amount = round(amount * (0.8 + (hashint4(opportunity_id * 31 + ${month}) & 255) / 637.5), 2)
  where (opportunity_id + ${month}) % 10 = 0`;

export async function benchForecast(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!baseUrl)
    throw new Error('the forecast benchmark runs on PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL');
  // BENCH_FORECAST_DB names the scratch database, so two people's runs on one server never collide.
  const name = process.env.BENCH_FORECAST_DB ?? 'crm_bench_forecast';
  await dropDatabase(baseUrl, name);
  await adminQuery(baseUrl, `create database ${name}`);
  const database = await openDatabase({ url: withDatabaseName(baseUrl, name) });
  const run = (text: string) => database.db.execute(sql.raw(text));
  await migrateDatabase(database);
  await seedOrganisation(database.db, benchOrganisation(20, 200, CUSTOMERS), 'bench-password', new Date());
  const loadStarted = performance.now();
  await load(database.db, run);
  await run('analyze');
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const [{ lines }] = (await queryRows<{ lines: number }>(
    database.db,
    sql`select count(*)::int as lines from forecast_months`,
  )) as [{ lines: number }];

  // The snapshot job: each month's window closes on day 6, 00:00 in the time zone; the job freezes it.
  const freezes: number[] = [];
  for (let m = 1; m <= 11; m++) {
    await run(drift(m));
    const close = new Date(`2026-${String(m).padStart(2, '0')}-06T00:01:00+08:00`);
    const t = performance.now();
    await database.db.transaction((tx) => freezeOwedSnapshots(tx, close, TZ));
    freezes.push(performance.now() - t);
  }
  await run('analyze');
  const [{ snapshotLines }] = (await queryRows<{ snapshotLines: number }>(
    database.db,
    sql`select count(*)::int as "snapshotLines" from forecast_snapshot_months`,
  )) as [{ snapshotLines: number }];

  const now = new Date('2026-12-03T02:00:00Z');
  const clock: Clock = { fake: false, now: () => now, refresh: async () => {}, set: async () => {} };
  const config = loadConfig({ port: 0 }, { CRM_WEB_DIR: '/nonexistent', LOG_LEVEL: 'warn' });
  const app = await buildApp({ database, clock, config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
  const cookieOf = async (username: string) => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'bench-password' }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  };
  const ceo = await cookieOf('ceo');
  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`, { headers: { cookie: ceo } });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const results: Record<string, unknown> = {};
  results['GET /forecast/overview?year=2026, kept (ms)'] = await timed(20, () => get('/forecast/overview?year=2026'));
  // A change to the year's inputs before each run (a stamp as a write's trigger appends): computed and kept anew.
  results['GET /forecast/overview?year=2026, first read after a change (ms)'] = await timed(
    10,
    () => get('/forecast/overview?year=2026'),
    () => run(`select change_stamp('overview', array[date '2026-01-01'])`),
  );
  results['overview kept, read in the process (no HTTP) (ms)'] = await timed(20, () =>
    readOverview(database.db, 2026, COMPANY, now, TZ),
  );
  results['overview computed afresh in the process, no kept result (ms)'] = await timed(10, () =>
    freshOverview(database.db, 2026, COMPANY, now, TZ),
  );
  results['naive: Σ rolling amount by track and order month over the raw lines (ms)'] = await timed(10, () =>
    run(`select o.track_id, date_trunc('month', v.order_month), sum(v.amount), sum(m.amount) from opportunities o
      join forecast_versions v on v.opportunity_id = o.id and v.version = 'rolling'
      join forecast_months m on m.opportunity_id = o.id and m.version = 'rolling'
      where o.stage <> 'lost' group by 1, 2`),
  );
  results['GET /forecast/accuracy?month=2026-11&view=month (ms)'] = await timed(10, () =>
    get('/forecast/accuracy?month=2026-11&view=month'),
  );
  results['GET /forecast/accuracy?month=2026-11&view=ytd (ms)'] = await timed(10, () =>
    get('/forecast/accuracy?month=2026-11&view=ytd'),
  );
  results['naive: Σ|A − F| by track, Jan–Nov, over the raw snapshot and shipment lines (ms)'] = await timed(5, () =>
    run(`with f as (select i.track_id, i.code, fm.line_month as month, sum(fm.amount) as f
        from forecast_snapshot_items i join forecast_snapshot_months fm on fm.month = i.month and fm.opportunity_id = i.opportunity_id
        where fm.line = 'shipment' and fm.line_month = i.month and i.month between date '2026-01-01' and date '2026-11-01'
        group by 1, 2, 3),
      a as (select opportunity_code as code, date_trunc('month', date)::date as month, sum(amount) as a from shipments
        where date between date '2026-01-01' and date '2026-11-30' group by 1, 2)
      select f.track_id, sum(abs(coalesce(a.a, 0) - f.f)), sum(a.a) from f left join a on a.code = f.code and a.month = f.month
      group by 1`),
  );
  results['GET /forecast/flow?from=2026-10&to=2026-11 (ms)'] = await timed(5, () =>
    get('/forecast/flow?from=2026-10&to=2026-11'),
  );
  const jobs = await alertJobs(database.db);
  const feed = await feedExport(base, await cookieOf('admin'));
  const body = await get('/forecast/accuracy?month=2026-11&view=ytd');
  const itemCount = (body as { tracks: { items: unknown[] }[] }).tracks.reduce((n, t) => n + t.items.length, 0);

  // PUT …/forecast/rolling under 50 concurrent clients, each request a random open integrated opportunity.
  const admin = await cookieOf('admin');
  const ids = (
    await queryRows<{ id: number }>(
      database.db,
      sql`select id from opportunities where business_line = 'integrated' and stage in ('lead', 'L', 'M') order by id`,
    )
  ).map((r) => r.id);
  let k = 0;
  const put = await autocannon({
    url: base,
    connections: 50,
    duration: Number(process.env.BENCH_SECONDS ?? 10),
    // A cookie-signed write must come from the site's own origin (CSRF check).
    headers: { cookie: admin, 'content-type': 'application/json', origin: new URL(base).origin },
    requests: [
      {
        method: 'PUT',
        setupRequest: (req) => {
          const id = ids[(k++ * 7919) % ids.length]!;
          const amount = 100000 + (k % 1000);
          return {
            ...req,
            path: `/api/v1/opportunities/${id}/forecast/rolling`,
            body: JSON.stringify({
              orderMonth: '2027-03',
              amount,
              shipments: { '2027-04': amount / 2, '2027-05': amount / 2 },
              reason: '客户推迟',
            }),
          };
        },
      },
    ],
  });
  await app.close();
  await database.close();
  if (!process.env.BENCH_KEEP) await dropDatabase(baseUrl, name);
  console.table(results);
  freezes.sort((a, b) => a - b);
  console.log(
    `snapshot job, one month frozen (11 months): median ${freezes[5]!.toFixed(0)} ms, max ${freezes[10]!.toFixed(0)} ms`,
  );
  console.log(
    `PUT rolling, 50 clients: ${Math.round(put.requests.average)} req/s, p50 ${put.latency.p50} ms, p97.5 ${put.latency.p97_5} ms, p99 ${put.latency.p99} ms, non-2xx ${put.non2xx}, errors ${put.errors}`,
  );
  console.log(
    `alert jobs over ${OPPORTUNITIES.toLocaleString()} opportunities (in a transaction rolled back): day-25 ${jobs.day25} ms (${jobs.day25Raised} raised), coverage ${jobs.coverage} ms (${jobs.coverageRaised} raised)`,
  );
  console.log(
    `feed export GET /feeds/forecast?format=csv: ${feed.rows.toLocaleString()} rows, ${feed.mb} MB in ${feed.seconds} s = ${feed.rowsPerSecond.toLocaleString()} rows/s; RSS of the process (server and client) ${feed.rssBefore} MB before, peak ${feed.rssPeak} MB`,
  );
  console.log(
    `database: postgresql; ${OPPORTUNITIES.toLocaleString()} opportunities, ${lines.toLocaleString()} forecast month lines, ${snapshotLines.toLocaleString()} snapshot month lines, 20 tracks, 200 AMs, ${CUSTOMERS} customers; loaded in ${loadSeconds.toFixed(0)} s; accuracy YTD answer holds ${itemCount.toLocaleString()} item-months`,
  );
}

class Rollback extends Error {}

/** The day-25 and coverage checks at their moments, timed in transactions that are rolled back. */
async function alertJobs(db: Db) {
  const timedCheck = async (check: (tx: Db) => Promise<number>) => {
    let raised = 0;
    const t = performance.now();
    await db
      .transaction(async (tx) => {
        raised = await check(tx);
        throw new Rollback();
      })
      .catch((e) => {
        if (!(e instanceof Rollback)) throw e;
      });
    return { ms: Math.round(performance.now() - t), raised };
  };
  const at = new Date('2026-12-25T09:00:00+08:00');
  const day25 = await timedCheck((tx) => day25Check(tx, '2026-12', at));
  const coverage = await timedCheck((tx) => coverageCheck(tx, '2026-12', at, TZ));
  return { day25: day25.ms, day25Raised: day25.raised, coverage: coverage.ms, coverageRaised: coverage.raised };
}

/** The planner's CSV feed read to the end: rows/s, and the process's resident memory sampled meanwhile. */
async function feedExport(base: string, cookie: string) {
  const mb = (n: number) => Math.round(n / 1048576);
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const t = performance.now();
  const res = await fetch(`${base}/feeds/forecast?format=csv`, { headers: { cookie } });
  if (res.status !== 200 || !res.body) throw new Error(`feed: ${res.status} ${await res.text()}`);
  let rows = 0;
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) rows++;
  }
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  return {
    rows: rows - 1,
    mb: mb(bytes),
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round((rows - 1) / seconds),
    rssBefore: mb(rssBefore),
    rssPeak: mb(rssPeak),
  };
}
