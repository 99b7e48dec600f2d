import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** A database handle or an open transaction: store functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /**
   * A plain SQL query on the underlying driver (admin work such as advisory locks, and hot reads that
   * skip the ORM). With a `name`, PostgreSQL parses and plans it once per connection (a prepared
   * statement); one name must always carry the same text.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /** Runs fn holding a session-level advisory lock (no-op on PGlite, which has one connection). */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseOptions = { url?: string | undefined; dataDir?: string | undefined; pglite?: PGlite };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  if (options.pglite) return openPglite(options.pglite);
  const { client, unlock } = await createPglite(options.dataDir);
  return openPglite(client, unlock);
}

/**
 * The embedded database keeps 32 MB of shared buffers instead of PostgreSQL's 128 MB: PGlite's buffers live
 * in the server's own memory (they were a quarter of its resident size, issue 14), while the files it reads
 * stay in the operating system's cache; a single-user demo or small site does not miss them.
 */
const PGLITE_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

async function createPglite(dataDir: string | undefined): Promise<{ client: PGlite; unlock?: () => void }> {
  if (!dataDir) return { client: await PGlite.create({ startParams: PGLITE_START }) };
  const unlock = lockDataDir(dataDir);
  try {
    return { client: await PGlite.create({ dataDir, startParams: PGLITE_START }), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

function openPglite(client: PGlite, unlock?: () => void): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query(text, params) {
      const result = await client.query(text, params);
      return result.rows as never[];
    },
    withAdvisoryLock: (_key, fn) => fn(),
    async close() {
      try {
        await client.close();
      } finally {
        unlock?.();
      }
    },
  };
}

function openPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection the server closes (restart, failover, a dropped test database) is discarded by
  // the pool; without a listener node-postgres would turn it into an uncaught exception.
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  // Amounts are numeric(18,2) and counts are bigint: keep them exact as strings, the stores convert.
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    kind: 'postgresql',
    db,
    async query(text, params, name) {
      const values = params as unknown[];
      const result = name ? await pool.query({ name, text, values }) : await pool.query(text, values);
      return result.rows;
    },
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Rows of a hand-written query (both drivers answer `{rows}`); for analytics and set-based merges. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** One CSV field for COPY: NULL is an empty unquoted field, every text is quoted (so '' stays ''). */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return `"${String(value).replaceAll('"', '""')}"`;
}

/**
 * COPY rows into a table inside an open transaction — the fastest way PostgreSQL takes rows. Reaches
 * the transaction's own connection (node-postgres client or PGlite transaction) under Drizzle.
 */
export async function copyRows(
  tx: Db,
  table: string,
  columns: string[],
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const csv = rows.map((r) => columns.map((c) => csvField(r[c])).join(',')).join('\n');
  const statement = `copy ${table} (${columns.join(', ')}) from stdin with (format csv)`;
  const client = (tx as unknown as { session: { client: unknown } }).session.client as {
    query: (...args: unknown[]) => unknown;
  };
  if ('release' in (client as object)) {
    const { from } = await import('pg-copy-streams');
    const stream = client.query(from(statement)) as NodeJS.WritableStream;
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('finish', () => resolve());
      stream.end(csv);
    });
    return;
  }
  await client.query(statement.replace('from stdin', "from '/dev/blob'"), [], { blob: new Blob([csv]) });
}

type Results<T extends readonly (() => Promise<unknown>)[]> = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };

/**
 * Independent reads at once on a pool; one after the other inside a transaction, whose one connection
 * cannot run two queries at a time (node-postgres queues them with a deprecation warning today and will
 * refuse them in its next major version).
 */
export async function together<const T extends readonly (() => Promise<unknown>)[]>(
  db: Db,
  reads: T,
): Promise<Results<T>> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(reads.map((read) => read()))) as Results<T>;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as Results<T>;
}
