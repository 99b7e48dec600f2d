// `npm run bench -- import`: rows/s writing shipment lines through the exchange path (validation,
// attribution, rollups; batches of 50,000 as an integration sends them) against raw COPY of the same
// rows into the same table, in the same run. PostgreSQL when BENCH_DATABASE_URL / TEST_DATABASE_URL is
// set (1,000,000 lines), else PGlite at one tenth (BENCH_ROWS overrides).
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { adminQuery, dropDatabase, withDatabaseName } from '../src/db/test-database.js';
import { seedOrganisation } from '../src/demo/seed.js';
import { writeBack } from '../src/exchange/write-back.js';
import { benchOrganisation } from './org.js';

const BATCH = 50_000;
const CUSTOMERS = 3000;

function* shipmentBatches(total: number) {
  for (let start = 0; start < total; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const month = (i % 60) + 1;
      const year = 2022 + Math.floor((month - 1) / 12);
      const date = `${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      rows.push({
        source: 'ERP',
        docNo: `D${Math.floor(i / 4)}`,
        lineNo: (i % 4) + 1,
        date,
        customerCode: `C${(i % CUSTOMERS) + 1}`,
        amount: 1000 + (i % 997),
        ...(i % 7 ? { cost: 800 + (i % 501) } : {}),
      });
    }
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

export async function benchImport(): Promise<void> {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const total = Number(process.env.BENCH_ROWS ?? (baseUrl ? 1_000_000 : 100_000));
  const name = 'crm_bench_import';
  if (baseUrl) {
    await dropDatabase(baseUrl, name);
    await adminQuery(baseUrl, `create database ${name}`);
  }
  const url = baseUrl ? withDatabaseName(baseUrl, name) : undefined;
  const pglite = url ? undefined : await PGlite.create();
  const database = await openDatabase(url ? { url } : { pglite });
  await migrateDatabase(database);
  await seedOrganisation(database.db, benchOrganisation(30, 300, CUSTOMERS), 'bench-password', new Date());

  const stopRss = peakRss();
  const started = performance.now();
  for (const rows of shipmentBatches(total)) {
    await writeBack(database.db, { kind: 'shipments', rows, actor: 'system', via: 'cli', now: new Date() });
  }
  const ours = (performance.now() - started) / 1000;
  const ourPeak = stopRss();

  const csv = join(tmpdir(), `bench-shipments-${process.pid}.csv`);
  const out = createWriteStream(csv);
  for (const rows of shipmentBatches(total)) {
    for (const r of rows)
      out.write(
        `${r.source},${r.docNo},${r.lineNo},${r.date},${r.amount},${r.cost ?? ''},1,1,1,${r.customerCode === 'x' ? '' : ''},false,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,0\n`,
      );
  }
  await new Promise((resolve) => out.end(resolve));
  await database.query('truncate shipments');
  const columns =
    '(source, doc_no, line_no, date, amount, cost, customer_id, track_id, am_id, opportunity_code, void, created_at, updated_at, run_id)';
  const copyStarted = performance.now();
  if (url) {
    const psql = spawnSync('psql', [url, '-qc', `\\copy shipments ${columns} from '${csv}' with (format csv)`], {
      stdio: 'inherit',
    });
    if (psql.status !== 0) throw new Error('psql \\copy failed');
  } else {
    await pglite!.query(`copy shipments ${columns} from '/dev/blob' with (format csv)`, [], {
      blob: new Blob([await readFile(csv)]),
    });
  }
  const copy = (performance.now() - copyStarted) / 1000;
  await rm(csv, { force: true });
  await database.close();
  if (baseUrl) await dropDatabase(baseUrl, name);

  const rate = (s: number) => Math.round(total / s);
  console.table({
    'exchange path (validate, attribute, merge, rollups)': {
      rows: total,
      seconds: Number(ours.toFixed(1)),
      rowsPerSecond: rate(ours),
      peakRssMb: ourPeak,
    },
    'raw COPY into shipments': {
      rows: total,
      seconds: Number(copy.toFixed(1)),
      rowsPerSecond: rate(copy),
      peakRssMb: null,
    },
  });
  console.log(
    `database: ${url ? 'postgresql' : 'pglite'}; exchange path = ${((copy / ours) * 100).toFixed(0)} % of raw COPY (goal ≥ 50 % on PostgreSQL)`,
  );
}
