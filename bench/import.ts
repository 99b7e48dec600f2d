// `npm run bench -- import`: rows/s writing shipment lines through the exchange path (validation,
// attribution, rollups) against raw COPY of the same rows, in the same run. Two rows, each with its own
// baseline (BENCH_IMPORT=in-process|http picks one; both by default):
// - in process: `writeBack` in batches of 50,000 vs COPY into `shipments` with all its indexes (issue 3);
// - over HTTP: the real server (a child process) taking `POST /api/v1/exchange/shipments` in batches of
//   20,000 vs `\copy` of the same rows into a table keyed like the lines (issue 14), and the floor of any
//   write-back keeping these lines: `\copy` into a stage + one insert into `shipments`. PostgreSQL only.
// PostgreSQL when BENCH_DATABASE_URL / TEST_DATABASE_URL is set (1,000,000 lines), else PGlite at one
// tenth (BENCH_ROWS overrides).
import { fork, spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { writeBack } from '../src/exchange/write-back.js';
import { benchOrganisation } from './org.js';

const CUSTOMERS = 3000;

type Line = {
  source: string;
  docNo: string;
  lineNo: number;
  date: string;
  customerCode: string;
  amount: number;
  cost?: number;
};

function line(i: number): Line {
  const month = (i % 60) + 1;
  const year = 2022 + Math.floor((month - 1) / 12);
  const date = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  return {
    source: 'ERP',
    docNo: `D${Math.floor(i / 4)}`,
    lineNo: (i % 4) + 1,
    date,
    customerCode: `C${(i % CUSTOMERS) + 1}`,
    amount: 1000 + (i % 997),
    ...(i % 7 ? { cost: 800 + (i % 501) } : {}),
  };
}

function* shipmentBatches(total: number, size: number) {
  for (let start = 0; start < total; start += size) {
    const rows: Line[] = [];
    for (let i = start; i < Math.min(total, start + size); i++) rows.push(line(i));
    yield rows;
  }
}

function peakRss(): () => number {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return () => {
    clearInterval(timer);
    return Math.round(peak / 1048576);
  };
}

/** A fresh database named after the bench's own one (BENCH_DATABASE_URL's name + suffix). */
async function freshDatabase(baseUrl: string, suffix: string): Promise<string> {
  const name = `${new URL(baseUrl).pathname.slice(1) || 'crm_bench'}_${suffix}`;
  await dropDatabase(baseUrl, name);
  await adminQuery(baseUrl, `create database ${name}`);
  return withDatabaseName(baseUrl, name);
}

/** Writes the lines as CSV (one line per row, `columns` picks the fields); returns the file's path. */
async function writeCsv(total: number, columns: (r: Line) => string): Promise<string> {
  const csv = join(tmpdir(), `bench-shipments-${process.pid}.csv`);
  const out = createWriteStream(csv);
  for (const rows of shipmentBatches(total, 50_000)) out.write(rows.map((r) => `${columns(r)}\n`).join(''));
  await new Promise((resolve) => out.end(resolve));
  return csv;
}

function psqlCopy(url: string, target: string, csv: string): void {
  const psql = spawnSync('psql', [url, '-qc', `\\copy ${target} from '${csv}' with (format csv)`], {
    stdio: 'inherit',
  });
  if (psql.status !== 0) throw new Error('psql \\copy failed');
}

/**
 * The least any write-back keeping the lines and their indexes must do, timed with `psql` on the database
 * the server has just filled: each batch `\\copy`-ed into a stage and inserted into `shipments` with its
 * four indexes and the customer's attribution, one transaction per batch — no JSON, no checks, no probe
 * for old values, no rollups. How close the HTTP row can come to `\\copy` is bounded by this one.
 */
async function insertFloor(url: string, total: number, size: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-floor-'));
  const script: string[] = [
    'create temp table stage (source text, doc text, line text, day date, customer text, amount numeric, cost numeric);',
  ];
  let k = 0;
  for (const rows of shipmentBatches(total, size)) {
    const file = join(dir, `${k++}.csv`);
    // Keys of their own ('F' documents), so every line is new, as in the HTTP run.
    await writeFile(
      file,
      rows
        .map((r) => `${r.source},F${r.docNo},${r.lineNo},${r.date},${r.customerCode},${r.amount},${r.cost ?? ''}\n`)
        .join(''),
    );
    script.push(
      'begin;',
      `\\copy stage from '${file}' with (format csv)`,
      `insert into shipments (source, doc_no, line_no, date, amount, cost, customer_id, track_id, am_id, created_at, updated_at, run_id)
        select s.source, s.doc, s.line, s.day, s.amount, s.cost, c.id, c.track_id, c.am_id, now(), now(), 0
        from stage s join customers c on c.code = s.customer;`,
      'truncate stage;',
      'commit;',
    );
  }
  const started = performance.now();
  const psql = spawnSync('psql', [url, '-qv', 'ON_ERROR_STOP=1'], {
    input: script.join('\n'),
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const seconds = (performance.now() - started) / 1000;
  await rm(dir, { recursive: true, force: true });
  if (psql.status !== 0) throw new Error('psql floor failed');
  return seconds;
}

const rate = (total: number, s: number) => Math.round(total / s);
type Figures = { rows: number; seconds: number; rowsPerSecond: number; peakRssMb: number | null };
const figures = (total: number, s: number, peak: number | null): Figures => ({
  rows: total,
  seconds: Number(s.toFixed(1)),
  rowsPerSecond: rate(total, s),
  peakRssMb: peak,
});

async function benchInProcess(baseUrl: string | undefined, total: number): Promise<void> {
  const url = baseUrl ? await freshDatabase(baseUrl, 'inproc') : undefined;
  const pglite = url ? undefined : await PGlite.create();
  const database = await openDatabase(url ? { url } : { pglite });
  await migrateDatabase(database);
  await seedOrganisation(database.db, benchOrganisation(30, 300, CUSTOMERS), 'bench-password', new Date());

  const stopRss = peakRss();
  const started = performance.now();
  for (const rows of shipmentBatches(total, 50_000)) {
    await writeBack(database.db, { kind: 'shipments', rows, actor: 'system', via: 'cli', now: new Date() });
  }
  const ours = (performance.now() - started) / 1000;
  const ourPeak = stopRss();

  const csv = await writeCsv(
    total,
    (r) =>
      `${r.source},${r.docNo},${r.lineNo},${r.date},${r.amount},${r.cost ?? ''},1,1,1,,false,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,0`,
  );
  await database.query('truncate shipments');
  const target =
    'shipments (source, doc_no, line_no, date, amount, cost, customer_id, track_id, am_id, opportunity_code, void, created_at, updated_at, run_id)';
  const copyStarted = performance.now();
  if (url) psqlCopy(url, target, csv);
  else
    await pglite!.query(`copy ${target} from '/dev/blob' with (format csv)`, [], {
      blob: new Blob([await readFile(csv)]),
    });
  const copy = (performance.now() - copyStarted) / 1000;
  await rm(csv, { force: true });
  await database.close();
  if (baseUrl) await dropDatabase(baseUrl, new URL(url!).pathname.slice(1));

  console.table({
    'writeBack in process, batches of 50,000': figures(total, ours, ourPeak),
    'raw COPY into shipments (all indexes)': figures(total, copy, null),
  });
  console.log(
    `database: ${url ? 'postgresql' : 'pglite'}; in process = ${((copy / ours) * 100).toFixed(0)} % of raw COPY (goal ≥ 50 % on PostgreSQL)`,
  );
}

/** The server's peak resident memory (VmHWM) in MB, read from /proc while it still runs. */
async function serverPeakRss(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}

/** An integration's API key (scope `integration`: `exchange.write`), made by the admin (as integrations are set up). */
async function apiKey(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const headers = { 'content-type': 'application/json', origin: base };
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: 'admin', password: 'bench-password' }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${base}/api/v1/admin/api-keys`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: 'bench ERP', scopes: ['integration'] }),
  });
  if (created.status !== 201) throw new Error(`api key failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { key: string }).key;
}

/**
 * POSTs every batch (an Idempotency-Key each, as an integration sends them); returns seconds in requests
 * and the milliseconds of each request (does a batch cost more as the history grows?). With
 * BENCH_INFLIGHT=n up to n batches are on their way at once (the kind's lock still writes them one after
 * the other; what overlaps is one batch's parsing and checking with the previous one's writing), and the
 * seconds are the wall time from the first request to the last answer.
 */
async function postBatches(port: number, key: string, total: number, size: number) {
  const inflight = Math.max(1, Number(process.env.BENCH_INFLIGHT ?? 1));
  let spent = 0;
  let batch = 0;
  const each: number[] = [];
  const post = async (rows: unknown[]) => {
    const body = JSON.stringify({ rows });
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/exchange/shipments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${key}`,
        'idempotency-key': `bench-${batch++}`,
      },
      body,
    });
    const answer = await response.text();
    each.push(performance.now() - started);
    spent += each.at(-1)!;
    if (response.status !== 200) throw new Error(`batch ${batch}: ${response.status} ${answer.slice(0, 500)}`);
  };
  const wallStarted = performance.now();
  const pending = new Set<Promise<void>>();
  for (const rows of shipmentBatches(total, size)) {
    const sent: Promise<void> = post(rows).finally(() => pending.delete(sent));
    pending.add(sent);
    if (pending.size >= inflight) await Promise.race(pending);
  }
  await Promise.all(pending);
  const wall = (performance.now() - wallStarted) / 1000;
  return { seconds: inflight === 1 ? spent / 1000 : wall, each };
}

const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0);

async function benchHttp(baseUrl: string | undefined, total: number): Promise<void> {
  if (!baseUrl) {
    console.log('HTTP row: PostgreSQL only (set BENCH_DATABASE_URL)');
    return;
  }
  const size = Number(process.env.BENCH_BATCH ?? 20_000);
  const inflight = Math.max(1, Number(process.env.BENCH_INFLIGHT ?? 1));
  const url = await freshDatabase(baseUrl, 'http');
  const child = fork(new URL('./import-server.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { ...process.env, BENCH_DATABASE_URL: url, BENCH_CUSTOMERS: String(CUSTOMERS) },
  });
  let ours: { seconds: number; each: number[] };
  let peak: number | null;
  try {
    const { port } = await new Promise<{ port: number }>((resolve) =>
      child.once('message', (m) => resolve(m as never)),
    );
    ours = await postBatches(port, await apiKey(port), total, size);
    peak = await serverPeakRss(child.pid!);
  } finally {
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
  }

  // The same rows as sent, into a table with the lines' key as its primary key.
  const csv = await writeCsv(
    total,
    (r) => `${r.source},${r.docNo},${r.lineNo},${r.date},${r.customerCode},${r.amount},${r.cost ?? ''}`,
  );
  await adminQuery(
    url,
    `create table copy_lines (source text, doc_no text, line_no text, date date, customer_code text,
      amount numeric(18,2), cost numeric(18,2), primary key (source, doc_no, line_no))`,
  );
  const copyStarted = performance.now();
  psqlCopy(url, 'copy_lines', csv);
  const copy = (performance.now() - copyStarted) / 1000;
  await rm(csv, { force: true });
  const floor = await insertFloor(url, total, size);
  if (!process.env.BENCH_KEEP) await dropDatabase(baseUrl, new URL(url).pathname.slice(1));

  console.table({
    [`POST /api/v1/exchange/shipments, batches of ${size.toLocaleString('en')}${inflight > 1 ? `, ${inflight} at once` : ''}`]:
      figures(total, ours.seconds, peak),
    '\\copy into a table with the same primary key': figures(total, copy, null),
    [`floor: \\copy into a stage + insert into shipments, batches of ${size.toLocaleString('en')}`]: figures(
      total,
      floor,
      null,
    ),
  });
  const { each } = ours;
  console.log(
    `per batch: median of the first five ${median(each.slice(0, 5))} ms, of the last five ${median(each.slice(-5))} ms`,
  );
  console.log(
    `database: postgresql; HTTP = ${((copy / ours.seconds) * 100).toFixed(0)} % of \\copy (first bar ≥ 30 %); ` +
      `the floor = ${((copy / floor) * 100).toFixed(0)} % of \\copy`,
  );
}

export async function benchImport(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const total = Number(process.env.BENCH_ROWS ?? (baseUrl ? 1_000_000 : 100_000));
  const which = process.env.BENCH_IMPORT ?? 'both';
  if (which !== 'http') await benchInProcess(baseUrl, total);
  if (which !== 'in-process') await benchHttp(baseUrl, total);
}
